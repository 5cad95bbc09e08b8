"""Run every check over a guide and a run record, and give each section and item its mark."""
from __future__ import annotations

from dataclasses import dataclass, field

from .claims import Claim, extract_claims
from .consistency import consistency_findings, fold_stand_ins
from .coverage import Coverage, coverage_findings, item_coverage, scenario_findings, section_coverage
from .examples import attach_screens, example_findings
from .findings import MARK_ORDER, Finding, merge_same_line, number
from .guide import Guide, Item, Section, is_within
from .illustrate import Figure, figures
from .links import Links, link, link_findings, load_manifest, manifest_path
from .prose_checks import prose_findings
from .record import RunRecord
from .text import normalize
from .uicheck import ClaimResult, check_claims, field_findings

EXIT_OK, EXIT_FAILING, EXIT_INPUT, EXIT_NOTHING_RAN = 0, 1, 2, 3


@dataclass
class ItemResult:
    item: Item
    mark: str
    coverage: Coverage
    findings: list[Finding]


@dataclass
class SectionResult:
    section: Section
    mark: str
    coverage: Coverage
    findings: list[Finding]
    claims: list[ClaimResult]
    items: list[ItemResult] = field(default_factory=list)


@dataclass
class Analysis:
    guide: Guide
    record: RunRecord
    claims: list[Claim]
    claim_results: list[ClaimResult]
    findings: list[Finding]
    sections: list[SectionResult]
    figures: dict[int, Figure]
    links: Links | None = None

    def scenario_counts(self) -> dict[str, int]:
        counts = {"passed": 0, "failed": 0, "skipped": 0}
        for s in self.record.scenarios:
            counts[s.status if s.status in counts else "skipped"] += 1
        return counts

    def undefined_steps(self) -> int:
        return sum(1 for s in self.record.scenarios for st in s.steps if st.status == "undefined")

    def exit_code(self, fail_on: set[str]) -> int:
        """3 when nothing ran or a step had no definition, 1 on a failed scenario or a finding
        of a failing severity, else 0."""
        counts = self.scenario_counts()
        if counts["passed"] + counts["failed"] == 0 or self.undefined_steps():
            return EXIT_NOTHING_RAN
        if counts["failed"] or any(f.severity in fail_on for f in self.findings):
            return EXIT_FAILING
        return EXIT_OK


def analyse(guide: Guide, record: RunRecord) -> Analysis:
    claims = extract_claims(guide)
    results, ui = check_claims(guide, record, claims)
    verified = {normalize(r.claim.label) for r in results if r.status == "verified"}
    findings = (scenario_findings(guide, record) + coverage_findings(guide, record) + ui
                + field_findings(guide, record, claims) + consistency_findings(guide, claims, verified)
                + example_findings(claims))
    # Claims beyond quote marks: sentences linked to the steps that verify them, names, order, rules.
    links = link(guide, record)
    findings += prose_findings(guide, record, claims, links, findings,
                               link_findings(guide, record, links, load_manifest(manifest_path(guide.path))))
    # One finding per row of the guide a writer fixes at once, before the ids are given.
    findings = merge_same_line(fold_stand_ins(findings))
    order = {s.id: n for n, s in enumerate(guide.sections)}
    findings.sort(key=lambda f: (order.get(f.section, -1 if f.section is None else len(order)),
                                 f.line or 0))
    number(findings)
    sections = [_section_result(guide, record, s, findings, results) for s in guide.sections]
    _roll_up(sections)
    figs = figures(guide, record, claims)
    attach_screens(findings, claims, figs)
    return Analysis(guide, record, claims, results, findings, sections, figs, links)


def _mark(findings: list[Finding], covered: bool) -> str:
    marks = {f.mark for f in findings if f.severity != "info"}
    if not covered:
        marks.add("not_covered")
    return next((m for m in MARK_ORDER if m in marks), "verified")


def _section_result(guide, record, section, findings, results) -> SectionResult:
    own = [f for f in findings if f.section == section.id]
    cov = section_coverage(record, section)
    items = []
    for item in section.items:
        icov = item_coverage(record, section, item.id)
        ifind = [f for f in own if f.item and is_within(f.item, item.id)]
        items.append(ItemResult(item, _mark(ifind, icov.covered), icov, ifind))
    claims = [r for r in results if r.claim.section == section.id]
    # An item left out is marked on the item; the section keeps the mark of what did run.
    section_level = [f for f in own if not (f.kind == "not_covered" and f.item)]
    return SectionResult(section, _mark(section_level, cov.covered), cov, own, claims, items)


def _roll_up(sections: list[SectionResult]) -> None:
    """A bare heading (no text of its own) shows the worst mark of its sub-sections."""
    for res in sections:
        if res.section.blocks:
            continue
        subs = [r.mark for r in sections if r is not res and is_within(r.section.id, res.section.id)]
        res.mark = next((m for m in MARK_ORDER if m in subs), res.mark)
