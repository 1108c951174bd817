"""Unstacking: exact on unambiguous merges, conserving on all, fluent on fictional letters."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from ontwar.model import Diagnosis
from ontwar.recover import recover_text
from ontwar.repair.config import RepairConfig
from ontwar.repair.decode import OWN, KnownString, decode_line
from ontwar.repair.fragments import SplitPrior
from ontwar.repair.langmodel import CharModel, WordModel
from tests.stacking import stack

WORDS = [
    "de",
    "het",
    "een",
    "van",
    "en",
    "in",
    "op",
    "voor",
    "met",
    "dat",
    "is",
    "zijn",
    "werd",
    "worden",
    "wordt",
    "aan",
    "bij",
    "door",
    "over",
    "naar",
    "tot",
    "als",
    "ook",
    "nog",
    "meer",
    "dan",
    "deze",
    "die",
    "om",
    "te",
    "niet",
    "heeft",
    "hebben",
    "zal",
    "kan",
    "moet",
    "wil",
    "gemeente",
    "provincie",
    "rijk",
    "waterschap",
    "dijk",
    "rivier",
    "kust",
    "zee",
    "haven",
    "brug",
    "weg",
    "spoor",
    "school",
    "leraar",
    "leerling",
    "budget",
    "miljoen",
    "miljard",
    "euro",
    "procent",
    "jaar",
    "maand",
    "week",
    "plan",
    "programma",
    "project",
    "regio",
    "kaart",
    "overleg",
    "afspraak",
    "besluit",
    "brief",
    "kamer",
    "minister",
    "staatssecretaris",
    "onderzoek",
    "rapport",
    "advies",
]


def sentence_lines(rng: random.Random, lines: int) -> list[str]:
    out = []
    for _ in range(lines):
        words = [rng.choice(WORDS) for _ in range(rng.randint(4, 11))]
        out.append(" ".join(words).capitalize() + rng.choice([".", ",", ""]) + " ")
    return out


LETTER = [
    [
        "Geachte voorzitter, ",
        "Hierbij stuur ik u het overzicht van de dijkversterkingen in 2031. ",
        "De provincie Gelderland heeft ruim 40 kilometer dijk versterkt. ",
        "Dat is meer dan in enig jaar daarvoor. ",
    ],
    [
        "In Zeeland zijn de werkzaamheden aan de Westerschelde afgerond. ",
        "Het waterschap meldt een besparing van circa 12 procent. ",
        "De kosten bedroegen 310 miljoen euro. ",
    ],
    [
        "Voor Limburg is een nieuw programma opgesteld voor de Maas. ",
        "De eerste projecten starten in het voorjaar. ",
        "Ik informeer uw Kamer over de voortgang. ",
        "Hoogachtend, ",
    ],
]


def own_texts(document) -> list[list[str]]:
    """Each page's non-blank lines; leading spaces are layout (merged footers share theirs)."""
    return [[line.text.lstrip() for line in page.lines if line.text] for page in document.pages]


def test_fictional_letter_recovers_every_page_exactly():
    document = recover_text(stack(LETTER, seed=3), "letter.txt")
    expected = [
        [line.strip() for line in page] + [f"Pagina {k + 1} van 3"] for k, page in enumerate(LETTER)
    ]
    assert own_texts(document) == expected
    assert [page.layers for page in document.pages] == [1, 2, 3]
    assert document.pages[0].diagnosis == Diagnosis.CLEAN
    assert document.pages[2].diagnosis == Diagnosis.FRAGMENT_MERGED


def _models() -> tuple[CharModel, WordModel, SplitPrior, RepairConfig]:
    return CharModel(), WordModel(), SplitPrior(), RepairConfig()


def _is_shuffle(merged: str, parts: list[str]) -> bool:
    """Is ``merged`` an interleaving of ``parts`` (each kept in order)? Exhaustive, small inputs."""
    states = {tuple(0 for _ in parts)}
    for char in merged:
        states = {
            (*s[:i], s[i] + 1, *s[i + 1 :])
            for s in states
            for i, part in enumerate(parts)
            if s[i] < len(part) and part[s[i]] == char
        }
        if not states:
            return False
    return tuple(len(part) for part in parts) in states


def _shuffle(parts: list[str], rng: random.Random) -> str:
    cursors = [0] * len(parts)
    out = []
    while any(c < len(p) for c, p in zip(cursors, parts, strict=True)):
        which = rng.choice([i for i, p in enumerate(parts) if cursors[i] < len(p)])
        run = rng.randint(1, 6)
        out.append(parts[which][cursors[which] : cursors[which] + run])
        cursors[which] += run
    return "".join(out)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000))
