"""授权信息: adding and cancelling authorizations (guide §1.2.1.3 1–2). No Flask here."""
import json
from datetime import datetime, timedelta, timezone

from ..licenses import ALL_MATTERS, FULL, MODES, Authorization
from ..store import Store, iso
from . import catalog

# The phone shows and takes times in Beijing time; the store keeps UTC.
BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")
INPUT_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M")  # as typed, or as a datetime-local picker sends it
# Choose: an authorization's times lie in this century. Outside it a time is a typing slip; near year 1 or 9999 it
# would not even survive the shift to UTC.
EARLIEST = datetime(2000, 1, 1, tzinfo=BEIJING)
LATEST = datetime(2099, 12, 31, 23, 59, tzinfo=BEIJING)
OUT_OF_RANGE = "授权时间须在2000-01-01 00:00至2099-12-31 23:59之间"


def beijing(moment: datetime) -> str:
    return moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def parse_input(text: str) -> datetime | None:
    """A time the phone sent, read as Beijing time."""
    for form in INPUT_FORMATS:
        try:
            return datetime.strptime((text or "").strip(), form).replace(tzinfo=BEIJING)
        except ValueError:
            continue
    return None


class Grants:
    def __init__(self, store: Store) -> None:
        self.store = store

    def of(self, enterprise_id: int) -> list[dict]:
        rows = self.store.all(
            "SELECT z.*, a.name AS agent_name, a.deleted_at AS agent_deleted_at FROM authorizations z "
            "JOIN agents a ON a.id = z.agent_id WHERE z.enterprise_id = ? ORDER BY z.id DESC", (enterprise_id,))
        return [self._view(row) for row in rows]

    def get(self, enterprise_id: int, authorization_id: int) -> dict | None:
        row = self.store.one(
            "SELECT z.*, a.name AS agent_name, a.id_number AS agent_id_number, a.deleted_at AS agent_deleted_at "
            "FROM authorizations z JOIN agents a ON a.id = z.agent_id WHERE z.id = ? AND z.enterprise_id = ?",
            (authorization_id, enterprise_id))
        return self._view(row) if row else None

    def _view(self, row) -> dict:
        auth = Authorization.from_row(row)
        return {**dict(row), "matters": auth.matters, "starts": beijing(auth.starts_at),
                "ends": beijing(auth.ends_at), "status": auth.status_at(self.store.now(), bool(row["agent_deleted_at"]))}

    def add(self, enterprise_id: int, form: dict, created_by: int) -> tuple[int | None, dict]:
        """form: agent_id, mode, category, first, second, starts_at, ends_at (as the phone sent them)."""
        errors, now = {}, self.store.now()
        agent = self.store.one("SELECT * FROM agents WHERE id = ? AND enterprise_id = ? AND deleted_at IS NULL",
                               (form.get("agent_id"), enterprise_id))
        if agent is None:
            errors["agent_id"] = "请选择办事人"
        mode = form.get("mode")
        if mode not in MODES:
            errors["mode"] = "请选择授权方式"
        matters = [ALL_MATTERS]
        if mode != FULL:
            matter = catalog.path(form.get("category", ""), form.get("first", ""), form.get("second", ""))
            matters = [matter]
            if matter is None:
                errors["second"] = "请选择授权事项（大类、一级目录、二级目录）"
        starts_at, ends_at = parse_input(form.get("starts_at")), parse_input(form.get("ends_at"))
        if starts_at is None:
            errors["starts_at"] = "请选择授权开始时间"
        elif not EARLIEST <= starts_at <= LATEST:
            errors["starts_at"], starts_at = OUT_OF_RANGE, None
        if ends_at is None:
            errors["ends_at"] = "请选择授权结束时间"
        elif not EARLIEST <= ends_at <= LATEST:
            errors["ends_at"] = OUT_OF_RANGE
        elif starts_at and ends_at <= starts_at:
            errors["ends_at"] = "授权结束时间须晚于开始时间"
        elif ends_at <= now:
            errors["ends_at"] = "授权结束时间须晚于当前时间"
        if errors:
            return None, errors
        cur = self.store.execute(
            "INSERT INTO authorizations (enterprise_id, agent_id, mode, matters, starts_at, ends_at, created_by, "
            "created_at) VALUES (?,?,?,?,?,?,?,?)",
            (enterprise_id, agent["id"], mode, json.dumps(matters, ensure_ascii=False), iso(starts_at), iso(ends_at),
             created_by, iso(now)))
        return cur.lastrowid, {}

    def cancel(self, authorization_id: int) -> None:
        """取消授权: the license the agent downloaded under it becomes invalid at once."""
        now = iso(self.store.now())
        with self.store.transaction() as db:
            db.execute("UPDATE authorizations SET cancelled_at = COALESCE(cancelled_at, ?) WHERE id = ?",
                       (now, authorization_id))
            db.execute("UPDATE downloads SET invalidated_at = COALESCE(invalidated_at, ?) WHERE authorization_id = ?",
                       (now, authorization_id))
