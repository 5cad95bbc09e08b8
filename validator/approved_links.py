"""Approved links: what each scenario step verified when the links were last approved, and what broke since.

``python -m validator.approved_links --write`` records, from a whole run, each step's quote of the guide, its
sentence and item (``guide/<guide>.links.json``). The validator then holds the guide and the run to it: the guide's
words a step verified are gone (``link_broken``: "指南第 N 行现在写「…」，场景验证的是「…」"), the step is gone from
its scenario, or the whole approved sentence now stands under another number than the scenario's tag
(``link_renumbered``). Rewording with filler letters ("成功后" / "成功之后") keeps a link.

An entry holds the guide to its approved words and the run to its step, not the step to the guide's words: a
suggested patch (patch.py) re-approves a name it fixes with the step unchanged ("…电子营业小程序…" verifying
"…电子营业执照小程序…"), and that stands until either side changes again.
"""
from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path

from .findings import Finding
from .guide import Guide, is_within
from .links import NAME_STEP, Links, letters, link, quote, widened
from .record import RunRecord, Scenario
from .sentences import Sentence

LIKEST = 0.5


def manifest_entries(found: Links) -> list[dict]:
    """What each step verified when the links were last approved: the guide's words it quotes and
    the item they stood in. Written by ``python -m validator.approved_links --write``."""
    out = []
    for lk in found.links:
        if not any(sec == lk.sentence.section for sec, _ in lk.scenario.refs):
            continue  # a sub-section's scenario touching its parent's summary: not what it verifies
        out.append({"feature_file": lk.scenario.feature_file, "scenario": lk.scenario.name,
                    "step": lk.text if lk.step != NAME_STEP else None,
                    "guide": lk.quote.guide, "sentence": lk.sentence.text,
                    "section": lk.sentence.section, "item": lk.sentence.item,
                    "tagged": _tagged(lk.scenario, lk.sentence)})
    unique = {json.dumps(e, ensure_ascii=False, sort_keys=True): e for e in out}
    return [unique[k] for k in sorted(unique)]


def _tagged(scenario: Scenario, sentence: Sentence) -> bool:
    """The scenario's item tags in the sentence's section name the sentence's item (or hold none)."""
    items = [itm for sec, itm in scenario.refs if sec == sentence.section and itm]
    if not items or sentence.item is None:
        return True
    return any(is_within(sentence.item, i) or is_within(i, sentence.item) for i in items)


def manifest_path(guide_path: str) -> Path | None:
    """``<guide>.links.json`` beside the guide, else the repository's own guide's links."""
    beside = Path(guide_path).with_suffix(".links.json")
    if beside.is_file():
        return beside
    default = Path(__file__).resolve().parents[1] / "guide" / "hunan-apec-account-registration.links.json"
    return default if default.is_file() else None


def manifest_in_use(guide_path: str, own_guide: bool) -> Path | None:
    """The links a guide is held to: its own manifest beside it; the project's guide's manifest only for a
    revision of that guide (its tags are this guide's), never for another writer's guide."""
    path = manifest_path(guide_path)
    if path is None or (path != Path(guide_path).with_suffix(".links.json") and not own_guide):
        return None
    return path


def manifest_text(data: dict) -> str:
    """The manifest as ``--write`` writes it, so a suggested patch that re-approves links touches only their lines."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def load_manifest(path: Path | None) -> list[dict]:
    if path is None:
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [e for e in data.get("links", []) if isinstance(e, dict) and isinstance(e.get("guide"), str)]


def link_findings(guide: Guide, record: RunRecord, found: Links, manifest: list[dict]) -> list[Finding]:
    """Approved links that no longer hold: the guide's words a step verified are gone from the
    guide (reworded, or the step reworded), or now stand in an item the scenario is not tagged for."""
    out, seen = [], set()
    by_name: dict[tuple, list[Scenario]] = {}
    for sc in record.scenarios:
        if sc.ran:  # an outline's rows share one name
            by_name.setdefault((sc.feature_file, sc.name), []).append(sc)
    for entry in manifest:
        runs = by_name.get((entry.get("feature_file"), entry.get("scenario")))
        if not runs:
            continue
        step_text = entry.get("step")
        sc = next((r for r in runs if step_text is None or step_text in [st.text for st in r.steps]), None)
        if sc is None:
            finding = _step_changed(found, runs[0], entry)
        else:
            finding = _guide_changed(found, sc, entry, step_text)
        if finding and (finding.kind, finding.line, finding.message) not in seen:
            seen.add((finding.kind, finding.line, finding.message))
            out.append(finding)
    return _widest_per_line(out)


def _widest_per_line(findings: list[Finding]) -> list[Finding]:
    """Several steps quoting one edited sentence are one defect of the guide: keep, per line and
    kind, the finding that quotes the most of the guide's words."""
    best: dict[tuple, Finding] = {}
    for f in findings:
        key = (f.kind, f.section, f.line)
        if key not in best or len(f.guide_words) > len(best[key].guide_words):
            best[key] = f
    return [f for f in findings if best[(f.kind, f.section, f.line)] is f]


def _candidates(found: Links, sc: Scenario, entry: dict) -> list[Sentence]:
    own = found.candidates(sc)
    if any(s.section == entry.get("section") for s in own):
        return own
    return own + [s for s in found.sentences if s.section == entry.get("section")]


# Letters that change no claim when added or dropped ("成功后" / "成功之后"): rewording the
# guide with them keeps its links.
FILLER = set("的之了地着也都")


