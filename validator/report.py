"""The JSON report for CI and the short summary table printed on the console."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from .analysis import Analysis
from .links import sentence_coverage
from .findings import MARKS, SEVERITIES
from .images import ImageStore

MARK_EN = {"verified": "verified", "drift": "drift", "failed": "failed", "not_covered": "not covered",
           "not_run": "not run"}


SOURCES = ("own", "subsections", "none")


def _sources(cov) -> dict:
    return {"covered_by": cov.source, "own_scenarios": [s.name for s in cov.own],
            "subsection_scenarios": [s.name for s in cov.from_subsections]}


def _scenario(sc) -> dict:
    return {"feature": sc.feature, "feature_file": sc.feature_file, "name": sc.name,
            "status": sc.status, "tags": sc.tags}


def _matched(analysis: Analysis, res) -> dict:
    """How the section's scenarios were found (validator/matching.py): by the tags of its own guide, or by content,
    then with what each scenario matched for (the rarest shared terms first)."""
    m = analysis.matching
    if m is None:
        return {}
    if m.by_tags(res.section.id):
        return {"matched_by": "tags"}
    shared = {}
    for sc in res.coverage.scenarios:
        terms = m.shared.get((id(sc), res.section.id))
        if terms and res.section.id in m.sections_of(sc):
            shared.setdefault(sc.name, terms[:MATCH_TERMS_SHOWN])
    return {"matched_by": "content", "matched_on": shared}


MATCH_TERMS_SHOWN = 5


def _matching_summary(analysis: Analysis) -> dict:
    m = analysis.matching
    if m is None:
        return {}
    count = lambda table: sum(len(v) for v in table.values())  # noqa: E731
    return {"tags_are_this_guides": m.own_guide, "trusted_tags": count(m.trusted),
            "untrusted_tags": count(m.untrusted), "unknown_tags": count(m.unknown)}


def build_report(analysis: Analysis, fail_on: set[str], sources: dict[str, str],
                 images: ImageStore | None = None, changes: dict | None = None) -> dict:
    def image(rel: str | None, device: str | None) -> str | None:
        return images.copy(rel, device or "shot") if images else rel

    findings = []
    for f in analysis.findings:
        data = f.to_dict()
        data["screenshot_source"] = f.screenshot
        data["screenshot"] = image(f.screenshot, f.device)
        findings.append(data)
    sentences: dict[str, list[dict]] = {}
    for row in sentence_coverage(analysis.links) if analysis.links else []:
        sentences.setdefault(row["section"], []).append(row)
    sections = []
    for res in analysis.sections:
        sections.append({
            "id": res.section.id, "title": res.section.title, "line": res.section.line,
            # mark: what the section shows, the worse of its own result and its sub-sections' worst
            "mark": res.mark, "mark_text": MARKS[res.mark],
            "own_mark": res.own_mark, "subsections_mark": res.subsections_mark,
            "scenarios": [_scenario(s) for s in res.coverage.scenarios],
            "covered_by": res.coverage.source,
            **_matched(analysis, res),
            "items": [{"ref": i.item.ref, "id": i.item.id, "label": i.item.label, "line": i.item.line,
                       "mark": i.mark, "mark_text": MARKS[i.mark], "coverage": i.coverage.how,
                       "scenarios": [s.name for s in i.coverage.scenarios],
                       **_sources(i.coverage)} for i in res.items],
            # Which items only sub-sections' scenarios vouch for: a parent's steps never walked as a whole.
            "items_by_source": {src: [i.item.id for i in res.items if i.coverage.source == src]
                                for src in SOURCES},
            "claims": [{"kind": r.claim.kind, "words": r.claim.words, "label": r.claim.label,
                        "item": r.claim.item, "line": r.claim.line, "position": r.claim.position,
                        "status": r.status} for r in res.claims],
            "findings": [f.id for f in res.findings],
            # Each claim-bearing sentence and the steps that quote it (validator/links.py).
            "sentences": sentences.get(res.section.id, []),
        })
    figures = [{"slot": fig.slot, "section": fig.section, "item": fig.item,
                "scenario": fig.scenario.name if fig.scenario else None,
                "step": f"{fig.step.keyword} {fig.step.text}" if fig.step else None,
                "screenshots": [{"device": s.device, "path": image(s.screenshot, s.device)}
                                for s in fig.shots]} for fig in analysis.figures.values()]
    counts = analysis.severity_counts()
    report = {
        "schema": 1,
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "guide": sources.get("guide"), "record": sources.get("record"),
        "base_url": analysis.record.base_url, "run_started_at": analysis.record.started_at,
        "summary": {
            "sentences": {"claim_bearing": sum(len(v) for v in sentences.values()),
                          "linked": sum(1 for v in sentences.values() for row in v if row["linked"])},
            "scenarios": analysis.scenario_counts(),
            "undefined_steps": analysis.undefined_steps(),
            "findings": counts,
            "fail_on": sorted(fail_on),
            "exit_code": analysis.exit_code(fail_on),
            "verdict": analysis.verdict(fail_on),
            "partial": analysis.partial,
            "selection": analysis.record.selection,
            "not_run_sections": analysis.not_run,
            "untagged_scenarios": [s.name for s in analysis.record.scenarios if not s.refs],
            "matching": _matching_summary(analysis),
        },
        "sections": sections, "findings": findings, "figures": figures,
    }
    if changes is not None:
        report["changes"] = changes
    return report


def write_json(report: dict, path: Path) -> None:
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _mark_cell(mark: str | None) -> str:
    return f"{MARKS[mark]} {MARK_EN[mark]}" if mark else "-"


def summary_table(analysis: Analysis, fail_on: set[str]) -> str:
    rows = [("章节 Section", "结果 Mark", "本节 Own", "子节 Sub-sections", "场景 Scenarios", "错误/警告/提示 E/W/I")]
    for res in analysis.sections:
        ran = [s for s in res.coverage.scenarios if s.ran]
        passed = sum(1 for s in ran if s.status == "passed")
        sev = [sum(1 for f in res.findings if f.severity == x) for x in SEVERITIES]
        rows.append((f"{'  ' * (res.section.level - 2)}{res.section.id}", _mark_cell(res.mark),
                     _mark_cell(res.own_mark), _mark_cell(res.subsections_mark),
                     f"{passed}/{len(res.coverage.scenarios)}", "/".join(map(str, sev))))
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths)) for row in rows]
    counts = analysis.scenario_counts()
    lines.append("")
    lines.append(f"场景 scenarios: {counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped; "
                 f"未定义步骤 undefined steps: {analysis.undefined_steps()}; "
                 f"发现 findings: {len(analysis.findings)}; fail on: {','.join(sorted(fail_on)) or 'none'}")
    sev = analysis.severity_counts()
    lines.append(f"错误 error: {sev['error']}  警告 warning: {sev['warning']}  提示 info: {sev['info']}")
    if analysis.partial:
        lines.append(f"部分运行 partial run: 未运行 not run: {', '.join(analysis.not_run) or '-'}")
    return "\n".join(lines)


def _width(text: str) -> int:
    """Display width: a CJK character takes two columns in a terminal."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
