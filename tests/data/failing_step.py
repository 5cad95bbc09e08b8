"""Test-only plugin (`-p failing_step`): the step named in APEC_FAIL_STEP fails before it runs, as a broken page or
a drifted portal would make it fail, so the CI reports can be checked on a failure too."""
import os


def pytest_bdd_before_step_call(request, feature, scenario, step, step_func, step_func_args):
    if step.name == os.environ.get("APEC_FAIL_STEP"):
        raise AssertionError(f"为检查报告而让此步骤失败 failed on purpose: {step.name}")
