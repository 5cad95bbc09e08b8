"""`./harness help` and `--help` on every command teach: options, defaults, exit codes, examples, exit 0, and no
set-up first. The options the test help names are real pytest options, so the help cannot drift from the code."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = ["test", "validate", "report", "serve", "setup"]
ALIASES = {"--junitxml": "--junit-xml"}  # pytest's help shows one spelling of the two it accepts


def harness(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(ROOT / "harness"), *args], capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin"})  # no .venv on the PATH: help must not need one


@pytest.mark.parametrize("args", [["help"], ["--help"], ["-h"]])
def test_the_general_help_lists_commands_exit_codes_and_examples(args):
    result = harness(*args)
    assert result.returncode == 0, result.stderr
    for command in COMMANDS:
        assert re.search(rf"^  {command} ", result.stdout, re.M), command
    assert "Exit codes:" in result.stdout and "Examples:" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_each_commands_help_has_options_exit_codes_examples(command, flag):
    result = harness(command, flag)
    assert result.returncode == 0, result.stderr
    assert result.stdout == harness("help", command).stdout
    assert "Exit codes" in result.stdout and "Examples:" in result.stdout
    assert result.stdout.count(f"./harness {command}") >= 2  # the usage line and at least one example


def test_an_unknown_command_is_one_line_and_exit_2():
    result = harness("frobnicate")
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "frobnicate" in result.stderr


def test_help_after_double_dash_belongs_to_pytest_not_to_the_harness():
    # `./harness validate -- -h` must reach pytest; here only check the harness does not answer it itself
    result = subprocess.run(["bash", "-c", f'source <(sed -n "/^asks_help()/p" {ROOT / "harness"}); '
                             'asks_help -- -h && echo harness || echo passed-on'], capture_output=True, text=True)
    assert result.stdout.strip() == "passed-on"


def test_every_option_the_test_help_names_is_a_pytest_option():
    named = set(re.findall(r"(?<![\w-])(--[a-z][\w-]+)", harness("test", "--help").stdout)) - {"--help", "--option"}
    named = {ALIASES.get(option, option) for option in named}
    options = subprocess.run([sys.executable, "-m", "pytest", "--help"], cwd=ROOT, capture_output=True, text=True,
                             timeout=120).stdout
    missing = sorted(option for option in named if not re.search(rf"(?<![\w-]){re.escape(option)}\b", options))
    if "--alluredir" in missing and "allure" not in options:
        missing.remove("--alluredir")  # the optional extra is not installed here
    assert missing == []
