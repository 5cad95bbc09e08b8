"""Who a person is for an enterprise, and what that lets them do on the phone (guide §1.2.1.2-1, §1.2.1.3).

No Flask here: the views ask `role_of` and refuse with 403; the rules are the same whatever the screen shows.
"""
from dataclasses import dataclass

from ..licenses import Licenses

LEGAL_REP = "法定代表人"
ADMINISTRATOR = "证照管理员"

NO_SUBAUTHORIZATION = "您没有“下级授权”权限，不能授权他人使用执照"
ONLY_LEGAL_REP_APPOINTS = "只有法定代表人可以设置证照管理员"
NOT_HOLDING = "请先下载该企业的电子营业执照"


@dataclass
class Role:
    title: str | None  # 法定代表人, 证照管理员, or None (an agent or a stranger)
    can_subauthorize: bool
    holds_license: bool  # a valid copy of its own (not through an authorization) on this phone

    @property
    def may_manage_agents(self) -> bool:
        """添加/修改/删除办事人 and 添加/取消授权: the legal representative, or an administrator with 下级授权."""
        admin_may = self.title == ADMINISTRATOR and self.can_subauthorize
        return self.holds_license and (self.title == LEGAL_REP or admin_may)

    @property
    def may_appoint_administrators(self) -> bool:
        return self.holds_license and self.title == LEGAL_REP

    def refusal(self, needs_appointing: bool = False) -> str | None:
        """Why this person may not do it, in words for the phone; None when they may."""
        if not self.holds_license:
            return NOT_HOLDING
        if needs_appointing:
            return None if self.may_appoint_administrators else ONLY_LEGAL_REP_APPOINTS
        return None if self.may_manage_agents else NO_SUBAUTHORIZATION


def role_of(licenses: Licenses, enterprise_id: int, person_id: int) -> Role:
    holds = licenses.store.one(
        "SELECT 1 FROM downloads WHERE enterprise_id = ? AND person_id = ? AND authorization_id IS NULL "
        "AND invalidated_at IS NULL", (enterprise_id, person_id)) is not None
    if licenses.is_legal_rep(enterprise_id, person_id):
        return Role(LEGAL_REP, True, holds)
    admin = licenses.administrator(enterprise_id, person_id)
    if admin is not None:
        return Role(ADMINISTRATOR, bool(admin["can_subauthorize"]), holds)
    return Role(None, False, False)
