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
sup.ref a { font-size: 11px; text-decoration: none; color: var(--fail); margin-left: 1px; }
figure { margin: 16px 0 20px; padding: 12px; background: #fafbfc; border: 1px solid var(--line);
  border-radius: 6px; break-inside: avoid; page-break-inside: avoid; }
figure .shots { display: flex; gap: 12px; align-items: flex-start; flex-wrap: wrap; }
figcaption { font-size: 13px; color: #555; margin-top: 8px; }
.shot { position: relative; display: inline-block; border: 1px solid #d0d7de; line-height: 0; }
.shot img { display: block; max-width: 100%; }
.shot.portal { flex: 1 1 560px; } .shot.portal img { width: 100%; }
.shot.phone { flex: 0 0 220px; } .shot.phone img { width: 220px; }
.shot .device { position: absolute; left: 0; top: 0; background: rgba(0,0,0,.55); color: #fff;
  font-size: 11px; line-height: 1.6; padding: 0 6px; }
/* Amber with a dark rim: visible on the portal's red buttons as well as on white forms. */
.hl { position: absolute; border: 3px solid #ffc400; border-radius: 4px; margin: -5px 0 0 -5px;
  padding: 5px; box-sizing: content-box; box-shadow: 0 0 0 2px rgba(0,0,0,.65); }
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
.finding .head { font-weight: 600; }
.finding .sev { font-size: 11px; text-transform: uppercase; color: #555; margin-right: 6px; }
.finding dl { display: grid; grid-template-columns: 6em 1fr; gap: 2px 8px; margin: 6px 0 0; font-size: 13px; }
.finding dt { color: #6b7280; } .finding dd { margin: 0; word-break: break-all; }
.finding .shot { margin-top: 8px; max-width: 480px; }
.finding .shot.phone { max-width: 200px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 12px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
.scenarios { color: #555; }
.legend { font-size: 13px; color: #555; text-align: center; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { background: #fff; font-size: 12px; }
  .doc { box-shadow: none; margin: 0; padding: 0; max-width: none; }
  h2, h3, h4, h5 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .screen-pair { grid-template-columns: 1fr 2fr; }
}
"""
