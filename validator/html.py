"""The self-contained illustrated guide: the guide's prose in order, fresh screenshots where the
original images stood, and a mark per section, item and finding. Images are data URIs so the
single file can be mailed or archived as it is."""
from __future__ import annotations

import re
from html import escape
from pathlib import Path

from .analysis import Analysis
from .boxes import collect
from .claims import QUOTES, URL
from .failure import read_failure
from .findings import MARKS, SEVERITIES, SEVERITY_TEXTS, Finding
from .guide import has_subsections
from .html_parts import FindingCards, Pictures, figure_html, source_html, span_html
from .html_style import CSS
from .images import ImageStore
from .report import MARK_EN

BOLD = re.compile(r"\*\*(.+?)\*\*")


class _Page:
    def __init__(self, analysis: Analysis, images: ImageStore, line_link=lambda line: f"#l{line}",
                 changed: dict[int, str] | None = None) -> None:
        self.a = analysis
        self.images = images
        shots = {sh.screenshot: sh for sc in analysis.record.scenarios for st in sc.steps
                 for sh in st.shots.values() if sh.screenshot}
        self.pictures = Pictures(images, shots)
        self.evidence = collect(analysis, shots)
        folder = analysis.record.folder
        failures = {sc.name: read_failure(sc, [(folder / t).as_posix() for t in sc.traces])
                    for sc in analysis.record.scenarios if sc.status == "failed"}
        self.cards = FindingCards(self.pictures, line_link, failures)
        self.changed = changed or {}
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
            spans.append((m.start(), m.end(), r.status, self.refs(line, r.claim.words),
                          self.evidence.where.get((line, r.claim.words), "")))
        urls = [r for r in self.results.get(line, []) if r.claim.kind == "url"]
        for r, m in zip(urls, URL.finditer(text)):
            spans.append((m.start(), m.end(), r.status, self.refs(line, r.claim.words), ""))
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
            spans.append((start, start + len(words), status, self.refs(line, words),
                          self.evidence.where.get((line, words), "")))
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
            spans.append((start, start + len(f.guide_words), "missing", [f], ""))

    @staticmethod
    def _render(text: str, spans: list) -> str:
        out, pos = [], 0
        for start, end, status, refs, box in sorted(spans, key=lambda span: span[:2]):
            if start < pos:
                continue
            out.append(escape(text[pos:start]))
            out.append(span_html(text[start:end], status, refs, box))
            pos = end
        out.append(escape(text[pos:]))
        return "".join(out)


VERDICT_ZH = {"passed": "通过", "failed": "不通过", "nothing_ran": "没有运行或有未定义步骤"}
SEVERITY_ZH = SEVERITY_TEXTS


def render_html(analysis: Analysis, images: ImageStore, sources: dict[str, str], fail_on: set[str] | None = None,
                changes: dict | None = None, repo_url: str | None = None,
                changed: dict[int, str] | None = None) -> str:
    """``repo_url``: the repository's file view (".../blob/main"), so a guide line links to the file itself;
    ``changed``: slots of figures whose picture changed since the previous run."""
    guide_path = repo_path(sources.get("guide") or "")
    def line_link(line: int) -> str:
        return f"{repo_url.rstrip('/')}/{guide_path}#L{line}" if repo_url else f"#l{line}"

    page = _Page(analysis, images, line_link, changed or {})
    guide = analysis.guide
    title = guide.title_lines[0] + guide.title_lines[1] if len(guide.title_lines) > 1 else "".join(guide.title_lines)
    # The filters' targets stand before the document, so CSS can hide what a filter leaves out (no script).
    targets = "".join(f"<i class=\"filter-target\" id=\"only-{k}\"></i>" for k in (*SEVERITIES, *MARKS))
    parts = [f"<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
             f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             f"<title>{escape(title)}（图文版）</title><style>{CSS}</style></head><body>{targets}<div class=\"doc\">"]
    parts.append(_head(analysis, sources, fail_on if fail_on is not None else {"error"}, changes))
    loose = [f for f in analysis.findings if f.section is None or guide.section(f.section) is None]
    if loose:
        parts.append("<h2 id=\"run\">运行情况</h2><div class=\"findings\">"
                     + "".join(page.cards.card(f) for f in loose) + "</div>")
    for res in analysis.sections:
        parts.append(_section(page, res))
    parts.append("</div></body></html>")
    return "\n".join(parts)


def repo_path(path: str) -> str:
    """The guide's path as the repository names it: relative to where the validator runs (the repository root)."""
    p = Path(path)
    if p.is_absolute():
        try:
            return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return p.name
    return p.as_posix().removeprefix("./")


