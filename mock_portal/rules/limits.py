"""The portal's limits: how long a code or a lock lasts, how many wrong tries it takes. The mock enforces them and
the validator holds the guide's numbers to them (validator/numbers.py): one place, plain Python."""
from datetime import timedelta

# Portal login (account or handler): this many wrong passwords in a row lock it for LOCK_DURATION.
MAX_FAILED_LOGINS = 5
LOCK_DURATION = timedelta(minutes=15)
# E-mail verification codes: valid CODE_TTL after sending, dead after MAX_CODE_ATTEMPTS wrong tries.
CODE_TTL = timedelta(minutes=10)
MAX_CODE_ATTEMPTS = 5
# How long a QR code lives unless the app is configured otherwise; the QR pages state it ("二维码5分钟内有效").
QR_TTL = timedelta(minutes=5)
