"""Linking's two short cuts give what the long way gives. The sentences a scenario may quote (`Links.candidates`)
come from an index by section: the same sentences, in the guide's order, as a scan of the whole guide for each
scenario gives, on the published guide with the whole run and on a guide of 21 copies with the sample run's
scenarios once per copy. And a sentence and a step with no run of letters as long as the shortest quote in common
are not compared by difflib: its longest block would be shorter than any quote."""
import difflib
import sys
from pathlib import Path

import pytest

from validator.guide import parse_text
from validator.links import QUOTE_MIN, WHOLE_MIN, Links, _ancestors, _runs, letters, quote
from validator.record import record_from_data
from validator.sentences import sentences
from validator_records import GUIDE, full_run_data, sample

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from big_guide import big_guide, big_record, copies_of  # noqa: E402


def scanned(all_sentences, scenario):
    owners = _ancestors(scenario)
    return [s for s in all_sentences if s.section in owners]


def published_with_whole_run():
    return GUIDE.read_text(encoding="utf-8"), full_run_data()


def copies_with_sample_run():
    text = big_guide(4000)
    data = sample()
    data.update(big_record(data, copies_of(text)))
    return text, data


@pytest.mark.parametrize("case", [published_with_whole_run, copies_with_sample_run])
def test_candidates_are_the_scenarios_sections_sentences_in_guide_order(case):
    text, data = case()
    all_sentences = sentences(parse_text(text))
    record = record_from_data(data, GUIDE.parent / "run-record.json")
    found = Links(all_sentences)
    compared = 0
    for sc in record.scenarios:
        expected = scanned(all_sentences, sc)
        assert found.candidates(sc) == expected, sc.name
        compared += bool(expected)
    assert compared >= len(record.scenarios) // 2  # most scenarios have sentences to quote: the check bites


def longest_shared_run(a: str, b: str) -> int:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def test_texts_told_apart_without_difflib_share_no_quote_long_run():
    text, data = published_with_whole_run()
    wordings = {letters(s.text)[0] for s in sentences(parse_text(text))}
    steps = {letters(st["text"])[0] for sc in data["scenarios"] for st in sc["steps"]}
    skipped = 0
    for a in wordings:
        for b in steps:
            if a and b and _runs(a).isdisjoint(_runs(b)):
                skipped += 1
                assert longest_shared_run(a, b) < min(QUOTE_MIN, WHOLE_MIN), (a, b)
    assert skipped > len(wordings)  # the short cut is taken: most pairs share nothing


@pytest.mark.parametrize("sentence, step, quoted", [
    ("选择注册新账号", "注册新账", "注册新账"),  # exactly the shortest quote, the whole of the step
    ("选择注册新账号", "注册新", None),  # one letter shorter
    ("点击右上角【登录】按钮", "我点击右上角登录", "点击右上角【登录"),
])
def test_a_quote_as_short_as_allowed_is_still_found(sentence, step, quoted):
    found = quote(sentence, step)
    assert (found.guide if found else None) == quoted
