"""Quantitative facts (#4): amounts, shares, counts and years, with qualifier, measure, subject.

Every example sentence is ontwar's own; the scale test scores :func:`find_facts` against the
exact truth of the project's fictional letters (``ontwar.synth``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ontwar.extract import FoundFact, find_facts
from ontwar.letter.model import Fact
from ontwar.synth.letters import Letter, write_letter

LETTERS = 120
"""Fictional letters scored in the scale test (every topic many times over)."""


def found(*paragraphs: str, heading: str | None = None, year: int | None = 2021) -> list[Fact]:
    return [item.fact for item in find_facts([(heading, paragraphs)], year)]


def amounts(*paragraphs: str, heading: str | None = None) -> list[Fact]:
    return [fact for fact in found(*paragraphs, heading=heading) if fact.kind != "year"]


def one(text: str, heading: str | None = None) -> Fact:
    facts = amounts(text, heading=heading)
    assert len(facts) == 1, [fact.text for fact in facts]
    return facts[0]


# --- Amounts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "value", "unit"),
    [
        ("Het budget bedraagt €3,82 miljard.", "€3,82 miljard", 3.82e9, "EUR"),
        ("Daarvoor is € 0,7 miljard gereserveerd.", "€ 0,7 miljard", 0.7e9, "EUR"),
        ("De regio krijgt 2,6 miljard euro.", "2,6 miljard euro", 2.6e9, "EUR"),
        ("Het fonds ontvangt 31,9 miljoen euro.", "31,9 miljoen euro", 31.9e6, "EUR"),
        ("Gemeenten krijgen €214 miljoen extra.", "€214 miljoen", 214e6, "EUR"),
        ("Per school is € 125.000 beschikbaar.", "€ 125.000", 125_000, "EUR"),
        ("De regeling kost € 2,5 mln. per jaar.", "€ 2,5 mln.", 2.5e6, "EUR"),
        ("Het project kost EUR 12 miljoen.", "EUR 12 miljoen", 12e6, "EUR"),
        ("De begroting bedraagt $640 miljard.", "$640 miljard", 640e9, "USD"),
        ("Het budget stijgt met 7,2 miljard SEK.", "7,2 miljard SEK", 7.2e9, "SEK"),
        ("Zij trekken 40 miljoen Deense kronen uit.", "40 miljoen Deense kronen", 40e6, "DKK"),
        ("De steun bedraagt twee miljard euro.", "twee miljard euro", 2e9, "EUR"),
    ],
)
def test_money_in_the_ways_letters_write_it(text, written, value, unit):
    fact = one(text)
    assert (fact.kind, fact.text, fact.value, fact.unit) == ("money", written, value, unit)


def test_a_converted_amount_points_to_the_original():
    text = "De verhoging bedraagt ruim 4,2 miljard NOK (€0,4 miljard) in 2026."
    facts = amounts(text, heading="Noorwegen")
    assert [(f.text, f.unit, f.value) for f in facts] == [
        ("ruim 4,2 miljard NOK", "NOK", 4.2e9),
        ("€0,4 miljard", "EUR", 0.4e9),
    ]
    original, converted = facts
    assert converted.converted_from == 0 and original.converted_from is None
    assert converted.qualifier is None and original.qualifier == "ruim"
    assert converted.year == original.year == 2026
    assert converted.subject == original.subject == "Noorwegen"


def test_converted_from_indexes_the_returned_list():
    text = "Eerst 10 woningen. Het budget groeit met 9,1 miljard PLN (€2,0 miljard)."
    result = find_facts([(None, [text])], 2021)
    converted = next(item for item in result if item.fact.converted_from is not None)
    assert result[converted.fact.converted_from].fact.unit == "PLN"


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Het kost ruim €3 miljard.", "ruim"),
        ("Het kost circa €3 miljard.", "circa"),
        ("Het kost ca. €3 miljard.", "ca."),
        ("Het kost ongeveer €3 miljard.", "ongeveer"),
        ("Het kost bijna €3 miljard.", "bijna"),
        ("Het budget groeit tot €3 miljard.", "tot"),
        ("Het kost meer dan €3 miljard.", "meer dan"),
        ("Het kost minder dan €3 miljard.", "minder dan"),
        ("Het kost maximaal €3 miljard.", "maximaal"),
        ("Ruim €3 miljard gaat naar de regio.", "ruim"),
        ("Het kost €3 miljard.", None),
    ],
)
def test_qualifiers_are_taken_into_the_text(text, qualifier):
    fact = one(text)
    assert fact.qualifier == qualifier
    assert fact.text.casefold().startswith(qualifier or "€")


def test_tot_that_closes_a_change_is_no_bound():
    facts = amounts("Het budget stijgt van €20,3 miljard in 2019 tot €27,9 miljard in 2024.")
    assert [(f.text, f.qualifier, f.year) for f in facts] == [
        ("€20,3 miljard", None, 2019),
        ("€27,9 miljard", None, 2024),
    ]


def test_the_first_end_of_a_range_borrows_unit_and_scale():
    facts = amounts(
        "Nodig is €20 tot €30 miljoen, oftewel 20 à 30 miljoen euro voor 3 tot 5 leraren."
    )
    assert [(f.text, f.value, f.unit, f.qualifier) for f in facts] == [
        ("€20", 20e6, "EUR", None),
        ("€30 miljoen", 30e6, "EUR", None),
        ("20", 20e6, "EUR", None),
        ("30 miljoen euro", 30e6, "EUR", None),
        ("3", 3, "leraren", None),
        ("5 leraren", 5, "leraren", None),
    ]


def test_a_bare_four_digit_year_is_no_count_unless_qualified():
    assert amounts("De Agenda 2030 doelen blijven staan.") == []
    assert one("Er werken circa 1500 militairen.").value == 1500


@pytest.mark.parametrize(
    ("text", "written", "value", "unit"),
    [
        ("De uitgaven komen uit op 1,3% van het BBP.", "1,3% van het BBP", 1.3, "% BBP"),
        ("Dat is 2,4 procent van het bbp.", "2,4 procent van het bbp", 2.4, "% BBP"),
        ("Het aandeel is 30 procent.", "30 procent", 30.0, "%"),
        ("Het aandeel is 47%.", "47%", 47.0, "%"),
        ("Dat is 0,5 procentpunt hoger.", "0,5 procentpunt", 0.5, "procentpunt"),
    ],
)
def test_percentages_and_shares_of_gdp(text, written, value, unit):
    fact = one(text)
    assert (fact.kind, fact.text, fact.value, fact.unit) == ("percentage", written, value, unit)


@pytest.mark.parametrize(
    ("text", "written", "value", "unit"),
    [
        ("Er komen 12.500 woningen bij.", "12.500 woningen", 12_500, "woningen"),
        ("Zij leiden 1.680 militairen op.", "1.680 militairen", 1_680, "militairen"),
        ("Wij sturen drie stafofficieren.", "drie stafofficieren", 3, "stafofficieren"),
        ("Zij zetten elf schepen in.", "elf schepen", 11, "schepen"),
        ("Zij kopen twee nieuwe fregatten.", "twee nieuwe fregatten", 2, "fregatten"),
        ("Het gaat om vijfentwintig landen.", "vijfentwintig landen", 25, "landen"),
        ("Hier wonen 1,2 miljoen mensen.", "1,2 miljoen mensen", 1.2e6, "mensen"),
        ("De dijk is 38 kilometer lang.", "38 kilometer", 38, "kilometer"),
        ("Er staan 140 IC-bedden.", "140 IC-bedden", 140, "IC-bedden"),
        ("Er kwam slechts één vergadering.", "één vergadering", 1, "vergadering"),
    ],
)
def test_counts_in_digits_and_words(text, written, value, unit):
    fact = one(text)
    assert (fact.kind, fact.text, fact.value, fact.unit) == ("count", written, value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "Zie Kamerstuk 36 410 X, nr. 21 en Kamerstukken II 2021/22, 35 925, nr. 7.",
        "Het verzoek (2022Z11873) en document 2022D40512 zijn beantwoord.",
        "Schrijf naar Postbus 20018, 2500 EA Den Haag.",
        "Zoals gemeld in nr. 17 van de reeks en artikel 4, lid 2.",
        "Onze referentie is BS2021993474.",
        "De reeks 1,2,3,4 is geen getal, 1.2.3 ook niet.",
        "1. De eerste stap. 2) De tweede stap.",
        "Pagina 3 van 12",
        "Sinds COVID-19 worden de F-35 en de CO2-heffing vaak genoemd.",
        "Op 14 maart heeft de commissie vergaderd.",
        "Dit duurt nog acht jaar en gebeurt drie keer.",
        "De 25 zijn het eens.",
        "Ik acht het wenselijk dat de Beleidsnota 2019 wordt herzien.",
    ],
)
def test_numbers_that_are_no_facts(text):
    assert amounts(text) == []


def test_a_date_is_no_fact_but_gives_its_year():
    assert found("Op 18 december 2020 is het besluit genomen.") == []
    (fact,) = found("Op 3 mei 2022 is €8 miljoen toegekend.")
    assert (fact.text, fact.year) == ("€8 miljoen", 2022)
    (fact,) = found("In oktober 2022 was het zover.")
    assert (fact.kind, fact.value) == ("year", 2022.0)


# --- Years -------------------------------------------------------------------------------------


def test_amounts_take_the_year_or_period_of_their_sentence():
    facts = amounts(
        "In 2022 bedroeg het budget €5 miljard, in 2023 €6 miljard. "
        "In Zeeland komen 800 woningen in de periode 2024–2027. "
        "Het tekort daalt met 12% tot 2030. "
        "Het aandeel bleef steken op 40% (2019)."
    )
    assert [(f.text, f.year, f.year_end) for f in facts] == [
        ("€5 miljard", 2022, None),
        ("€6 miljard", 2023, None),
        ("800 woningen", 2024, 2027),
        ("12%", 2030, None),
        ("40%", 2019, None),
    ]


def test_years_that_no_amount_takes_are_year_facts():
    facts = found(
        "Het programma loopt van 2020-2025. Sinds 2013 werken wij samen.",
        "De begroting voor 2024 bedraagt €4 miljard.",
    )
    years = [(f.text, f.value, f.year, f.year_end, f.qualifier) for f in facts if f.kind == "year"]
    assert years == [
        ("2020-2025", 2020.0, 2020, 2025, None),
        ("Sinds 2013", 2013.0, 2013, None, "sinds"),
    ]
    assert all(f.unit == "jaar" for f in facts if f.kind == "year")


def test_a_dat_sentence_continues_the_previous_year_and_a_base_year_is_nobodys():
    facts = amounts(
        "In 2022 besteedde het land circa €9,8 miljard aan defensie. "
        "Dit is 1,4% van het bbp. "
        "Dat betekent vergeleken met 2021 een groei met €0,9 miljard."
    )
    assert [(f.text, f.year) for f in facts] == [
        ("circa €9,8 miljard", 2022),
        ("1,4% van het bbp", 2022),
        ("€0,9 miljard", 2022),
    ]


def test_relative_years_resolve_against_the_letter():
    facts = amounts("Volgend jaar komt er €40 miljoen bij; meer dan vorig jaar.")
    assert [(f.text, f.year) for f in facts] == [("€40 miljoen", 2022)]


# --- Subjects and measures ---------------------------------------------------------------------


def test_subject_named_in_the_sentence_or_by_its_adjective():
    assert one("Italië heeft toegezegd €2 miljard uit te trekken.").subject == "Italië"
    assert one("De Belgische krijgsmacht groeit met 9%.").subject == "België"
    assert one("Het Noorse leger krijgt er €1 miljard bij.").subject == "Noorwegen"
    assert one("Zij komt uit op 1,2% van het bbp, zegt de Deense regering.").subject == (
        "Denemarken"
    )


def test_another_place_beats_the_netherlands_which_beats_nothing():
    detached = one("Nederland heeft vier stafofficieren gedetacheerd bij de brigade met Litouwen.")
    assert detached.subject == "Litouwen"
    assert one("Nederland levert 60 militairen.").subject == "Nederland"


def test_subject_from_the_paragraph_then_the_heading():
    facts = amounts(
        "De Zweedse strijdkrachten groeien snel. De uitgaven stijgen tot €11 miljard.",
        heading="Scandinavië",
    )
    assert facts[0].subject == "Zweden"
    assert one("De uitgaven stijgen tot €11 miljard.", heading="Duitsland").subject == "Duitsland"
    assert one("Het kost €11 miljard.", heading="Financiële ontwikkelingen").subject == (
        "Financiële ontwikkelingen"
    )
    assert one("Het kost €11 miljard.").subject is None


def test_subject_is_a_region_not_a_fund_ministry_or_person():
    assert one("Het Warmtefonds verstrekte in Drechtstad 9.000 leningen.").subject == "Drechtstad"
    text = "In Noord- en Oost-Gelderland staan 2.100 bedrijven op de wachtlijst."
    assert one(text).subject == "Noord- en Oost-Gelderland"
    text = "Het ministerie van Justitie en Veiligheid betaalt 30 procent, zo vroeg de motie Jansen."
    assert one(text).subject is None


def test_a_sentence_opening_word_is_a_name_only_if_the_letter_uses_it_as_one():
    facts = amounts(
        "Zorginstellingen in Westerkwartier krijgen €3 miljoen.",
        "Westerkwartier ontvangt daarnaast 4% meer.",
    )
    assert [f.subject for f in facts] == ["Westerkwartier", "Westerkwartier"]


def test_measures_are_the_quantity_nouns_near_the_amount():
    facts = amounts(
        "In 2021 bedroeg het Franse defensiebudget €39 miljard. "
        "De defensie-uitgaven komen uit op 1,9% van het BBP. "
        "Dit is samen 2,1% van het BBP. "
        "Daarvan gaat 24% naar investeringen. "
        "Het aandeel van de zorg in de totale uitgaven is 11%."
    )
    assert [f.measure for f in facts] == [
        "defensiebudget",
        "defensie-uitgaven",
        "BBP",
        "investeringen",
        "aandeel",
    ]


def test_facts_carry_their_sentence_and_section():
    text = "Dit jaar is het anders. Het Rijk betaalt €5 miljoen."
    (fact,) = amounts(text, heading="Financiën")
    assert fact.sentence == "Het Rijk betaalt €5 miljoen."
    assert fact.section == "Financiën" and fact.span is None


# --- Whole letters -----------------------------------------------------------------------------


def letter_sections(letter: Letter) -> list[tuple[str | None, list[str]]]:
    return [
        (None, list(letter.opening)),
        *((section.heading, list(section.paragraphs)) for section in letter.sections),
        (None, [letter.closing]),
    ]


def truth_spans(letter: Letter, sections: Sequence[tuple[str | None, Sequence[str]]]):
    """Where each recorded fact stands: the letter writes them in the order it records them."""
    flat = [(s, p, text) for s, (_, texts) in enumerate(sections) for p, text in enumerate(texts)]
    place, offset = 0, 0
    for fact in letter.facts:
        while (start := flat[place][2].find(fact.text, offset)) < 0:
            place, offset = place + 1, 0
        offset = start + len(fact.text)
        yield flat[place][0], flat[place][1], start, offset, fact


def score(letters: range) -> dict[str, float]:
    """Recall and precision (value, unit and subject right), qualifier and year accuracy."""
    right = truth = extra = matched = qualifiers = years = 0
    for seed in letters:
        letter = write_letter(seed)
        sections = letter_sections(letter)
        result = [f for f in find_facts(sections, int(letter.date[:4])) if f.fact.kind != "year"]
        taken: set[int] = set()
        for section, paragraph, start, end, expected in truth_spans(letter, sections):
            truth += 1
            hit = next(
                (
                    i
                    for i, f in enumerate(result)
                    if i not in taken
                    and (f.section, f.paragraph) == (section, paragraph)
                    and f.start < end
                    and start < f.end
                ),
                None,
            )
            if hit is None:
                continue
            taken.add(hit)
            matched += 1
            fact = result[hit].fact
            right += (
                fact.value == pytest.approx(expected.value)
                and fact.unit == expected.unit
                and fact.subject == expected.subject
            )
            qualifiers += fact.qualifier == expected.qualifier
            years += (fact.year, fact.year_end) == (expected.year, expected.year_end)
        extra += len(result) - len(taken)
    return {
        "recall": right / truth,
        "precision": right / (matched + extra),
        "qualifier": qualifiers / matched,
        "year": years / matched,
    }


def test_fictional_letters_recall_and_precision():
    result = score(range(LETTERS))
    assert result["recall"] >= 0.97, result
    assert result["precision"] >= 0.97, result
    # The generator writes "tot" before some amounts without recording it as their
    # qualifier ("verhoogt ... tot €4 miljard"); ontwar reads it as one (module doc).
    assert result["qualifier"] >= 0.95, result
    assert result["year"] >= 0.97, result


def test_every_fact_quotes_its_paragraph_in_order():
    letter = write_letter(7)
    sections = letter_sections(letter)
    result = find_facts(sections, 2021)
    assert result
    keys = [(f.section, f.paragraph, f.start) for f in result]
    assert keys == sorted(keys)
    for item in result:
        assert sections[item.section][1][item.paragraph][item.start : item.end] == item.fact.text
        assert item.fact.kind in {"money", "percentage", "count", "year"}


def test_a_letter_takes_a_few_milliseconds():
    letters = [letter_sections(write_letter(seed)) for seed in range(40)]
    started = time.perf_counter()
    for sections in letters:
        find_facts(sections, 2021)
    assert (time.perf_counter() - started) / len(letters) < 0.02


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(list("0123456789.,%€$ -–/()abeilnorstuwzDNPT")) | st.just(" "),
            max_size=80,
        ),
        min_size=1,
        max_size=3,
    )
)
def test_any_text_gives_quoting_facts(paragraphs):
    result: list[FoundFact] = find_facts([("Kop", paragraphs)], 2021)
    for item in result:
        assert paragraphs[item.paragraph][item.start : item.end] == item.fact.text
        if item.fact.converted_from is not None:
            assert result[item.fact.converted_from].fact.kind == "money"


def test_a_table_dump_without_full_stops_is_read_whole():
    """Thousands of amounts and citations in one "sentence" (a table that lost its full stops)
    are all found: long stretches are read in pieces, blocked spans looked up by bisection."""
    from ontwar.letter import parse_text

    amounts = "Belgische 2020 € 4,5 miljard (1,1% BBP) en " * 3000
    record = parse_text(amounts, "tabel.txt")
    assert len(record.facts) == 6000
    assert {(round(f.value, 3), f.unit) for f in record.facts} == {(4.5e9, "EUR"), (1.1, "% BBP")}
    citations = "Kamerstuk 36 402 nr. " * 3000
    record = parse_text(citations, "lijst.txt")
    assert len(record.references) == 3000 and not record.facts
