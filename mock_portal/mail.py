"""Mail over SMTP, and the e-mail verification codes (6 digits, 10 minutes, resend after 60 s, dead after 5
wrong tries)."""
import hashlib
import hmac
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage

from .randomness import Randomness
from .rules.limits import CODE_TTL, MAX_CODE_ATTEMPTS
from .store import Store, iso, parse

CODE_TTL_MINUTES = int(CODE_TTL.total_seconds() // 60)  # what the mail and the page say: one number
RESEND_AFTER = timedelta(seconds=60)
CODE_DEAD = "邮箱验证码错误次数过多，已失效，请重新获取"
NOT_SENT = "验证码发送失败，请稍后再试"
SENDER = "中国领事服务网 <noreply@example.com>"
SUBJECT = "中国领事服务网邮箱验证码"


def _hash(email: str, code: str) -> str:
    return hashlib.sha256(f"{email.lower()}:{code}".encode()).hexdigest()


class MailNotSent(RuntimeError):
    pass


@dataclass
class Mailer:
    """Sends the portal's mail with smtplib to an SMTP server, as a real portal would: to the embedded catcher in
    tests and the demo, to a team's own catcher (Mailpit, MailHog) on staging."""
    host: str
    port: int
    sender: str = SENDER

    def send(self, recipient: str, subject: str, body: str) -> None:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, recipient, subject
        message.set_content(body)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as error:
            raise MailNotSent(f"{self.host}:{self.port}: {error}") from error


class EmailCodes:
    def __init__(self, store: Store, mailer: Mailer, randomness: Randomness) -> None:
        self.store = store
        self.mailer = mailer
        self.randomness = randomness

    def seconds_until_resend(self, email: str) -> int:
        last = self.store.one("SELECT sent_at FROM email_codes WHERE lower(email) = lower(?) ORDER BY id DESC LIMIT 1",
                              (email,))
        if last is None:
            return 0
        wait = parse(last["sent_at"]) + RESEND_AFTER - self.store.now()
        return max(0, int(wait.total_seconds() + 0.999))

    def send(self, email: str) -> None:
        """Mails a new code; it counts only once the mail is sent (MailNotSent otherwise)."""
        code = f"{self.randomness.below(10**6):06d}"
        self.mailer.send(email, SUBJECT, f"您的邮箱验证码为：{code}，{CODE_TTL_MINUTES}分钟内有效。如非本人操作，请忽略本邮件。")
        self.store.execute("INSERT INTO email_codes (email, code_hash, sent_at) VALUES (?, ?, ?)",
                           (email, _hash(email, code), iso(self.store.now())))

    def check(self, email: str, code: str) -> str | None:
        """Why the code is not accepted, or None. Only the newest code counts, and it dies after
        MAX_CODE_ATTEMPTS wrong tries: a 6-digit code cannot be guessed in a handful."""
        row = self.store.one("SELECT * FROM email_codes WHERE lower(email) = lower(?) ORDER BY id DESC LIMIT 1",
                             (email,))
        if row is None:
            return "请先获取邮箱验证码"
        if row["failures"] >= MAX_CODE_ATTEMPTS:
            return CODE_DEAD
        if not hmac.compare_digest(row["code_hash"], _hash(email, code)):
            # one statement reads and increments, so guesses sent at once are all counted
            failures = self.store.all("UPDATE email_codes SET failures = failures + 1 WHERE id = ? "
                                      "RETURNING failures", (row["id"],))[0]["failures"]
            return CODE_DEAD if failures >= MAX_CODE_ATTEMPTS else "邮箱验证码错误"
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
