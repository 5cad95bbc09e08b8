"""Password hashing: scrypt (werkzeug's default) for a real server; the test server may pick a cheaper salted
method through PASSWORD_HASH_METHOD, since each scenario hashes a handful of passwords."""
from flask import current_app, has_app_context
from werkzeug.security import generate_password_hash

DEFAULT_METHOD = "scrypt"


def hash_password(password: str) -> str:
    method = current_app.config.get("PASSWORD_HASH_METHOD", DEFAULT_METHOD) if has_app_context() else DEFAULT_METHOD
    return generate_password_hash(password, method=method)
