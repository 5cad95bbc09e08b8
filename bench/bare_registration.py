"""The §1.2.2 registration flow in bare Playwright: the same clicks as the harness's scenario (使用电子营业执照扫描二维码
完成注册, up to its last step: logging in with the new account), no pytest, no page objects, no screenshots. The benchmark times this against the harness. Prints one duration (s) per line."""
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from fixtures.browser import QUIET_CHROMIUM_FLAGS, system_chromium  # noqa: E402
from fixtures.data import DataFactory  # noqa: E402
from fixtures.server import LiveServer  # noqa: E402
from mock_portal import arrange  # noqa: E402
from mock_portal.qr import decode_qr_image  # noqa: E402,F401  (the same decoder the phone uses)


def register_once(browser, server, factory, devices) -> float:
    portal_state = server.app.extensions["portal"]
    started = time.perf_counter()
    portal_state.store.reset()
    enterprise = factory.enterprise()
    rep = arrange.person(portal_state.store, **vars(enterprise.legal_rep))
    enterprise_id = arrange.enterprise(portal_state.store, enterprise.name, enterprise.uscc, rep, claimed=True)
    agent = factory.person()
    agent_id = arrange.person(portal_state.store, **vars(agent))
    arrange.authorized_agent(portal_state.store, enterprise_id, agent_id)

    desktop = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 800})
    phone = browser.new_context(base_url=server.url, **devices)
    portal, mobile = desktop.new_page(), phone.new_page()
    mobile.goto(f"/__test__/phone-login/{agent_id}")
    portal.goto("/APEC/")
    portal.get_by_role("banner").get_by_role("link", name="登录", exact=True).click()
    portal.get_by_role("link", name="注册新账号").click()
    picture = portal.get_by_role("img", name="电子营业执照扫码二维码").screenshot()
    mobile.goto("/miniapp/home")
    mobile.get_by_role("link", name="扫一扫").click()
    with mobile.expect_navigation():
        mobile.get_by_label("从相册选择二维码").set_input_files(
            files=[{"name": "qr.png", "mimeType": "image/png", "buffer": picture}])
    mobile.get_by_role("radio", name=enterprise.name).check()
    mobile.get_by_label("执照密码").fill("123456")
    mobile.get_by_role("button", name="确认").click()
    expect(portal.get_by_label("企业名称", exact=True)).to_have_value(enterprise.name)
    portal.get_by_label("企业注册地（省份）").select_option("湖南省")
    portal.get_by_label("企业注册地（详细地址）").fill("长沙市岳麓区麓谷大道 1 号")
    portal.get_by_label("企业联系电话", exact=True).fill("0731-88886666")
    portal.get_by_label("企业性质", exact=True).select_option("民营企业")
    portal.get_by_label("所属行业", exact=True).select_option("批发和零售业")
    portal.get_by_label("员工人数", exact=True).fill("120")
    portal.get_by_role("button", name="下一步").click()
    email, password = factory.email(), factory.password()
    portal.get_by_label("邮箱账号", exact=True).fill(email)
    portal.get_by_role("button", name="获取验证码").click()
    expect(portal.get_by_role("status")).to_contain_text("验证码已发送")
    code = re.search(r"\d{6}", server.catcher.messages(email)[-1]["body"]).group()
    portal.get_by_label("密码", exact=True).fill(password)
    portal.get_by_label("确认密码", exact=True).fill(password)
    portal.get_by_label("邮箱验证码", exact=True).fill(code)
    portal.get_by_label("我已阅读并同意《中国领事用户协议》和《隐私政策》", exact=True).check()
    portal.get_by_role("button", name="立即注册").click()
    expect(portal.get_by_role("heading", name="注册成功")).to_be_visible()
    portal.goto("/APEC/login")  # the scenario's last steps: 用注册的邮箱账号和密码登录系统, 那么 登录系统
    portal.get_by_label("邮箱账号", exact=True).fill(email)
    portal.get_by_label("密码", exact=True).fill(password)
    portal.get_by_role("button", name="确认").click()
    expect(portal.get_by_role("heading", name="欢迎")).to_contain_text(enterprise.name)
    expect(portal.get_by_role("banner").locator(".who")).to_contain_text(enterprise.name)
    desktop.close()
    phone.close()
    return time.perf_counter() - started


def main(runs: int) -> None:
    server = LiveServer().start()
    factory = DataFactory(seed=7)
    with sync_playwright() as playwright:
        chromium = playwright.chromium
        path = None if Path(chromium.executable_path).exists() else system_chromium()
        browser = chromium.launch(executable_path=path, args=QUIET_CHROMIUM_FLAGS)
        devices = {k: v for k, v in playwright.devices["iPhone 13"].items() if k != "default_browser_type"}
        register_once(browser, server, factory, devices)  # warm-up, as the harness's first scenario pays launch
        for _ in range(runs):
            print(f"{register_once(browser, server, factory, devices):.3f}", flush=True)
        browser.close()
    server.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
