"""QR tokens: unguessable, single-use, expiring. Only a hash of the token is stored."""
import base64
import hashlib
import io
import threading
from dataclasses import dataclass
from datetime import timedelta

import qrcode

from .randomness import Randomness
from .store import Store, iso, parse

PURPOSES = ("register", "login")


def validity_text(ttl: timedelta) -> str:
    """How the QR pages state a code's life: in minutes when whole ("5分钟"), else in seconds."""
    seconds = int(ttl.total_seconds())
    return f"{seconds // 60}分钟" if seconds % 60 == 0 else f"{seconds}秒"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class QrStatus:
    state: str  # pending | scanned | expired | unknown
    enterprise_id: int | None = None
    person_id: int | None = None
    refusal: str | None = None


class QrTokens:
    def __init__(self, store: Store, ttl_seconds: int, randomness: Randomness) -> None:
        self.store = store
        self.randomness = randomness
        self.ttl = timedelta(seconds=ttl_seconds)
        # Wakes the QR pages' event streams when a scan, a refusal or the clock may have changed a code's state.
        self._changed = threading.Condition()
        self.version = 0

    def announce_change(self) -> None:
        with self._changed:
            self.version += 1
            self._changed.notify_all()

    def wait_for_change(self, since_version: int, timeout: float) -> None:
        """Returns at once if something changed since that version, else at the next change or the timeout (a
        second server on the same database file changes it without telling this one)."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != since_version, timeout)

    def issue(self, purpose: str) -> tuple[int, str]:
        assert purpose in PURPOSES
        token = self.randomness.token(32)
        now = self.store.now()
        cur = self.store.execute(
            "INSERT INTO qr_tokens (token_hash, purpose, created_at, expires_at) VALUES (?, ?, ?, ?)",
            (_hash(token), purpose, iso(now), iso(now + self.ttl)))
        return cur.lastrowid, token

    def find(self, token: str):
        return self.store.one("SELECT * FROM qr_tokens WHERE token_hash = ?", (_hash(token),))

    def status(self, token_id: int) -> QrStatus:
        row = self.store.one("SELECT * FROM qr_tokens WHERE id = ?", (token_id,))
        if row is None:
            return QrStatus("unknown")
        if row["scanned_at"]:
            return QrStatus("scanned", row["enterprise_id"], row["person_id"])
        if self.store.now() >= parse(row["expires_at"]):
            return QrStatus("expired")
        return QrStatus("pending", refusal=row["refusal"])

    def check_usable(self, token: str, purpose: str) -> str | None:
        """Why a scanned token cannot be used, or None."""
        row = self.find(token)
        if row is None or row["purpose"] != purpose:
            return "无法识别的二维码"
        if row["scanned_at"]:
            return "二维码已使用，请在电脑上刷新二维码后重新扫码"
        if self.store.now() >= parse(row["expires_at"]):
            return "二维码已过期，请在电脑上刷新二维码后重新扫码"
        return None

    def refuse(self, token: str, reason: str) -> None:
        self.store.execute("UPDATE qr_tokens SET refusal = ? WHERE token_hash = ?", (reason, _hash(token)))
        self.announce_change()

    def mark_scanned(self, token: str, person_id: int, enterprise_id: int) -> bool:
        """Single use: the conditional UPDATE lets exactly one of two simultaneous scans win."""
        with self.store.transaction() as db:
            cur = db.execute(
                "UPDATE qr_tokens SET scanned_at = ?, person_id = ?, enterprise_id = ?, refusal = NULL "
                "WHERE token_hash = ? AND scanned_at IS NULL AND expires_at > ?",
                (iso(self.store.now()), person_id, enterprise_id, _hash(token), iso(self.store.now())))
            won = cur.rowcount == 1
        self.announce_change()  # after the commit, so a woken stream reads the scan
        return won

    def consume(self, token_id: int) -> None:
        """The browser session that showed the code takes the scan result once; a reload cannot replay it."""
        self.store.execute("UPDATE qr_tokens SET purpose = 'consumed' WHERE id = ?", (token_id,))


def qr_png_data_uri(content: str) -> str:
    image = qrcode.make(content, box_size=8, border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def decode_qr_image(data: bytes) -> str | None:
    """What a phone camera reads from a picture of the screen."""
    import zxingcpp
    from PIL import Image

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except Exception:
        return None
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return results[0].text if results else None


QR_PATH = "APEC/qr/"


def qr_content(host_url: str, token: str) -> str:
    """A URL, as real portals encode: opened in an ordinary browser it tells you to use the mini-program."""
    return f"{host_url}{QR_PATH}{token}"


def token_from(content: str) -> str | None:
    head, sep, token = content.partition(QR_PATH)
    return token if sep and token and "/" not in token else None
