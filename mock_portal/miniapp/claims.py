"""领取/下载 a license to a phone, and the phone's license password (guide §1.2.1.2 1, 4–6). No Flask here."""
import re
from dataclasses import dataclass
from datetime import timedelta

from werkzeug.security import check_password_hash

from ..attempts import Attempts
from ..licenses import Authorization, Licenses
from ..passwords import hash_password
from ..store import Store, iso
from .grants import beijing
from .roles import ADMINISTRATOR, LEGAL_REP

FIRST_CLAIM_ONLY_LEGAL_REP = "该执照尚未领取，手机版电子营业执照的首次领取只能由法定代表人完成"
NOT_DOWNLOADABLE = "您没有下载该执照的权限"
MUST_AGREE = "请阅读并同意《执照下载声明》"
PASSWORD_NEEDED = "请输入修改后的执照密码"
PASSWORD_WRONG = "执照密码错误"
PASSWORD_FORMAT = "执照密码须为6位数字"
MAX_PASSWORD_ATTEMPTS = 5  # wrong license passwords in a row (download, scan, change) before the phone waits
PASSWORD_LOCK = timedelta(minutes=15)
PASSWORD_LOCKED = "执照密码错误次数过多，请{minutes}分钟后再试"
_PASSWORD = re.compile(r"\d{6}", re.ASCII)


@dataclass
class Record:
    """One line of 可下载执照记录: an enterprise, and the authorization it comes through (agents only)."""
    enterprise_id: int
    enterprise_name: str
    uscc: str
    claimed: bool
    title: str  # 法定代表人, 证照管理员, 全业务授权 or 精准授权
    authorization_id: int | None = None
    window: str | None = None

    @property
    def key(self) -> str:
        return f"{self.enterprise_id}-{self.authorization_id or 0}"


class Claims:
    def __init__(self, store: Store, licenses: Licenses) -> None:
        self.store = store
        self.licenses = licenses

    def records(self, person, place: str | None = None) -> list[Record]:
        """Every license this person may download in that 登记地 (any, when None), on the phone already or not."""
        in_place = " AND (? IS NULL OR e.registration_place = ?)"
        enterprise = ("SELECT e.id, e.name, e.uscc, l.claimed_at FROM enterprises e JOIN licenses l "
                      "ON l.enterprise_id = e.id ")
        out = [Record(r["id"], r["name"], r["uscc"], bool(r["claimed_at"]), LEGAL_REP) for r in self.store.all(
            enterprise + "WHERE e.legal_rep_id = ?" + in_place, (person["id"], place, place))]
        out += [Record(r["id"], r["name"], r["uscc"], bool(r["claimed_at"]), ADMINISTRATOR) for r in self.store.all(
            enterprise + "JOIN administrators a ON a.enterprise_id = e.id WHERE a.id_number = ?" + in_place,
            (person["id_number"], place, place))]
        now = self.store.now()
        for r in self.store.all(
                "SELECT e.id AS eid, e.name AS ename, e.uscc, l.claimed_at, z.* FROM authorizations z "
                "JOIN agents a ON a.id = z.agent_id JOIN enterprises e ON e.id = z.enterprise_id "
                "JOIN licenses l ON l.enterprise_id = e.id WHERE a.id_number = ? AND a.deleted_at IS NULL "
                "AND z.cancelled_at IS NULL" + in_place + " ORDER BY z.id", (person["id_number"], place, place)):
            auth = Authorization.from_row(r)
            if now < auth.ends_at:  # not yet in effect may still be downloaded (guide §1.2.1.3-1)
                out.append(Record(r["eid"], r["ename"], r["uscc"], bool(r["claimed_at"]), auth.mode, auth.id,
                                  f"{beijing(auth.starts_at)} 至 {beijing(auth.ends_at)}"))
        return out

    def downloadable(self, person, place: str) -> list[Record]:
        on_phone = {(d["enterprise_id"], d["authorization_id"]) for d in self.licenses.downloads_of(person["id"])
                    if not d["invalidated_at"]}
        return [r for r in self.records(person, place) if (r.enterprise_id, r.authorization_id) not in on_phone]

    def downloaded(self, person, place: str) -> list:
        return [d for d in self.licenses.downloads_of(person["id"]) if d["registration_place"] == place]

    def find(self, person, key: str) -> Record | None:
        return next((r for r in self.records(person) if r.key == key), None)

    def refusal(self, person, record: Record | None) -> str | None:
        if record is None:
            return NOT_DOWNLOADABLE
        if not record.claimed and record.title != LEGAL_REP:
            return FIRST_CLAIM_ONLY_LEGAL_REP
        return None

    def download(self, person, record: Record) -> int:
        return record_download(self.store, record.enterprise_id, person["id"], record.authorization_id)

    # The license password protects every license on this phone; changing it changes it for all of them.
    def password_changed(self, person_id: int) -> bool:
        row = self.store.one("SELECT password_changed FROM phones WHERE person_id = ?", (person_id,))
        return bool(row and row["password_changed"])

    def password_refusal(self, person_id: int, password: str, wrong: str = PASSWORD_WRONG) -> str | None:
        return license_password_refusal(self.store, person_id, password, wrong)

    def change_password(self, person_id: int, old: str, new: str, confirmation: str) -> dict:
        refusal = self.password_refusal(person_id, old, wrong="原执照密码错误")
        if refusal:
            return {"old_password": refusal}
        if not _PASSWORD.fullmatch(new):
            return {"new_password": PASSWORD_FORMAT}
        if confirmation != new:
            return {"confirm_password": "两次输入的密码不一致"}
        set_license_password(self.store, person_id, new)
        return {}


