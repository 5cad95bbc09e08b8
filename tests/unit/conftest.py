"""A mock app in testing mode on a fresh database, its store, and the SMTP catcher its mail goes to, for tests
that call the domain directly; and the published guide and the recorded whole run, for the validator's tests."""
import re

import pytest

from mock_portal import create_app
from mock_portal.mail_catcher import MailCatcher
from validator_records import GUIDE, full_run


@pytest.fixture(scope="session")
def catcher():
    catcher = MailCatcher().start()
    yield catcher
    catcher.stop()


@pytest.fixture
def app(tmp_path, catcher):
    catcher.clear()
    # NORMAL: no disk sync at each commit, as the scenarios' server (test_store_durability.py checks FULL's default)
    return create_app({"TESTING": True, "DATABASE": str(tmp_path / "x.sqlite3"), "WTF_CSRF_ENABLED": False,
                       "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000", "DATABASE_SYNCHRONOUS": "NORMAL",
                       "MAIL_SMTP_HOST": catcher.host, "MAIL_SMTP_PORT": catcher.port})


@pytest.fixture
def store(app):
    return app.extensions["portal"].store


@pytest.fixture
def sent_code(catcher):
    """The code in the newest mail to this address, as the SMTP catcher received it."""
    def newest(email: str) -> str:
        return re.search(r"\d{6}", catcher.messages(email)[-1]["body"]).group()
    return newest


@pytest.fixture(scope="module")
def guide_text():
    """The published guide's text, which a test edits as a writer would."""
    return GUIDE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def record():
    """The recorded whole run (every scenario, every screen); a module that checks the small sample record instead
    defines its own ``record``. A module's tests share it: none may change it."""
    return full_run()
