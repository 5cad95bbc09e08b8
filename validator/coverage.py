"""Which sections and items have scenarios, and what became of them.

An item counts as covered by scenarios tagged for it (or for its sub-items). When neither it nor
any item beside it carries a tag, the writers tagged at the level above, so it takes that level's
scenarios; when a sibling has a tag and it has none, it was left out and is reported.

A section's scenarios include its sub-sections' ones, so an item of a parent section (§1's four
steps) can count as covered by scenarios that never walk it as a whole; ``source`` tells the two
apart: "own" when a scenario tagged for the section itself ran, "subsections" when only
sub-sections' scenarios did.
"""
from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding
from .guide import Guide, Section
from .record import RunRecord, Scenario, is_guide_tag, parse_tag

# How the reports name Coverage.source for an item of a section that has sub-sections.
SOURCE_TEXTS = {"own": "本节场景覆盖", "subsections": "仅由子节场景覆盖"}


@dataclass
class Coverage:
    scenarios: list[Scenario]
    how: str  # item | inherited | section | none
    section: str  # whose coverage this is, to tell its own scenarios from its sub-sections'

    @property
    def ran(self) -> list[Scenario]:
        return [s for s in self.scenarios if s.ran]

    @property
    def covered(self) -> bool:
        return bool(self.ran)

    @property
    def own(self) -> list[Scenario]:
        """Scenarios that ran with a tag for this very section (or one of its items)."""
        return [s for s in self.ran if any(sec == self.section for sec, _ in s.refs)]

    @property
    def from_subsections(self) -> list[Scenario]:
        """Scenarios that ran and count here only through a sub-section's tag."""
        own = self.own
        return [s for s in self.ran if s not in own]

    @property
    def source(self) -> str:
        """own | subsections | none"""
        return "own" if self.own else ("subsections" if self.ran else "none")


def _parent(item_id: str) -> str | None:
    return item_id.rsplit(".", 1)[0] if "." in item_id else None


def section_coverage(record: RunRecord, section: Section) -> Coverage:
    scenarios = record.for_section(section.id)
    return Coverage(scenarios, "section" if scenarios else "none", section.id)


def item_coverage(record: RunRecord, section: Section, item_id: str | None) -> Coverage:
    if item_id is None:
        return section_coverage(record, section)
    direct = record.for_section(section.id, item_id)
    if direct:
        return Coverage(direct, "item", section.id)
    parent = _parent(item_id)
    siblings = [i.id for i in section.items if _parent(i.id) == parent and i.id != item_id]
    if any(record.for_section(section.id, s) for s in siblings):
        return Coverage([], "none", section.id)
    if parent is not None:
        return Coverage(item_coverage(record, section, parent).scenarios, "inherited", section.id)
    return Coverage(section_coverage(record, section).scenarios, "section", section.id)


def coverage_findings(guide: Guide, record: RunRecord) -> list[Finding]:
    out: list[Finding] = []
    for section in guide.sections:
        if not section.blocks:  # a bare heading; its sub-sections speak for it
            continue
        if not section_coverage(record, section).covered:
            out.append(Finding("not_covered", section.id, f"第 {section.id} 节没有运行过的场景",
                               guide_words=section.title, line=section.line))
            continue
        for item in section.items:
            cov = item_coverage(record, section, item.id)
            if not cov.covered:
                text = next((b.text for b in section.blocks if b.line == item.line), "")
                out.append(Finding("not_covered", section.id, f"第 {item.ref} 条没有运行过的场景",
                                   guide_words=text.strip(), item=item.id, line=item.line))
    return out


def scenario_findings(guide: Guide, record: RunRecord, per_tag: bool = True) -> list[Finding]:
    """``per_tag``: the tags are this guide's, so one naming no section of it is a slip, warned of per tag; on
    another writer's guide they are summed up in one line (matching.tag_summary)."""
    out: list[Finding] = []
    if not any(s.ran for s in record.scenarios):
        out.append(Finding("nothing_ran", None, "没有任何场景运行过（全部跳过或记录为空）"))
    for sc in record.scenarios:
        sections = _sections_of(guide, sc)
        if per_tag:
            out += _tag_findings(guide, sc)
        undefined = [st for st in sc.steps if st.status == "undefined"]
        failed_step = next((st for st in sc.steps if st.status == "failed"), None)
        for section_id, item_id in sections:
            for st in undefined:
                out.append(Finding("step_undefined", section_id, f"场景「{sc.name}」的步骤没有定义",
                                   guide_words="", screen=f"{st.keyword} {st.text}", item=item_id,
                                   scenario=sc.name, step=f"{st.keyword} {st.text}"))
            if sc.status == "failed":
                step = failed_step or (sc.steps[-1] if sc.steps else None)
                shot = _last_shot(sc, step)
                error = (step.error if step and step.error else sc.error) or ""
                out.append(Finding("scenario_failed", section_id, f"场景「{sc.name}」失败",
                                   screen=error.strip().split("\n")[0][:300], item=item_id,
                                   scenario=sc.name,
                                   step=f"{step.keyword} {step.text}" if step else None,
                                   screenshot=shot.screenshot if shot else None,
                                   device=shot.device if shot else None,
                                   extra={"error": error, "feature_file": sc.feature_file}))
    return out


def _tag_findings(guide: Guide, sc: Scenario) -> list[Finding]:
    """Tags that point nowhere: a renumbered revision, a typo, an item the section does not have."""
    out = []
    for tag in sc.tags:
        ref = parse_tag(tag)
        if ref is None:
            if is_guide_tag(tag):
                out.append(Finding("tag_unknown_section", None, f"场景「{sc.name}」的标签 {tag} 无法识别",
                                   scenario=sc.name, extra={"tags": sc.tags, "subject": tag}))
            continue
        section_id, item_id = ref
        section = guide.section(section_id)
        if section is None:
            out.append(Finding("tag_unknown_section", section_id,
                               f"场景「{sc.name}」的标签 {tag} 指向指南中没有的第 {section_id} 节",
                               scenario=sc.name, extra={"tags": sc.tags, "subject": tag}))
        elif item_id and section.item(item_id) is None:
            out.append(Finding("tag_unknown_section", section_id,
                               f"场景「{sc.name}」的标签 {tag} 指向第 {section_id} 节中没有的第 {item_id} 条",
                               scenario=sc.name, extra={"tags": sc.tags, "subject": tag}))
    return out


def _sections_of(guide: Guide, sc: Scenario) -> list[tuple[str | None, str | None]]:
    """One (section, item) per tagged section: a scenario with six item tags fails once there."""
    seen: dict[str, str | None] = {}
    for sec, item in sc.refs:
        seen.setdefault(sec, item)
    if not seen:
        return [(None, None)]
    return list(seen.items())


def _last_shot(sc: Scenario, step):
    steps = [step] if step else []
    steps += list(reversed(sc.steps))
    for st in steps:
        if st and st.shots:
            return st.shots.get("portal") or next(iter(st.shots.values()))
    return None
