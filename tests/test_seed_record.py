"""The real letter as a record (when ../shared is here): metadata, sections, facts, references.

Expected values are stored as character offsets into the seed file (tests/data/seed_record.json),
read by hand from the letter; the repository holds none of its text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.seedtruth import seed_path
from ontwar.letter import LetterRecord, parse_path

SEED = seed_path()
pytestmark = pytest.mark.skipif(
    SEED is None,
    reason="the seed letter lives in ../shared/seed, which is not beside this checkout",
)
EXPECTED = json.loads((Path(__file__).parent / "data" / "seed_record.json").read_text())


@pytest.fixture(scope="module")
def seed() -> tuple[LetterRecord, str]:
    assert SEED is not None
    return parse_path(SEED), SEED.read_text(encoding="utf-8")


def quote(text: str, span: list[int]) -> str:
    return text[span[0] : span[1]]


def test_metadata(seed):
    record, text = seed
    assert record.sender == quote(text, EXPECTED["sender"])
    assert record.reference == quote(text, EXPECTED["reference"])
    assert record.date_text == quote(text, EXPECTED["date_text"])
    assert record.date is not None and record.date[:4] in record.date_text
    assert record.subject == quote(text, EXPECTED["subject"])
    assert list(record.addressee) == [quote(text, span) for span in EXPECTED["addressee"]]
    assert record.cc == " ".join(quote(text, span) for span in EXPECTED["cc"])


def test_one_section_per_heading(seed):
    record, text = seed
    headings = [section.heading for section in record.sections]
    expected = [quote(text, span) for span in EXPECTED["headings"]]
    assert [heading for heading in headings if heading in expected] == expected
    assert len(headings) >= 10


def test_facts_have_value_unit_subject_and_page(seed):
    record, text = seed
    for wanted in EXPECTED["facts"]:
        written = quote(text, wanted["text"])
        matches = [
            fact
            for fact in record.facts
            if written in fact.text
            and fact.value == pytest.approx(wanted["value"])
            and fact.unit == wanted["unit"]
            and fact.subject == quote(text, wanted["subject"])
            and fact.span is not None
            and fact.span.page == wanted["page"]
            and fact.year == wanted.get("year", fact.year)
        ]
        assert matches, written


def test_converted_amounts_point_to_their_original(seed):
    record, text = seed
    wanted = EXPECTED["converted"]
    subject = quote(text, wanted["subject"])
    converted = [
        (record.facts[fact.converted_from], fact)
        for fact in record.facts
        if fact.converted_from is not None
    ]
    pairs = [
        (original, euro)
        for original, euro in converted
        if original.unit == wanted["unit"] and euro.unit == "EUR" and euro.subject == subject
    ]
    assert len(pairs) >= wanted["count"] - 1
    assert all(euro.span and euro.span.page == wanted["page"] for _, euro in pairs)


def test_references(seed):
    record, text = seed
    for wanted in EXPECTED["references"]:
        written = quote(text, wanted["text"])
        found = [r for r in record.references if r.text == written]
        assert found, written
        assert found[0].kind == wanted["kind"]
        assert found[0].span is not None and found[0].span.page == wanted["page"]
        assert found[0].kind == "motie" or found[0].url


def test_footnotes_leave_the_paragraphs(seed):
    record, _ = seed
    assert record.footnotes
    for note in record.footnotes:
        assert not any(note.value in p.text for s in record.sections for p in s.paragraphs)
