"""Arranging state directly: used by the control API (tests) and by the demo seed (standalone server)."""
import json
from datetime import datetime, timedelta

from .licenses import ALL_MATTERS, FULL
from .miniapp import claims, grants, people
from .passwords import hash_password
from .store import Store, iso

INITIAL_LICENSE_PASSWORD = "123456"
INITIAL_PAY_PASSWORD = "123456"


def person(store: Store, name: str, id_number: str, mobile: str, pay_password: str = INITIAL_PAY_PASSWORD,
           realname_ok: bool = True, face_ok: bool = True) -> int:
    """A real-name registered person with a phone; realname_ok and face_ok are how their checks will end."""
    row = store.one("SELECT id FROM people WHERE id_number = ?", (id_number,))
    if row:
        return row["id"]
    cur = store.execute(
        "INSERT INTO people (name, id_number, mobile, pay_password_hash, realname_ok, face_ok) VALUES (?,?,?,?,?,?)",
        (name, id_number, mobile, hash_password(pay_password), int(realname_ok), int(face_ok)))
    store.execute("INSERT OR IGNORE INTO phones (person_id, license_password_hash) VALUES (?, ?)",
                  (cur.lastrowid, hash_password(INITIAL_LICENSE_PASSWORD)))
    return cur.lastrowid


def outcomes(store: Store, person_id: int, pay_password: str | None = None, realname_ok: bool | None = None,
             face_ok: bool | None = None) -> None:
    """Decides how this person's next real-name authentication goes."""
    if pay_password is not None:
        store.execute("UPDATE people SET pay_password_hash = ? WHERE id = ?", (hash_password(pay_password), person_id))
    for column, value in (("realname_ok", realname_ok), ("face_ok", face_ok)):
        if value is not None:
            store.execute(f"UPDATE people SET {column} = ? WHERE id = ?", (int(value), person_id))


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
    return download(store, enterprise_id, person_id, None)


def agent(store: Store, enterprise_id: int, person_id: int) -> int:
    """The person, entered as an agent of the enterprise under their own name, ID number and mobile."""
    who = store.one("SELECT * FROM people WHERE id = ?", (person_id,))
    return store.execute("INSERT INTO agents (enterprise_id, name, id_number, mobile, created_at) VALUES (?,?,?,?,?)",
                         (enterprise_id, who["name"], who["id_number"], who["mobile"], iso(store.now()))).lastrowid


def authorization(store: Store, enterprise_id: int, agent_id: int, mode: str = FULL, matters: list | None = None,
                  starts_at: datetime | None = None, ends_at: datetime | None = None,
                  created_by: int | None = None) -> int:
    starts_at = starts_at or store.now() - timedelta(days=1)
    ends_at = ends_at or starts_at + timedelta(days=365)
    matters = [ALL_MATTERS] if mode == FULL else (matters or [])
    return store.execute(
        "INSERT INTO authorizations (enterprise_id, agent_id, mode, matters, starts_at, ends_at, created_by, "
        "created_at) VALUES (?,?,?,?,?,?,?,?)",
        (enterprise_id, agent_id, mode, json.dumps(matters, ensure_ascii=False), iso(starts_at), iso(ends_at),
         created_by, iso(store.now()))).lastrowid


def download(store: Store, enterprise_id: int, person_id: int, authorization_id: int | None) -> int:
    return claims.record_download(store, enterprise_id, person_id, authorization_id)


def authorized_agent(store: Store, enterprise_id: int, person_id: int, downloaded: bool = True,
                     authorized: bool = True, **auth) -> dict:
    """An agent with an authorization and, by default, the license downloaded to their phone."""
    agent_id = agent(store, enterprise_id, person_id)
    authorization_id = authorization(store, enterprise_id, agent_id, **auth) if authorized else None
    download_id = download(store, enterprise_id, person_id, authorization_id) if downloaded and authorized else None
    return {"agent_id": agent_id, "authorization_id": authorization_id, "download_id": download_id}


def administrator(store: Store, enterprise_id: int, person_id: int, can_subauthorize: bool = True,
                  downloaded: bool = True) -> dict:
    who = store.one("SELECT * FROM people WHERE id = ?", (person_id,))
    admin_id, errors = people.Administrators(store).add(enterprise_id, who["name"], who["id_number"], who["mobile"],
                                                        can_subauthorize)
    if errors:
        raise ValueError(errors)
    download_id = download(store, enterprise_id, person_id, None) if downloaded else None
    return {"administrator_id": admin_id, "download_id": download_id}


def cancel_authorization(store: Store, authorization_id: int) -> None:
    grants.Grants(store).cancel(authorization_id)


def delete_agent(store: Store, agent_id: int) -> None:
    people.Agents(store).delete(agent_id)


def invalidate_download(store: Store, download_id: int) -> None:
    """A license copy gone invalid for a reason outside this mock (for instance, the license was re-issued)."""
    store.execute("UPDATE downloads SET invalidated_at = ? WHERE id = ?", (iso(store.now()), download_id))


def license_password(store: Store, person_id: int, password: str) -> None:
    """As if the person had changed the license password in this app."""
    claims.set_license_password(store, person_id, password)


def account(store: Store, enterprise_id: int, email: str, password: str, contact_phone: str = "13800000000") -> int:
    return store.execute(
        "INSERT INTO accounts (enterprise_id, email, password_hash, contact_phone, created_at) VALUES (?,?,?,?,?)",
        (enterprise_id, email, hash_password(password), contact_phone, iso(store.now()))).lastrowid