def _filters(analysis: Analysis) -> str:
    """Links, so they read as a list of views in any reader; CSS :target does the hiding."""
    sev = " ".join(f"<a class=\"chip {k}\" href=\"#only-{k}\">{SEVERITY_TEXTS[k]} "
                   f"{sum(1 for f in analysis.findings if f.severity == k)}</a>" for k in SEVERITIES)
    marks = " ".join(f"<a class=\"mark small {k}\" href=\"#only-{k}\">{v} "
                     f"{sum(1 for r in analysis.sections if r.mark == k)}</a>" for k, v in MARKS.items())
    return (f"<nav class=\"filters\" aria-label=\"筛选\"><span>只看发现：</span>{sev}<span>只看章节：</span>{marks}"
            f"<a class=\"all\" href=\"#top\">全部显示</a></nav>")


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
    head = (f"<h1 id=\"top\">{'<br>'.join(lines[:2])}</h1>"
            + (f"<p class=\"subtitle\">{lines[2]}</p>" if len(lines) > 2 else ""))
    counts = analysis.scenario_counts()
    meta = (f"<p class=\"meta\">图文指南 · 截图来自 {escape(analysis.record.started_at)} 的运行 · 门户 "
            f"{escape(analysis.record.base_url)} · 场景 通过 {counts['passed']} / 失败 {counts['failed']} / "
            f"跳过 {counts['skipped']} · 指南 {escape(sources.get('guide') or '')}</p>")

    def links(res) -> str:
        return " ".join(f"<a class=\"fid {f.severity}\" href=\"#{f.id}\" title=\"{escape(f.message)}\">"
                        f"{f.id} {SEVERITY_TEXTS[f.severity]}</a>" for f in res.findings)

    rows = "".join(
        f"<tr class=\"{_classes(r)}\"><td><a href=\"#s-{escape(r.section.id)}\">{escape(r.section.title)}</a></td>"
        f"<td>{_marks_html(r, small=True)}</td>"
        f"<td>{sum(1 for s in r.coverage.scenarios if s.status == 'passed')}/{len(r.coverage.scenarios)}</td>"
        f"<td>{links(r)}</td></tr>"
        for r in analysis.sections)
    legend = " ".join(f"<span class=\"mark small {k}\">{v}</span> {MARK_EN[k]}" for k, v in MARKS.items())
    return (head + meta + _verdict_html(analysis, fail_on) + f"<p class=\"legend\">{legend}</p>" + _filters(analysis)
            + f"<table class=\"summary\"><tr><th>章节</th><th>结果</th><th>通过场景</th><th>发现</th></tr>{rows}</table>"
            + _changes_html(changes))


def _classes(res) -> str:
    """A section's mark and the severities of its findings, for the filters."""
    return " ".join([f"m-{res.mark}"] + sorted({f"has-{f.severity}" for f in res.findings}))


def _block_lines(block) -> range:
    if block.kind == "screen":
        return range(block.line, block.line + block.text.count("\n") + 1)
    return range(block.line, block.line + 1)


def _section(page: _Page, res) -> str:
    s = res.section
    level = min(max(s.level, 2), 5)
    out = [f"<section id=\"s-{escape(s.id)}\" class=\"{_classes(res)}\"><h{level} id=\"l{s.line}\">{escape(s.title)}"
           f"{_marks_html(res)}</h{level}>"]
    # Each finding stands right after the block holding its line; the rest (a scenario's failure, a section not
    # covered) right under the heading, where a reader of the section starts.
    at_block: dict[int, list[Finding]] = {}
    lines = {line: n for n, b in enumerate(s.blocks) for line in _block_lines(b)}
    top = []
    for f in res.findings:
        n = lines.get(f.line) if f.line is not None else None
        (at_block.setdefault(n, []) if n is not None else top).append(f)
    if top:
        out.append(_cards(page, top))
    item_marks = {i.item.line: i for i in res.items}
    parent = has_subsections(page.a.guide, s)
    for n, block in enumerate(s.blocks):
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
            out += [_proof(page, block.line)]
        elif block.kind == "screen":
            # One element per line; the transcription's blank lines are spacing, not content.
            pre = "".join(f"<div id=\"l{block.line + i}\">{page.screen_line(t, block.line + i)}</div>"
                          for i, t in enumerate(block.text.split("\n")) if t.strip())
            fig = _figure(page, block.slot)
            out.append(f"<div class=\"screen-pair\"><div><div class=\"label-line\">指南中的界面（原截图的文字转录）</div>"
                       f"<div class=\"screen\">{pre}</div></div><div><div class=\"label-line\">运行时的实际界面</div>"
                       f"{fig}</div></div>")
        else:
            out.append(_figure(page, block.slot))
        if n in at_block:
            out.append(_cards(page, at_block[n]))
    own = [sc for sc in res.coverage.scenarios if any(sec == s.id for sec, _ in sc.refs)]
    if own:
        # An outline runs once per example row: one line per scenario, with its tally.
        groups: dict[tuple[str, str], list] = {}
        for sc in own:
            groups.setdefault((sc.feature, sc.name), []).append(sc)
        rows = "".join(f"<tr><td>{escape(feature)}</td><td>{escape(name)}</td><td>{escape(_tally(runs))}</td>"
                       f"<td>{escape(' '.join(runs[0].tags))}</td></tr>" for (feature, name), runs in groups.items())
        out.append(f"<table class=\"scenarios\"><tr><th>功能</th><th>场景</th><th>状态</th><th>标签</th></tr>{rows}</table>")
    out.append("</section>")
    return "\n".join(o for o in out if o)


def _figure(page: _Page, slot: int | None) -> str:
    return figure_html(page.a.figures.get(slot), page.figure_no.get(slot), page.pictures,
                       page.evidence.on_figure.get(slot), page.changed.get(slot, ""))


def _proof(page: _Page, line: int) -> str:
    """Claims of a sentence verified on a screen no figure shows: that screen, folded, as their evidence."""
    entries = page.evidence.beside.get(line)
    if not entries:
        return ""
    shots = "".join(page.pictures.shot(shot.screenshot, shot.device, boxes, alt="核对依据", back=f"l{line}")
                    for shot, boxes in entries)
    return (f"<details class=\"proof\"><summary>核对依据：{len(entries)} 张截图（本句所说的文字在其中的位置）</summary>"
            f"<div class=\"shots\">{shots}</div></details>")


def _cards(page: _Page, findings: list[Finding]) -> str:
    return "<div class=\"findings\">" + "".join(page.cards.card(f) for f in findings) + "</div>"


def _tally(runs: list) -> str:
    if len(runs) == 1:
        return runs[0].status
    counts: dict[str, int] = {}
    for sc in runs:
        counts[sc.status] = counts.get(sc.status, 0) + 1
    return f"{len(runs)} 例：" + "，".join(f"{k} {v}" for k, v in counts.items())
