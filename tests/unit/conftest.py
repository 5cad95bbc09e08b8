"""A mock app in testing mode on a fresh database, its store, and the SMTP catcher its mail goes to, for tests
that call the domain directly."""
import re

import pytest

from mock_portal import create_app
from mock_portal.mail_catcher import MailCatcher


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
