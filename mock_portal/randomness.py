"""Where the mock's secrets come from: the OS's unguessable source, unless a test (through the control API, which
exists only in testing mode) asks for a seeded sequence so that its QR codes, and so its screenshots, repeat."""
import base64
import random
import secrets


class Randomness:
    def __init__(self) -> None:
        self._seeded: random.Random | None = None

    def seed(self, seed: int | None) -> None:
        self._seeded = random.Random(seed) if seed is not None else None

    def token(self, nbytes: int = 32) -> str:
        if self._seeded is None:
            return secrets.token_urlsafe(nbytes)
        return base64.urlsafe_b64encode(self._seeded.randbytes(nbytes)).rstrip(b"=").decode()

    def below(self, limit: int) -> int:
        return secrets.randbelow(limit) if self._seeded is None else self._seeded.randrange(limit)
