"""Mock of the consular APEC card portal (desktop) and the e-license mini-program (phone).

Importing the package is cheap: Flask and the app load when an app is built (mock_portal/app.py), so the validator,
which imports only the domain rules (mock_portal/rules/), starts without them.
"""


def create_app(test_config: dict | None = None):
    """The portal's Flask app (see mock_portal.app.create_app)."""
    from .app import create_app as build
    return build(test_config)
