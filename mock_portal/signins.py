"""Portal sign-ins kept on the server. The browser's cookie holds only a token; logging out ends the sign-in
here, so a cookie saved before the logout opens nothing afterwards. Only a hash of the token is stored."""
import hashlib
import secrets

from .store import Store, iso


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SignIns:
    def __init__(self, store: Store) -> None:
        self.store = store

    def start(self, account_id: int, handler_id: int | None = None) -> str:
        token = secrets.token_urlsafe(32)
        self.store.execute("INSERT INTO portal_sessions (token_hash, account_id, handler_id, started_at) "
                           "VALUES (?, ?, ?, ?)", (_hash(token), account_id, handler_id, iso(self.store.now())))
        return token

    def find(self, token) -> dict | None:
        """The live sign-in this token belongs to: account_id and handler_id (None for the enterprise itself)."""
        if not isinstance(token, str):
            return None
        row = self.store.one("SELECT account_id, handler_id FROM portal_sessions "
                             "WHERE token_hash = ? AND ended_at IS NULL", (_hash(token),))
        return dict(row) if row else None

    def end(self, token) -> None:
        if isinstance(token, str):
            self.store.execute("UPDATE portal_sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL",
                               (iso(self.store.now()), _hash(token)))
