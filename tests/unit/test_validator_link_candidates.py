"""The sentences a scenario may quote (`Links.candidates`) come from an index by section: the same sentences, in
the guide's order, as a scan of the whole guide for each scenario gives, on the published guide with the whole
run and on a guide of 21 copies with the sample run's scenarios once per copy."""
import sys
from pathlib import Path

import pytest

from validator.guide import parse_text
from validator.links import Links, _ancestors
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
