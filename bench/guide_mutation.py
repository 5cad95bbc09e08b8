"""Mutation check of the guide validator: edit a copy of the guide as a writer would after a portal
change, validate it against one run record, and count what is reported at the edited section.

Run: `.venv/bin/python bench/guide_mutation.py [--guide hunan|jiangxi|sichuan] [--record RECORD] [--verbose]
[--only CATEGORY]`. The record is by default the whole recorded run kept for the unit tests
(tests/unit/data/run-record-full.json.gz, every scenario passing), so the table does not depend on the last local
run. `--guide jiangxi|sichuan` edits one of the other provinces' guides of tests/data/guides instead (their edits:
bench/other_guide_edits.py), whose sections the validator matches to the run by content.

Each edit is (category, old words, new words, section it belongs to[, screen text the hint must
name]). An edit is *found* when the validator reports a finding the unedited guide does not have, at
that section (or one within it); for the hint category the finding's 界面显示 must also name the
expected screen text. The must-not-flag edits (harmless rewording, punctuation) must add no finding
at all. Prints a Markdown table; exits 1 when a category is under 95% or a must-not-flag edit is
reported.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from validator.analysis import analyse  # noqa: E402
from validator.guide import is_within, parse_text  # noqa: E402
from validator.record import load_record, record_from_data  # noqa: E402
import other_guide_edits  # noqa: E402

GUIDE = ROOT / "guide" / "hunan-apec-account-registration.md"
FULL_RUN = ROOT / "tests" / "unit" / "data" / "run-record-full.json.gz"
TARGET = 0.95
VALID = "must-not-flag"

# (category, old, new, section[, hint]) — old must occur exactly once in the guide.
EDITS: list[tuple] = [
    # UI names written without quote marks, changed as a writer would.
    ("unquoted name", "2. 选择注册新账号", "2. 选择注册新帐号", "1.2.2"),
    ("unquoted name", "2. 选择注册新账号", "2. 选择注册账号", "1.2.2"),
    ("unquoted name", "2. 选择注册新账号", "2. 选择新用户注册", "1.2.2"),
    ("unquoted name", "1. 进入 APEC 主页中, 选择登录", "1. 进入 APEC 主页中, 选择登陆", "1.2.2"),
    ("unquoted name", "1. 进入 APEC 主页中, 选择登录", "1. 进入 APEC 首页中, 选择登录", "1.2.2"),
    ("unquoted name", "1) 输入企业信息:", "1) 输入公司信息:", "1.2.2"),
    ("unquoted name", "1) 输入企业信息:", "1) 输入企业资料:", "1.2.2"),
    ("unquoted name", "2) 设置企业邮箱账号、", "2) 设置企业邮件账号、", "1.2.2"),
    ("unquoted name", "设置登录密码，完成注册", "设置登录口令，完成注册", "1.2.2"),
    ("unquoted name", "输入正确的企业邮箱账号、密码", "输入正确的企业邮箱帐号、密码", "1.3"),
    ("unquoted name", "输入正确的企业邮箱账号、密码", "输入正确的企业邮件地址、密码", "1.3"),
    ("unquoted name", "可以切换扫码登录", "可以切换扫描登录", "1.3"),
    ("unquoted name", "3. 经办人账号登录", "3. 经办人帐号登录", "1.3"),
    ("unquoted name", "3. 经办人账号登录", "3. 办事人账号登录", "1.3"),
    ("unquoted name", "打开领事 APEC 商务旅行卡页面", "打开领事 APEC 商务卡页面", "1.1"),
    ("unquoted name", "按钮进入登录页面", "按钮进入登陆页面", "1.1"),
    ("unquoted name", "1) 手机应用商城，", "1) 手机应用市场，", "1.2.1.1"),
    ("unquoted name", "再进行人脸识别，完成实名认证", "再进行面部识别，完成实名认证", "1.2.1.2"),
    ("unquoted name", "先输入微信支付密码", "先输入微信密码", "1.2.1.2"),
    ("unquoted name", "再授权采集人脸信息进行实名认证", "再授权采集面部信息进行实名认证", "1.2.1.2"),
    ("unquoted name", "可以继续下载其他的执照", "可以继续下载别的执照", "1.2.1.2"),
    ("unquoted name", "在授权信息列表点击", "在授权列表点击", "1.2.1.3"),
    ("unquoted name", "则证件号码和手机号不能修改", "则身份证号和手机号不能修改", "1.2.1.3"),
    ("unquoted name", "仅指定授权开始时间和结束时间", "仅指定授权起始时间和结束时间", "1.2.1.3"),
    # Quoted labels one letter off the screen's.
    ("near-miss label", "点击右上角【登录】按钮", "点击右上角【登陆】按钮", "1.1"),
    ("near-miss label", "点击【确认】按钮", "点击【确定】按钮", "1.3"),
    ("near-miss label", "‘电子营业执照扫码登录’", "‘电子营业执照扫描登录’", "1.3"),
    ("near-miss label", "在“可下载执照记录”中", "在“可下载证照记录”中", "1.2.1.2"),
    ("near-miss label", "《执照下载声明》", "《执照下载申明》", "1.2.1.2"),
    ("near-miss label", "点击“删除办事人”", "点击“删除经办人”", "1.2.1.3"),
    ("near-miss label", "是“详细信息”可以", "是“详情信息”可以", "1.2.1.3"),
    ("near-miss label", "选择授权方式为“精准授权”", "选择授权方式为“精确授权”", "1.2.1.3"),
    ("near-miss label", "对应授权事项是“全部事项”", "对应授权事项是“所有事项”", "1.2.1.3"),
    ("near-miss label", "*确认密码: 请输入再次确认密码", "*确认密码: 请再次输入确认密码", "1.2.2"),
    ("near-miss label", "上一步 立即注册", "上一步 立刻注册", "1.2.2"),
    # Quoted labels cut short (a substring of the real label used to pass).
    ("shortened quoted label", "‘电子营业执照扫码登录’", "‘电子营业执照扫码’", "1.3"),
    ("shortened quoted label", "‘电子营业执照扫码登录’", "‘扫码登录’", "1.3"),
    ("shortened quoted label", "在“可下载执照记录”中", "在“可下载执照”中", "1.2.1.2"),
    ("shortened quoted label", "点击“删除办事人”", "点击“删除”", "1.2.1.3"),
    ("shortened quoted label", "拥有“下级授权”权限的证照管理员录入授权信息", "拥有“下级”权限的证照管理员录入授权信息", "1.2.1.3"),
    ("shortened quoted label", "选择授权方式为“全业务授权”", "选择授权方式为“全业务”", "1.2.1.3"),
    ("shortened quoted label", "《执照下载声明》", "《下载声明》", "1.2.1.2"),
    ("shortened quoted label", "是“详细信息”可以", "是“详细”可以", "1.2.1.3"),
    # Numbered steps swapped (their words, numbers kept).
    ("step order swapped", "1. 进入 APEC 主页中, 选择登录\n\n<!-- screenshot -->\n\n2. 选择注册新账号",
     "1. 选择注册新账号\n\n<!-- screenshot -->\n\n2. 进入 APEC 主页中, 选择登录", "1.2.2"),
    ("step order swapped", "2. 选择注册新账号\n\n<!-- screenshot -->\n\n3. 被授权的经办人使用电子营业小程序扫描二维码",
     "2. 被授权的经办人使用电子营业小程序扫描二维码\n\n<!-- screenshot -->\n\n3. 选择注册新账号", "1.2.2"),
    ("step order swapped", "1. 进入 APEC 主页中, 选择登录", "1. 被授权的经办人使用电子营业小程序扫描二维码", "1.2.2"),
    ("step order swapped", "1) 输入企业信息:", "1) 设置企业邮箱账号、设置登录密码，完成注册", "1.2.2"),
    ("step order swapped", "1.企业账号登录，输入正确的企业邮箱账号、密码，点击【确认】按钮，即可登录系统；\n\n<!-- screenshot -->\n\n"
     "2.点击右上角‘电子营业执照扫码登录’可以切换扫码登录",
     "1.点击右上角‘电子营业执照扫码登录’可以切换扫码登录\n\n<!-- screenshot -->\n\n"
     "2.企业账号登录，输入正确的企业邮箱账号、密码，点击【确认】按钮，即可登录系统；", "1.3"),
    # §1's four summary steps, quoted by the §1 scenario where the run begins each.
    ("step order swapped, §1 summary", "- (1) 企业法人使用电子营业执照 APP 或小程序领取电子营业执照;\n- (2) 企业法人授权办事人使用执照;",
     "- (1) 企业法人授权办事人使用执照;\n- (2) 企业法人使用电子营业执照 APP 或小程序领取电子营业执照;", "1"),
    ("step order swapped, §1 summary", "- (3) 办事人(外事专办员)按提示进行账号注册;\n- (4) 完成注册, 登录系统。",
     "- (3) 完成注册, 登录系统。\n- (4) 办事人(外事专办员)按提示进行账号注册;", "1"),
    # 先…再… turned round.
    ("先…再… swapped", "先输入微信支付密码，获取微信账号的实名信息，包括姓名和证件号码，再进行人脸识别",
     "先进行人脸识别，获取微信账号的实名信息，包括姓名和证件号码，再输入微信支付密码", "1.2.1.2"),
    ("先…再… swapped", "先输入微信支付密码，获取微信账号的实名信息，包括姓名和证件号码，再进行人脸识别",
     "先进行人脸识别，再输入微信支付密码，获取微信账号的实名信息，包括姓名和证件号码", "1.2.1.2"),
    ("先…再… swapped", "授权获取支付宝账号的实名信息，包括姓名和证件号码，再授权采集人脸信息进行实名认证",
     "先授权采集人脸信息，再授权获取支付宝账号的实名信息，包括姓名和证件号码进行实名认证", "1.2.1.2"),
    ("先…再… swapped", "如果想要修改必须先取消该办事人名下的所有授权",
     "如果想要取消该办事人名下的所有授权必须先修改", "1.2.1.3"),
    # A transcribed screen's fields in another order.
    ("screen field order swapped", "*统一社会信用代码: 9301fvfdwer3423fs32\n\n*法人姓名: 张三",
     "*法人姓名: 张三\n\n*统一社会信用代码: 9301fvfdwer3423fs32", "1.2.2"),
    ("screen field order swapped", "企业性质: 请选择\n\n所属行业: 请选择", "所属行业: 请选择\n\n企业性质: 请选择", "1.2.2"),
    ("screen field order swapped", "*邮箱账号: 请输入邮箱账号\n\n*密码: 请输入密码",
     "*密码: 请输入密码\n\n*邮箱账号: 请输入邮箱账号", "1.2.2"),
    ("screen field order swapped", "*确认密码: 请输入再次确认密码\n\n*邮箱验证码: 请输入邮箱验证码",
     "*邮箱验证码: 请输入邮箱验证码\n\n*确认密码: 请输入再次确认密码", "1.2.2"),
    ("screen field order swapped", "所属行业: 请选择\n\n员工人数: 请输入", "员工人数: 请输入\n\n所属行业: 请选择", "1.2.2"),
    ("screen field order swapped", "*企业联系电话: 请输入\n\n企业性质: 请选择", "企业性质: 请选择\n\n*企业联系电话: 请输入", "1.2.2"),
    # Behaviour statements turned round.
    ("behaviour", "则证件号码和手机号不能修改", "则证件号码和手机号可以修改", "1.2.1.3"),
    ("behaviour", "还未生效的授权信息可以下载, 但不可使用", "还未生效的授权信息可以下载, 也可以使用", "1.2.1.3"),
    ("behaviour", "还未生效的授权信息可以下载, 但不可使用", "还未生效的授权信息不能下载, 也不可使用", "1.2.1.3"),
    ("behaviour", "首次领取只能由法定代表人通过手机", "首次领取可以由办事人通过手机", "1.2.1.2"),
    ("behaviour", "该执照将被失效", "该执照仍然有效", "1.2.1.3"),
    ("behaviour", "其在本企业名下的所有授权均失效", "其在本企业名下的所有授权仍有效", "1.2.1.3"),
    ("behaviour", "只有通过实名认证才可以下载执照", "不通过实名认证也可以下载执照", "1.2.1.2"),
    ("behaviour", "可以继续下载其他的执照", "不能继续下载其他的执照", "1.2.1.2"),
    ("behaviour", "办事人可以去下载相应的执照", "办事人不能下载相应的执照", "1.2.1.3"),
    # Channels the mini-program does not offer.
    ("channel names", "2) 微信或支付宝搜索", "2) 微信或抖音搜索", "1.2.1.1"),
    ("channel names", "2) 微信或支付宝搜索", "2) QQ或支付宝搜索", "1.2.1.1"),
    ("channel names", "2) 微信或支付宝搜索", "2) 微信或云闪付搜索", "1.2.1.1"),
    ("channel names", " - ① 微信小程序：", " - ① 微博小程序：", "1.2.1.2"),
    ("channel names", "② 支付宝小程序：", "② 钉钉小程序：", "1.2.1.2"),
    ("channel names", "② 支付宝小程序：", "② 支付包小程序：", "1.2.1.2"),
    ("channel names", "企业法人使用电子营业执照 APP 或小程序", "企业法人使用电子执照 APP 或小程序", "1"),
    ("channel names", "需要首先完成电子营业执照 APP 或小程序", "需要首先完成营业执照助手 APP 或小程序", "1.2.1"),
    # The authorization catalogue path.
    ("catalogue path", "(一级目录) 外交—", "(一级目录) 外事—", "1.2.1.3"),
    ("catalogue path", "(二级目录) 领事服务", "(二级目录) 领事业务", "1.2.1.3"),
    ("catalogue path", "(大类) 电子政务—", "(大类) 政务服务—", "1.2.1.3"),
    ("catalogue path", "(大类) 电子政务—(一级目录) 外交—", "(大类) 外交—(一级目录) 电子政务—", "1.2.1.3"),
    ("catalogue path", "(二级目录) 领事服务", "(二级目录) 签证服务", "1.2.1.3"),
    # The portal's address.
    ("URL host/path", "<https://consular.mfa.gov.cn/APEC/>", "<https://consular.mfa.gov.com/APEC/>", "1.1"),
    ("URL host/path", "<https://consular.mfa.gov.cn/APEC/>", "<https://cs.mfa.gov.cn/APEC/>", "1.1"),
    ("URL host/path", "<https://consular.mfa.gov.cn/APEC/>", "<https://consular.mfa.gov.cn/apec/>", "1.1"),
    ("URL host/path", "<https://consular.mfa.gov.cn/APEC/>", "<https://consular.mfa.gov.cn/APEC/login/>", "1.1"),
    ("URL host/path", "<https://consular.mfa.gov.cn/APEC/>", "<https://consular.mfa.gov.cn/>", "1.1"),
    ("URL host/path", "<https://consular.mfa.gov.cn/APEC/>", "<http://consular.mfa.gov.cn/APEC/>", "1.1"),
    # An item dropped and the rest renumbered.
    ("renumbered items", "1.企业账号登录，输入正确的企业邮箱账号、密码，点击【确认】按钮，即可登录系统；\n\n<!-- screenshot -->\n\n"
     "2.点击右上角", "1.点击右上角", "1.3"),
    ("renumbered items", "2.点击右上角‘电子营业执照扫码登录’可以切换扫码登录\n\n<!-- screenshot -->\n\n<!-- screenshot -->\n\n"
     "3. 经办人账号登录", "2. 经办人账号登录", "1.3"),
    ("renumbered items", "1. 进入 APEC 主页中, 选择登录\n\n<!-- screenshot -->\n\n2. 选择注册新账号\n\n<!-- screenshot -->\n\n3. ",
     "1. 选择注册新账号\n\n<!-- screenshot -->\n\n2. ", "1.2.2"),
    ("renumbered items", "1) 手机应用商城，搜索“电子营业执照”APP\n\n2) 微信或支付宝搜索", "1) 微信或支付宝搜索", "1.2.1.1"),
    ("renumbered items", "- (1) 企业法人使用电子营业执照 APP 或小程序领取电子营业执照;\n- (2) 企业法人授权办事人使用执照;\n"
     "- (3) 办事人", "- (1) 企业法人授权办事人使用执照;\n- (2) 办事人", "1"),
    ("renumbered items", "- 4) 修改办事人信息", "- 3) 修改办事人信息", "1.2.1.3"),
    # The 界面显示 hint names the screen text the edit was made from.
    ("界面显示 hint", "点击右上角【登录】按钮", "点击右上角【登陆】按钮", "1.1", "登录"),
    ("界面显示 hint", "点击【确认】按钮", "点击【确认登录】按钮", "1.3", "确认"),
    ("界面显示 hint", "‘电子营业执照扫码登录’", "‘电子营业执照扫码’", "1.3", "电子营业执照扫码登录"),
    ("界面显示 hint", "在“可下载执照记录”中", "在“可下载证照记录”中", "1.2.1.2", "可下载执照记录"),
    ("界面显示 hint", "点击“删除办事人”", "点击“删除经办人”", "1.2.1.3", "删除办事人"),
    ("界面显示 hint", "是“详细信息”可以", "是“详细讯息”可以", "1.2.1.3", "详细信息"),
    ("界面显示 hint", "上一步 立即注册", "上一步 立刻注册", "1.2.2", "立即注册"),
    ("界面显示 hint", "*邮箱验证码: 请输入邮箱验证码", "*邮件验证码: 请输入邮箱验证码", "1.2.2", "邮箱验证码"),
    ("界面显示 hint", "对应授权事项是“全部事项”", "对应授权事项是“所有事项”", "1.2.1.3", "全部事项"),
    ("界面显示 hint", "《执照下载声明》", "《执照下载申明》", "1.2.1.2", "执照下载声明"),
    # Rules stated as numbers (numbers.py), a sentence added or a number changed as a writer would.
    ("rule numbers", "使用电子营业执照扫描二维码, 进行注册", "使用电子营业执照扫描二维码, 进行注册。二维码10分钟内有效", "1.2.2"),
    ("rule numbers", "设置登录密码，完成注册", "设置登录密码（6-20位），完成注册", "1.2.2"),
    ("rule numbers", "即可登录系统；", "即可登录系统；密码连续输错3次，账号将被锁定。", "1.3"),
    # Valid edits: harmless rewording and punctuation, which must add nothing.
    (VALID, "使用电子营业执照扫描二维码, 进行注册", "使用电子营业执照扫描二维码, 进行注册。二维码5分钟内有效", "1.2.2"),
    (VALID, "设置登录密码，完成注册", "设置登录密码（8-20位），完成注册", "1.2.2"),
    (VALID, "(推荐使用谷歌浏览器)", "（推荐使用谷歌浏览器）", "1.1"),
    (VALID, "浏览器输入 <https", "在浏览器中输入 <https", "1.1"),
    (VALID, "1. 进入 APEC 主页中, 选择登录", "1. 进入 APEC 主页中，选择登录", "1.2.2"),
    (VALID, "使用电子营业执照扫描二维码, 进行注册", "使用电子营业执照扫描二维码，进行注册", "1.2.2"),
    (VALID, "办理 APEC 系统的企业用户需要首先完成", "办理 APEC 系统的企业用户须首先完成", "1.2.1"),
    (VALID, "进行实名认证，只有通过实名认证才可以下载执照；", "进行实名认证。只有通过实名认证才可以下载执照；", "1.2.1.2"),
    (VALID, "授权信息保存成功后, 办事人可以去下载相应的执照", "授权信息保存成功之后, 办事人可以去下载相应的执照", "1.2.1.3"),
    (VALID, "点击“删除办事人”即可删除成功", "点击“删除办事人”，即可删除成功", "1.2.1.3"),
    (VALID, "(推荐使用谷歌浏览器)", "(建议使用谷歌浏览器)", "1.1"),
    (VALID, "1.企业账号登录，", "1. 企业账号登录，", "1.3"),
    (VALID, "可以查看该授权事项的详细信息", "可查看该授权事项的详细信息", "1.2.1.3"),
    (VALID, "法定代表人是电子营业执照的默认领取人。", "法定代表人是电子营业执照的默认领取人.", "1.2.1.2"),
    (VALID, "办事人领取该执照后，可以在执照有效期内办理", "办事人领取该执照之后，可以在执照有效期内办理", "1.2.1.3"),
    (VALID, "如果发现该办事人的信息有误", "若发现该办事人的信息有误", "1.2.1.3"),
    (VALID, "企业联系电话: 请输入", "企业联系电话：请输入", "1.2.2"),
    (VALID, "下载该企业的电子营业执照。", "下载该企业的电子营业执照；", "1.2.1.2"),
]


OTHER = ROOT / "tests" / "data" / "guides"
GUIDES = {"hunan": (GUIDE, EDITS),
          "jiangxi": (OTHER / "jiangxi-apec-account-registration.md", other_guide_edits.JIANGXI),
          "sichuan": (OTHER / "sichuan-apec-account-registration.md", other_guide_edits.SICHUAN)}


def signature(f) -> tuple:
    # Line numbers in a message move when an edit adds or drops lines; the finding is the same.
    return (f.kind, f.section, f.guide_words, re.sub(r"第 \d+ 行", "第 N 行", f.message))


def evaluate(text: str, record, baseline: set, guide: Path = GUIDE) -> list:
    analysis = analyse(parse_text(text, str(guide)), record)
    return [f for f in analysis.findings if signature(f) not in baseline]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--record", default=str(FULL_RUN), help="a run record (.json, or .json.gz)")
    parser.add_argument("--verbose", action="store_true", help="print each edit and what it got")
    parser.add_argument("--only", help="run the edits of one category")
    parser.add_argument("--guide", choices=sorted(GUIDES), default="hunan",
                        help="the published guide (hunan) or one of the other provinces' guides of tests/data/guides")
    args = parser.parse_args(argv)
    guide, edits = GUIDES[args.guide]
    text = guide.read_text(encoding="utf-8")
    if args.record.endswith(".gz"):
        data = json.loads(gzip.decompress(Path(args.record).read_bytes()))
        record = record_from_data(data, Path(args.record).with_suffix(""))
    else:
        record = load_record(args.record)
    baseline = {signature(f) for f in analyse(parse_text(text, str(guide)), record).findings}
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # edits, found, reported elsewhere
    kinds: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))  # which checks found them
    missed = []
    for category, old, new, section, *hint in edits:
        if args.only and category != args.only:
            continue
        if text.count(old) != 1:
            print(f"edit does not apply once: {old!r}", file=sys.stderr)
            return 2
        new_findings = evaluate(text.replace(old, new), record, baseline, guide)
        here = [f for f in new_findings if f.section and is_within(f.section, section)]
        if hint:
            here = [f for f in here if f"「{hint[0]}」" in f.screen or f"「{hint[0]}」" in f.message]
        row = tally[category]
        row[0] += 1
        if category == VALID:
            row[1] += not new_findings
            ok = not new_findings
        else:
            row[1] += bool(here)
            ok = bool(here)
        row[2] += len([f for f in new_findings if f not in here]) if category != VALID else 0
        for kind in sorted({f.kind for f in here}):
            kinds[category][kind] += 1
        if not ok:
            missed.append((category, old, new, new_findings))
        if args.verbose:
            print(f"[{'ok' if ok else 'MISS'}] {category}: {new[:40]!r}")
            for f in new_findings:
                print(f"      {f.kind} §{f.section} {f.message[:110]}")
    print("| category | edits | reported at the edited section | rate | other new findings | found by |")
    print("| --- | --- | --- | --- | --- | --- |")
    failing = False
    for category, (n, hit, elsewhere) in tally.items():
        label = "not flagged"
        rate = hit / n if n else 0
        failing |= rate < (1.0 if category == VALID else TARGET)
        by = ", ".join(f"{k} {v}" for k, v in sorted(kinds[category].items(), key=lambda kv: -kv[1]))
        print(f"| {category} | {n} | {hit}{' ' + label if category == VALID else ''} | {rate:.0%} | {elsewhere} "
              f"| {by or '–'} |")
    for category, old, new, got in missed:
        print(f"\nmissed ({category}): {old[:50]!r} -> {new[:50]!r}", file=sys.stderr)
        for f in got:
            print(f"    {f.kind} §{f.section}: {f.message[:120]}", file=sys.stderr)
    return 1 if failing else 0


if __name__ == "__main__":
    raise SystemExit(main())
