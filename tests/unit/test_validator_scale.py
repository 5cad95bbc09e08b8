"""Linear in the guide's size: a 40,000-line guide (the published one repeated with renumbered sections, each copy
covered by its own copy of the sample run's scenarios) is validated into JSON, HTML and Markdown in under 10 s.

The budget is on this process's CPU time: the machine is shared, and under a load of 10 on 2 cores the wall clock
measures the neighbours. On a quiet machine the two are the same."""
import json
import sys
import time
from pathlib import Path

import pytest

from validator.guide import parse_guide
from validator_records import GUIDE, report, write_record

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from big_guide import big_guide, big_record, copies_of  # noqa: E402

BUDGET_S = 10.0


@pytest.mark.parametrize("lines", [40_000])
def test_a_big_guide_is_validated_in_time(tmp_path, lines):
    guide = tmp_path / "big.md"
    text = big_guide(lines)
    guide.write_text(text, encoding="utf-8")
    copies = copies_of(text)
    record = write_record(tmp_path / "run", lambda data: data.update(big_record(data, copies)))
    started = time.process_time()
    code = report(record, tmp_path / "out", guide=guide)
    elapsed = time.process_time() - started
    assert code == 1
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert len(data["sections"]) == len(parse_guide(GUIDE).sections) * copies
    # every copy reports the published guide's own faults at its own §k.2.2
    assert sum(1 for f in data["findings"] if f["kind"] == "invalid_example") == copies
    assert elapsed < BUDGET_S, f"{lines} lines took {elapsed:.1f} s"
