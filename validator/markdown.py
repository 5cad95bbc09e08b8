"""A Markdown export a writer can paste into their own document: the guide's text as it is,
image links (relative, beside the file) where the screenshots stood, and the marks and findings.

Each finding stands right after the paragraph or transcribed screen it concerns, says where it is (section, item,
guide line, a link to the repository file when one is configured) and has an anchor the marked words link to.
Drifted words are marked with <mark> in the prose; a transcribed screen stays a code block, copied as it is, and
its drifted lines follow it with their words marked.

The guide's own text is the document and goes in as written. Everything that comes from a run record (scenario
and step names, what the screens showed, error messages) is untrusted and is escaped: HTML special characters as
entities and Markdown's punctuation with a backslash, so a record cannot add a tag, a link or an image."""
from __future__ import annotations

import re
from html import escape

from .analysis import Analysis
from .coverage import SOURCE_TEXTS
from .findings import MARKS, SEVERITY_TEXTS, Finding
from .guide import has_subsections
from .html import repo_path
from .illustrate import Figure
from .images import ImageStore
from .screenshots import REFUSED_TEXT

SEVERITY_ZH = SEVERITY_TEXTS
VERDICT_ZH = {"passed": "通过", "failed": "不通过", "nothing_ran": "没有运行或有未定义步骤"}
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")
# A finding quoting more than this is about a whole item or screen, not words to mark.
MARKABLE = 40


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


class _Doc:
    def __init__(self, analysis: Analysis, images: ImageStore, changed: dict[int, str], line_link) -> None:
        self.a = analysis
        self.images = images
        self.changed = changed
        self.line_link = line_link
        self.numbers = {slot: n for n, slot in enumerate(sorted(analysis.figures), 1)}
        self.by_line: dict[int, list[Finding]] = {}
        for f in analysis.findings:
            if f.line is not None:
                self.by_line.setdefault(f.line, []).append(f)

    def drifted(self, line: int, text: str) -> list[tuple[int, int, list[Finding]]]:
        """(start, end, findings) of the words on a guide line that findings say drifted from the screens."""
        spans: dict[tuple[int, int], list[Finding]] = {}
        for f in self.by_line.get(line, []):
            if f.mark != "drift":
                continue
            for words in f.extra.get("pieces") or [f.guide_words]:
                start = text.find(words) if words and len(words) <= MARKABLE else -1
                if start >= 0:
                    spans.setdefault((start, start + len(words)), []).append(f)
        out, end = [], -1
        for (s, e), fs in sorted(spans.items()):
            if s >= end:  # overlapping quotes: the first one is marked
                out.append((s, e, fs))
                end = e
        return out

    def marked(self, line: int, text: str) -> str:
        out, pos = [], 0
        for start, end, fs in self.drifted(line, text):
            refs = " ".join(f"[{f.code}](#{f.id})" for f in fs)  # the rule's code beside the word, as in the HTML
            out.append(text[pos:start] + f"<mark>{escape(text[start:end])}</mark><sup>{refs}</sup>")
            pos = end
        return "".join(out) + text[pos:]


def render_markdown(analysis: Analysis, images: ImageStore, fail_on: set[str] | None = None,
                    changes: dict | None = None, changed: dict[int, str] | None = None, repo_url: str | None = None,
                    guide_path: str = "") -> str:
    """``changes``: findings new, resolved and unchanged since a previous report; ``changed``: slots of the figures
    whose picture changed since then."""
    def line_link(line: int) -> str | None:
        return f"{repo_url.rstrip('/')}/{repo_path(guide_path)}#L{line}" if repo_url else None

    doc = _Doc(analysis, images, changed or {}, line_link)
    g = analysis.guide
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
        out += ["## 运行情况", ""] + [line for f in loose for line in _finding(doc, f)]
    for res in analysis.sections:
        out += _section(doc, res)
    return "\n".join(out).rstrip() + "\n"


