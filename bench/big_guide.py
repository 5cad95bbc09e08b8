"""A big guide for the validator's scale check: the published guide's sections repeated with renumbered sections
(§1 becomes §2, §3, …), so every copy parses, is claimed and is checked like the original. Nothing big is committed:
the guide is written where you say.

    .venv/bin/python bench/big_guide.py 40000 big.md reports/run-record.json reports/big-record.json
    time .venv/bin/python -m validator report --guide big.md --record reports/big-record.json \
        --formats json,html,md --out big-out

Given a run record, it also writes a record with the scenarios once per copy, each copy's tags renumbered
(guide-1.2.2 becomes guide-2.2.2, …), beside the original so its screenshot paths still resolve: every copy is then
covered and checked against the screens, as the original is. Use the small recorded sample
(tests/unit/data/run-record-sample.json, with its screenshots made as tests/unit/validator_records.py makes them) or a
real run's record; a real record of the whole suite is about 3 MB, so 200 copies of it would be 600 MB.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

GUIDE = Path(__file__).resolve().parent.parent / "guide" / "hunan-apec-account-registration.md"
FIRST_HEADING = re.compile(r"^#{1,6} ", re.MULTILINE)
ANCHOR = re.compile(r"\{#s-1((?:\.\d+)*)\}")
TITLE_NUMBER = re.compile(r"^(#{1,6} )1((?:\.\d+)*\.?\s)", re.MULTILINE)


def big_guide(lines: int, text: str | None = None) -> str:
    """At least ``lines`` lines: the guide's head once, then its body as §1, §2, … ."""
    text = GUIDE.read_text(encoding="utf-8") if text is None else text
    start = FIRST_HEADING.search(text).start()
    head, body = text[:start], text[start:].rstrip("\n") + "\n\n"
    copies, out, count = 0, [head], head.count("\n")
    while count < lines:
        copies += 1
        copy = ANCHOR.sub(lambda m: f"{{#s-{copies}{m.group(1)}}}", body)
        copy = TITLE_NUMBER.sub(lambda m: f"{m.group(1)}{copies}{m.group(2)}", copy)
        out.append(copy)
        count += copy.count("\n")
    return "".join(out)


def copies_of(text: str) -> int:
    return len(re.findall(r"\{#s-\d+\}", text))


def big_record(data: dict, copies: int) -> dict:
    """The record with its scenarios once per copy of the guide, each copy's tags renumbered (guide-1.2.2 becomes
    guide-2.2.2 in the second copy): a bigger guide comes with a bigger suite, each scenario tagged for its own
    section. Screenshot paths are shared, so nothing but the record grows."""
    def renumbered(tag: str, k: int) -> str:
        return re.sub(r"^(@?guide-)1(?=[.-]|$)", rf"\g<1>{k}", tag)
    scenarios = []
    for k in range(1, copies + 1):
        for sc in data.get("scenarios", []):
            copy = dict(sc, tags=[renumbered(t, k) for t in sc.get("tags", [])])
            if k > 1:
                copy["name"] = f"{sc.get('name', '')}（第 {k} 份）"
                if sc.get("nodeid"):
                    copy["nodeid"] = f"{sc['nodeid']}[copy-{k}]"
            scenarios.append(copy)
    return dict(data, scenarios=scenarios)


if __name__ == "__main__":
    if len(sys.argv) not in (3, 5):
        sys.exit("usage: big_guide.py LINES OUT.md [RUN-RECORD.json BIG-RECORD.json]")
    guide = big_guide(int(sys.argv[1]))
    Path(sys.argv[2]).write_text(guide, encoding="utf-8")
    if len(sys.argv) == 5:
        record = json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))
        Path(sys.argv[4]).write_text(json.dumps(big_record(record, copies_of(guide)), ensure_ascii=False),
                                     encoding="utf-8")
