"""The mock mailbox and the e-mail verification codes (6 digits, 10 minutes, resend after 60 s)."""
import hashlib
import hmac
from datetime import timedelta

from .randomness import Randomness
from .store import Store, iso, parse

CODE_TTL = timedelta(minutes=10)
RESEND_AFTER = timedelta(seconds=60)


def _hash(email: str, code: str) -> str:
    return hashlib.sha256(f"{email.lower()}:{code}".encode()).hexdigest()


class Mailbox:
    def __init__(self, store: Store) -> None:
        self.store = store

    def send(self, recipient: str, subject: str, body: str) -> None:
        self.store.execute("INSERT INTO mailbox (recipient, subject, body, sent_at) VALUES (?, ?, ?, ?)",
                           (recipient, subject, body, iso(self.store.now())))

    def messages(self, recipient: str | None = None) -> list[dict]:
        if recipient:
            rows = self.store.all("SELECT * FROM mailbox WHERE lower(recipient) = lower(?) ORDER BY id", (recipient,))
        else:
            rows = self.store.all("SELECT * FROM mailbox ORDER BY id")
        return [dict(r) for r in rows]


class EmailCodes:
    def __init__(self, store: Store, mailbox: Mailbox, randomness: Randomness) -> None:
        self.store = store
        self.mailbox = mailbox
        self.randomness = randomness

    def seconds_until_resend(self, email: str) -> int:
        last = self.store.one("SELECT sent_at FROM email_codes WHERE lower(email) = lower(?) ORDER BY id DESC LIMIT 1",
                              (email,))
        if last is None:
            return 0
        wait = parse(last["sent_at"]) + RESEND_AFTER - self.store.now()
        return max(0, int(wait.total_seconds() + 0.999))

    def send(self, email: str) -> None:
        code = f"{self.randomness.below(10**6):06d}"
        self.store.execute("INSERT INTO email_codes (email, code_hash, sent_at) VALUES (?, ?, ?)",
                           (email, _hash(email, code), iso(self.store.now())))
        self.mailbox.send(email, "中国领事服务网邮箱验证码",
                          f"您的邮箱验证码为：{code}，10分钟内有效。如非本人操作，请忽略本邮件。")

    def check(self, email: str, code: str) -> str | None:
        """Why the code is not accepted, or None. Only the newest code counts."""
        row = self.store.one("SELECT * FROM email_codes WHERE lower(email) = lower(?) ORDER BY id DESC LIMIT 1",
                             (email,))
        if row is None:
            return "请先获取邮箱验证码"
        if not hmac.compare_digest(row["code_hash"], _hash(email, code)):
            return "邮箱验证码错误"
        if row["used_at"]:
            return "邮箱验证码已使用，请重新获取"
        if self.store.now() > parse(row["sent_at"]) + CODE_TTL:
            return "邮箱验证码已过期，请重新获取"
        return None

    def mark_used(self, email: str) -> None:
        self.store.execute(
            "UPDATE email_codes SET used_at = ? WHERE id = "
            "(SELECT id FROM email_codes WHERE lower(email) = lower(?) ORDER BY id DESC LIMIT 1)",
            (iso(self.store.now()), email))
