"""The self-contained illustrated guide: the guide's prose in order, fresh screenshots where the
original images stood, and a mark per section, item and finding. Images are data URIs so the
single file can be mailed or archived as it is."""
from __future__ import annotations

import re
from html import escape

from .analysis import Analysis
from .claims import QUOTES, URL
from .findings import MARKS, Finding
from .guide import has_subsections
from .html_parts import figure_html, finding_html, source_html, span_html
from .html_style import CSS
from .images import ImageStore
from .report import MARK_EN

BOLD = re.compile(r"\*\*(.+?)\*\*")


class _Page:
    def __init__(self, analysis: Analysis, images: ImageStore) -> None:
        self.a = analysis
        self.images = images
        self.by_line: dict[int, list[Finding]] = {}
        for f in analysis.findings:
            if f.line is not None:
                self.by_line.setdefault(f.line, []).append(f)
        self.results: dict[int, list] = {}
        for r in analysis.claim_results:
            self.results.setdefault(r.claim.line, []).append(r)
        self.examples = {c.line: c for c in analysis.claims if c.kind == "example"}
        self.figure_no = {slot: n for n, slot in enumerate(sorted(analysis.figures), 1)}

    def refs(self, line: int, words: str) -> list[Finding]:
        # A finding that stands for several words of the line lists them as its pieces.
        return [f for f in self.by_line.get(line, [])
                if words and any(words in p for p in f.extra.get("pieces") or [f.guide_words])]

    def prose(self, text: str, line: int) -> str:
        spans = []
        quoted = [r for r in self.results.get(line, []) if r.claim.kind == "label"]
        for r, m in zip(quoted, QUOTES.finditer(text)):
            spans.append((m.start(), m.end(), r.status, self.refs(line, r.claim.words)))
        urls = [r for r in self.results.get(line, []) if r.claim.kind == "url"]
        for r, m in zip(urls, URL.finditer(text)):
            spans.append((m.start(), m.end(), r.status, self.refs(line, r.claim.words)))
        self._finding_spans(text, line, spans)
        return BOLD.sub(r"<strong>\1</strong>", self._render(text, spans))

    def screen_line(self, text: str, line: int) -> str:
        spans, pos = [], 0
        results = list(self.results.get(line, []))
        example = self.examples.get(line)
        for words, status in [(r.claim.words, r.status) for r in results] + (
                [(example.words, "missing" if self.refs(line, example.words) else "verified")] if example else []):
            start = text.find(words, pos)
            if start < 0:
                continue
            spans.append((start, start + len(words), status, self.refs(line, words)))
            pos = start + len(words)
        self._finding_spans(text, line, spans)
        return self._render(text, spans)

    def _finding_spans(self, text: str, line: int, spans: list) -> None:
        """Words a finding quotes that are not a claim (a cut name) are marked too."""
        for f in self.by_line.get(line, []):
            if f.mark != "drift":  # coverage findings quote a whole item; they are marked on the item
                continue
            start = text.find(f.guide_words) if f.guide_words else -1
            if start < 0 or any(s <= start < e for s, e, *_ in spans) or len(f.guide_words) > 40:
                continue
            spans.append((start, start + len(f.guide_words), "missing", [f]))

    @staticmethod
    def _render(text: str, spans: list) -> str:
        out, pos = [], 0
        for start, end, status, refs in sorted(spans):
            if start < pos:
                continue
            out.append(escape(text[pos:start]))
            out.append(span_html(text[start:end], status, refs))
            pos = end
        out.append(escape(text[pos:]))
        return "".join(out)


