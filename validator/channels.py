"""Names outside the portal the guide relies on: the mini-program's channels, the authorization
catalogue path, and the portal's address.

Channels and the catalogue are judged against what the phones showed in the run (the channel
list, the search pages, the authorization records), not against a list kept here; the address is
judged against the portal's canonical one, which a deployment can set with ``APEC_PORTAL_URL``.
"""
from __future__ import annotations

import difflib
import os
import re
from urllib.parse import urlparse

from .claims import Claim
from .findings import Finding, Fix
from .guide import Guide
from .record import RunRecord
from .sentences import Sentence, sentences

CANONICAL_PORTAL = "https://consular.mfa.gov.cn/APEC/"
# A channel is named by the word before one of these: "微信小程序", "支付宝搜索", "电子营业执照 APP".
CHANNEL_MARK = re.compile(r"小程序|APP|搜索")
SCREEN_CHANNEL = re.compile(r"^([\u4e00-\u9fffA-Za-z]{2,6}?)(?:小程序|APP|搜索)$")
# The words before the mark, a list of alternatives included: "在微信、支付宝中搜索" lists two channels.
RUN_BEFORE = re.compile(r"([\u4e00-\u9fffA-Za-z]+(?:[或和、][\u4e00-\u9fffA-Za-z]+)*)\s*$")
ALTERNATIVES = re.compile(r"[或和、]")
# A channel heading its item ("② 支付宝小程序：…") names one even if it is like none.
HEADING = re.compile(r"^\s*[:：]")
LIKENESS = 0.5
CATALOGUE = re.compile(r"[\u4e00-\u9fff]+(?:\s*—\s*[\u4e00-\u9fff]+)+")
LOCATIVE = re.compile(r"(?<=..)[中里内]$")
LEVEL_NOTE = re.compile(r"[(（][^)）]*[)）]")


def canonical_portal() -> str:
    return os.environ.get("APEC_PORTAL_URL") or CANONICAL_PORTAL


def _phone_strings(record: RunRecord) -> set[str]:
    out: set[str] = set()
    for sc in record.scenarios:
        for st in sc.steps:
            for device, shot in st.shots.items():
                if device != "portal":
                    out.update(s.strip() for s in shot.strings())
    return out


def offered_channels(record: RunRecord) -> set[str]:
    """Platforms the phones showed as channels: "微信" from "微信小程序", "电子营业执照" from its "…APP"."""
    out = set()
    for s in _phone_strings(record):
        m = SCREEN_CHANNEL.match(re.sub(r"\s+", "", s))
        if m and m.group(1) not in ("搜索", "应用"):
            out.add(m.group(1))
    return out


def _mentions(s: Sentence):
    """(word, start, alternatives) for each channel word before a channel mark in the sentence."""
    for m in CHANNEL_MARK.finditer(s.text):
        run = RUN_BEFORE.search(s.text[:m.start()])
        if not run:
            continue
        parts = ALTERNATIVES.split(run.group(1))
        head = HEADING.match(s.text[m.end():]) is not None
        for part in parts:
            if len(part) >= 2:
                yield part, m.group(0), head or len(parts) > 1


def channel_findings(guide: Guide, record: RunRecord) -> list[Finding]:
    platforms = offered_channels(record)
    if not platforms:
        return []
    out = []
    for s in sentences(guide):
        for part, mark, listed in _mentions(s):
            part = LOCATIVE.sub("", part)  # "在支付宝中搜索" names 支付宝
            if any(part.endswith(p) for p in platforms):
                continue
            word, near, ratio = _closest_suffix(part, platforms)
            if ratio < LIKENESS and not listed:
                continue  # "本手机当前 APP": a word before "APP" that names no channel
            out.append(Finding("channel_unknown", s.section,
                               f"指南中的渠道「{word}{mark}」不是小程序提供的渠道；"
                               f"手机上提供的是{'、'.join(f'「{p}」' for p in sorted(platforms))}",
                               guide_words=word + mark, context=s.text, screen=f"界面显示「{near}{mark}」",
                               item=s.item, line=s.line, fix=Fix(s.line, word + mark, near + mark), extra={"closest": near}))
    return out


def _closest_suffix(part: str, platforms: set[str]) -> tuple[str, str, float]:
    best = (part[-2:], sorted(platforms)[0], -1.0)
    for k in range(2, min(len(part), 8) + 1):
        word = part[-k:]
        for p in platforms:
            ratio = difflib.SequenceMatcher(None, word, p).ratio()
            if ratio > best[2]:
                best = (word, p, ratio)
    return best


def catalogue_findings(guide: Guide, record: RunRecord) -> list[Finding]:
    """The catalogue path ("(大类) 电子政务—(一级目录) 外交—(二级目录) 领事服务") against the paths
    the authorization screens showed."""
    shown = set()
    for s in _phone_strings(record):
        shown.update(re.sub(r"\s+", "", m.group(0)) for m in CATALOGUE.finditer(s))
    if not shown:
        return []
    out = []
    for s in sentences(guide):
        bare = LEVEL_NOTE.sub("", s.text)
        for m in CATALOGUE.finditer(bare):
            path = re.sub(r"\s+", "", m.group(0))
            if any(path.endswith(p) for p in shown):  # "授权事项须包含电子政务—…": the sentence's words run into it
                continue
            near = max(shown, key=lambda p: difflib.SequenceMatcher(None, path, p).ratio())
            levels, real = path.split("—"), near.split("—")
            wrong = [f"「{a}」" for a, b in zip(levels, real) if a != b] or [f"「{path}」"]
            out.append(Finding("catalogue_mismatch", s.section,
                               f"指南中的授权目录「{path}」与小程序显示的「{near}」不同：{'、'.join(wrong)}",
                               guide_words=m.group(0), context=s.text, screen=f"界面显示「{near}」",
                               item=s.item, line=s.line))
    return out


def url_findings(guide: Guide, record: RunRecord, claims: list[Claim]) -> list[Finding]:
    """The guide's address against the portal's canonical one: scheme, host and the whole path."""
    want = urlparse(canonical_portal())
    out = []
    for c in claims:
        if c.kind != "url":
            continue
        got = urlparse(c.label)
        wrong = []
        if got.scheme != want.scheme:
            wrong.append(f"协议 {got.scheme}")
        if (got.hostname or "").lower() != (want.hostname or "").lower() or got.port != want.port:
            wrong.append(f"主机 {got.netloc}")
        if _path(got.path) != _path(want.path):
            wrong.append(f"路径 {got.path or '/'}")
        if wrong:
            out.append(Finding("url_mismatch", c.section,
                               f"指南中的网址 {c.label} 与门户的地址 {canonical_portal()} 不同（{'、'.join(wrong)}）",
                               guide_words=c.words, context=c.context, screen=canonical_portal(),
                               item=c.item, line=c.line, fix=Fix(c.line, c.label, canonical_portal())))
    return out


def _path(path: str) -> str:
    return (path or "/").rstrip("/") or "/"
