"""Enterprises, e-licenses on phones, authorizations, and the rule every portal scan must pass."""
import json
from dataclasses import dataclass
from datetime import datetime

from .store import Store, parse

FULL = "全业务授权"
PRECISE = "精准授权"
MODES = (FULL, PRECISE)
ALL_MATTERS = "全部事项"
CONSULAR_SERVICE = "电子政务—外交—领事服务"

# Why a scan is refused: shown on the phone and beside the portal's QR code.
NO_LICENSE = "您尚未获得授权，没有可使用的电子营业执照"
CHOOSE_LICENSE = "请选择要使用的电子营业执照"
NOT_PERMITTED = "您没有使用该执照的权限"
AGENT_DELETED = "办事人已被删除，其名下授权均已失效"
CANCELLED = "授权已被取消，该执照已失效"
INVALIDATED = "该执照已失效，请重新下载"
NOT_YET_EFFECTIVE = "授权尚未生效，暂不可使用该执照"
EXPIRED = "授权已过期，请联系法定代表人重新授权"
NO_CONSULAR_MATTER = "授权事项不包含“领事服务”，不能办理该业务"


@dataclass
class Authorization:
    id: int
    mode: str
    matters: list[str]
    starts_at: datetime
    ends_at: datetime
    cancelled_at: datetime | None

    @classmethod
    def from_row(cls, row) -> "Authorization":
        return cls(row["id"], row["mode"], json.loads(row["matters"]), parse(row["starts_at"]),
                   parse(row["ends_at"]), parse(row["cancelled_at"]))

    def is_effective_at(self, now: datetime) -> bool:
        return self.cancelled_at is None and self.starts_at <= now < self.ends_at

    def status_at(self, now: datetime, agent_deleted: bool = False) -> str:
        if agent_deleted:
            return "已失效"
        if self.cancelled_at:
            return "已取消"
        if now < self.starts_at:
            return "未生效"
        return "已过期" if now >= self.ends_at else "已生效"

    def covers_consular_service(self) -> bool:
        return self.mode == FULL or CONSULAR_SERVICE in self.matters


class Licenses:
    def __init__(self, store: Store) -> None:
        self.store = store

    def enterprise(self, enterprise_id: int):
        return self.store.one("SELECT e.*, p.name AS legal_rep_name, l.claimed_at FROM enterprises e "
                              "JOIN people p ON p.id = e.legal_rep_id JOIN licenses l ON l.enterprise_id = e.id "
                              "WHERE e.id = ?", (enterprise_id,))

    def person(self, person_id: int):
        return self.store.one("SELECT * FROM people WHERE id = ?", (person_id,))

    def downloads_of(self, person_id: int) -> list:
        """The licenses on this person's phone, newest first, with their enterprise and authorization."""
        return self.store.all(
            "SELECT d.*, e.name AS enterprise_name, e.uscc, e.registration_place, z.mode, z.starts_at, z.ends_at, "
            "z.cancelled_at FROM downloads d JOIN enterprises e ON e.id = d.enterprise_id "
            "LEFT JOIN authorizations z ON z.id = d.authorization_id WHERE d.person_id = ? ORDER BY d.id DESC",
            (person_id,))

    def download(self, download_id: int, person_id: int):
        return self.store.one("SELECT * FROM downloads WHERE id = ? AND person_id = ?", (download_id, person_id))

    def is_legal_rep(self, enterprise_id: int, person_id: int) -> bool:
        return self.store.one("SELECT 1 FROM enterprises WHERE id = ? AND legal_rep_id = ?",
                              (enterprise_id, person_id)) is not None

    def administrator(self, enterprise_id: int, person_id: int):
        """The 证照管理员 row of this person for this enterprise, or None."""
        return self.store.one("SELECT a.* FROM administrators a JOIN people p ON p.id_number = a.id_number "
                              "WHERE a.enterprise_id = ? AND p.id = ?", (enterprise_id, person_id))

    def scan_refusal(self, download_id: int, person_id: int) -> tuple[int | None, str | None]:
        """(enterprise_id, None) when this license may be used to scan a portal code, else (None, why).
        The order matters: the most specific reason a person can act on comes first."""
        row = self.download(download_id, person_id)
        if row is None:
            return None, CHOOSE_LICENSE if self.downloads_of(person_id) else NO_LICENSE
        if row["authorization_id"] is None:
            holder = self.is_legal_rep(row["enterprise_id"], person_id) or \
                self.administrator(row["enterprise_id"], person_id) is not None
            if not holder:
                return None, NOT_PERMITTED
            return (None, INVALIDATED) if row["invalidated_at"] else (row["enterprise_id"], None)
        auth_row = self.store.one("SELECT z.*, a.deleted_at AS agent_deleted_at FROM authorizations z "
                                  "JOIN agents a ON a.id = z.agent_id WHERE z.id = ?", (row["authorization_id"],))
        if auth_row is None or auth_row["agent_deleted_at"]:
            return None, AGENT_DELETED
        auth = Authorization.from_row(auth_row)
        now = self.store.now()
        if auth.cancelled_at:
            return None, CANCELLED
        if row["invalidated_at"]:
            return None, INVALIDATED
        if now < auth.starts_at:
            return None, NOT_YET_EFFECTIVE
        if now >= auth.ends_at:
            return None, EXPIRED
        if not auth.covers_consular_service():
            return None, NO_CONSULAR_MATTER
        return row["enterprise_id"], None