VERDICT_ZH = {"passed": "通过", "failed": "不通过", "nothing_ran": "没有运行或有未定义步骤"}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def render_html(analysis: Analysis, images: ImageStore, sources: dict[str, str], fail_on: set[str] | None = None,
                changes: dict | None = None) -> str:
    page = _Page(analysis, images)
    guide = analysis.guide
    title = guide.title_lines[0] + guide.title_lines[1] if len(guide.title_lines) > 1 else "".join(guide.title_lines)
    parts = [f"<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
             f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             f"<title>{escape(title)}（图文版）</title><style>{CSS}</style></head><body><div class=\"doc\">"]
    parts.append(_head(analysis, sources, fail_on if fail_on is not None else {"error"}, changes))
    loose = [f for f in analysis.findings if f.section is None or guide.section(f.section) is None]
    if loose:
        parts.append("<h2 id=\"run\">运行情况</h2><div class=\"findings\">"
                     + "".join(finding_html(f, images) for f in loose) + "</div>")
    for res in analysis.sections:
        parts.append(_section(page, res))
    parts.append("</div></body></html>")
    return "\n".join(parts)


def _marks_html(res, small: bool = False) -> str:
    """The section's mark, then (when it has sub-sections) its own result and the worst of its sub-sections'."""
    size = " small" if small else ""
    out = f"<span class=\"mark{size} {res.mark}\">{MARKS[res.mark]}</span>"
    if res.subsections_mark:
        own = MARKS[res.own_mark] if res.own_mark else "无正文"
        out += (f"<span class=\"rollup\">本节：{own} · 子节："
                f"<span class=\"mark small {res.subsections_mark}\">{MARKS[res.subsections_mark]}</span></span>")
    return out


def _verdict_html(analysis: Analysis, fail_on: set[str]) -> str:
    verdict = analysis.verdict(fail_on)
    counts = analysis.severity_counts()
    sev = " / ".join(f"{SEVERITY_ZH[k]} {v}" for k, v in counts.items())
    partial = ""
    if analysis.partial:
        partial = (f"<p class=\"partial\">部分运行：未运行第 {escape('、'.join(analysis.not_run) or '-')} 节的场景"
                   "（这些章节标为“未运行”，不是未覆盖）</p>")
    return (f"<p class=\"verdict {verdict}\">结论：<strong>{VERDICT_ZH[verdict]}</strong> · 发现 {sev}"
            f" · 不通过的严重程度：{escape(','.join(sorted(fail_on)) or 'none')}</p>{partial}")


def _changes_html(changes: dict | None) -> str:
    if not changes:
        return ""
    rows = []
    for key, zh in (("new", "新增"), ("resolved", "已解决"), ("unchanged", "未变")):
        ids = changes.get(key) or []
        links = " ".join(f"<a href=\"#{escape(i)}\">{escape(i)}</a>" if key != "resolved" else escape(i) for i in ids)
        rows.append(f"<tr><td>{zh}</td><td>{len(ids)}</td><td>{links or '-'}</td></tr>")
    resolved = "".join(f"<li>{escape(f.get('id', ''))}：{escape(f.get('message', ''))}</li>"
                       for f in changes.get("resolved_findings", []))
    return (f"<h2 id=\"changes\">与上次报告相比</h2><p class=\"meta\">上次报告 {escape(changes.get('previous', ''))}</p>"
            f"<table><tr><th>变化</th><th>数量</th><th>发现</th></tr>{''.join(rows)}</table>"
            + (f"<ul class=\"resolved\">{resolved}</ul>" if resolved else ""))


def _head(analysis: Analysis, sources: dict[str, str], fail_on: set[str], changes: dict | None = None) -> str:
    g = analysis.guide
    lines = [escape(l) for l in g.title_lines]
    head = f"<h1>{'<br>'.join(lines[:2])}</h1>" + (f"<p class=\"subtitle\">{lines[2]}</p>" if len(lines) > 2 else "")
    counts = analysis.scenario_counts()
    meta = (f"<p class=\"meta\">图文指南 · 截图来自 {escape(analysis.record.started_at)} 的运行 · 门户 "
            f"{escape(analysis.record.base_url)} · 场景 通过 {counts['passed']} / 失败 {counts['failed']} / "
            f"跳过 {counts['skipped']} · 指南 {escape(sources.get('guide') or '')}</p>")
    def links(res) -> str:
        return " ".join(f"<a href=\"#{f.id}\">{f.id}</a>" for f in res.findings)

    rows = "".join(
        f"<tr><td><a href=\"#s-{escape(r.section.id)}\">{escape(r.section.title)}</a></td>"
        f"<td>{_marks_html(r, small=True)}</td>"
        f"<td>{sum(1 for s in r.coverage.scenarios if s.status == 'passed')}/{len(r.coverage.scenarios)}</td>"
        f"<td>{links(r)}</td></tr>"
        for r in analysis.sections)
    legend = " ".join(f"<span class=\"mark small {k}\">{v}</span> {MARK_EN[k]}" for k, v in MARKS.items())
    return (head + meta + _verdict_html(analysis, fail_on) + f"<p class=\"legend\">{legend}</p>"
            f"<table><tr><th>章节</th><th>结果</th><th>通过场景</th><th>发现</th></tr>{rows}</table>"
            + _changes_html(changes))


