"""The checks that read the guide's prose beyond quote marks, run in one place.

Each is a small function over the parsed guide, the run record and the sentence links; the order
here is the order their findings are listed in before sorting.
"""
from __future__ import annotations

from .behaviour import behaviour_findings
from .channels import catalogue_findings, channel_findings, url_findings
from .claims import Claim
from .findings import Finding
from .guide import Guide
from .links import Links
from .names import name_findings
from .order import field_order_findings, first_then_findings, step_order_findings
from .record import RunRecord


def prose_findings(guide: Guide, record: RunRecord, claims: list[Claim], links: Links,
                   earlier: list[Finding]) -> list[Finding]:
    found = (name_findings(guide, record, links) + step_order_findings(guide, record, links)
             + first_then_findings(guide, record, links) + field_order_findings(guide, record, claims)
             + behaviour_findings(links) + channel_findings(guide, record) + catalogue_findings(guide, record)
             + url_findings(guide, record, claims))
    # One defect, one finding: a word another check already reports on that line is not repeated.
    said = {(f.line, w) for f in earlier for w in (f.guide_words,) if w}
    return [f for f in found if not any(f.line == line and (w in f.guide_words or f.guide_words in w)
                                        for line, w in said)]
