"""The app factory: the mock portal's Flask app around one store (imported by create_app in __init__.py)."""
import os
import secrets
from dataclasses import dataclass

from flask import Flask, redirect
from flask_wtf.csrf import CSRFProtect

from .accounts import Accounts
from .forms import PortalRequest
from .licenses import Licenses
from .mail import EmailCodes, Mailer
from .qr import QrTokens, validity_text
from .randomness import Randomness
from .rules.limits import QR_TTL
from .signins import SignIns
from .store import Store

csrf = CSRFProtect()


@dataclass
class Portal:
    """The domain services the views use, built once per app around one store."""
    store: Store
    accounts: Accounts
    licenses: Licenses
    mailer: Mailer
    email_codes: EmailCodes
    qr: QrTokens
    randomness: Randomness
    signins: SignIns

    @classmethod
    def build(cls, store: Store, qr_ttl: int, mailer: Mailer) -> "Portal":
        randomness = Randomness()
        return cls(store, Accounts(store), Licenses(store), mailer, EmailCodes(store, mailer, randomness),
                   QrTokens(store, qr_ttl, randomness), randomness, SignIns(store))


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask("mock_portal", instance_relative_config=True)  # the package's templates, static and instance folder
    app.request_class = PortalRequest  # forms parsed as Werkzeug does, a long field faster
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("MOCK_PORTAL_SECRET_KEY") or secrets.token_hex(32),
        DATABASE=os.path.join(app.instance_path, "portal.sqlite3"),
        DATABASE_SYNCHRONOUS="FULL",  # SQLite's; the tests' throwaway database sets NORMAL (fixtures/server.py)
        QR_TTL_SECONDS=int(QR_TTL.total_seconds()),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
        SEED_DEMO=False,
        # Where the portal's mail goes (smtplib). `python -m mock_portal` starts a catcher and points here.
        MAIL_SMTP_HOST="localhost",
        MAIL_SMTP_PORT=25,
    )
    if test_config:
        app.config.from_mapping(test_config)
    os.makedirs(os.path.dirname(app.config["DATABASE"]) or ".", exist_ok=True)

    store = Store(app.config["DATABASE"], app.config["DATABASE_SYNCHRONOUS"])
    store.initialize()
    mailer = Mailer(app.config["MAIL_SMTP_HOST"], int(app.config["MAIL_SMTP_PORT"]))
    app.extensions["portal"] = Portal.build(store, app.config["QR_TTL_SECONDS"], mailer)
    csrf.init_app(app)

    from . import miniapp, portal_views
    app.register_blueprint(portal_views.bp)
    app.register_blueprint(miniapp.bp)
    if app.testing:
        from . import control
        csrf.exempt(control.bp)
        app.register_blueprint(control.bp)
    if app.config["SEED_DEMO"] and not app.testing:
        from . import demo, demo_views
        with app.app_context():  # the app's password hashing method
            demo.seed(store)
        app.register_blueprint(demo_views.bp)

    @app.context_processor
    def qr_validity():  # the QR pages state the life the portal enforces, not a copy of it
        return {"qr_validity": validity_text(app.extensions["portal"].qr.ttl)}

    @app.get("/")
    def root():
        return redirect("/APEC/")

    return app
