"""Synthetic damaged letters: the damage looks like the real case and the truth is exact."""

from __future__ import annotations

import ctypes
import random
from collections import Counter
from statistics import mean

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from ontwar.model import Zone
from ontwar.synth import (
    FONTS,
    Case,
    make_case,
    normalise_page,
    standard_cases,
    typeset,
    write_letter,
)
from ontwar.synth.cases import LAYER_PLAN
from ontwar.synth.extract import Piece, join_lines, object_texts
from ontwar.synth.letters import TOPICS

INDICES = range(len(LAYER_PLAN))


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return standard_cases()


def is_subsequence(part: str, whole: str) -> bool:
    rest = iter(whole)
    return all(char in rest for char in part)


def embed(truth: str, damaged: str) -> list[int] | None:
    """Indices of the damaged lines holding each truth line as a subsequence, in order.

    Greedy earliest matching is optimal for this, so ``None`` means no embedding exists.
    """
    lines = damaged.split("\n")
    found, start = [], 0
    for line in truth.split("\n"):
        while start < len(lines) and not is_subsequence(line, lines[start]):
            start += 1
        if start == len(lines):
            return None
        found.append(start)
        start += 1
    return found


def footer(page: str) -> str:
    return page.split("\n")[-1]


@pytest.mark.parametrize("index", INDICES)
def test_each_page_holds_its_truth_line_by_line(index: int):
    case = make_case(index)
    assert len(case.pages) == len(case.truth) == case.layers == len(case.layout)
    for number, (damaged, truth) in enumerate(zip(case.pages, case.truth, strict=True), 1):
        assert embed(truth, damaged) is not None, f"page {number}"


@pytest.mark.parametrize("index", INDICES)
def test_page_one_is_clean_and_later_pages_are_not(index: int):
    case = make_case(index)
    assert normalise_page(case.pages[0]) == case.truth[0]
    for damaged, truth in zip(case.pages[1:], case.truth[1:], strict=True):
        assert len(damaged) > len(truth)


@pytest.mark.parametrize("index", INDICES)
def test_footers_of_all_layers_merge_into_one_line(index: int):
    case = make_case(index)
    for k in range(2, case.layers + 1):
        merged = footer(case.pages[k - 1])
        own = [footer(truth) for truth in case.truth[:k]]
        assert len(merged) == sum(map(len, own))
        assert all(is_subsequence(line, merged) for line in own)
        assert merged != own[-1]


def test_page_two_interleaves_and_later_pages_merge(cases: list[Case]):
    case = next(c for c in cases if c.layers >= 4 and not c.grid_shifts and not c.dropped)
    page1, page2, page3 = (truth.split("\n") for truth in case.truth[:3])
    damaged2 = case.pages[1].split("\n")
    # Page 1's body sits half a line off the later pages' grid: whole lines alternate.
    assert sum(line in damaged2 for line in page2) > len(page2) // 2
    assert sum(line in damaged2 for line in page1) > len(page1) // 3
    # Pages 2 and 3 share a grid: their lines merge fragment by fragment.
    damaged3 = case.pages[2].split("\n")
    merged = [line for line in damaged3 if line not in page1 + page2 + page3]
    assert len(merged) > len(page3) // 2


def test_truth_of_a_clean_layer_is_its_typeset_text(cases: list[Case]):
    """Extraction loses nothing: later pages read back exactly as typeset (and dropped)."""
    for case in cases:
        for page, truth in zip(case.layout[1:], case.truth[1:], strict=True):
            assert truth == page.text, f"{case.name} page {page.number}"


def test_dropped_lines_are_in_the_letter_but_in_no_page(cases: list[Case]):
    dropped = [case for case in cases if case.dropped]
    assert dropped
    for case in dropped:
        pages = typeset(case.letter, case.font, case.footer)
        typeset_lines = Counter(line.text for page in pages for line in page.lines)
        drawn_lines = Counter(line.text for page in case.layout for line in page.lines)
        assert typeset_lines - drawn_lines == Counter(case.dropped)
        assert all(line in case.letter.text for line in case.dropped)


def test_standard_cases_cover_the_variations(cases: list[Case]):
    assert {case.layers for case in cases} >= set(range(2, 17))
    assert len({case.letter.seed for case in cases}) >= 20
    assert {case.font for case in cases} == set(FONTS)
    assert {case.letter.topic for case in cases} == {topic.key for topic in TOPICS}
    assert len({case.footer for case in cases}) == 3
    shifts = [dy for case in cases for dy in case.grid_shifts.values()]
    assert any(dy < 2 for dy in shifts) and any(dy > 2 for dy in shifts)
    assert sum(bool(case.dropped) for case in cases) >= 3


