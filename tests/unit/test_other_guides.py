"""Other provinces' guides to the same portal, validated with no tags of their own (issue 16).

Each guide in tests/data/guides is written the way another foreign-affairs office would write it (its own numbering,
wording and order) and holds planted mistakes and correct claims, listed in the .expected.json beside it. Validated
against the recorded whole run, every planted mistake is reported at its section and line with its rule code, no
correct claim is reported, the scenarios' Hunan tags make at most one summary line, and the Hunan guide still gives
exactly its true findings.
"""
import json
from functools import lru_cache
from pathlib import Path

import pytest

from validator.analysis import Analysis, analyse
from validator.guide import parse_guide
from validator_records import GUIDE, full_run

GUIDES = Path(__file__).resolve().parents[1] / "data" / "guides"
OTHER = sorted(p.name for p in GUIDES.glob("*.md"))
HUNAN_FINDINGS = {"NAM001-afa1d4e5", "UI005-e3ad22de", "EX001-e375918c", "PH001-001f393b", "UI001-8dd004a5",
                  "NAM001-b3fe392f"}


@lru_cache(maxsize=None)
def analysis_of(path: Path) -> Analysis:
    return analyse(parse_guide(path), full_run())


def expected(name: str) -> dict:
    return json.loads((GUIDES / name.replace(".md", ".expected.json")).read_text(encoding="utf-8"))


def line_of(guide_path: Path, section: str, words: str) -> int:
    """The one line of the section that holds the words (1-based): the expectations name words, not line numbers,
    so that an edit of the guide elsewhere keeps them."""
    guide = parse_guide(guide_path)
    lines = {b.line for s in guide.sections if s.id == section for b in s.blocks if words in b.text}
    assert len(lines) == 1, f"§{section}: {words!r} is on {len(lines)} lines of {guide_path.name}, not one"
    return lines.pop()


def shown(findings) -> str:
    return "\n".join(f"  {f.code} §{f.section} line {f.line}: {f.message}" for f in findings)


def cases(key: str):
    return [pytest.param(name, n, id=f"{name.split('-')[0]}-{n}") for name in OTHER
            for n in range(len(expected(name)[key]))]


def test_the_other_guides_are_there():
    assert len(OTHER) >= 2
    for name in OTHER:
        want = expected(name)
        assert want["guide"] == name and len(want["planted"]) >= 6 and want["correct"]
        kinds = {p["kind"] for p in want["planted"]}
        assert {"wrong position", "wrong button name", "near-miss name", "wrong order of the wizard's steps",
                "wrong validity minutes", "wrong password length"} <= kinds, name


@pytest.mark.parametrize("name,n", cases("planted"))
def test_a_planted_mistake_is_reported_at_its_section(name, n):
    mistake = expected(name)["planted"][n]
    path = GUIDES / name
    line = line_of(path, mistake["section"], mistake["words"])
    findings = analysis_of(path).findings
    hits = [f for f in findings if f.section == mistake["section"] and f.line == line and f.code == mistake["code"]]
    assert hits, (f"{name} §{mistake['section']} line {line}: {mistake['kind']} {mistake['words']!r} "
                  f"({mistake['screen']}) is not reported as {mistake['code']}; findings on that line or section:\n"
                  + shown(f for f in findings if f.line == line or f.section == mistake["section"]))


def is_planted(name: str, finding) -> bool:
    """The finding is one of the guide's planted mistakes: its code, on its line, about its words."""
    for mistake in expected(name)["planted"]:
        words = mistake["words"]
        if (finding.code == mistake["code"] and finding.line == line_of(GUIDES / name, mistake["section"], words)
                and finding.guide_words and (finding.guide_words in words or words in finding.guide_words)):
            return True
    return False


@pytest.mark.parametrize("name,n", cases("correct"))
def test_a_correct_claim_is_not_reported(name, n):
    claim = expected(name)["correct"][n]
    path = GUIDES / name
    line = line_of(path, claim["section"], claim["words"])
    said = [f for f in analysis_of(path).findings
            if (f.line == line or (f.guide_words and (claim["words"] in f.guide_words or f.guide_words in claim["words"])
                                   and f.section == claim["section"]))
            and not is_planted(name, f)]  # a line may hold a planted mistake beside a correct claim
    assert not said, f"{name} §{claim['section']}: the correct {claim['words']!r} ({claim['screen']}) is reported:\n" \
                     + shown(said)


@pytest.mark.parametrize("name", OTHER)
def test_sections_the_run_shows_are_covered(name):
    covered = set(expected(name)["covered"])
    gaps = [f for f in analysis_of(GUIDES / name).findings if f.code == "COV001" and f.section in covered]
    assert not gaps, f"{name}: sections whose screens the run shows are called not covered:\n" + shown(gaps)


@pytest.mark.parametrize("name", OTHER)
def test_the_hunan_tags_make_at_most_one_summary_line(name):
    unknown = [f for f in analysis_of(GUIDES / name).findings if f.code == "COV002"]
    assert len(unknown) <= 1, f"{name}: {len(unknown)} 'tag names an unknown section' findings, e.g.\n" \
                              + shown(unknown[:3])


def test_the_hunan_guide_still_gives_exactly_its_true_findings():
    assert {f.id for f in analysis_of(GUIDE).findings} == HUNAN_FINDINGS


# Where another writer's picture stood, the illustrated guide shows the screen its text describes, though the steps'
# wording is the project's guide's (by what the screens show, not by the steps' words).
PICTURE_PLACES = [
    ("sichuan-apec-account-registration.md", "3.2", 0, "/authorizations/new"),  # 授权外事专办员: the 添加授权 form
    ("sichuan-apec-account-registration.md", "2", 1, "/settings/handlers"),  # 经办人管理
    ("sichuan-apec-account-registration.md", "1.1", 0, "/APEC/login"),
    ("jiangxi-apec-account-registration.md", "2.3", 0, "/register/enterprise"),  # 企业信息, before 账号信息
    ("jiangxi-apec-account-registration.md", "2.3", 1, "/register/account"),
    ("jiangxi-apec-account-registration.md", "1.2", 0, "/authorizations/new"),
    ("jiangxi-apec-account-registration.md", "3.3", 0, "/settings/handlers"),
]


@pytest.mark.parametrize("name,section,place,path", PICTURE_PLACES)
def test_a_picture_place_shows_the_screen_its_text_describes(name, section, place, path):
    analysis = analysis_of(GUIDES / name)
    figures = [f for _, f in sorted(analysis.figures.items()) if f.section == section]
    shown = [s.url for s in figures[place].shots]
    assert shown and path in shown[0], f"{name} §{section} picture {place + 1}: shows {shown}, not {path}"


# A place whose text names more than one screen keeps the others as alternatives: a writer's own picture of one of
# them is today's screen too (pictures.py).
ALTERNATIVE_SCREENS = [
    ("sichuan-apec-account-registration.md", "1.3", 0, "/register/account"),  # ends on 账号信息's 立即注册
    ("sichuan-apec-account-registration.md", "2", 0, "/login?mode=qr"),  # 扫码登录 and back to 账号密码登录
]


@pytest.mark.parametrize("name,section,place,path", ALTERNATIVE_SCREENS)
def test_a_picture_place_keeps_the_other_screens_its_text_names(name, section, place, path):
    figures = [f for _, f in sorted(analysis_of(GUIDES / name).figures.items()) if f.section == section]
    others = [s.url for s in figures[place].alternatives]
    assert any(path in url for url in others), f"{name} §{section} picture {place + 1}: alternatives {others}"
