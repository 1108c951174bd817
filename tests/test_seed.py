"""The real letter that motivated ontwar, against a careful reading (when ../shared is here)."""

from __future__ import annotations

import pytest

from bench.seedtruth import seed_path, seed_truth
from ontwar.metrics import cer
from ontwar.model import Diagnosis
from ontwar.recover import recover_path

SEED = seed_path()
pytestmark = pytest.mark.skipif(
    SEED is None,
    reason="the seed letter lives in ../shared/seed, which is not beside this checkout",
)


@pytest.fixture(scope="module")
def recovered():
    assert SEED is not None
    return recover_path(SEED), seed_truth(SEED)


def test_every_page_is_recovered_within_half_a_percent(recovered):
    document, truth = recovered
    assert len(document.pages) == len(truth) == 8
    pairs = zip(document.pages, truth, strict=True)
    rates = [cer(page.text, reference) for page, reference in pairs]
    assert max(rates) <= 0.005, [f"{rate:.3%}" for rate in rates]
    assert sum(rates) / len(rates) <= 0.002


def test_diagnoses_and_layers(recovered):
    document, _ = recovered
    assert document.pages[0].diagnosis == Diagnosis.CLEAN
    assert document.pages[1].diagnosis == Diagnosis.LINE_INTERLEAVED
    assert all(page.diagnosis == Diagnosis.FRAGMENT_MERGED for page in document.pages[2:])
    assert [page.layers for page in document.pages] == list(range(1, 9))


def test_page_breaks_with_missing_lines_are_flagged(recovered):
    document, _ = recovered
    assert any("page 2 starts mid-sentence" in warning for warning in document.warnings)
