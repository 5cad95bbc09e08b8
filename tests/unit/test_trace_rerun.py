"""A failing scenario's trace comes from a second run of it (fixtures/trace_rerun.py). That run must be the same
scenario against the same portal, mail and browser, with the run's own plugins (a planted failure fails again),
recording a trace and nothing else: no report of the run's, no screenshots. (tests/test_ci_reports.py checks the
trace of a real failing run in the JUnit and Allure reports.)"""
from pathlib import Path
from types import SimpleNamespace

from fixtures.trace_rerun import rerun_command

NODE = "tests/test_scenarios.py::test_企业账号登录"


def _config(args: list[str], **options):
    return SimpleNamespace(invocation_params=SimpleNamespace(args=tuple(args)),
                           getoption=lambda name, default=None: options.get(name, default))


def test_the_rerun_is_the_same_scenario_with_the_runs_plugins_and_target_and_records_only_a_trace():
    config = _config(["-m", "guide-1.1", "-p", "failing_step", "-pno:randomly", "--junitxml=out/junit.xml",
                      "--cucumber-report=out/c.json", "-n", "2"],
                     **{"--base-url": "https://staging.example.cn", "--mail-api": "http://mailpit:8025",
                        "--chromium-path": None})
    command = rerun_command(config, NODE, Path("/x/evidence"))
    assert command[command.index("pytest") + 1] == NODE
    assert command[command.index("-n") + 1] == "0"  # alone, not under xdist
    pairs = [command[i + 1] for i, arg in enumerate(command) if arg == "-p"]
    assert pairs == ["failing_step", "no:randomly"]
    assert "--base-url=https://staging.example.cn" in command and "--mail-api=http://mailpit:8025" in command
    assert not any(arg.startswith("--chromium-path") for arg in command)  # not given: not passed
    assert {"--failure-traces=always", "--step-evidence=off", "--visual=off", "--evidence-dir=/x/evidence"} \
        <= set(command)
    assert not any(arg.startswith(("--junitxml", "--cucumber-report", "--alluredir")) for arg in command)
