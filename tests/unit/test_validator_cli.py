"""`python -m validator run` takes pytest options as `./harness test` does and runs one worker per core; every
command's --help teaches its options, defaults, exit codes and examples."""
import subprocess
import sys
from pathlib import Path

import pytest

import validator.cli as cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def ran(monkeypatch, tmp_path):
    """main(["run", ...]) with pytest and the pre-flight replaced: the command pytest would get."""
    calls = []
    monkeypatch.setattr(cli, "preflight", lambda base_url, **_: None)
    monkeypatch.setattr(cli.subprocess, "call", lambda cmd, **_: calls.append(cmd) or 5)

    def run(*argv):
        code = cli.main(["run", "--record", str(tmp_path / "run-record.json"), "--out", str(tmp_path / "g"), *argv])
        return code, calls[-1] if calls else None
    return run


def test_pytest_options_need_no_double_dash(ran):
    code, cmd = ran("-m", "guide-1.3", "-k", "登录", "--headed")
    assert cmd is not None and code == 3  # pytest "collected nothing" (5) and no record: nothing ran
    args = cmd[3:]  # after "python -m pytest"
    assert args[args.index("-m") + 1] == "guide-1.3" and args[args.index("-k") + 1] == "登录" and "--headed" in args


def test_scenarios_run_one_worker_per_core(ran):
    _, cmd = ran()
    assert cmd[cmd.index("-n") + 1] == "auto"
    _, cmd = ran("-n", "0")
    assert cmd.count("-n") == 1 and cmd[cmd.index("-n") + 1] == "0"
    _, cmd = ran("--", "-n", "1")  # the old form still works
    assert cmd.count("-n") == 1 and cmd[cmd.index("-n") + 1] == "1"


def test_validator_options_stay_the_validators(ran):
    _, cmd = ran("--fail-on", "none", "--base-url", "http://127.0.0.1:9/", "-m", "guide-1.1")
    assert "--fail-on" not in cmd and cmd[cmd.index("--base-url") + 1] == "http://127.0.0.1:9/"


@pytest.mark.parametrize("argv", [[], ["run"], ["report"]], ids=["top", "run", "report"])
def test_help_teaches_options_exit_codes_and_examples(argv):
    done = subprocess.run([sys.executable, "-m", "validator", *argv, "--help"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    text = done.stdout
    for words in ("exit codes", "0 ", "1 ", "2 ", "3 ", "examples"):
        assert words in text.lower(), words
    if argv:
        assert "default" in text.lower()
        assert "--fail-on" in text and "--out" in text and "--previous" in text
    if argv == ["run"]:
        assert "-m guide-1.3" in text and "-n auto" in text
