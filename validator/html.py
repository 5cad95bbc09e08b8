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


def render_html(analysis: Analysis, images: ImageStore, sources: dict[str, str]) -> str:
    page = _Page(analysis, images)
    guide = analysis.guide
    title = guide.title_lines[0] + guide.title_lines[1] if len(guide.title_lines) > 1 else "".join(guide.title_lines)
    parts = [f"<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
             f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             f"<title>{escape(title)}（图文版）</title><style>{CSS}</style></head><body><div class=\"doc\">"]
    parts.append(_head(analysis, sources))
    loose = [f for f in analysis.findings if f.section is None or guide.section(f.section) is None]
    if loose:
        parts.append("<h2 id=\"run\">运行情况</h2><div class=\"findings\">"
                     + "".join(finding_html(f, images) for f in loose) + "</div>")
    for res in analysis.sections:
        parts.append(_section(page, res))
    parts.append("</div></body></html>")
    return "\n".join(parts)


def _head(analysis: Analysis, sources: dict[str, str]) -> str:
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
        f"<td><span class=\"mark small {r.mark}\">{MARKS[r.mark]}</span></td>"
        f"<td>{sum(1 for s in r.coverage.scenarios if s.status == 'passed')}/{len(r.coverage.scenarios)}</td>"
        f"<td>{links(r)}</td></tr>"
        for r in analysis.sections)
    legend = " ".join(f"<span class=\"mark small {k}\">{v}</span> {MARK_EN[k]}" for k, v in MARKS.items())
    return (head + meta + f"<p class=\"legend\">{legend}</p>"
            f"<table><tr><th>章节</th><th>结果</th><th>通过场景</th><th>发现</th></tr>{rows}</table>")


def _section(page: _Page, res) -> str:
    s = res.section
    level = min(max(s.level, 2), 5)
    out = [f"<section id=\"s-{escape(s.id)}\"><h{level}>{escape(s.title)}"
           f"<span class=\"mark {res.mark}\">{MARKS[res.mark]}</span></h{level}>"]
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