def _section(page: _Page, res) -> str:
    s = res.section
    level = min(max(s.level, 2), 5)
    out = [f"<section id=\"s-{escape(s.id)}\"><h{level}>{escape(s.title)}{_marks_html(res)}</h{level}>"]
    item_marks = {i.item.line: i for i in res.items}
    parent = has_subsections(page.a.guide, s)
    for block in s.blocks:
        if block.kind == "paragraph":
            text = block.text
            css = "li2" if text.startswith(" -") else ("li" if text.startswith("- ") else "")
            body = page.prose(text.lstrip(" -").lstrip() if css else text, block.line)
            item = item_marks.get(block.line)
            if item:
                body += f"<span class=\"mark small {item.mark}\">{MARKS[item.mark]}</span>"
                if parent:
                    body += source_html(item.coverage)
            out.append(f"<p class=\"{css}\" id=\"l{block.line}\">{body}</p>")
        elif block.kind == "screen":
            # One element per line; the transcription's blank lines are spacing, not content.
            pre = "".join(f"<div>{page.screen_line(t, block.line + i)}</div>"
                          for i, t in enumerate(block.text.split("\n")) if t.strip())
            fig = figure_html(page.a.figures.get(block.slot), page.figure_no.get(block.slot), page.images)
            out.append(f"<div class=\"screen-pair\"><div><div class=\"label-line\">指南中的界面（原截图的文字转录）</div>"
                       f"<div class=\"screen\">{pre}</div></div><div><div class=\"label-line\">运行时的实际界面</div>"
                       f"{fig}</div></div>")
        else:
            out.append(figure_html(page.a.figures.get(block.slot), page.figure_no.get(block.slot), page.images))
    own = [sc for sc in res.coverage.scenarios if any(sec == s.id for sec, _ in sc.refs)]
    if own:
        # An outline runs once per example row: one line per scenario, with its tally.
        groups: dict[tuple[str, str], list] = {}
        for sc in own:
            groups.setdefault((sc.feature, sc.name), []).append(sc)
        rows = "".join(f"<tr><td>{escape(feature)}</td><td>{escape(name)}</td><td>{escape(_tally(runs))}</td>"
                       f"<td>{escape(' '.join(runs[0].tags))}</td></tr>" for (feature, name), runs in groups.items())
        out.append(f"<table class=\"scenarios\"><tr><th>功能</th><th>场景</th><th>状态</th><th>标签</th></tr>{rows}</table>")
    if res.findings:
        cards, shown = [], {}
        for f in res.findings:
            # The same screen shown again and again (several findings on one form) is shown once.
            again = shown.get(f.screenshot) if f.screenshot and not f.highlight else None
            cards.append(finding_html(f, page.images, same_as=again))
            if f.screenshot and again is None:
                shown[f.screenshot] = f.id
        out.append("<div class=\"findings\">" + "".join(cards) + "</div>")
    out.append("</section>")
    return "\n".join(out)


def _tally(runs: list) -> str:
    if len(runs) == 1:
        return runs[0].status
    counts: dict[str, int] = {}
    for sc in runs:
        counts[sc.status] = counts.get(sc.status, 0) + 1
    return f"{len(runs)} 例：" + "，".join(f"{k} {v}" for k, v in counts.items())
