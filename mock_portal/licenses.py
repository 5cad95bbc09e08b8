"""Enterprises, e-licenses on phones, authorizations, and the rule every portal scan must pass."""
import json
from dataclasses import dataclass
from datetime import datetime

from .store import Store, parse

FULL = "全业务授权"
PRECISE = "精准授权"
ALL_MATTERS = "全部事项"
CONSULAR_SERVICE = "电子政务—外交—领事服务"


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

    def covers_consular_service(self) -> bool:
        return self.mode == FULL or CONSULAR_SERVICE in self.matters


class Licenses:
    def __init__(self, store: Store) -> None:
        self.store = store

    def enterprise(self, enterprise_id: int):
        return self.store.one("SELECT e.*, p.name AS legal_rep_name FROM enterprises e "
                              "JOIN people p ON p.id = e.legal_rep_id WHERE e.id = ?", (enterprise_id,))

    def person(self, person_id: int):
        return self.store.one("SELECT * FROM people WHERE id = ?", (person_id,))

    def downloads_of(self, person_id: int) -> list:
        """The licenses on this person's phone, newest first, with their enterprise."""
        return self.store.all(
            "SELECT d.*, e.name AS enterprise_name, e.uscc FROM downloads d JOIN enterprises e "
            "ON e.id = d.enterprise_id WHERE d.person_id = ? ORDER BY d.id DESC", (person_id,))

    def scan_refusal(self, download_id: int, person_id: int) -> tuple[int | None, str | None]:
        """(enterprise_id, None) when this license may be used to scan a portal code, else (None, why)."""
        row = self.store.one("SELECT * FROM downloads WHERE id = ? AND person_id = ?", (download_id, person_id))
        if row is None:
            return None, "请选择要使用的电子营业执照"
        if row["invalidated_at"]:
            return None, "该执照已失效，请重新下载"
        if row["authorization_id"] is None:
            legal_rep = self.store.one("SELECT 1 FROM enterprises WHERE id = ? AND legal_rep_id = ?",
                                       (row["enterprise_id"], person_id))
            return (row["enterprise_id"], None) if legal_rep else (None, "您没有使用该执照的权限")
        agent = self.store.one("SELECT a.deleted_at FROM authorizations z JOIN agents a ON a.id = z.agent_id "
                               "WHERE z.id = ?", (row["authorization_id"],))
        if agent is None or agent["deleted_at"]:
            return None, "办事人已被删除，其名下授权均已失效"
        auth = Authorization.from_row(self.store.one("SELECT * FROM authorizations WHERE id = ?",
                                                     (row["authorization_id"],)))
        now = self.store.now()
        if auth.cancelled_at:
            return None, "授权已被取消，该执照已失效"
        if now < auth.starts_at:
            return None, "授权尚未生效，暂不可使用该执照"
        if now >= auth.ends_at:
            return None, "授权已过期，请联系法定代表人重新授权"
        if not auth.covers_consular_service():
            return None, "授权事项不包含“领事服务”，不能办理该业务"
        return row["enterprise_id"], None
