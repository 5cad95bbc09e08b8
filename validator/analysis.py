"""Run every check over a guide and a run record, and give each section and item its mark."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .claims import Claim, extract_claims
from .consistency import consistency_findings, fold_stand_ins
from .coverage import Coverage, coverage_findings, item_coverage, scenario_findings, section_coverage
from .examples import attach_screens, example_findings
from .findings import Finding, give_ids, merge_same_line, worst
from .guide import Guide, Item, Section, is_within
from .illustrate import Figure, figures
from .approved_links import link_findings, load_manifest, manifest_in_use
from .links import Links, link
from .matching import Matching, matched_record, tag_summary
from .pictures import picture_findings
from .prose_checks import prose_findings
from .record import RunRecord
from .findings import SEVERITIES
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
    mark: str  # what the section shows: the worse of its own mark and its sub-sections'
    coverage: Coverage
    findings: list[Finding]
    claims: list[ClaimResult]
    items: list[ItemResult] = field(default_factory=list)
    own_mark: str | None = None  # its own text's result; None for a bare heading
    subsections_mark: str | None = None  # the worst of its sub-sections'; None when it has none


@dataclass
class Analysis:
    guide: Guide
    record: RunRecord
    claims: list[Claim]
    claim_results: list[ClaimResult]
    findings: list[Finding]
    sections: list[SectionResult]
    figures: dict[int, Figure]
    not_run: list[str] = field(default_factory=list)  # sections a partial run left out

    @property
    def partial(self) -> bool:
        return self.record.partial

    def severity_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        for f in self.findings:
            counts[f.severity] += 1
        return counts

    def verdict(self, fail_on: set[str]) -> str:
        """passed | failed | nothing_ran, as the exit code says."""
        return {EXIT_OK: "passed", EXIT_FAILING: "failed"}.get(self.exit_code(fail_on), "nothing_ran")
    links: Links | None = None
    matching: Matching | None = None
    manifest: Path | None = None  # the approved links the guide was held to

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


def analyse(guide: Guide, record: RunRecord, tagged: set[str] | None = None,
            refused: list[Finding] | None = None, approved: list[dict] | None = None) -> Analysis:
    """``tagged``: the guide sections the feature files have scenarios for (None: unknown), which tells a section a
    partial run left out from one no scenario covers. ``refused``: findings about the record itself. ``approved``:
    the approved links to hold the guide to instead of its manifest's (the suggested patch checks what it leaves)."""
    # Which scenarios speak for which section: the tags on their own guide, content on another writer's. Every
    # check below reads the record as this guide sees it.
    record, matching = matched_record(guide, record)
    claims = extract_claims(guide)
    results, ui = check_claims(guide, record, claims, matching.by_tags)
    verified = {normalize(r.claim.label) for r in results if r.status == "verified"}
    findings = (scenario_findings(guide, record, per_tag=matching.own_guide)
                + tag_summary(guide, record, matching) + coverage_findings(guide, record) + ui
                + field_findings(guide, record, claims, matching.by_tags) + consistency_findings(guide, claims, verified)
                + example_findings(claims) + list(refused or []))
    # Claims beyond quote marks: sentences linked to the steps that verify them, names, order, rules.
    links = link(guide, record)
    manifest = manifest_in_use(guide.path, matching.own_guide)
    findings += prose_findings(guide, record, claims, links, findings,
                               link_findings(guide, record, links, load_manifest(manifest) if approved is None
                                             else approved))
    figs = figures(guide, record, claims, matching)
    findings += picture_findings(guide, record, figs)  # a writer's own pictures against today's screens
    # One finding per row of the guide a writer fixes at once, before the ids are given.
    findings = merge_same_line(fold_stand_ins(findings))
    # A partial run leaves sections and items out: where the suite has scenarios, that is "not run", not a gap.
    # The feature files' tags name the project's guide's sections: on another writer's guide any section may have
    # scenarios the run left out.
    left_out = _has_scenarios(guide, tagged if matching.own_guide else None) if record.partial else set()
    findings = [f for f in findings if not (f.kind == "not_covered" and f.section in left_out)]
    order = {s.id: n for n, s in enumerate(guide.sections)}
    findings.sort(key=lambda f: (order.get(f.section, -1 if f.section is None else len(order)),
                                 f.line or 0))
    give_ids(findings)
    by_section: dict[str | None, list[Finding]] = {}
    for f in findings:
        by_section.setdefault(f.section, []).append(f)
    by_claim_section: dict[str, list[ClaimResult]] = {}
    for r in results:
        by_claim_section.setdefault(r.claim.section, []).append(r)
    sections = [_section_result(guide, record, s, by_section.get(s.id, []), by_claim_section.get(s.id, []),
                                s.id in left_out) for s in guide.sections]
    _roll_up(sections)
    attach_screens(findings, claims, figs)
    not_run = [r.section.id for r in sections if r.section.id in left_out and not r.coverage.covered]
    return Analysis(guide, record, claims, results, findings, sections, figs, not_run, links, matching, manifest)


def _has_scenarios(guide: Guide, tagged: set[str] | None) -> set[str]:
    """Sections the suite has scenarios for, by the feature files' tags (all of them, when the feature files are
    not at hand): in a partial run, what of them did not run was left out by the run, which says nothing of the
    guide."""
    if tagged is None:
        return {s.id for s in guide.sections}
    within = set()
    for t in tagged:  # a tag counts for its section and every section above it
        parts = t.split(".")
        within.update(".".join(parts[:n]) for n in range(1, len(parts) + 1))
    return {s.id for s in guide.sections if s.id in within}


def _mark(findings: list[Finding], covered: bool, not_run: bool = False) -> str:
    marks = {f.mark for f in findings if f.severity != "info"}
    if not covered:
        marks.add("not_run" if not_run else "not_covered")
    return worst(marks) or "verified"


def _section_result(guide, record, section, own, claims, not_run: bool) -> SectionResult:
    cov = section_coverage(record, section)
    items = []
    for item in section.items:
        icov = item_coverage(record, section, item.id)
        ifind = [f for f in own if f.item and is_within(f.item, item.id)]
        items.append(ItemResult(item, _mark(ifind, icov.covered, not_run), icov, ifind))
    # An item left out is marked on the item; the section keeps the mark of what did run.
    section_level = [f for f in own if not (f.kind == "not_covered" and f.item)]
    mark = _mark(section_level, cov.covered, not_run)
    return SectionResult(section, mark, cov, own, claims, items, own_mark=mark if section.blocks else None)


def _roll_up(sections: list[SectionResult]) -> None:
    """Each section shows the worse of its own mark and the worst of its sub-sections' own marks; a bare heading
    (no text of its own) shows only its sub-sections'."""
    for n, res in enumerate(sections):
        # sub-sections follow their parent in the guide: scan forward while still within it
        subs = []
        for other in sections[n + 1:]:
            if not is_within(other.section.id, res.section.id):
                break
            if other.own_mark:
                subs.append(other.own_mark)
        res.subsections_mark = worst(subs)
        res.mark = worst([m for m in (res.own_mark, res.subsections_mark) if m]) or res.mark
