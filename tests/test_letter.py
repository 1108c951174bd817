"""The letter stage on the project's own letters: metadata, sections and spans against truth."""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib.resources import files

import jsonschema
import pytest

from ontwar.errors import InputError
from ontwar.letter import LetterRecord, Section, parse_document, parse_path, parse_text
from ontwar.letter.body import take_footnotes
from ontwar.letter.flow import PageLine, join_lines
from ontwar.letter.header import read_header
from ontwar.model import Zone
from ontwar.synth import make_case
from tests.letters import clean_letter

SEEDS = range(40)
SCHEMA = json.loads(files("ontwar").joinpath("schema/letter-record.schema.json").read_text())


def metadata(record: LetterRecord) -> dict[str, object]:
    return {
        "sender": record.sender,
        "return_address": record.return_address,
        "addressee": record.addressee,
        "date": record.date,
        "subject": record.subject,
        "reference": record.reference,
        "cc": record.cc,
        "sidebar": {field.label: field.value for field in record.sidebar},
        "closing": record.closing,
        "greeting": record.greeting,
        "signatory_title": record.signatory_title,
        "signatory": record.signatory,
    }


def truth_metadata(seed: int) -> dict[str, object]:
    letter = clean_letter(seed).letter
    return {
        "sender": letter.sender,
        "return_address": letter.return_address,
        "addressee": letter.addressee,
        "date": letter.date,
        "subject": letter.subject,
        "reference": letter.reference,
        "cc": letter.cc,
        "sidebar": letter.sidebar,
        "closing": letter.closing,
        "greeting": letter.greeting,
        "signatory_title": letter.signatory_title,
        "signatory": letter.signatory,
    }


@pytest.fixture(scope="module")
def records() -> dict[int, LetterRecord]:
    return {seed: parse_text(clean_letter(seed).text, f"letter-{seed}") for seed in SEEDS}


@pytest.mark.parametrize("seed", SEEDS)
def test_every_metadata_field_is_exact(records, seed):
    assert metadata(records[seed]) == truth_metadata(seed)


@pytest.mark.parametrize("seed", SEEDS)
def test_sections_follow_the_headings(records, seed):
    record, letter = records[seed], clean_letter(seed).letter
    assert [section.heading for section in record.sections] == [
        None,
        *(section.heading for section in letter.sections),
    ]
    assert record.sections[0].text == "\n\n".join(letter.opening)


@pytest.mark.parametrize("seed", SEEDS)
def test_body_text_is_rejoined_exactly(records, seed):
    """Line ends and hyphenation undone: the body reads word for word as the letter wrote it."""
    record, letter = records[seed], clean_letter(seed).letter
    written = [paragraph for section in letter.sections for paragraph in section.paragraphs]
    parsed = [p.text for section in record.sections[1:] for p in section.paragraphs]
    assert " ".join(parsed) == " ".join(written)


def test_most_paragraph_breaks_are_found(records):
    """A paragraph that ends on a full line leaves no trace in extracted text; the rest do."""
    found = wanted = 0
    for seed, record in records.items():
        written = Counter(p for s in clean_letter(seed).letter.sections for p in s.paragraphs)
        wanted += written.total()
        for section in record.sections[1:]:
            for paragraph in section.paragraphs:
                if written[paragraph.text]:
                    written[paragraph.text] -= 1
                    found += 1
    assert found / wanted >= 0.8


def test_records_follow_the_schema(records):
    for record in records.values():
        jsonschema.validate(record.to_dict(), SCHEMA)


def test_spans_quote_the_recovered_pages(records):
    """Every fact, reference and field points at the characters it was read from: a line
    break on the page stands for the space or hyphenation the record undid, and a field's
    lines may have the other column's between them."""
    for record in records.values():
        texts = record.to_dict()["page_texts"]
        for item in [*record.facts, *record.references, *record.sidebar]:
            span = item.span
            assert span is not None, item
            end_page = span.end_page or span.page
            if end_page == span.page:
                quoted = texts[span.page - 1][span.start : span.end]
            else:
                quoted = texts[span.page - 1][span.start :] + texts[end_page - 1][: span.end]
            wanted, found = _squash(_written(item)), _squash(quoted)
            assert found[:1] == wanted[:1] and found[-1:] == wanted[-1:], (quoted, item)
            assert _subsequence(wanted, found), (quoted, item)


