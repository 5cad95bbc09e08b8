"""Arranging state directly: used by the control API (tests) and by the demo seed (standalone server)."""
import json
from datetime import datetime, timedelta

from .passwords import hash_password

from .licenses import ALL_MATTERS, FULL
from .store import Store, iso

INITIAL_LICENSE_PASSWORD = "123456"


def person(store: Store, name: str, id_number: str, mobile: str, pay_password: str = "123456",
           realname_ok: bool = True, face_ok: bool = True) -> int:
    row = store.one("SELECT id FROM people WHERE id_number = ?", (id_number,))
    if row:
        return row["id"]
    cur = store.execute(
        "INSERT INTO people (name, id_number, mobile, pay_password_hash, realname_ok, face_ok) VALUES (?,?,?,?,?,?)",
        (name, id_number, mobile, hash_password(pay_password), int(realname_ok), int(face_ok)))
    store.execute("INSERT OR IGNORE INTO phones (person_id, license_password_hash) VALUES (?, ?)",
                  (cur.lastrowid, hash_password(INITIAL_LICENSE_PASSWORD)))
    return cur.lastrowid


def enterprise(store: Store, name: str, uscc: str, legal_rep_id: int, registration_place: str = "湖南省",
               nature: str = "民营企业", claimed: bool = False) -> int:
    cur = store.execute(
        "INSERT INTO enterprises (name, uscc, legal_rep_id, registration_place, nature) VALUES (?,?,?,?,?)",
        (name, uscc, legal_rep_id, registration_place, nature))
    enterprise_id = cur.lastrowid
    store.execute("INSERT INTO licenses (enterprise_id) VALUES (?)", (enterprise_id,))
    if claimed:
        claim(store, enterprise_id, legal_rep_id)
    return enterprise_id


def claim(store: Store, enterprise_id: int, person_id: int) -> int:
    """The legal representative's first claim: the license lands on their phone."""
    now = iso(store.now())
    store.execute("UPDATE licenses SET claimed_at = COALESCE(claimed_at, ?) WHERE enterprise_id = ?",
                  (now, enterprise_id))
    return download(store, enterprise_id, person_id, None)


def agent(store: Store, enterprise_id: int, person_id: int) -> int:
    return store.execute("INSERT INTO agents (enterprise_id, person_id) VALUES (?, ?)",
                         (enterprise_id, person_id)).lastrowid


def authorization(store: Store, enterprise_id: int, agent_id: int, mode: str = FULL, matters: list | None = None,
                  starts_at: datetime | None = None, ends_at: datetime | None = None,
                  created_by: int | None = None) -> int:
    starts_at = starts_at or store.now() - timedelta(days=1)
    ends_at = ends_at or starts_at + timedelta(days=365)
    matters = [ALL_MATTERS] if mode == FULL else (matters or [])
    return store.execute(
        "INSERT INTO authorizations (enterprise_id, agent_id, mode, matters, category, starts_at, ends_at, created_by)"
        " VALUES (?,?,?,?,?,?,?,?)",
        (enterprise_id, agent_id, mode, json.dumps(matters, ensure_ascii=False), "电子政务",
         iso(starts_at), iso(ends_at), created_by)).lastrowid


def download(store: Store, enterprise_id: int, person_id: int, authorization_id: int | None) -> int:
    return store.execute(
        "INSERT INTO downloads (enterprise_id, person_id, authorization_id, downloaded_at) VALUES (?,?,?,?)",
        (enterprise_id, person_id, authorization_id, iso(store.now()))).lastrowid


def authorized_agent(store: Store, enterprise_id: int, person_id: int, downloaded: bool = True, **auth) -> dict:
    """An agent with an authorization and, by default, the license downloaded to their phone."""
    agent_id = agent(store, enterprise_id, person_id)
    authorization_id = authorization(store, enterprise_id, agent_id, **auth)
    download_id = download(store, enterprise_id, person_id, authorization_id) if downloaded else None
    return {"agent_id": agent_id, "authorization_id": authorization_id, "download_id": download_id}


def account(store: Store, enterprise_id: int, email: str, password: str, contact_phone: str = "13800000000") -> int:
    return store.execute(
        "INSERT INTO accounts (enterprise_id, email, password_hash, contact_phone, created_at) VALUES (?,?,?,?,?)",
        (enterprise_id, email, hash_password(password), contact_phone, iso(store.now()))).lastrowid
