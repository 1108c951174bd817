"""Reference extraction: every citation form, against fictional letters with exact truth.

Hand-written examples below are made up for these tests (invented dossiers, numbers and
members); the recall and precision figures come from ``ontwar.synth`` letters, which record
every reference they write.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.seedtruth import seed_path, seed_truth
from ontwar.extract import find_references
from ontwar.extract.references import kamerstuk_url
from ontwar.letter.model import Reference
from ontwar.synth.letters import write_letter

LETTERS = 300
KST = "https://zoek.officielebekendmakingen.nl/kst-"


def fields(text: str) -> list[tuple[object, ...]]:
    """What :func:`find_references` reads in ``text``, checking its spans on the way."""
    found = find_references(text)
    assert [start for start, _, _ in found] == sorted(start for start, _, _ in found)
    rows = []
    for start, end, reference in found:
        assert isinstance(reference, Reference) and reference.span is None
        assert text[start:end] == reference.text
        rows.append(
            (
                reference.kind,
                reference.text,
                reference.dossier,
                reference.suffix,
                reference.number,
                reference.members,
                reference.session,
            )
        )
    return rows


def kst(text, dossier, suffix, number, session=None):
    return ("kamerstuk", text, dossier, suffix, number, (), session)


def motie(text, *members):
    return ("motie", text, None, None, None, members, None)


# --- Each form, by hand ----------------------------------------------------------------------

EXAMPLES = [
    # Kamerstukken: spacing, commas, suffixes
    ("Zie Kamerstuk 36118, nr. 7.", [kst("Kamerstuk 36118, nr. 7", "36118", None, "7")]),
    ("(Kamerstuk 36118 nr 7)", [kst("Kamerstuk 36118 nr 7", "36118", None, "7")]),
    (
        "(Kamerstuk 36 402 XIII nr. 81)",
        [kst("Kamerstuk 36 402 XIII nr. 81", "36402", "XIII", "81")],
    ),
    ("Kamerstuk 36 402 IV, nr. 9", [kst("Kamerstuk 36 402 IV, nr. 9", "36402", "IV", "9")]),
    (
        "Kamerstuk 21 501-20, nr. 1877",
        [kst("Kamerstuk 21 501-20, nr. 1877", "21501", "20", "1877")],
    ),
    ("Kamerstuk 21501-02, nr. 3", [kst("Kamerstuk 21501-02, nr. 3", "21501", "02", "3")]),
    ("Kamerstukken 33 917, nr. 140", [kst("Kamerstukken 33 917, nr. 140", "33917", None, "140")]),
    ("Kamerstuk 36410-VIII, nr. 2", [kst("Kamerstuk 36410-VIII, nr. 2", "36410", "VIII", "2")]),
    ("Kamerstuk 36 410–A, nr. 12", [kst("Kamerstuk 36 410–A, nr. 12", "36410", "A", "12")]),
    ("het kamerstuk 31 288, nr. 5", [kst("kamerstuk 31 288, nr. 5", "31288", None, "5")]),
    # session-prefixed
    (
        "Kamerstukken II 2021/22, 35 925 XVI, nr. 6",
        [kst("Kamerstukken II 2021/22, 35 925 XVI, nr. 6", "35925", "XVI", "6", "2021/22")],
    ),
    (
        "Kamerstukken I 2022-2023, 36200-VII, nr. 11",
        [kst("Kamerstukken I 2022-2023, 36200-VII, nr. 11", "36200", "VII", "11", "2022/23")],
    ),
    # several numbers in one citation: one reference per number, sharing the citation's text
    (
        "Kamerstuk 36 402 XIII, nrs. 4 en 19",
        [
            kst("Kamerstuk 36 402 XIII, nrs. 4 en 19", "36402", "XIII", "4"),
            kst("Kamerstuk 36 402 XIII, nrs. 4 en 19", "36402", "XIII", "19"),
        ],
    ),
    (
        "(Kamerstukken 29 477, nrs. 3, 8 t/m 10)",
        [
            kst("Kamerstukken 29 477, nrs. 3, 8 t/m 10", "29477", None, n)
            for n in ("3", "8", "9", "10")
        ],
    ),
    (
        "Kamerstuk 30 872, nr. 5 en nr. 6",
        [kst("Kamerstuk 30 872, nr. 5 en nr. 6", "30872", None, n) for n in ("5", "6")],
    ),
    # several dossiers in one citation: each its own span
    (
        "Kamerstukken 32 813, nr. 44 en 36 118 X, nr. 2",
        [
            kst("Kamerstukken 32 813, nr. 44", "32813", None, "44"),
            kst("36 118 X, nr. 2", "36118", "X", "2"),
        ],
    ),
    (
        "(31 839, nr. 61; 29 544, nr. 8)",
        [
            kst("31 839, nr. 61", "31839", None, "61"),
            kst("29 544, nr. 8", "29544", None, "8"),
        ],
    ),
    # a whole dossier
    ("(Kamerstuk 36 118)", [kst("Kamerstuk 36 118", "36118", None, None)]),
    # moties, and where their member list ends
    (
        "de motie Wouters (Kamerstuk 36 118, nr. 3)",
        [
            motie("motie Wouters", "Wouters"),
            kst("Kamerstuk 36 118, nr. 3", "36118", None, "3"),
        ],
    ),
    ("De motie van het lid Van Rijn verzoekt", [motie("motie van het lid Van Rijn", "Van Rijn")]),
    ("de motie van het lid van Rijn", [motie("motie van het lid van Rijn", "Van Rijn")]),
    ("de motie-Kramer is aangenomen", [motie("motie-Kramer", "Kramer")]),
    (
        "de motie-Van der Wal/Ter Laak",
        [motie("motie-Van der Wal/Ter Laak", "Van der Wal", "Ter Laak")],
    ),
    (
        "de motie van de leden Peters en De Graaf over",
        [motie("motie van de leden Peters en De Graaf", "Peters", "De Graaf")],
    ),
    (
        "de motie van de leden Peters, El Idrissi en Van den Heuvel-Öztürk",
        [
            motie(
                "motie van de leden Peters, El Idrissi en Van den Heuvel-Öztürk",
                "Peters",
                "El Idrissi",
                "Van den Heuvel-Öztürk",
            )
        ],
    ),
    (
        "de gewijzigde motie van het lid Ten Brink c.s. (Kamerstuk 36 118, nr. 14)",
        [
            motie("gewijzigde motie van het lid Ten Brink c.s.", "Ten Brink"),
            kst("Kamerstuk 36 118, nr. 14", "36118", None, "14"),
        ],
    ),
    ("Gewijzigde motie Jansma.", [motie("Gewijzigde motie Jansma", "Jansma")]),
    (
        "de motie van het lid Pieter de Wit",
        [motie("motie van het lid Pieter de Wit", "Pieter de Wit")],
    ),
    # zaak and document numbers
    ("(2022Z04411)", [("zaak", "2022Z04411", None, None, "2022Z04411", (), None)]),
    ("bijlage 2023D17002.", [("document", "2023D17002", None, None, "2023D17002", (), None)]),
    # Handelingen and the Aanhangsel
    (
        "(Handelingen II 2021/22, nr. 38)",
        [("handelingen", "Handelingen II 2021/22, nr. 38", None, None, "38", (), "2021/22")],
    ),
    (
        "Handelingen II 2021-2022, nr. 38, item 11",
        [
            (
                "handelingen",
                "Handelingen II 2021-2022, nr. 38, item 11",
                None,
                None,
                "38",
                (),
                "2021/22",
            )
        ],
    ),
    (
        "Aanhangsel Handelingen II 2022/2023, nr. 2117",
        [
            (
                "aanhangsel",
                "Aanhangsel Handelingen II 2022/2023, nr. 2117",
                None,
                None,
                "2117",
                (),
                "2022/23",
            )
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES, ids=[e[0][:40] for e in EXAMPLES])
def test_each_citation_form(text, expected):
    assert fields(text) == expected


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("Kamerstuk 36118, nr. 7", f"{KST}36118-7.html"),
        ("Kamerstuk 36 402 XIII nr. 81", f"{KST}36402-XIII-81.html"),
        ("Kamerstuk 21 501-20, nr. 1877", f"{KST}21501-20-1877.html"),
        ("Kamerstuk 36 118", None),
        ("motie Wouters", None),
        (
            "Handelingen II 2021/22, nr. 38, item 11",
            "https://zoek.officielebekendmakingen.nl/h-tk-20212022-38-11.html",
        ),
        (
            "Handelingen I 2021/22, nr. 4",
            "https://zoek.officielebekendmakingen.nl/h-ek-20212022-4.html",
        ),
        (
            "Aanhangsel Handelingen II 2022/23, nr. 2117",
            "https://zoek.officielebekendmakingen.nl/ah-tk-20222023-2117.html",
        ),
        ("2022Z04411", "https://www.tweedekamer.nl/kamerstukken/detail?id=2022Z04411"),
    ],
)
def test_links_follow_the_official_schemes(text, url):
    (_, _, reference), *_ = find_references(text)
    assert reference.url == url


def test_kamerstuk_url_joins_only_present_parts():
    assert kamerstuk_url("36118", None, "7") == f"{KST}36118-7.html"


# --- What is not a reference -----------------------------------------------------------------

NEGATIVES = [
    "Postbus 20018 2500 EA Den Haag",
    "Postbus 20701 2500 ES Den Haag",
    "Het budget stijgt tot €12,4 miljard in 2027.",
    "1,2,3,4",
    "1.2.3.4 en 12.500 woningen",
    "op 14 maart 2023 en in de periode 2024–2029",
    "in 2019/20 zijn 45 inspecties gedaan",
    "Ons kenmerk BS2021993474",
    "nummer 36118 van de lijst",
    "Stcrt. 2021, nr. 12345",
    "de motie van de Kamer",
    "de moties Tweede Kamer",
    "de kamerstukken worden nagezonden",
    "Kamerstuk 2020 is verschenen",
    "Handelingen II 2019/21, nr. 4",
    "zaaknummer 2020Z123",
    "3,5 miljard NOK (€0,3 miljard)",
    "ruim 2.500 militairen, 4,8 procent van het bbp",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives_give_no_references(text):
    assert find_references(text) == []


_FILLER = st.sampled_from(
    [
        "de",
        "het",
        "Den Haag",
        "Nederland",
        "Postbus 20018",
        "2500 EA",
        "Kamer",
        "(",
        ")",
        ",",
        ".",
        "1,2,3,4",
        "2021",
        "2019/20",
        "12 maart 2021",
        "€ 4,5 miljoen",
        "12,5%",
        "36 402",
        "X",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            _FILLER,
            st.integers(0, 10**7).map(str),
            st.decimals(0, 10**6, places=2).map(lambda d: f"{d}".replace(".", ",")),
            st.dates().map(lambda d: f"{d.day}-{d.month}-{d.year}"),
        ),
        max_size=30,
    )
)
def test_amounts_dates_and_numbers_are_no_references(words):
    assert find_references(" ".join(words)) == []


@settings(max_examples=200, deadline=None)
@given(
    dossier=st.integers(10_000, 99_999).map(str),
    suffix=st.sampled_from([None, "X", "VII", "XVI", "A", "33", "02"]),
    number=st.integers(1, 2_000).map(str),
    spaced=st.booleans(),
    comma=st.booleans(),
    before=st.sampled_from(["", "Zie ", "(", "in de brief van 3 mei 2021 "]),
    after=st.sampled_from(["", ".", ")", " is nagezonden.", ", 12 maart 2021"]),
)
def test_generated_kamerstukken_round_trip(dossier, suffix, number, spaced, comma, before, after):
    written = f"{dossier[:2]} {dossier[2:]}" if spaced else dossier
    if suffix is not None:
        written += f"-{suffix}" if suffix.isdigit() else f" {suffix}"
    citation = f"Kamerstuk {written}{',' if comma else ''} nr. {number}"
    assert fields(before + citation + after) == [kst(citation, dossier, suffix, number)]


# --- Against fictional letters with exact truth ----------------------------------------------


def _key(reference) -> tuple[object, ...]:
    members = tuple(reference.members)
    return (reference.text, reference.kind, reference.dossier, reference.suffix,
            reference.number, members, reference.session)  # fmt: skip


@pytest.fixture(scope="module")
def scores():
    """True, false and missed references over ``LETTERS`` letters, and time per paragraph."""
    hits = extra = missed = paragraphs = 0
    elapsed = 0.0
    for seed in range(LETTERS):
        letter = write_letter(seed)
        found: Counter = Counter()
        for text in [*letter.paragraphs, *(section.heading for section in letter.sections)]:
            began = time.perf_counter()
            references = find_references(text)
            elapsed += time.perf_counter() - began
            paragraphs += 1
            for start, end, reference in references:
                assert text[start:end] == reference.text
                found[_key(reference)] += 1
        truth = Counter(_key(reference) for reference in letter.references)
        hits += sum((found & truth).values())
        extra += sum((found - truth).values())
        missed += sum((truth - found).values())
    return hits, extra, missed, elapsed / paragraphs


def test_recall_and_precision_on_fictional_letters(scores):
    hits, extra, missed, _ = scores
    recall, precision = hits / (hits + missed), hits / (hits + extra)
    assert hits > 1000
    assert recall >= 0.98 and precision >= 0.98, f"recall {recall:.4f} precision {precision:.4f}"


def test_fast_enough_for_ingest(scores):
    *_, per_paragraph = scores
    assert per_paragraph < 1e-3, f"{per_paragraph * 1e6:.0f} µs per paragraph"


# --- The real letter, when it is beside the checkout -----------------------------------------

SEED = seed_path()


@pytest.mark.skipif(SEED is None, reason="the seed letter lives in ../shared/seed (not here)")
def test_seed_letter_references():
    """The seed's citations by shape only, so the repository holds none of its text."""
    assert SEED is not None
    found = [r for page in seed_truth(SEED) for _, _, r in find_references(page.replace("\n", " "))]
    kinds = [reference.kind for reference in found]
    assert Counter(kinds) == {"kamerstuk": 2, "motie": 1, "zaak": 1}
    motion = kinds.index("motie")
    assert len(found[motion].members) == 1 and " " not in found[motion].members[0]
    cited = found[motion + 1]
    assert cited.kind == "kamerstuk" and cited.suffix == "X" and cited.url
    assert any(r.kind == "kamerstuk" and r.suffix is None and ", nr. " in r.text for r in found)
