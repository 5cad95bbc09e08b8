"""A mock app in testing mode on a fresh database, and its store, for tests that call the domain directly."""
import pytest

from mock_portal import create_app


@pytest.fixture
def app(tmp_path):
    return create_app({"TESTING": True, "DATABASE": str(tmp_path / "x.sqlite3"), "WTF_CSRF_ENABLED": False,
                       "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})


@pytest.fixture
def store(app):
    return app.extensions["portal"].store