def _section(doc: _Doc, res) -> list[str]:
    s, g = res.section, doc.a.guide
    out = [f"{'#' * s.level} {s.title} {section_marks(res)}", ""]
    items = {i.item.line: i for i in res.items}
    parent = has_subsections(g, s)
    lines = {}
    for n, b in enumerate(s.blocks):
        for line in range(b.line, b.line + (b.text.count("\n") + 1 if b.kind == "screen" else 1)):
            lines[line] = n
    at_block: dict[int, list[Finding]] = {}
    for f in res.findings:
        n = lines.get(f.line) if f.line is not None else None
        if n is None:
            out += _finding(doc, f)
        else:
            at_block.setdefault(n, []).append(f)
    for n, block in enumerate(s.blocks):
        if block.kind == "paragraph":
            mark = f" `{MARKS[items[block.line].mark]}`" if block.line in items else ""
            source = SOURCE_TEXTS.get(items[block.line].coverage.source) if parent and mark else None
            mark += f" `{source}`" if source else ""
            out += [doc.marked(block.line, block.text) + mark, ""]
        elif block.kind == "screen":
            out += ["```text", block.text, "```", ""]
            for i, text in enumerate(block.text.split("\n")):
                if doc.drifted(block.line + i, text):
                    out += [f"> 与界面不符（指南第 {block.line + i} 行）：{doc.marked(block.line + i, text.strip())}", ""]
            out += _figure(doc, block.slot)
        else:
            out += _figure(doc, block.slot)
        for f in at_block.get(n, []):
            out += _finding(doc, f)
    return out


def _changes(changes: dict) -> list[str]:
    lines = [f"## 与上次报告相比（{md_text(changes.get('previous'))}）", ""]
    for key, zh in (("new", "新增"), ("resolved", "已解决"), ("unchanged", "未变")):
        ids = changes.get(key) or []
        lines.append(f"- {zh}（{len(ids)}）：{md_text(' '.join(ids)) or '-'}")
    return lines + [""]


def _figure(doc: _Doc, slot: int | None) -> list[str]:
    fig: Figure | None = doc.a.figures.get(slot)
    number = doc.numbers.get(slot)
    where = (f"第 {fig.section} 节" + (f"第 {fig.item} 条" if fig.item else "")) if fig else ""
    if fig is None or not fig.shots:
        return [f"> 图 {number}：此处原有截图；{fig.gap if fig else where}，暂无截图。", ""]
    lines = []
    step = f"{fig.step.keyword} {fig.step.text}" if fig.step else ""
    for shot in fig.shots:
        refused = doc.images.refused(shot.screenshot)
        path = doc.images.copy(shot.screenshot, shot.device)
        alt = md_text(f"图 {number} · {where} · {step}")
        if refused:
            lines.append(f"> 图 {number}：{REFUSED_TEXT}（{md_text(refused)}）：{md_text(shot.screenshot)}")
        elif path:
            lines.append(f"![{alt}]({path})")
        else:
            lines.append(f"> 图 {number}：截图文件缺失（{md_text(shot.screenshot)}）")
    since = {"changed": " · **自上次运行以来有变化**", "new": " · **上次没有截图**"}.get(doc.changed.get(slot, ""), "")
    return lines + ["", f"*图 {number} · {where} · 场景「{md_text(fig.scenario.name)}」 · 步骤「{md_text(step)}」*"
                    f"{since}", ""]


def _finding(doc: _Doc, f: Finding) -> list[str]:
    mark = f" · {MARKS[f.mark]}" if f.mark else ""
    lines = [f"> <a id=\"{f.id}\"></a>**{f.id} · {SEVERITY_ZH[f.severity]}{mark}** {md_text(f.message)}"]
    where = _where(doc, f)
    if where:
        lines.append(f"> 位置：{where}")
    for key, value in (("指南原文", f.guide_words), ("界面显示", f.screen), ("场景", f.scenario), ("步骤", f.step),
                       ("建议修改", f.fix.text if f.fix else "")):
        if value:
            lines.append(f"> {key}：{md_text(value)}")
    path = doc.images.copy(f.screenshot, f.device or "shot") if f.screenshot else None
    if path:
        lines.append(f"> ![{f.id}]({path})")
    return "  \n".join(lines).split("\n") + [""]


def _where(doc: _Doc, f: Finding) -> str:
    if f.section is None:
        return ""
    place = f"第 {f.section} 节" + (f"第 {f.item} 条" if f.item else "")
    if not f.line:
        return place
    link = doc.line_link(f.line)
    return f"{place} · " + (f"[指南第 {f.line} 行]({link})" if link else f"指南第 {f.line} 行")
