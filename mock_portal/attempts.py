"""Counting wrong guesses (login passwords, license passwords) and locking after too many.

Counters are kept per (kind, key): the login name as typed (lower-cased for e-mails), or the person whose phone it
is. A login name that matches no account is counted like any other, so the answers cannot tell an attacker which
accounts exist. Reading, incrementing and writing a counter happen in one BEGIN IMMEDIATE transaction, so twenty
guesses sent at once count as twenty.
"""
import math
from dataclasses import dataclass
from datetime import timedelta

from .store import Store, iso, parse


@dataclass
class Verdict:
    remaining: int  # tries left before the lock; 0 when locked
    locked_minutes: int  # minutes until the lock ends; 0 when not locked


class Attempts:
    def __init__(self, store: Store, kind: str, limit: int, lock_for: timedelta) -> None:
        self.store, self.kind, self.limit, self.lock_for = store, kind, limit, lock_for

    def _locked_minutes(self, row, now) -> int:
        locked_until = parse(row["locked_until"]) if row else None
        if locked_until and now < locked_until:
            return math.ceil((locked_until - now).total_seconds() / 60)
        return 0

    def _row(self, db, key: str):
        return db.execute("SELECT * FROM attempts WHERE kind = ? AND key = ?", (self.kind, key)).fetchone()

    def locked_minutes(self, key: str) -> int:
        return self._locked_minutes(self.store.one("SELECT * FROM attempts WHERE kind = ? AND key = ?",
                                                   (self.kind, key)), self.store.now())

    def succeeded(self, key: str) -> Verdict:
        """A right guess: the count starts again, unless a lock was set meanwhile (then the right guess is refused
        too, as it would have been a moment later)."""
        with self.store.transaction() as db:
            now = self.store.now()  # read inside: a guess that waited for the lock must not count from before it
            minutes = self._locked_minutes(self._row(db, key), now)
            if minutes:
                return Verdict(0, minutes)
            db.execute("DELETE FROM attempts WHERE kind = ? AND key = ?", (self.kind, key))
            return Verdict(self.limit, 0)

    def failed(self, key: str) -> Verdict:
        """A wrong guess: counted, and the lock set by the one that reaches the limit."""
        with self.store.transaction() as db:
            now = self.store.now()  # after the wait for the lock, or a lock set meanwhile reads as 16 minutes
            row = self._row(db, key)
            minutes = self._locked_minutes(row, now)
            if minutes:
                return Verdict(0, minutes)
            failures = (row["failures"] if row and not row["locked_until"] else 0) + 1
            locked_until = iso(now + self.lock_for) if failures >= self.limit else None
            db.execute("INSERT INTO attempts (kind, key, failures, locked_until) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (kind, key) DO UPDATE SET failures = excluded.failures, "
                       "locked_until = excluded.locked_until", (self.kind, key, failures, locked_until))
            if locked_until:
                return Verdict(0, math.ceil(self.lock_for.total_seconds() / 60))
            return Verdict(self.limit - failures, 0)
