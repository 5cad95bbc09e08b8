"""Demo data for the standalone server, so a person can click through the whole guide by hand."""
from . import arrange
from .licenses import CONSULAR_SERVICE, PRECISE
from .store import Store

# Valid check digits (GB 32100 / GB 11643); names are made up.
ENTERPRISE = {"name": "湖南星沙示例科技有限公司", "uscc": "91430121MA4L0D6X7G"}
LEGAL_REP = {"name": "张三", "id_number": "430121198001010010", "mobile": "13800138000"}
AGENT = {"name": "李四", "id_number": "430102199001010024", "mobile": "13900139000"}
PRECISE_AGENT = {"name": "王五", "id_number": "430103199203030038", "mobile": "13700137000"}


def seed(store: Store) -> None:
    if store.one("SELECT 1 FROM enterprises LIMIT 1"):
        return  # keep what a person already did: state survives restarts
    legal_rep = arrange.person(store, **LEGAL_REP)
    enterprise = arrange.enterprise(store, legal_rep_id=legal_rep, claimed=True, **ENTERPRISE)
    arrange.authorized_agent(store, enterprise, arrange.person(store, **AGENT))
    arrange.authorized_agent(store, enterprise, arrange.person(store, **PRECISE_AGENT), mode=PRECISE,
                             matters=[CONSULAR_SERVICE])


def describe() -> str:
    return "\n".join([
        "演示数据 / demo data:",
        f"  企业 {ENTERPRISE['name']}  统一社会信用代码 {ENTERPRISE['uscc']}",
        f"  法定代表人 {LEGAL_REP['name']} {LEGAL_REP['id_number']}",
        f"  办事人 {AGENT['name']} {AGENT['id_number']}（全业务授权） / {PRECISE_AGENT['name']} "
        f"{PRECISE_AGENT['id_number']}（精准授权：领事服务）",
        f"  执照密码 {arrange.INITIAL_LICENSE_PASSWORD}",
        "  门户 /APEC/ ，手机小程序 /miniapp/ （用手机尺寸的窗口打开，实名认证时输入上面的姓名和证件号码）",
    ])