def _squash(text: str) -> str:
    return re.sub(r"[\s\-]+", "", text)


def _subsequence(short: str, long: str) -> bool:
    """A field's lines may have others between them (a glued column); its text is in order."""
    rest = iter(long)
    return all(char in rest for char in short)


def _written(item: object) -> str:
    return getattr(item, "text", None) or item.value  # type: ignore[attr-defined]


@pytest.mark.parametrize("seed", [3, 6, 7, 14, 20])
def test_the_pdf_gives_the_same_record_as_its_text(tmp_path, records, seed):
    path = tmp_path / "letter.pdf"
    path.write_bytes(clean_letter(seed).pdf)
    from_pdf, from_text = parse_path(path), records[seed]
    assert metadata(from_pdf) == metadata(from_text)
    assert [s.heading for s in from_pdf.sections] == [s.heading for s in from_text.sections]
    # The PDF's paragraph gaps show breaks the text has lost: compare the words, not the breaks.
    assert [_words(s) for s in from_pdf.sections] == [_words(s) for s in from_text.sections]
    assert _facts(from_pdf) == _facts(from_text)
    assert [r.text for r in from_pdf.references] == [r.text for r in from_text.references]


def _words(section: Section) -> list[str]:
    return section.text.split()


def _facts(record: LetterRecord) -> list[tuple[object, ...]]:
    return [(f.text, f.value, f.unit, f.subject, f.year) for f in record.facts]


@pytest.mark.parametrize("index", [0, 2, 4])
def test_damaged_letters_give_exact_metadata(index):
    """Page 1 of a stacked letter is clean; its glued letterhead columns are split again."""
    case = make_case(index)
    record = parse_text(case.text, case.name)
    letter = case.letter
    assert (record.sender, record.date, record.subject, record.reference, record.cc) == (
        letter.sender,
        letter.date,
        letter.subject,
        letter.reference,
        letter.cc,
    )
    assert record.addressee == letter.addressee
    assert {field.label: field.value for field in record.sidebar} == letter.sidebar


def test_facts_and_references_recall_through_the_whole_pipeline(records):
    found_refs = wanted_refs = found_facts = wanted_facts = extra_facts = 0
    for seed, record in records.items():
        letter = clean_letter(seed).letter
        texts = [reference.text for reference in record.references]
        wanted_refs += len(letter.references)
        found_refs += sum(reference.text in texts for reference in letter.references)
        parsed = [(f.value, f.unit, f.subject) for f in record.facts if f.kind != "year"]
        truth = [(pytest.approx(f.value), f.unit, f.subject) for f in letter.facts]
        wanted_facts += len(truth)
        remaining = list(parsed)
        for fact in truth:
            if fact in remaining:
                remaining.remove(fact)
                found_facts += 1
        extra_facts += len(remaining)
    assert found_refs / wanted_refs >= 0.98
    assert found_facts / wanted_facts >= 0.90
    assert 1 - extra_facts / max(1, found_facts + extra_facts) >= 0.95


def test_glued_letterhead_columns_are_split():
    """A baseline-sorted extraction glues the addressee to the sidebar; the fields come back."""
    lines = [
        "Ministerie van Voorbeeldzaken",
        "Datum",
        "> Retouradres Postbus 12345 2500 AB Den Haag4 mei 2022",
        "Betreft",
        "de Voorzitter van de Tweede Kamer",
        "Proef met glasvezel",
        "der Staten-Generaalin dorpen",
        "Postbus 20018",
        "Onze referentie",
        "2500 EA Den HaagVZ-2022-0042",
        "Afschrift aan",
        "de Voorzitter van de Eerste",
        "Kamer der Staten-Generaal",
    ]
    header = read_header([_line(i, text) for i, text in enumerate(lines)])
    assert header.sender == "Ministerie van Voorbeeldzaken"
    assert header.return_address == "> Retouradres Postbus 12345 2500 AB Den Haag"
    assert header.addressee == [
        "de Voorzitter van de Tweede Kamer",
        "der Staten-Generaal",
        "Postbus 20018",
        "2500 EA Den Haag",
    ]
    assert {f.label: f.value for f in header.fields} == {
        "Datum": "4 mei 2022",
        "Betreft": "Proef met glasvezel in dorpen",
        "Onze referentie": "VZ-2022-0042",
        "Afschrift aan": "de Voorzitter van de Eerste Kamer der Staten-Generaal",
    }


