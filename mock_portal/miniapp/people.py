"""办事人 and 证照管理员 as the license's manager enters them (guide §1.2.1.3 3–5, §1.2.1.2-1). No Flask here.

Rows hold name, ID number and mobile as typed; a phone's real-name authenticated person is matched by ID number.
"""
import re
import sqlite3

from ..rules import idcard
from ..store import Store, iso

NAME_MAX = 30
MAX_ADMINISTRATORS = 5  # public guides: up to 5 per enterprise
_MOBILE = re.compile(r"1[3-9]\d{9}", re.ASCII)
_NAME = re.compile(r"[\u4e00-\u9fa5A-Za-z·.\s]+")

LOCKED = "该办事人已下载过执照，证件号码和手机号不能修改；如需修改，请先取消该办事人名下的所有授权"
AGENT_EXISTS = "该办事人已存在"
ADMIN_EXISTS = "该人员已是证照管理员"
TOO_MANY_ADMINS = f"每个企业最多设置{MAX_ADMINISTRATORS}名证照管理员"
LEGAL_REP_NOT_ADMIN = "法定代表人无需设置为证照管理员"


def person_errors(name: str, id_number: str, mobile: str) -> dict:
    errors = {}
    if not name or len(name) > NAME_MAX or not _NAME.fullmatch(name):
        errors["name"] = "请输入正确的姓名"
    if not idcard.is_valid(id_number):
        errors["id_number"] = "请输入正确的证件号码"
    if not _MOBILE.fullmatch(mobile):
        errors["mobile"] = "请输入正确的手机号"
    return errors


class Agents:
    def __init__(self, store: Store) -> None:
        self.store = store

    def active(self, enterprise_id: int) -> list:
        return self.store.all("SELECT * FROM agents WHERE enterprise_id = ? AND deleted_at IS NULL ORDER BY id",
                              (enterprise_id,))

    def get(self, enterprise_id: int, agent_id: int):
        return self.store.one("SELECT * FROM agents WHERE id = ? AND enterprise_id = ? AND deleted_at IS NULL",
                              (agent_id, enterprise_id))

    def add(self, enterprise_id: int, name: str, id_number: str, mobile: str) -> tuple[int | None, dict]:
        errors = person_errors(name, id_number, mobile)
        if errors:
            return None, errors
        try:  # the partial unique index, not a prior SELECT, keeps two simultaneous adds from both winning
            cur = self.store.execute(
                "INSERT INTO agents (enterprise_id, name, id_number, mobile, created_at) VALUES (?,?,?,?,?)",
                (enterprise_id, name, id_number, mobile, iso(self.store.now())))
        except sqlite3.IntegrityError:
            return None, {"id_number": AGENT_EXISTS}
        return cur.lastrowid, {}

    def is_locked(self, agent) -> bool:
        """ID number and mobile stay as they were once the agent downloaded, until every authorization is cancelled."""
        if not agent["downloaded_at"]:
            return False
        return self.store.one("SELECT 1 FROM authorizations WHERE agent_id = ? AND cancelled_at IS NULL",
                              (agent["id"],)) is not None

    def edit(self, agent, name: str, id_number: str, mobile: str) -> dict:
        if self.is_locked(agent) and (id_number, mobile) != (agent["id_number"], agent["mobile"]):
            return {"form": LOCKED}
        errors = person_errors(name, id_number, mobile)
        if errors:
            return errors
        try:
            self.store.execute("UPDATE agents SET name = ?, id_number = ?, mobile = ? WHERE id = ?",
                               (name, id_number, mobile, agent["id"]))
        except sqlite3.IntegrityError:
            return {"id_number": AGENT_EXISTS}
        return {}

    def delete(self, agent_id: int) -> None:
        """All the agent's authorizations in this enterprise stop counting, and the licenses downloaded under them."""
        now = iso(self.store.now())
        with self.store.transaction() as db:
            db.execute("UPDATE agents SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", (now, agent_id))
            db.execute("UPDATE downloads SET invalidated_at = COALESCE(invalidated_at, ?) WHERE authorization_id IN "
                       "(SELECT id FROM authorizations WHERE agent_id = ?)", (now, agent_id))


class Administrators:
    def __init__(self, store: Store) -> None:
        self.store = store

    def of(self, enterprise_id: int) -> list:
        return self.store.all("SELECT * FROM administrators WHERE enterprise_id = ? ORDER BY id", (enterprise_id,))

    def add(self, enterprise_id: int, name: str, id_number: str, mobile: str,
            can_subauthorize: bool) -> tuple[int | None, dict]:
        errors = person_errors(name, id_number, mobile)
        if errors:
            return None, errors
        if self.store.one("SELECT 1 FROM enterprises e JOIN people p ON p.id = e.legal_rep_id "
                          "WHERE e.id = ? AND p.id_number = ?", (enterprise_id, id_number)):
            return None, {"id_number": LEGAL_REP_NOT_ADMIN}
        with self.store.transaction() as db:
            count = db.execute("SELECT COUNT(*) FROM administrators WHERE enterprise_id = ?",
                               (enterprise_id,)).fetchone()[0]
            if count >= MAX_ADMINISTRATORS:
                return None, {"form": TOO_MANY_ADMINS}
            try:
                cur = db.execute(
                    "INSERT INTO administrators (enterprise_id, name, id_number, mobile, can_subauthorize, created_at)"
                    " VALUES (?,?,?,?,?,?)",
                    (enterprise_id, name, id_number, mobile, int(can_subauthorize), iso(self.store.now())))
            except sqlite3.IntegrityError:
                return None, {"id_number": ADMIN_EXISTS}
        return cur.lastrowid, {}
