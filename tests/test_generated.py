"""Unstacking the project's own damaged letters, scored against their exact truth.

The full set (24 letters, 2-16 layers) runs in ``bench/recover.py``; here the letters of up to
seven pages keep the suite fast, plus one deep letter whose late pages merge look-alike
template lines under up to 13 layers (about 25 s). Letters that still fail the acceptance bar
are listed as strict expected failures, so that fixing one is noticed.
"""

from __future__ import annotations

import pytest

from ontwar.metrics import cer
from ontwar.recover import recover_text
from ontwar.synth import make_case

FAST = [index for index in range(24) if len(make_case(index).truth) <= 7]
DEEP = [16]
"""13 pages; repeated template sentences in many layers (the 16-page letter is bench-only)."""
KNOWN_FAILURES: dict[int, str] = {}


@pytest.mark.parametrize(
    "index",
    [
        pytest.param(i, marks=pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[i]))
        if i in KNOWN_FAILURES
        else i
        for i in FAST + DEEP
    ],
)
def test_generated_letter_pages_are_recovered(index):
    case = make_case(index)
    document = recover_text(case.text, case.name)
    assert len(document.pages) == len(case.truth)
    rates = [cer(page.text, truth) for page, truth in zip(document.pages, case.truth, strict=True)]
    assert max(rates) <= 0.02, [f"{rate:.2%}" for rate in rates]
    assert sum(rates) / len(rates) <= 0.005, [f"{rate:.2%}" for rate in rates]


@pytest.mark.parametrize("seed", [2, 7, 13, 19, 38, 102, 155, 187])
def test_a_clean_letter_that_repeats_lines_is_left_alone(seed):
    """Template phrases recur in a letter (a heading, ``procent.`` ending two paragraphs), and
    a long page holds a short earlier page's characters by chance: neither is a hidden layer."""
    from tests.letters import clean_letter

    letter = clean_letter(seed)
    document = recover_text(letter.text, f"clean-{seed}")
    assert [page.text for page in document.pages] == letter.pages
    assert not any(page.removed for page in document.pages)
