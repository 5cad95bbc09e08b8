"""A Markdown export a writer can paste into their own document: the guide's text as it is,
image links (relative, beside the file) where the screenshots stood, and the marks and findings."""
from __future__ import annotations

from .analysis import Analysis
from .coverage import SOURCE_TEXTS
from .findings import MARKS, Finding
from .guide import has_subsections
from .illustrate import Figure
from .images import ImageStore

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def render_markdown(analysis: Analysis, images: ImageStore, changed: set[int] | None = None) -> str:
    g = analysis.guide
    numbers = {slot: n for n, slot in enumerate(sorted(analysis.figures), 1)}
    title = "".join(g.title_lines[:2])
    out = [f"# {title}", ""]
    out += [f"{line}" for line in g.title_lines[2:]] + [""]
    counts = analysis.scenario_counts()
    out += [f"> 图文版 · 截图来自 {analysis.record.started_at} 的运行 · 场景 通过 {counts['passed']} / "
            f"失败 {counts['failed']} / 跳过 {counts['skipped']}", ""]
    loose = [f for f in analysis.findings if f.section is None or g.section(f.section) is None]
    if loose:
        out += ["## 运行情况", ""] + [line for f in loose for line in _finding(f, images)]
    for res in analysis.sections:
        s = res.section
        out += [f"{'#' * s.level} {s.title} `{MARKS[res.mark]}`", ""]
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


def _figure(fig: Figure | None, number: int | None, images: ImageStore) -> list[str]:
    where = (f"第 {fig.section} 节" + (f"第 {fig.item} 条" if fig.item else "")) if fig else ""
    if fig is None or not fig.shots:
        return [f"> 图 {number}：此处原有截图；{fig.gap if fig else where}，暂无截图。", ""]
    lines = []
    step = f"{fig.step.keyword} {fig.step.text}" if fig.step else ""
    for shot in fig.shots:
        path = images.copy(shot.screenshot, shot.device)
        alt = f"图 {number} · {where} · {step}".replace("[", "(").replace("]", ")")
        lines.append(f"![{alt}]({path})" if path else f"> 图 {number}：截图文件缺失（{shot.screenshot}）")
    return lines + ["", f"*图 {number} · {where} · 场景「{fig.scenario.name}」 · 步骤「{step}」*", ""]


def _finding(f: Finding, images: ImageStore) -> list[str]:
    lines = [f"> **{f.id} · {SEVERITY_ZH[f.severity]} · {MARKS[f.mark]}** {f.message}"]
    for key, value in (("指南原文", f.guide_words), ("界面显示", f.screen), ("场景", f.scenario)):
        if value:
            lines.append(f"> {key}：{value.replace(chr(10), ' ')}")
    path = images.copy(f.screenshot, f.device or "shot") if f.screenshot else None
    if path:
        lines.append(f"> ![{f.id}]({path})")
    return "  \n".join(lines).split("\n") + [""]
