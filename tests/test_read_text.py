"""Reading text: encodings, page splitting, footers, and refusing what is not text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ontwar.errors import InputError
from ontwar.model import Line
from ontwar.read.footer import match_footer
from ontwar.read.text import read_text, split_lines
from ontwar.recover import recover_text
from ontwar.repair.characters import FTFY_CONFIG, needs_ftfy
from ontwar.repair.fakebold import may_be_doubled, undouble
from ontwar.repair.langmodel import WordModel


def test_form_feeds_split_pages():
    result = read_text(b"Eerste pagina\n\fTweede pagina\n\fDerde\n", "brief.txt")
    assert [[line.text for line in page if line.text] for page in result.pages] == [
        ["Eerste pagina"],
        ["Tweede pagina"],
        ["Derde"],
    ]


def test_footers_split_pages_when_there_are_no_form_feeds():
    text = "Een\nPagina 1 van 2\nTwee\n- 2 -\n"
    pages = read_text(text.encode(), "brief.txt").pages
    assert [[line.text for line in page] for page in pages] == [
        ["Een", "Pagina 1 van 2"],
        ["Twee", "- 2 -", ""],
    ]


@pytest.mark.parametrize(
    ("line", "copies"),
    [
        (" Pagina 3 van 16 ", 1),
        ("Pagina 3/16", 1),
        ("- 12 -", 1),
        ("Page 2 of 9", 1),
        ("Pagina 1 van Pagina 3 van Pagina 2 van 999", 3),
        (" P Pagina agina 2 van1 van 3 3  ", 2),
    ],
)
def test_footer_patterns_and_merged_footers(line, copies):
    footer = match_footer(line)
    assert footer is not None and footer.copies == copies


@pytest.mark.parametrize(
    "line",
    ["De pagina van het rapport", "Zie pagina's 3 tot 5 van de bijlage", "van 2020 tot 2024"],
)
def test_body_lines_are_not_footers(line):
    assert match_footer(line) is None


@given(st.text(alphabet="ab \r\n\f", max_size=30))
def test_split_lines_accounts_for_every_character(text):
    lines = split_lines(text)
    for line in lines:
        assert line.text == "".join(text[offset] for offset in line.offsets)
    # a line per newline or form feed, plus the last; each form feed is a marker line too
    breaks = text.count("\n") + text.count("\f")
    assert len(lines) == breaks + 1 + text.count("\f")
    # what no line holds is exactly the breaks and a carriage return right before one
    held = {offset for line in lines if line.text != "\f" for offset in line.offsets}
    for index, char in enumerate(text):
        if index not in held:
            following = text[index + 1 : index + 2]
            assert char in "\n\f" or (char == "\r" and following in ("\n", "\f", "")), index


def test_latin1_text_is_decoded_with_a_warning():
    document = recover_text("Belgi\xeb en Luxemburg\n".encode("latin-1"), "oud.txt")
    assert document.pages[0].text == "België en Luxemburg"
    assert any("cp1252" in warning for warning in document.warnings)


def test_crlf_and_bom_are_handled():
    document = recover_text("\ufeffRegel een\r\nRegel twee\r\n".encode(), "win.txt")
    assert document.pages[0].text == "Regel een\nRegel twee"


# Dutch text, its usual typography, and the stuff of mojibake in several encodings
_TRICKY = "aeë€‘’“”–—é ï«»ÃÂâ€™ÅÄ¶¼ÖÜ√´Ñ‹ﬁ&;#\x1b\x0b\x85\u0301e0123"


@given(st.text(alphabet=_TRICKY, max_size=12))
def test_lines_ftfy_would_change_are_never_skipped(text):
    import ftfy

    if not needs_ftfy(text):
        assert ftfy.fix_text(text, FTFY_CONFIG) == text


@given(st.lists(st.text(alphabet=_TRICKY + "BBeeaa", max_size=10), min_size=1, max_size=4))
def test_pages_fake_bold_could_change_are_never_skipped(lines):
    page = "\n".join(lines)
    words = WordModel()
    if not may_be_doubled(page):
        for line in lines:
            assert undouble(Line(line, tuple(range(len(line)))), words)[0].text == line


def test_a_megabyte_on_one_line_is_read_as_it_is():
    """Pathological input (one token of a million letters, a line of 200,000 spaces) goes
    through every repair: each is linear in the line (a back-reference regex once took half a
    minute on the first, the fake-bold scan minutes on the second)."""
    text = "a" * 1_000_000 + "\nBetreftBetreft Rapport\nx" + " " * 200_000 + "y\n"
    document = recover_text(text, "lang.txt")
    expected = "a" * 1_000_000 + "\nBetreft Rapport\nx" + " " * 200_000 + "y"
    assert document.pages[0].text == expected


def test_mojibake_is_fixed_and_reported():
    document = recover_text("De samenwerking met BelgiÃ« is goed.\n", "moji.txt")
    page = document.pages[0]
    assert page.text == "De samenwerking met België is goed."
    assert [removal.reason for removal in page.removed if removal.reason == "mojibake"]


def test_fake_bold_heading_is_collapsed_and_reported():
    document = recover_text("BBeettrreefftt\nDe brief gaat over de dijken.\n", "vet.txt")
    page = document.pages[0]
    assert page.lines[0].text == "Betreft"
    assert page.lines[1].text == "De brief gaat over de dijken."
    assert sum(len(r.offsets) for r in page.removed if r.reason == "fake-bold duplicate") == 7


def test_text_without_page_breaks_is_one_page_with_a_warning():
    document = recover_text("Een regel\nNog een regel\n", "los.txt")
    assert len(document.pages) == 1
    assert any("no page breaks" in warning for warning in document.warnings)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"   \n\n ", "empty"),
        (b"\x00\x01\x02binary\x00" * 20, "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "PDF"),
        (b"Tekst van een brief.\n" * 800_000, "over the 16 MiB limit"),
    ],
)
def test_bad_input_is_refused_in_one_line(data, problem):
    with pytest.raises(InputError) as error:
        read_text(data, "bad.txt")
    assert problem in str(error.value)
    assert "\n" not in str(error.value)