@lru_cache(maxsize=200_000)
def bare(text: str) -> str:
    return "".join(ch for ch in letters(text)[0] if ch not in FILLER)


def _guide_changed(found: Links, sc: Scenario, entry: dict, step_text: str | None) -> Finding | None:
    old = entry["guide"]
    want = bare(old)
    section = entry.get("section")
    cands = [s for s in _candidates(found, sc, entry) if s.section == section]
    step_words = step_text if step_text is not None else sc.name
    step = step_words if step_text is not None else None
    present = [s for s in cands if want in bare(s.text)]
    if any(_tagged(sc, s) for s in present) or (present and not entry.get("tagged")):
        return None  # still there, where the scenario's tags say (or the link never followed the tags)
    # The whole approved sentence under another number: the items were renumbered around it.
    moved = [s for s in cands if entry.get("sentence") and bare(s.text) == bare(entry["sentence"])]
    if moved and entry.get("tagged"):
        s = moved[0]
        tags = "、".join(f"第 {itm} 条" for sec, itm in sc.refs if sec == s.section and itm)
        return Finding("link_renumbered", s.section,
                       f"场景「{sc.name}」标记为{tags}，但它验证的「{old}」现在在指南第 {s.item} 条"
                       f"（第 {s.line} 行，原在第 {entry.get('item')} 条）",
                       guide_words=old, context=s.text, screen=step_words, item=s.item, line=s.line,
                       scenario=sc.name, step=step)
    if moved or (not entry.get("sentence") and any(want in bare(s.text) for s in cands)):
        return None
    best = None
    # The sentence the approved one became: the likest to it, else the one sharing most of the quote.
    was = _likest(entry["sentence"], cands) if entry.get("sentence") else None
    for s in ([was[0]] if was else cands):
        q = quote(s.text, old)
        if q and (best is None or q.shared > best[1].shared):
            best = (s, q)
    if best is None:
        best = (was[0], None) if was else _likest(old, cands)
    if best is None:
        return Finding("link_broken", section, f"指南中已没有场景「{sc.name}」验证的文字「{old}」",
                       guide_words=old, screen=step_words, item=entry.get("item"), scenario=sc.name, step=step)
    s, q = best
    now = widened(s.text, q, old) if q else s.text
    was, became = letters(old)[0], letters(now)[0]
    # Where the edit is in the guide's words now, for the checks that name it better (prose_checks
    # keeps one finding per defect).
    changed = [(j1, j2) for op, i1, i2, j1, j2 in
               difflib.SequenceMatcher(None, was, became, autojunk=False).get_opcodes() if op != "equal"]
    return Finding("link_broken", s.section,
                   f"指南第 {s.line} 行现在写「{now}」，场景验证的是「{old}」",
                   guide_words=now, context=s.text, screen=step_words, item=s.item, line=s.line,
                   scenario=sc.name, step=step, extra={"verified": old, "changed_at": changed})


def _likest(old: str, cands: list[Sentence]) -> tuple[Sentence, None] | None:
    """A short sentence changed too much for a shared run ("选择注册新账号" / "选择注册新帐号"):
    the sentence of its section most like it, if at least half alike."""
    want = letters(old)[0]
    scored = [(difflib.SequenceMatcher(None, want, letters(s.text)[0], autojunk=False).ratio(), s) for s in cands]
    ratio, s = max(scored, key=lambda p: p[0], default=(0.0, None))
    return (s, None) if s is not None and ratio >= LIKEST else None


def _step_changed(found: Links, sc: Scenario, entry: dict) -> Finding | None:
    """The Gherkin side moved: the approved step is no longer in its scenario."""
    old = entry["guide"]
    want = bare(old)
    if any(want in bare(text) for text in [sc.name] + [st.text for st in sc.steps]):
        return None  # reworded around the guide's words ("我登录系统"): still quotes them
    cands = _candidates(found, sc, entry)
    s = next((x for x in cands if x.section == entry.get("section") and x.item == entry.get("item")
              and want in bare(x.text)), None) or next((x for x in cands if want in bare(x.text)), None)
    if s is None:
        return None
    return Finding("link_broken", s.section,
                   f"指南第 {s.line} 行写「{old}」，场景「{sc.name}」已不再有验证它的步骤「{entry.get('step')}」",
                   guide_words=old, context=s.text, screen=entry.get("step") or "", item=s.item, line=s.line,
                   scenario=sc.name)


def main(argv: list[str] | None = None) -> int:
    """``python -m validator.approved_links --write [--guide G] [--record R]``: approve the current links."""
    import argparse
    import sys
    from .guide import parse_guide
    from .record import load_record
    parser = argparse.ArgumentParser(prog="python -m validator.approved_links")
    parser.add_argument("--guide", default="guide/hunan-apec-account-registration.md")
    parser.add_argument("--record", default="reports/run-record.json")
    parser.add_argument("--write", action="store_true", help="write <guide>.links.json beside the guide")
    args = parser.parse_args(argv)
    record = load_record(args.record)
    if not any(sc.ran for sc in record.scenarios):
        print(f"error: no scenario ran in {args.record}; links are approved from a whole run", file=sys.stderr)
        return 2
    found = link(parse_guide(args.guide), record)
    entries = manifest_entries(found)
    if args.write:
        target = Path(args.guide).with_suffix(".links.json")
        target.write_text(manifest_text({"schema": 1, "links": entries}), encoding="utf-8")
        print(f"{len(entries)} links written to {target}")
    else:
        linked = sum(1 for s in found.sentences if found.of(s))
        print(f"{linked} of {len(found.sentences)} claim-bearing sentences linked; {len(entries)} links")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
