"""SQLite state of the mock: one store object, a connection per thread, a reset, and the server clock."""
import sqlite3
import threading
from datetime import datetime, timedelta, timezone

SCHEMA_VERSION = "3"  # raise it with every change below
SCHEMA = f"""
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO settings (key, value) VALUES ('schema_version', '{SCHEMA_VERSION}');
CREATE TABLE people (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, id_number TEXT NOT NULL UNIQUE, mobile TEXT NOT NULL,
    pay_password_hash TEXT, realname_ok INTEGER NOT NULL DEFAULT 1, face_ok INTEGER NOT NULL DEFAULT 1);
CREATE TABLE enterprises (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, uscc TEXT NOT NULL UNIQUE,
    legal_rep_id INTEGER NOT NULL REFERENCES people(id), registration_place TEXT NOT NULL,
    nature TEXT NOT NULL DEFAULT '民营企业');
-- The enterprise's e-license: claimed_at is set by the legal representative's first claim.
CREATE TABLE licenses (enterprise_id INTEGER PRIMARY KEY REFERENCES enterprises(id), claimed_at TEXT);
-- 证照管理员, appointed by the legal representative; 下级授权 lets them manage 办事人 and authorizations.
-- People are matched to these rows by ID number, as the app matches the real-name authenticated person.
CREATE TABLE administrators (
    id INTEGER PRIMARY KEY, enterprise_id INTEGER NOT NULL REFERENCES enterprises(id), name TEXT NOT NULL,
    id_number TEXT NOT NULL, mobile TEXT NOT NULL, can_subauthorize INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, UNIQUE (enterprise_id, id_number));
-- 办事人 as entered by whoever manages the license; downloaded_at locks ID number and mobile (guide 1.2.1.3-4).
CREATE TABLE agents (
    id INTEGER PRIMARY KEY, enterprise_id INTEGER NOT NULL REFERENCES enterprises(id), name TEXT NOT NULL,
    id_number TEXT NOT NULL, mobile TEXT NOT NULL, created_at TEXT NOT NULL, downloaded_at TEXT, deleted_at TEXT);
CREATE UNIQUE INDEX agents_active ON agents (enterprise_id, id_number) WHERE deleted_at IS NULL;
-- matters: ["全部事项"] for 全业务授权, else category paths such as "电子政务—外交—领事服务".
CREATE TABLE authorizations (
    id INTEGER PRIMARY KEY, enterprise_id INTEGER NOT NULL, agent_id INTEGER NOT NULL REFERENCES agents(id),
    mode TEXT NOT NULL, matters TEXT NOT NULL, starts_at TEXT NOT NULL, ends_at TEXT NOT NULL,
    cancelled_at TEXT, created_by INTEGER, created_at TEXT NOT NULL);
-- A license copy on a person's phone (one per enterprise: a new download replaces the old); the legal
-- representative's and administrators' copies have no authorization.
CREATE TABLE downloads (
    id INTEGER PRIMARY KEY, enterprise_id INTEGER NOT NULL, person_id INTEGER NOT NULL,
    authorization_id INTEGER REFERENCES authorizations(id), downloaded_at TEXT NOT NULL, invalidated_at TEXT);
-- Phone-side license password, per person (one phone per person in this mock).
CREATE TABLE phones (person_id INTEGER PRIMARY KEY, license_password_hash TEXT, password_changed INTEGER DEFAULT 0);
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY, enterprise_id INTEGER NOT NULL UNIQUE REFERENCES enterprises(id),
    email TEXT NOT NULL UNIQUE COLLATE NOCASE, password_hash TEXT NOT NULL, contact_phone TEXT NOT NULL,
    region_province TEXT, region_detail TEXT, nature TEXT, industry TEXT, employees INTEGER,
    created_at TEXT NOT NULL);
CREATE TABLE handlers (
    id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id), name TEXT NOT NULL,
    login TEXT NOT NULL UNIQUE, mobile TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL);
-- Wrong guesses per (kind, key): login names (known or not) and phones' license passwords.
CREATE TABLE attempts (kind TEXT NOT NULL, key TEXT NOT NULL, failures INTEGER NOT NULL, locked_until TEXT,
    PRIMARY KEY (kind, key));
-- A portal sign-in; the browser's cookie holds its token, logout ends it here, so a saved cookie opens nothing.
CREATE TABLE portal_sessions (id INTEGER PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,
    account_id INTEGER NOT NULL REFERENCES accounts(id), handler_id INTEGER, started_at TEXT NOT NULL,
    ended_at TEXT);
-- failures: wrong codes typed against this code; at the limit it is dead even for the right code.
CREATE TABLE email_codes (id INTEGER PRIMARY KEY, email TEXT NOT NULL, code_hash TEXT NOT NULL,
    sent_at TEXT NOT NULL, used_at TEXT, failures INTEGER NOT NULL DEFAULT 0);
CREATE TABLE qr_tokens (
    id INTEGER PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, purpose TEXT NOT NULL,
    created_at TEXT NOT NULL, expires_at TEXT NOT NULL, scanned_at TEXT, person_id INTEGER,
    enterprise_id INTEGER, refusal TEXT);
"""


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def parse(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class Store:
    """All state behind one object. `now()` is the server clock, which tests may set."""

    def __init__(self, path: str, synchronous: str = "FULL") -> None:
        self.path = path
        # FULL syncs the disk at every commit. NORMAL (the tests' embedded mock) syncs at WAL checkpoints only:
        # still consistent after a crash of the process; an OS crash may lose the last commits of a throwaway file.
        if synchronous not in ("FULL", "NORMAL"):
            raise ValueError(f"synchronous must be FULL or NORMAL, not {synchronous!r}")
        self.synchronous = synchronous
        self._local = threading.local()
        self._write_lock = threading.Lock()

    @property
    def db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute(f"PRAGMA synchronous = {self.synchronous}")  # per connection; checked in __init__
            self._local.conn = conn
        return conn

    def initialize(self) -> None:
        """Create the schema if the file is new; an existing file keeps its data across restarts, unless it was
        made for an older schema (a mock's state is not worth a migration: it starts again)."""
        exists = self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'settings'").fetchone()
        if not exists:
            self.db.executescript(SCHEMA)
            return
        version = self.one("SELECT value FROM settings WHERE key = 'schema_version'")
        if version is None or version["value"] != SCHEMA_VERSION:
            self.reset()

    def reset(self) -> None:
        """Drop and recreate every table. Foreign keys are off meanwhile (a pragma that only works outside a
        transaction) so tables can go in any order."""
        with self._write_lock:
            self.db.execute("PRAGMA foreign_keys = OFF")
            try:
                tables = [r["name"] for r in self.db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
                script = "".join(f"DROP TABLE {table};" for table in tables)
                self.db.executescript(f"BEGIN IMMEDIATE;{script}{SCHEMA}COMMIT;")
            finally:
                self.db.execute("PRAGMA foreign_keys = ON")

    def transaction(self):
        return _Transaction(self)

    def execute(self, sql: str, params=()) -> sqlite3.Cursor:
        return self.db.execute(sql, params)

    # Lookups by a number from a form or a URL: one too large for SQLite's 64-bit integers matches no row.
    def one(self, sql: str, params=()) -> sqlite3.Row | None:
        try:
            return self.db.execute(sql, params).fetchone()
        except OverflowError:
            return None

    def all(self, sql: str, params=()) -> list[sqlite3.Row]:
        try:
            return self.db.execute(sql, params).fetchall()
        except OverflowError:
            return []

    # The clock: real time plus an offset, or a frozen moment, both set through the control API.
    def now(self) -> datetime:
        row = self.one("SELECT value FROM settings WHERE key = 'clock'")
        if row is None:
            return datetime.now(timezone.utc).replace(microsecond=0)
        return datetime.fromisoformat(row["value"])

    def set_clock(self, moment: datetime) -> None:
        self.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('clock', ?)", (iso(moment),))

    def advance_clock(self, seconds: float) -> datetime:
        moment = self.now() + timedelta(seconds=seconds)
        self.set_clock(moment)
        return moment


class _Transaction:
    """BEGIN IMMEDIATE so concurrent writers (two phones, two registrations) serialize instead of racing."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> sqlite3.Connection:
        self.store._write_lock.acquire()
        self.store.db.execute("BEGIN IMMEDIATE")
        return self.store.db

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.store.db.execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            self.store._write_lock.release()
