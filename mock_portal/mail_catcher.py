"""An SMTP server that keeps what it receives: the embedded catcher of the tests and of the demo.

aiosmtpd in a thread of this process. It answers 250 only after the message is stored, so a code the portal
has mailed can be read the moment the portal's page says it was sent.
"""
import threading
from datetime import datetime, timezone
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class _Handler:
    def __init__(self, catcher: "MailCatcher") -> None:
        self.catcher = catcher

    async def handle_DATA(self, server, session, envelope) -> str:
        self.catcher.keep(envelope.rcpt_tos, envelope.content)
        return "250 Message accepted for delivery"


class _Controller(Controller):
    def _trigger_server(self):
        # bound to port 0: learn the port the system chose before aiosmtpd connects to check it is up
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class MailCatcher:
    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._messages: list[dict] = []
        self._lock = threading.Lock()
        self._controller = _Controller(_Handler(self), hostname=host, port=port)

    @property
    def host(self) -> str:
        return self._controller.hostname

    @property
    def port(self) -> int:
        return self._controller.port

    def start(self) -> "MailCatcher":
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def keep(self, recipients: list[str], raw: bytes) -> None:
        message = message_from_bytes(raw, policy=policy.default)
        body = message.get_body(preferencelist=("plain", "html"))
        with self._lock:
            self._messages.append({
                "id": len(self._messages) + 1, "to": list(recipients), "from": str(message["From"] or ""),
                "subject": str(message["Subject"] or ""),
                "body": body.get_content().replace("\r\n", "\n") if body else "",
                "received_at": datetime.now(timezone.utc).isoformat(timespec="seconds")})

    def messages(self, recipient: str | None = None) -> list[dict]:
        """Oldest first; only those to `recipient` (any case) when given."""
        with self._lock:
            kept = list(self._messages)
        if recipient is None:
            return kept
        return [m for m in kept if recipient.lower() in (to.lower() for to in m["to"])]

    def clear(self) -> None:
        with self._lock:
            self._messages.clear()