def test_a_value_above_its_label_finds_its_field():
    """A subject printed a hair above its label comes first; it still becomes the subject."""
    lines = [
        "Datum 2 juni 2023 Afschrift aan",
        "de Voorzitter van de Eerste",
        "Evaluatie van de pilot buurtbussen",
        "Betreft",
        "Kamer der Staten-Generaal",
        "Bij beantwoording datum vermelden.",
    ]
    header = read_header([_line(i, text) for i, text in enumerate(lines)])
    assert header.field("Betreft").value == "Evaluatie van de pilot buurtbussen"  # type: ignore[union-attr]
    assert header.cc == "de Voorzitter van de Eerste Kamer der Staten-Generaal"
    assert header.date == ("2023-06-02", "2 juni 2023")
    assert header.notes == ["Bij beantwoording datum vermelden."]


def _line(index: int, text: str) -> PageLine:
    return PageLine(1, index, 0, text, Zone.BODY)


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["de samen-", "werking groeit"], "de samenwerking groeit"),
        (["de defensie-", "uitgaven stijgen"], "de defensie-uitgaven stijgen"),
        (["de NAVO-", "top"], "de NAVO-top"),
        (["in Noord-", "Holland"], "in Noord-Holland"),
        (["twee", "regels"], "twee regels"),
    ],
)
def test_lines_are_rejoined_with_dutch_dehyphenation(lines, joined):
    assert join_lines([_line(i, text) for i, text in enumerate(lines)]).text == joined


@pytest.mark.parametrize(
    "text",
    [
        "Een eerste bladzijde met een zin.\f\fEn een derde bladzijde na een lege.\n",
        "Er was eens een molenaar die in een oude molen woonde.\nHij maalde graan voor het dorp.\n",
        "kolom1;kolom2;kolom3\n1;2;3\n4;5;6\n7;8;9\n",
        "1,2,3,4\n5,6,7,8\n",
    ],
)
def test_text_that_is_not_a_letter_gives_a_record_with_warnings(text):
    record = parse_text(text, "not-a-letter")
    jsonschema.validate(record.to_dict(), SCHEMA)
    assert record.warnings
    assert not [fact for fact in record.facts if fact.kind != "year"]


def test_parse_document_is_pure(records):
    record = records[5]
    assert record.document is not None
    again = parse_document(record.document)
    assert again.to_dict() == record.to_dict()


@pytest.mark.parametrize("text", ["", "   \n", "\f\f"])
def test_empty_input_is_refused_in_one_line(text):
    with pytest.raises(InputError, match="empty"):
        parse_text(text, "empty.txt")


def test_metadata_is_exact_on_many_more_letters():
    """Every field of 160 more letters: both sidebar styles, every field combination."""
    wrong = {
        seed: metadata(record)
        for seed in range(40, 200)
        if metadata(record := parse_text(clean_letter(seed).text)) != truth_metadata(seed)
    }
    assert not wrong


def test_metadata_is_exact_from_pdfs(tmp_path):
    wrong = []
    for seed in range(100, 120):
        path = tmp_path / f"{seed}.pdf"
        path.write_bytes(clean_letter(seed).pdf)
        if metadata(parse_path(path)) != truth_metadata(seed):
            wrong.append(seed)
    assert not wrong


def test_footnotes_and_their_markers_leave_the_text():
    page = [
        "Het fonds steunt drie regio's bij de aanleg van nieuwe",
        "3",
        "fietsroutes tussen de kernen.",
        "25 gemeenten doen mee aan de proef.",
        "",
        "3",
        "Zie de bijlage voor de verdeling per regio en het",
        "tijdpad van de aanleg.",
    ]
    lines, notes = take_footnotes([_line(i, text) for i, text in enumerate(page)])
    assert [line.text for line in lines] == [page[0], page[2], page[3], ""]
    assert [(note.label, note.value) for note in notes] == [
        ("3", "Zie de bijlage voor de verdeling per regio en het tijdpad van de aanleg.")
    ]


def test_a_page_without_markers_keeps_lines_that_start_with_numbers():
    page = ["Het plan loopt door.", "25 gemeenten doen mee.", "12 provincies volgen."]
    lines, notes = take_footnotes([_line(i, text) for i, text in enumerate(page)])
    assert [line.text for line in lines] == page and notes == []
