"""Enterprise accounts and their 经办人 accounts: registration, login with lock-out, management."""
import secrets
import sqlite3
from dataclasses import dataclass
from functools import cache

from werkzeug.security import check_password_hash

from .attempts import Attempts
from .passwords import hash_password
from .rules.limits import LOCK_DURATION, MAX_FAILED_LOGINS
from .store import Store, iso

ENTERPRISE_ALREADY_REGISTERED = "该企业已注册账号，请直接登录"
EMAIL_ALREADY_REGISTERED = "该邮箱已注册，请更换邮箱或直接登录"


@dataclass
class LoginResult:
    account_id: int | None = None
    handler_id: int | None = None
    error: str | None = None


def locked_message(minutes: int) -> str:
    return f"密码错误次数过多，账号已锁定，请{minutes}分钟后再试"


@cache
def _stand_in_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


class Accounts:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.account_attempts = Attempts(store, "account login", MAX_FAILED_LOGINS, LOCK_DURATION)
        self.handler_attempts = Attempts(store, "handler login", MAX_FAILED_LOGINS, LOCK_DURATION)

    def by_enterprise(self, enterprise_id: int):
        return self.store.one("SELECT * FROM accounts WHERE enterprise_id = ?", (enterprise_id,))

    def by_id(self, account_id: int):
        return self.store.one("SELECT * FROM accounts WHERE id = ?", (account_id,))

    def email_taken(self, email: str) -> bool:
        return self.store.one("SELECT 1 FROM accounts WHERE lower(email) = lower(?)", (email,)) is not None

    def register(self, enterprise_id: int, email: str, password: str, details: dict) -> tuple[int | None, str | None]:
        """One account per enterprise and per e-mail, enforced by the schema so concurrent attempts cannot both win."""
        password_hash = hash_password(password)  # slow on purpose: not while holding the write lock
        try:
            with self.store.transaction() as db:
                cur = db.execute(
                    "INSERT INTO accounts (enterprise_id, email, password_hash, contact_phone, region_province,"
                    " region_detail, nature, industry, employees, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (enterprise_id, email, password_hash, details["contact_phone"],
                     details.get("region_province"), details.get("region_detail"), details.get("nature"),
                     details.get("industry"), details.get("employees"), iso(self.store.now())))
                return cur.lastrowid, None
        except sqlite3.IntegrityError as error:
            return None, ENTERPRISE_ALREADY_REGISTERED if "enterprise_id" in str(error) else EMAIL_ALREADY_REGISTERED

    def login(self, email: str, password: str) -> LoginResult:
        row = self.store.one("SELECT * FROM accounts WHERE lower(email) = lower(?)", (email,))
        error = self._check_password(self.account_attempts, email.lower(), row, password)
        return LoginResult(account_id=row["id"]) if error is None else LoginResult(error=error)

    def login_handler(self, login: str, password: str) -> LoginResult:
        row = self.store.one("SELECT * FROM handlers WHERE login = ?", (login,))
        error = self._check_password(self.handler_attempts, login, row, password)
        if error is None:
            return LoginResult(account_id=row["account_id"], handler_id=row["id"])
        return LoginResult(error=error)

    def _check_password(self, attempts: Attempts, name: str, row, password: str) -> str | None:
        """One answer for a wrong password and for a name no account has: both count towards the lock-out."""
        if attempts.locked_minutes(name):
            return locked_message(attempts.locked_minutes(name))
        # An unknown name is checked against a stand-in hash, so it takes as long as a known one.
        right = check_password_hash(row["password_hash"] if row else _stand_in_hash(), password) and row is not None
        verdict = attempts.succeeded(name) if right else attempts.failed(name)
        if verdict.locked_minutes:
            return locked_message(verdict.locked_minutes)
        return None if right else f"账号或密码错误，还可尝试{verdict.remaining}次"

    # 经办人管理
    def handlers(self, account_id: int) -> list:
        return self.store.all("SELECT * FROM handlers WHERE account_id = ? ORDER BY id", (account_id,))

    def handler(self, account_id: int, handler_id: int):
        return self.store.one("SELECT * FROM handlers WHERE account_id = ? AND id = ?", (account_id, handler_id))

    def login_taken(self, login: str, except_id: int | None = None) -> bool:
        row = self.store.one("SELECT id FROM handlers WHERE login = ?", (login,))
        return row is not None and row["id"] != except_id

    def add_handler(self, account_id: int, name: str, login: str, mobile: str, password: str) -> int:
        cur = self.store.execute(
            "INSERT INTO handlers (account_id, name, login, mobile, password_hash, created_at) VALUES (?,?,?,?,?,?)",
            (account_id, name, login, mobile, hash_password(password), iso(self.store.now())))
        return cur.lastrowid

    def update_handler(self, account_id: int, handler_id: int, name: str, mobile: str, password: str | None) -> None:
        self.store.execute("UPDATE handlers SET name = ?, mobile = ? WHERE account_id = ? AND id = ?",
                           (name, mobile, account_id, handler_id))
        if password:
            self.store.execute("UPDATE handlers SET password_hash = ? WHERE account_id = ? AND id = ?",
                               (hash_password(password), account_id, handler_id))

    def delete_handler(self, account_id: int, handler_id: int) -> None:
        self.store.execute("DELETE FROM handlers WHERE account_id = ? AND id = ?", (account_id, handler_id))