def record_download(store: Store, enterprise_id: int, person_id: int, authorization_id: int | None) -> int:
    """The copy lands on the phone, replacing an older copy of the same license. The legal representative's
    first download is the first claim; an agent's first download locks their ID number and mobile."""
    now = iso(store.now())
    with store.transaction() as db:
        db.execute("DELETE FROM downloads WHERE enterprise_id = ? AND person_id = ?", (enterprise_id, person_id))
        cur = db.execute("INSERT INTO downloads (enterprise_id, person_id, authorization_id, downloaded_at) "
                         "VALUES (?,?,?,?)", (enterprise_id, person_id, authorization_id, now))
        if authorization_id is None:
            db.execute("UPDATE licenses SET claimed_at = COALESCE(claimed_at, ?) WHERE enterprise_id = ? AND "
                       "enterprise_id IN (SELECT id FROM enterprises WHERE legal_rep_id = ?)",
                       (now, enterprise_id, person_id))
        else:
            db.execute("UPDATE agents SET downloaded_at = COALESCE(downloaded_at, ?) WHERE id = "
                       "(SELECT agent_id FROM authorizations WHERE id = ?)", (now, authorization_id))
        return cur.lastrowid


def set_license_password(store: Store, person_id: int, password: str) -> None:
    store.execute("INSERT INTO phones (person_id, license_password_hash, password_changed) VALUES (?, ?, 1) "
                  "ON CONFLICT (person_id) DO UPDATE SET license_password_hash = excluded.license_password_hash, "
                  "password_changed = 1", (person_id, hash_password(password)))


def license_password_refusal(store: Store, person_id: int, password: str, wrong: str = PASSWORD_WRONG) -> str | None:
    """None for the phone's license password; otherwise why not. A 6-digit password falls to guessing, so after
    MAX_PASSWORD_ATTEMPTS wrong ones in a row every answer, the right one too, is a wait of PASSWORD_LOCK."""
    attempts = Attempts(store, "license password", MAX_PASSWORD_ATTEMPTS, PASSWORD_LOCK)
    key = str(person_id)
    if attempts.locked_minutes(key):
        return PASSWORD_LOCKED.format(minutes=attempts.locked_minutes(key))
    row = store.one("SELECT license_password_hash FROM phones WHERE person_id = ?", (person_id,))
    right = bool(row and password and check_password_hash(row["license_password_hash"], password))
    verdict = attempts.succeeded(key) if right else attempts.failed(key)
    if verdict.locked_minutes:
        return PASSWORD_LOCKED.format(minutes=verdict.locked_minutes)
    return None if right else wrong
