"""The validator starts without the mock's web stack: it imports the portal's rules (mock_portal/rules/), and
importing them must not build, or even import, the Flask app. Flask, flask_wtf, Werkzeug and Jinja took about
0.5 s of CPU on every `validator report` when they came in with the rules."""
import json
import subprocess
import sys
from pathlib import Path

from mock_portal import accounts, create_app, mail
from mock_portal.rules import limits
from validator.numbers import PORTAL_RULES
from validator_records import GUIDE, write_record

ROOT = Path(__file__).resolve().parents[2]
WEB_STACK = ("flask", "flask_wtf", "werkzeug", "jinja2", "wtforms", "qrcode")
# `python -m validator report ...` in this process, then the web modules it loaded.
REPORT_THEN_LIST = """
import json, runpy, sys
sys.argv = ["validator", *sys.argv[1:]]
try:
    runpy.run_module("validator", run_name="__main__")
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in %r)))
""" % (WEB_STACK,)


def test_a_report_loads_no_part_of_the_web_stack(tmp_path):
    record = write_record(tmp_path / "run")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-c", REPORT_THEN_LIST, "report", "--guide", str(GUIDE),
                           "--record", str(record), "--formats", "json,html,md", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert (out / "report.json").is_file(), done.stderr  # the report was made, so its whole path was imported
    assert json.loads(done.stdout.splitlines()[-1]) == [], done.stdout


def test_the_mock_and_the_validator_read_the_same_limits():
    assert (accounts.MAX_FAILED_LOGINS, accounts.LOCK_DURATION) == (limits.MAX_FAILED_LOGINS, limits.LOCK_DURATION)
    assert (mail.CODE_TTL, mail.MAX_CODE_ATTEMPTS) == (limits.CODE_TTL, limits.MAX_CODE_ATTEMPTS)
    assert mail.CODE_TTL_MINUTES == PORTAL_RULES["code_minutes"] == limits.CODE_TTL.total_seconds() // 60
    assert PORTAL_RULES["qr_minutes"] == limits.QR_TTL.total_seconds() // 60
    assert PORTAL_RULES["lock_minutes"] == limits.LOCK_DURATION.total_seconds() // 60
    assert (PORTAL_RULES["login_attempts"], PORTAL_RULES["code_attempts"]) == (limits.MAX_FAILED_LOGINS,
                                                                               limits.MAX_CODE_ATTEMPTS)


def test_the_app_built_through_the_package_is_the_portal(tmp_path):
    """`from mock_portal import create_app` builds the same app as before the factory moved to mock_portal/app.py:
    the package's templates and static files, the QR life from the limits."""
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "portal.sqlite3")})
    assert Path(app.root_path) == ROOT / "mock_portal"
    assert Path(app.instance_path) == ROOT / "instance"
    assert app.config["QR_TTL_SECONDS"] == limits.QR_TTL.total_seconds()
    page = app.test_client().get("/APEC/")
    assert page.status_code == 200
