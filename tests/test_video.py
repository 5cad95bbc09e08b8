"""`--video on`: a video per test where Playwright's ffmpeg (or the system's, linked in its place by
`./harness setup --video`) is there; where it is not, one line saying why and how, before any browser starts."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.browser import playwright_ffmpeg

ROOT = Path(__file__).resolve().parent.parent


def allure_installed() -> bool:
    try:
        import allure_pytest_bdd  # noqa: F401
    except ImportError:
        return False
    return True


def pytest_run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "tests/test_scenarios.py", "-p", "no:cacheprovider", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})})


def test_without_playwrights_ffmpeg_video_fails_at_once_with_one_line(tmp_path):
    # an empty browsers folder: Playwright looks for its ffmpeg there and finds none
    result = pytest_run("-m", "guide-1.1", "--video", "on", f"--evidence-dir={tmp_path / 'e'}",
                        env={"PLAYWRIGHT_BROWSERS_PATH": str(tmp_path / "browsers")})
    assert result.returncode == 4  # pytest's usage error
    errors = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and str(tmp_path / "browsers") in errors[0] and "./harness setup --video" in errors[0]
    assert not (tmp_path / "e").exists()  # nothing ran


def test_video_on_records_a_playable_video_per_test_and_the_reports_attach_it(tmp_path):
    # asked here, not in a skipif: asking Playwright starts a process, which every pytest process paid to collect
    if not (playwright_ffmpeg() or Path("/nonexistent")).exists():
        pytest.skip("Playwright's ffmpeg is not installed: ./harness setup --video")
    reports = [f"--junitxml={tmp_path / 'junit.xml'}"]
    if allure_installed():
        reports.append(f"--alluredir={tmp_path / 'allure'}")
    result = pytest_run("-m", "guide-1.1", "-n", "0", "--video", "on", f"--output={tmp_path / 'out'}",
                        f"--evidence-dir={tmp_path / 'e'}", *reports)
    assert result.returncode == 0, result.stdout[-3000:]
    [video] = list((tmp_path / "out").rglob("*.webm"))
    assert video.read_bytes()[:4] == b"\x1a\x45\xdf\xa3"  # a Matroska/WebM file
    assert video.stat().st_size > 10_000  # frames, not an empty container
    assert f"[[ATTACHMENT|{video}]]" in (tmp_path / "junit.xml").read_text(encoding="utf-8")  # outside ROOT: absolute
    if allure_installed():
        [result_file] = list((tmp_path / "allure").glob("*-result.json"))
        attached = [a for a in json.loads(result_file.read_text(encoding="utf-8"))["attachments"]
                    if a["type"] == "video/webm"]
        assert [(tmp_path / "allure" / a["source"]).read_bytes() for a in attached] == [video.read_bytes()]
