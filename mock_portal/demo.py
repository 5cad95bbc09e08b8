"""Demo data for the standalone server (`python -m mock_portal`), so a person can click through the guide by hand:
§1.2.1.2 claim the license → §1.2.2 register the portal account → §1.3 log in.

Only the standalone server seeds it and shows the demo panel; the app in testing mode (the scenarios) never does.
"""
from . import arrange
from .licenses import CONSULAR_SERVICE, PRECISE
from .store import Store

# Valid check digits (GB 32100 / GB 11643); names are made up.
ENTERPRISE = {"name": "湖南星沙示例科技有限公司", "uscc": "91430121MA4L0D6X7G"}  # to claim and register by hand
READY_ENTERPRISE = {"name": "湖南麓山示例贸易有限公司", "uscc": "91430102MA4M8K2N3H"}  # already registered
READY_ACCOUNT = {"email": "demo@example.com", "password": "Demo@2026"}
LEGAL_REP = {"name": "张三", "id_number": "430121198001010010", "mobile": "13800138000"}
AGENT = {"name": "李四", "id_number": "430102199001010024", "mobile": "13900139000"}
PRECISE_AGENT = {"name": "王五", "id_number": "430103199203030038", "mobile": "13700137000"}
PEOPLE = (("法定代表人", LEGAL_REP), ("办事人（全业务授权）", AGENT), ("办事人（精准授权：领事服务）", PRECISE_AGENT))
PAY_PASSWORD = arrange.INITIAL_PAY_PASSWORD
LICENSE_PASSWORD = arrange.INITIAL_LICENSE_PASSWORD
CHANNELS = (
    ("电子营业执照APP", "输入姓名和证件号码 → 人脸识别（点【开始识别】）"),
    ("微信小程序", f"先在入口页选择“这部手机属于谁” → 微信支付密码 {PAY_PASSWORD} → 确认实名信息 → 人脸识别"),
    ("支付宝小程序", "先在入口页选择“这部手机属于谁” → 授权获取实名信息 → 授权人脸采集"),
)


def seed(store: Store) -> None:
    if store.one("SELECT 1 FROM enterprises LIMIT 1"):
        return  # keep what a person already did: state survives restarts
    legal_rep = arrange.person(store, **LEGAL_REP)
    agent = arrange.person(store, **AGENT)
    precise_agent = arrange.person(store, **PRECISE_AGENT)
    # Not yet claimed: the legal representative's first download is §1.2.1.2. The agents are authorized already
    # and can download once it is claimed.
    enterprise = arrange.enterprise(store, legal_rep_id=legal_rep, **ENTERPRISE)
    arrange.authorized_agent(store, enterprise, agent, downloaded=False)
    arrange.authorized_agent(store, enterprise, precise_agent, downloaded=False, mode=PRECISE,
                             matters=[CONSULAR_SERVICE])
    ready = arrange.enterprise(store, legal_rep_id=legal_rep, claimed=True, **READY_ENTERPRISE)
    arrange.authorized_agent(store, ready, agent)
    arrange.account(store, ready, READY_ACCOUNT["email"], READY_ACCOUNT["password"])


def describe() -> str:
    """What the terminal prints at start; the same as the demo panel at /demo/."""
    people = "\n".join(f"  {role} {p['name']} 证件号码 {p['id_number']} 手机 {p['mobile']}" for role, p in PEOPLE)
    return "\n".join([
        "演示数据 / demo data (also on the page /demo/):",
        f"  待领取、待注册的企业 {ENTERPRISE['name']}  统一社会信用代码 {ENTERPRISE['uscc']}",
        f"  已注册的企业 {READY_ENTERPRISE['name']}  账号 {READY_ACCOUNT['email']}  密码 {READY_ACCOUNT['password']}",
        people,
        f"  执照密码 {LICENSE_PASSWORD}   微信支付密码 {PAY_PASSWORD}",
    ])
