"""Run records for the validator's tests: the recorded sample in a folder of its own, with a real (tiny) PNG for
every screenshot it names, changed as a test needs."""
import gzip
import json
from pathlib import Path

from validator.cli import main
from validator.record import RunRecord, record_from_data

HERE = Path(__file__).resolve().parent
GUIDE = HERE.parents[1] / "guide" / "hunan-apec-account-registration.md"
SAMPLE = HERE / "data" / "run-record-sample.json"
FULL_RUN = HERE / "data" / "run-record-full.json.gz"  # one whole run of the suite, every scenario and screen
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def full_run_data() -> dict:
    return json.loads(gzip.decompress(FULL_RUN.read_bytes()))


def full_run(data: dict | None = None) -> RunRecord:
    """The recorded whole run (or a changed copy of its data) as the validator reads it; its screenshots are not
    kept, only what the screens showed."""
    return record_from_data(full_run_data() if data is None else data, HERE / "data" / "run-record.json")


def sample() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def write_record(folder: Path, change=None, data: dict | None = None) -> Path:
    data = sample() if data is None else data
    if change:
        change(data)
    folder.mkdir(parents=True, exist_ok=True)
    for sc in data["scenarios"]:
        for st in sc["steps"]:
            for shot in st["shots"].values():
                rel = shot["screenshot"]
                if rel.startswith("/") or ".." in rel:
                    continue  # a hostile path: the test made its target itself
                path = folder / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                if not path.exists():
                    path.write_bytes(PNG)
    record = folder / "run-record.json"
    record.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return record


def report(record: Path, out: Path, *extra: str, guide: Path = GUIDE) -> int:
    return main(["report", "--record", str(record), "--guide", str(guide), "--out", str(out),
                 "--formats", "html,json,md", *extra])


def scenario(data: dict, tag: str) -> dict:
    return next(s for s in data["scenarios"] if tag in s["tags"])
