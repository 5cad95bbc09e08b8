"""The tests' throwaway database skips SQLite's disk sync at every commit; a real mock keeps it."""
import pytest

from mock_portal import create_app
from mock_portal.store import Store

SYNCHRONOUS = {1: "NORMAL", 2: "FULL"}  # PRAGMA synchronous answers a number


@pytest.mark.parametrize("config, expected", [({}, "FULL"), ({"DATABASE_SYNCHRONOUS": "NORMAL"}, "NORMAL")])
def test_every_connection_syncs_as_configured(tmp_path, config, expected):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "portal.sqlite3"), **config})
    store = app.extensions["portal"].store
    assert SYNCHRONOUS[store.db.execute("PRAGMA synchronous").fetchone()[0]] == expected
    # the server answers each request on a new thread, with a new connection: it must get the setting too
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(1) as pool:
        answer = pool.submit(lambda: store.db.execute("PRAGMA synchronous").fetchone()[0]).result()
    assert SYNCHRONOUS[answer] == expected


def test_an_unknown_sync_mode_is_refused(tmp_path):
    with pytest.raises(ValueError, match="synchronous must be FULL or NORMAL"):
        Store(str(tmp_path / "portal.sqlite3"), "OFF; DROP TABLE x")