def test_decoding_is_always_a_valid_decomposition(seed):
    rng = random.Random(seed)
    known = [line for line in sentence_lines(rng, rng.randint(1, 3))]
    own = sentence_lines(rng, 1)[0]
    merged = _shuffle([*known, own], rng)
    decoding = decode_line(merged, [KnownString(k, i + 1) for i, k in enumerate(known)], *_models())
    assert decoding.complete
    recovered = decoding.own_text(merged)
    for which, text in enumerate(known):
        assert (
            "".join(c for c, o in zip(merged, decoding.owners, strict=True) if o == which) == text
        )
    assert _is_shuffle(merged, [*known, recovered])


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000))
def test_identical_known_strings_are_both_removed(seed):
    """A template sentence repeated in two layers: each copy keeps its own text, and the own
    string is exactly what is left (one decomposition per pair of copies is searched)."""
    rng = random.Random(seed)
    template = sentence_lines(rng, 1)[0]
    own = "".join(c for c in sentence_lines(rng, 1)[0].upper() if c.isalpha() or c == " ")
    merged = _shuffle([template, template, own], rng)
    known = [KnownString(template, 1), KnownString(template, 2)]
    decoding = decode_line(merged, known, *_models())
    assert decoding.complete and not decoding.bag
    for which in range(2):
        mine = "".join(c for c, o in zip(merged, decoding.owners, strict=True) if o == which)
        assert mine == template
    assert _is_shuffle(merged, [template, template, decoding.own_text(merged)])


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000))
def test_exact_recovery_when_the_alphabets_are_disjoint(seed):
    """With no shared character there is exactly one decomposition, and it must be found."""
    rng = random.Random(seed)
    known = "".join(c for c in sentence_lines(rng, 1)[0].lower() if c.isalpha() or c == " ")
    known = known.replace(" ", "_")
    own = sentence_lines(rng, 1)[0].upper()
    merged = _shuffle([known, own], rng)
    decoding = decode_line(merged, [KnownString(known, 1)], *_models())
    assert decoding.own_text(merged) == own
    owned = [o == OWN for o in decoding.owners]
    assert owned == [not (c.islower() or c == "_") for c in merged]


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 5))
def test_every_input_character_is_kept_or_reported_once(seed, pages):
    rng = random.Random(seed)
    letter = [sentence_lines(rng, rng.randint(2, 6)) for _ in range(pages)]
    text = stack(letter, seed=seed)
    document = recover_text(text, "random.txt")
    kept = [o for page in document.pages for line in page.lines for o in line.offsets]
    removed = [o for page in document.pages for r in page.removed for o in r.offsets]
    newlines = [i for i, c in enumerate(text) if c == "\n"]
    assert sorted(kept + removed + newlines) == list(range(len(text)))
    for page in document.pages:
        for line in page.lines:
            assert line.text == "".join(text[o] for o in line.offsets)


def _shuffle_owned(parts: list[str], rng: random.Random) -> tuple[str, list[int]]:
    """Like ``_shuffle``, also returning which part each character came from."""
    cursors = [0] * len(parts)
    out: list[str] = []
    owners: list[int] = []
    while any(c < len(p) for c, p in zip(cursors, parts, strict=True)):
        which = rng.choice([i for i, p in enumerate(parts) if cursors[i] < len(p)])
        run = parts[which][cursors[which] : cursors[which] + rng.randint(1, 6)]
        out.append(run)
        owners.extend([which] * len(run))
        cursors[which] += len(run)
    return "".join(out), owners


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000))
def test_a_merge_follows_the_order_of_the_previous_page(seed):
    """Four strings merged on the previous page, there decomposed: on this page their line is
    that merge with a new string's fragments in between. With no character to trade, the new
    string must come out exact, and every earlier one whole. (Random runs are not sorted by
    x, so this stays below ``order_min_strings``, where reading order would be scored.)"""
    rng = random.Random(seed)
    known = [line.lower().replace(" ", "_") for line in sentence_lines(rng, 4)]
    previous, owners = _shuffle_owned(known, rng)
    own = "".join(c for c in sentence_lines(rng, 1)[0].upper() if c.isalpha() or c == " ")
    merged, _ = _shuffle_owned([previous, own], rng)
    strings = [
        KnownString(
            text, i + 1, chain=(1, 0), ranks=tuple(k for k, o in enumerate(owners) if o == i)
        )
        for i, text in enumerate(known)
    ]
    decoding = decode_line(merged, strings, *_models())
    assert decoding.complete and not decoding.bag
    assert decoding.own_text(merged) == own
    for which, text in enumerate(known):
        assert (
            "".join(c for c, o in zip(merged, decoding.owners, strict=True) if o == which) == text
        )