def test_fragments_are_short_like_words_text_objects(cases: list[Case]):
    for font in FONTS:
        fragments = [
            fragment.text
            for case in cases
            if case.font == font
            for page in case.layout
            for line in page.lines
            for fragment in line.fragments
        ]
        assert 3 < mean(map(len, fragments)) < 7
        assert max(map(len, fragments)) <= 15
        assert not any(text.startswith(" ") for text in fragments)


def test_same_string_is_cut_the_same_way_on_every_page():
    case = make_case(1)
    cuts: dict[str, tuple[str, ...]] = {}
    for page in case.layout:
        for line in page.lines:
            pieces = tuple(fragment.text for fragment in line.fragments)
            assert cuts.setdefault(f"{line.fragments[0].font}|{line.text}", pieces) == pieces


def test_cases_are_deterministic():
    cached = make_case(6)
    fresh = make_case.__wrapped__(6)
    assert fresh.text == cached.text
    assert fresh.truth == cached.truth
    assert fresh.pdf == cached.pdf
    assert fresh.letter == cached.letter


def test_facts_and_references_occur_verbatim():
    for seed in range(30):
        letter = write_letter(seed, paragraphs=20)
        text = letter.text
        assert letter.facts and letter.references
        for fact in letter.facts:
            assert fact.text in text, fact
            if fact.qualifier:
                assert fact.text.startswith(fact.qualifier)
        for reference in letter.references:
            assert reference.text in text, reference
        text.encode("cp1252")  # the standard PDF fonts can show every character


def test_facts_record_values_in_base_units():
    facts = [fact for seed in range(30) for fact in write_letter(seed, 20).facts]
    units = {fact.unit for fact in facts}
    assert {"EUR", "%", "% BBP", "woningen"} <= units
    assert any(unit in units for unit in ("NOK", "DKK", "SEK", "PLN", "RON"))
    assert all(fact.value > 0 and fact.measure and fact.subject for fact in facts)
    billions = [fact for fact in facts if fact.unit == "EUR" and "miljard" in fact.text]
    assert all(fact.value >= 1e7 for fact in billions)
    assert any(fact.year_end for fact in facts) and any(fact.year for fact in facts)


def test_reference_kinds_are_normalised():
    references = [ref for seed in range(30) for ref in write_letter(seed, 20).references]
    kinds = {ref.kind for ref in references}
    assert kinds == {"kamerstuk", "motie", "zaak", "document", "handelingen"}
    for ref in references:
        if ref.kind == "kamerstuk":
            assert ref.dossier and ref.dossier.isdigit() and len(ref.dossier) == 5
            assert ref.number and ref.number in ref.text
            assert ref.dossier[:2] in ref.text and ref.dossier[2:] in ref.text
        if ref.kind == "motie":
            assert ref.members and all(member in ref.text for member in ref.members)


def test_letters_lay_out_the_first_page_zones():
    letter = write_letter(4, paragraphs=10)
    pages = typeset(letter, "Vera", footer="- {page} -")
    zones = {line.zone for line in pages[0].lines}
    assert zones == {Zone.LETTERHEAD, Zone.ADDRESS, Zone.SIDEBAR, Zone.BODY, Zone.FOOTER}
    assert {line.zone for line in pages[1].lines} == {Zone.BODY, Zone.FOOTER}
    sidebar = [line for line in pages[0].lines if line.zone is Zone.SIDEBAR]
    assert all(line.fragments[0].x == 470 for line in sidebar)
    assert pages[-1].lines[-1].text == f"- {len(pages)} -"


def test_piece_texts_equal_pdfium_per_object_text():
    case = make_case(4)
    document = pdfium.PdfDocument(case.pdf)
    page = document[2]
    textpage = page.get_textpage()
    texts = object_texts(textpage)
    buffer = (ctypes.c_ushort * 256)()
    compared = 0
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        size = pdfium_c.FPDFTextObj_GetText(obj, textpage.raw, buffer, ctypes.sizeof(buffer))
        expected = bytes(buffer)[: max(size - 2, 0)].decode("utf-16-le")
        assert texts.get(ctypes.cast(obj, ctypes.c_void_p).value, "") == expected
        compared += 1
    assert compared > 500


def test_ties_in_x_are_ordered_by_a_per_page_key():
    pieces = [Piece("ab", 80.0, 700.0), Piece("cd", 80.0, 700.5), Piece("ef", 90.0, 700.0)]
    orders = {join_lines(pieces, random.Random(seed))[0] for seed in range(20)}
    assert orders == {"abcdef", "cdabef"}
