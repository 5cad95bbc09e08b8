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
from .links import Links, letters
from .names import name_findings
from .numbers import number_findings
from .order import field_order_findings, first_then_findings, listed_order_findings, step_order_findings
from .record import RunRecord


def prose_findings(guide: Guide, record: RunRecord, claims: list[Claim], links: Links,
                   earlier: list[Finding], link_broken: list[Finding]) -> list[Finding]:
    """``earlier``: the quoted-label checks' findings; ``link_broken``: approved links that broke.
    A broken link is the catch-all, so it is dropped where a check that names the defect spoke."""
    found = (name_findings(guide, record, links) + step_order_findings(guide, record, links)
             + first_then_findings(guide, record, links) + field_order_findings(guide, record, claims)
             + listed_order_findings(guide, record)
             + behaviour_findings(links) + channel_findings(guide, record) + catalogue_findings(guide, record)
             + url_findings(guide, record, claims) + number_findings(guide, record))
    found = _unsaid(found, earlier)
    specific = [f for f in earlier + found if f.line is not None and f.kind in SPECIFIC]
    return found + [f for f in link_broken if not _named_elsewhere(f, specific)]


def _named_elsewhere(link: Finding, specific: list[Finding]) -> bool:
    """A broken link whose edit another finding on its line already names: that finding's words
    stand where (or right beside where) the guide's words changed."""
    if link.kind != "link_broken":
        return False
    now = letters(link.guide_words)[0]
    for f in specific:
        words = letters(f.guide_words)[0]
        if f.line == link.line and now and now in words:
            return True  # the other finding quotes all the link's changed words ("先…再…")
        at = now.find(words) if words else -1
        if f.line != link.line or at < 0:
            continue
        end = at + len(words)
        # a replacement inside the words, or a cut right at their edge ("扫码" cut from "扫码登录")
        if any((j1 < end and j2 > at) if j2 > j1 else at <= j1 <= end for j1, j2 in link.extra.get("changed_at", [])):
            return True
    return False


# Findings that name what changed on a line; a broken link there says it again, less precisely.
SPECIFIC = {"label_missing", "name_near_miss", "order_steps", "order_first_then", "behaviour_contradicted",
            "channel_unknown", "catalogue_mismatch", "url_mismatch", "inconsistent_name", "number_contradicted"}


def _unsaid(found: list[Finding], earlier: list[Finding]) -> list[Finding]:
    """One defect, one finding: words another check already reports on that line are not repeated."""
    said = {(f.line, f.guide_words) for f in earlier if f.guide_words}
    return [f for f in found if not any(f.line == line and (w in f.guide_words or f.guide_words in w)
                                        for line, w in said)]
