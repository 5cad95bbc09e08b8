"""A Markdown export a writer can paste into their own document: the guide's text as it is,
image links (relative, beside the file) where the screenshots stood, and the marks and findings.

The guide's own text is the document and goes in as written. Everything that comes from a run record (scenario
and step names, what the screens showed, error messages) is untrusted and is escaped: HTML special characters as
entities and Markdown's punctuation with a backslash, so a record cannot add a tag, a link or an image."""
from __future__ import annotations

import re

from .analysis import Analysis
from .coverage import SOURCE_TEXTS
from .findings import MARKS, Finding
from .guide import has_subsections
from .illustrate import Figure
from .images import ImageStore
from .screenshots import REFUSED_TEXT

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
VERDICT_ZH = {"passed": "通过", "failed": "不通过", "nothing_ran": "没有运行或有未定义步骤"}
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


def md_text(text: str | None) -> str:
    """Untrusted text as inert Markdown: one line, no tags, no links, no emphasis."""
    text = (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def section_marks(res) -> str:
    """`失败` `本节：已验证 · 子节：失败`: what the section shows, then its own result and its sub-sections'."""
    out = f"`{MARKS[res.mark]}`"
    if res.subsections_mark:
        own = MARKS[res.own_mark] if res.own_mark else "无正文"
        out += f" `本节：{own} · 子节：{MARKS[res.subsections_mark]}`"
    return out


def render_markdown(analysis: Analysis, images: ImageStore, fail_on: set[str] | None = None,
                    changes: dict | None = None) -> str:
    g = analysis.guide
    numbers = {slot: n for n, slot in enumerate(sorted(analysis.figures), 1)}
    title = "".join(g.title_lines[:2])
    out = [f"# {title}", ""]
    out += [f"{line}" for line in g.title_lines[2:]] + [""]
    counts = analysis.scenario_counts()
    sev = analysis.severity_counts()
    verdict = VERDICT_ZH[analysis.verdict(fail_on if fail_on is not None else {"error"})]
    out += [f"> 图文版 · 截图来自 {md_text(analysis.record.started_at)} 的运行 · 场景 通过 {counts['passed']} / "
            f"失败 {counts['failed']} / 跳过 {counts['skipped']}", ">",
            f"> **结论：{verdict}** · 发现 错误 {sev['error']} / 警告 {sev['warning']} / 提示 {sev['info']}", ""]
    if analysis.partial:
        out += [f"> 部分运行：未运行第 {'、'.join(analysis.not_run) or '-'} 节的场景（不是未覆盖）", ""]
    if changes:
        out += _changes(changes)
    loose = [f for f in analysis.findings if f.section is None or g.section(f.section) is None]
    if loose:
        out += ["## 运行情况", ""] + [line for f in loose for line in _finding(f, images)]
    for res in analysis.sections:
        s = res.section
        out += [f"{'#' * s.level} {s.title} {section_marks(res)}", ""]
        items = {i.item.line: i for i in res.items}
        parent = has_subsections(g, s)
        for block in s.blocks:
            if block.kind == "paragraph":
                mark = f" `{MARKS[items[block.line].mark]}`" if block.line in items else ""
                source = SOURCE_TEXTS.get(items[block.line].coverage.source) if parent and mark else None
                mark += f" `{source}`" if source else ""
                out += [block.text + mark, ""]
            elif block.kind == "screen":
                out += ["```text", block.text, "```", ""]
                out += _figure(analysis.figures.get(block.slot), numbers.get(block.slot), images)
            else:
                out += _figure(analysis.figures.get(block.slot), numbers.get(block.slot), images)
        for f in res.findings:
            out += _finding(f, images)
    return "\n".join(out).rstrip() + "\n"


def _changes(changes: dict) -> list[str]:
    lines = [f"## 与上次报告相比（{md_text(changes.get('previous'))}）", ""]
    for key, zh in (("new", "新增"), ("resolved", "已解决"), ("unchanged", "未变")):
        ids = changes.get(key) or []
        lines.append(f"- {zh}（{len(ids)}）：{md_text(' '.join(ids)) or '-'}")
    return lines + [""]


def _figure(fig: Figure | None, number: int | None, images: ImageStore) -> list[str]:
    where = (f"第 {fig.section} 节" + (f"第 {fig.item} 条" if fig.item else "")) if fig else ""
    if fig is None or not fig.shots:
        return [f"> 图 {number}：此处原有截图；{fig.gap if fig else where}，暂无截图。", ""]
    lines = []
    step = f"{fig.step.keyword} {fig.step.text}" if fig.step else ""
    for shot in fig.shots:
        refused = images.refused(shot.screenshot)
        path = images.copy(shot.screenshot, shot.device)
        alt = md_text(f"图 {number} · {where} · {step}")
        if refused:
            lines.append(f"> 图 {number}：{REFUSED_TEXT}（{md_text(refused)}）：{md_text(shot.screenshot)}")
        elif path:
            lines.append(f"![{alt}]({path})")
        else:
            lines.append(f"> 图 {number}：截图文件缺失（{md_text(shot.screenshot)}）")
    return lines + ["", f"*图 {number} · {where} · 场景「{md_text(fig.scenario.name)}」 · 步骤「{md_text(step)}」*", ""]


def _finding(f: Finding, images: ImageStore) -> list[str]:
    lines = [f"> **{f.id} · {SEVERITY_ZH[f.severity]} · {MARKS[f.mark]}** {md_text(f.message)}"]
    for key, value in (("指南原文", f.guide_words), ("界面显示", f.screen), ("场景", f.scenario),
                       ("建议改为", f.fix)):
        if value:
            lines.append(f"> {key}：{md_text(value)}")
    path = images.copy(f.screenshot, f.device or "shot") if f.screenshot else None
    if path:
        lines.append(f"> ![{f.id}]({path})")
    return "  \n".join(lines).split("\n") + [""]
