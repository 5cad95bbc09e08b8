"""The illustrated guide's stylesheet: a plain document that also prints well on A4."""

CSS = """
:root { --ok:#1a7f37; --drift:#b35900; --fail:#c62828; --todo:#6b7280; --line:#e5e7eb; --ink:#1f2328; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #f6f7f9;
  font: 15px/1.75 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
        "Noto Sans", sans-serif; }
.doc { max-width: 960px; margin: 24px auto; background: #fff; padding: 48px 64px;
  box-shadow: 0 1px 3px rgba(0,0,0,.08); }
h1 { font-size: 26px; line-height: 1.4; text-align: center; margin: 0 0 8px; }
.subtitle { text-align: center; color: #555; margin: 0 0 24px; }
.meta { color: #6b7280; font-size: 13px; text-align: center; margin-bottom: 24px; }
h2, h3, h4, h5 { line-height: 1.4; margin: 32px 0 12px; scroll-margin-top: 12px; }
h2 { font-size: 22px; border-bottom: 2px solid var(--ink); padding-bottom: 6px; }
h3 { font-size: 19px; } h4 { font-size: 17px; } h5 { font-size: 15px; }
p { margin: 8px 0; }
p.li, p.li2 { position: relative; padding-left: 1.2em; } p.li2 { margin-left: 1.2em; }
p.li::before, p.li2::before { content: "•"; position: absolute; left: .2em; color: #6b7280; }
a { color: #0b62c4; }
.mark { display: inline-block; font-size: 12px; font-weight: 600; line-height: 1; padding: 4px 8px;
  border-radius: 999px; margin-left: 8px; vertical-align: middle; color: #fff; white-space: nowrap; }
.mark.verified { background: var(--ok); } .mark.drift { background: var(--drift); }
.mark.failed { background: var(--fail); } .mark.not_covered { background: var(--todo); }
.mark.not_run { background: #fff; color: var(--todo); border: 1px dashed var(--todo); }
.mark.small { font-size: 11px; padding: 2px 6px; margin-left: 6px; }
a.claim { color: inherit; text-decoration: none; }
a.claim:hover { background: #e8f3ec; }
.rollup { font-size: 11px; font-weight: 400; color: #555; margin-left: 8px; white-space: nowrap; }
.verdict { text-align: center; font-size: 16px; margin: 8px 0; }
.verdict.passed strong { color: var(--ok); } .verdict.failed strong, .verdict.nothing_ran strong { color: var(--fail); }
.partial { text-align: center; color: var(--todo); font-size: 13px; }
.claim.verified { border-bottom: 1px dotted var(--ok); }
.claim.missing { background: #fdecea; border-bottom: 2px solid var(--fail); }
.claim.unchecked { border-bottom: 1px dotted var(--todo); }
.claim.image { border-bottom: 1px dotted var(--todo); font-style: italic; }
.source { display: inline-block; font-size: 11px; line-height: 1; padding: 2px 6px; margin-left: 6px;
  border: 1px solid currentColor; border-radius: 999px; vertical-align: middle; color: var(--ok); }
.source.subsections { color: var(--drift); }
sup.ref a { font-size: 11px; text-decoration: none; color: var(--fail); margin: 0 2px 0 1px; }
figure { margin: 16px 0 20px; padding: 12px; background: #fafbfc; border: 1px solid var(--line);
  border-radius: 6px; break-inside: avoid; page-break-inside: avoid; }
.shots { display: flex; gap: 12px; align-items: flex-start; flex-wrap: wrap; }
figcaption { font-size: 13px; color: #555; margin-top: 8px; }
.changed { display: inline-block; margin-left: 8px; padding: 0 6px; border-radius: 4px; font-size: 12px;
  background: #fff3c4; color: #7a5a00; border: 1px solid #e0c200; }
/* The device's name sits above the picture, never on it: the picture keeps its logo, title and back arrow. */
.shot { display: block; min-width: 0; }
.shot.portal { flex: 1 1 560px; } .shot.phone { flex: 0 1 300px; }
.shot .device { font-size: 12px; line-height: 1.8; color: #555; }
.shot .device a { margin-left: 8px; font-size: 12px; }
.shot .unzoom { display: none; }
.pic { position: relative; line-height: 0; border: 1px solid #d0d7de; }
.pic img { display: block; width: 100%; height: auto; }
.pic a.open { display: block; cursor: zoom-in; }
/* Click to enlarge: the same element fills the window while it is the URL's target, so no copy of the image. */
.doc .shot:target { position: fixed; inset: 0; z-index: 100; overflow: auto; background: rgba(20,22,26,.94); max-width: none;
  padding: 12px; margin: 0; }
.shot:target .device { color: #fff; max-width: var(--w); margin: 0 auto; }
.shot:target .device a { color: #9cc7ff; }
.shot:target .zoom { display: none; } .shot:target .unzoom { display: inline; }
.shot:target .pic { width: min(100%, var(--w)); margin: 0 auto; }
.shot:target a.open { cursor: default; }
/* Amber with a dark rim: visible on the portal's red buttons as well as on white forms. */
.hl { position: absolute; display: block; border: 3px solid #ffc400; border-radius: 4px; margin: -5px 0 0 -5px;
  padding: 5px; box-sizing: content-box; box-shadow: 0 0 0 2px rgba(0,0,0,.65); }
.hl.error { border-color: #ff3b30; } .hl.info { border-color: #9ca3af; }
/* A verified claim: a thin green frame, so twenty of them on one form still leave the form readable. */
.hl.ok { border: 1.5px solid rgba(26,127,55,.8); box-shadow: none; padding: 1px; margin: -2.5px 0 0 -2.5px; }
.hl:target { outline: 3px solid #0b62c4; outline-offset: 2px; }
details.proof { margin: 4px 0 10px; font-size: 13px; color: #555; }
details.proof .shot { max-width: 640px; }
.missing-shot { padding: 28px; text-align: center; color: var(--todo); border: 2px dashed #d0d7de;
  border-radius: 6px; font-size: 13px; line-height: 1.6; }
.screen-pair { display: grid; grid-template-columns: minmax(220px, 1fr) 2fr; gap: 12px; }
.screen { padding: 10px 12px; background: #fff; border: 1px solid #d0d7de; border-radius: 4px;
  font-size: 13px; line-height: 1.6; }
.screen div { margin: 3px 0; white-space: pre-wrap; }
.label-line { font-size: 12px; color: #6b7280; margin-bottom: 4px; }
.findings { margin: 12px 0 8px; }
.finding { border-left: 4px solid var(--drift); background: #fffaf3; padding: 10px 14px; margin: 10px 0;
  break-inside: avoid; page-break-inside: avoid; }
.finding.error { border-color: var(--fail); background: #fff5f5; }
.finding.info { border-color: var(--todo); background: #f8f9fa; }
.finding .head { font-weight: 600; font-size: 15px; line-height: 1.6; margin: 0; }
.finding .sev { font-size: 11px; color: #555; margin-right: 6px; }
.finding dl { display: grid; grid-template-columns: 6em 1fr; gap: 2px 8px; margin: 6px 0 0; font-size: 13px; }
.finding dt { color: #6b7280; } .finding dd { margin: 0; word-break: break-all; }
.finding .shot { margin-top: 8px; max-width: 560px; }
.finding .shot.phone { max-width: 300px; }
.finding .back { float: right; font-size: 12px; font-weight: normal; }
.finding .fix { color: var(--ok); font-weight: 600; }
.failure dl { display: grid; grid-template-columns: 6em 1fr; gap: 2px 8px; font-size: 13px; }
.failure code { white-space: pre-wrap; word-break: break-all; font-size: 12px; }
.failure pre { white-space: pre-wrap; word-break: break-all; font-size: 11px; max-height: 320px; overflow: auto;
  background: #f6f8fa; padding: 8px; }
.traces { font-size: 12px; margin: 4px 0; padding-left: 1.4em; }
.filters { text-align: center; font-size: 13px; margin: 8px 0; line-height: 2.2; }
.filters span { color: #6b7280; margin: 0 4px 0 12px; }
.chip, .fid { display: inline-block; font-size: 11px; line-height: 1; padding: 3px 6px; border-radius: 4px;
  text-decoration: none; color: #fff; background: var(--drift); white-space: nowrap; margin: 1px 0; }
.chip.error, .fid.error { background: var(--fail); } .chip.info, .fid.info { background: var(--todo); }
.filters .all { margin-left: 12px; }
.filter-target { display: none; }
/* Filters: a severity shows its findings and the sections holding them; a mark shows the sections with it. */
#only-error:target ~ .doc .finding:not(.error), #only-warning:target ~ .doc .finding:not(.warning),
#only-info:target ~ .doc .finding:not(.info) { display: none; }
#only-error:target ~ .doc section:not(.has-error), #only-warning:target ~ .doc section:not(.has-warning),
#only-info:target ~ .doc section:not(.has-info),
#only-verified:target ~ .doc section:not(.m-verified), #only-drift:target ~ .doc section:not(.m-drift),
#only-failed:target ~ .doc section:not(.m-failed),
#only-not_covered:target ~ .doc section:not(.m-not_covered),
#only-not_run:target ~ .doc section:not(.m-not_run) { display: none; }
#only-error:target ~ .doc .summary tr:not(:first-child):not(.has-error),
#only-warning:target ~ .doc .summary tr:not(:first-child):not(.has-warning),
#only-info:target ~ .doc .summary tr:not(:first-child):not(.has-info),
#only-verified:target ~ .doc .summary tr:not(:first-child):not(.m-verified),
#only-drift:target ~ .doc .summary tr:not(:first-child):not(.m-drift),
#only-failed:target ~ .doc .summary tr:not(:first-child):not(.m-failed),
#only-not_covered:target ~ .doc .summary tr:not(:first-child):not(.m-not_covered),
#only-not_run:target ~ .doc .summary tr:not(:first-child):not(.m-not_run) { display: none; }
#only-error:target ~ .doc .filters a[href="#only-error"], #only-warning:target ~ .doc .filters a[href="#only-warning"],
#only-info:target ~ .doc .filters a[href="#only-info"], #only-drift:target ~ .doc .filters a[href="#only-drift"],
#only-verified:target ~ .doc .filters a[href="#only-verified"], #only-failed:target ~ .doc .filters a[href="#only-failed"],
#only-not_covered:target ~ .doc .filters a[href="#only-not_covered"],
#only-not_run:target ~ .doc .filters a[href="#only-not_run"] { outline: 2px solid var(--ink); outline-offset: 1px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 12px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
.scenarios { color: #555; }
.legend { font-size: 13px; color: #555; text-align: center; }
@page { size: A4; margin: 14mm 12mm; }
/* Phone width: pairs stack, pictures take the column's width, captions wrap by words. */
@media screen and (max-width: 720px) {
  .doc { margin: 0; padding: 16px 14px; box-shadow: none; }
  h1 { font-size: 20px; } h2 { font-size: 19px; } h3 { font-size: 17px; }
  .screen-pair { grid-template-columns: 1fr; }
  .shot.portal, .shot.phone { flex: 1 1 100%; }
  .shot.phone { max-width: 390px; margin: 0 auto; }
  .finding dl, .failure dl { grid-template-columns: 1fr; } .finding dt { margin-top: 4px; }
  table.summary td:nth-child(3), table.summary th:nth-child(3) { display: none; }
  table.summary { table-layout: fixed; } table.summary td:first-child { width: 34%; word-break: break-all; }
  .rollup { display: block; white-space: normal; margin-left: 0; }
  .mark, .fid { white-space: normal; } table.summary td:last-child { word-break: break-all; }
  table.scenarios td:nth-child(4), table.scenarios th:nth-child(4) { display: none; }
}
@media print {
  body { background: #fff; font-size: 12px; }
  .doc { box-shadow: none; margin: 0; padding: 0; max-width: none; }
  h2, h3, h4, h5 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .screen-pair { grid-template-columns: 1fr 2fr; break-inside: avoid; page-break-inside: avoid; }
  .filters, .shot .device a, .back, details.proof, .filter-target { display: none; }
  /* the sentence that introduces a picture stays on its page */
  p:has(+ .screen-pair), p:has(+ figure) { break-after: avoid; page-break-after: avoid; }
  /* A portal and a phone side by side on the sheet's width; a finding's picture smaller than a figure's. */
  .shot.portal { flex: 1 1 380px; } .shot.phone { flex: 0 0 240px; }
  .finding .shot { max-width: 420px; } .finding .shot.phone { max-width: 220px; }
  /* A full-page picture can be taller than a sheet: capped, so a figure pair always fits on one page. */
  .pic img { max-height: 240mm; object-fit: contain; object-position: left top; }
  .screen-pair .pic img { max-height: 200mm; }
  .screen { font-size: 10px; line-height: 1.45; }
}
"""
