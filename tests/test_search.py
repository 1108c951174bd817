"""Search: Dutch stemming, folded diacritics, prefixes, phrases, NEAR, booleans, filters,
pages and snippets, checked against the generated letters' own text; malformed queries."""

from __future__ import annotations

import re
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontwar.letter.model import LetterRecord
from ontwar.store import QuerySyntaxError, Store
from ontwar.store.normalise import shadow, words
from ontwar.store.query import to_fts
from ontwar.synth.letters import write_letter
from tests.test_store import build, special_letter

SEEDS = range(42)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """42 generated letters (6 per topic) and one with :data:`SPECIAL` on a late page."""
    path = tmp_path_factory.mktemp("search") / "corpus.db"
    letters = {}
    texts = {}
    with Store(path) as store:
        for seed in SEEDS:
            letter = write_letter(seed)
            record, pages, digest = build(letter)
            doc_id = store.ingest(record, content_hash=digest, raw_pages=pages).doc_id
            letters[doc_id], texts[doc_id] = letter, pages
        record, pages, digest = build(special_letter(), "/corpus/special.txt")
        special = store.ingest(record, content_hash=digest, raw_pages=pages).doc_id
        letters[special], texts[special] = special_letter(), pages
    store = Store(path, readonly=True)
    yield store, letters, texts, special
    store.close()


def having(texts, pattern: str, flags=re.IGNORECASE) -> set[int]:
    """Documents whose page text matches ``pattern`` (the independent truth)."""
    return {doc for doc, pages in texts.items() if re.search(pattern, "\f".join(pages), flags)}


def found(store: Store, query: str, **filters) -> set[int]:
    result = store.search(query, limit=1000, **filters)
    assert result.total == len(result.hits)
    return {hit.doc_id for hit in result.hits}


def page_of(pages: list[str], needle: str) -> int:
    return next(number for number, text in enumerate(pages, 1) if needle in text)


def test_a_phrase_finds_its_inflected_form_on_the_right_page(corpus):
    store, letters, texts, special = corpus
    result = store.search("strategische partner")  # the text says "strategische partners"
    [hit] = result.hits
    assert hit.doc_id == special
    assert hit.page == page_of(texts[special], "strategische partners") > 1
    assert hit.section == letters[special].sections[-1].heading
    assert "[strategische partners]" in hit.snippet
    assert result.query == '("strategisch" AND "partner")'
    assert found(store, '"strategische partner"') == {special}
    assert found(store, '"partner strategische"') == set()  # phrase order counts


def test_diacritics_are_folded_both_ways(corpus):
    store, _, texts, _ = corpus
    expected = having(texts, r"\bBelgi[eë]\b")
    assert len(expected) > 3
    assert found(store, "Belgie") == found(store, "België") == found(store, "BELGIË") == expected
    hit = store.search("Belgie").hits[0]
    assert "[België]" in hit.snippet


@pytest.mark.parametrize(
    ("query", "pattern"),
    [
        ("defensie*", r"\bdefensie"),  # defensiebudget, defensie-uitgaven, Defensie
        ("begroting*", r"\bbegroting"),  # the stem of begroting is begroot: still found
        ("waterkering*", r"\bwaterkering"),
        ("Noorwegen", r"\bNoorwegen\b"),
        ('"gezamenlijke maritieme oefening"', r"gezamenlijke maritieme oefening"),
    ],
)
def test_prefixes_words_and_phrases_match_the_text(corpus, query, pattern):
    store, _, texts, _ = corpus
    expected = having(texts, pattern)
    assert expected, pattern
    assert found(store, query) == expected


def test_stems_find_other_forms(corpus):
    store, _, texts, special = corpus
    assert special in found(store, "begroting")  # "begrotingen"
    assert found(store, "militair") == having(texts, r"\bmilitair(en)?\b")


def test_booleans_agree_with_set_algebra(corpus):
    store, _, texts, _ = corpus
    countries = ("Noorwegen", "Polen", "Estland")
    norway, poland, estonia = (having(texts, rf"\b{country}\b") for country in countries)
    assert norway and poland and norway - poland and norway & poland
    assert found(store, "Noorwegen OR Polen") == norway | poland
    assert found(store, "Noorwegen Polen") == found(store, "Noorwegen AND Polen") == norway & poland
    assert found(store, "Noorwegen NOT Polen") == norway - poland
    assert found(store, "Noorwegen -Polen") == norway - poland
    assert found(store, "Noorwegen AND NOT Polen") == norway - poland
    assert found(store, "(Noorwegen OR Polen) NOT Estland") == (norway | poland) - estonia


def test_near_counts_the_words_between(corpus):
    store, _, _, special = corpus
    # "MGCS, de opvolger van de tank": four words between
    assert found(store, "NEAR(MGCS tank, 4)") == {special}
    assert found(store, "MGCS NEAR/4 tank") == {special}
    assert found(store, "NEAR(MGCS tank, 3)") == set()
    hit = store.search("NEAR(MGCS tank, 4)").hits[0]
    assert "[MGCS], de opvolger van de [tank]" in hit.snippet  # FTS5 marks each phrase


def test_filters_agree_with_the_letters(corpus):
    store, letters, _, _ = corpus

    def truth(test):
        return {doc for doc, letter in letters.items() if test(letter)}

    kamer = found(store, "Kamer")
    assert kamer == set(letters)
    assert found(store, "Kamer", date_from="2021-03", date_to="2022") == truth(
        lambda letter: "2021-03" <= letter.date <= "2022-12-31"
    )
    assert found(store, "Kamer", sender="ministerie van defensie") == truth(
        lambda letter: letter.sender == "Ministerie van Defensie"
    )
    belgian = truth(lambda letter: "België" in letter.subject)
    assert found(store, "Kamer", subject="Belgie") == belgian
    some = next(iter(letters.values()))
    assert found(store, "Kamer", reference=some.reference.lower()) == truth(
        lambda letter: letter.reference == some.reference
    )
    assert found(store, "", sender="defensie") == truth(lambda letter: "Defensie" in letter.sender)


def test_hits_are_ranked_paged_and_reproducible_from_their_sql(corpus):
    store, _, _, _ = corpus
    full = store.search("defensiebudget", limit=100)
    scores = [hit.score for hit in full.hits]
    assert scores == sorted(scores) and scores[0] < 0
    page = store.search("defensiebudget", limit=5, offset=5)
    assert [h.doc_id for h in page.hits] == [h.doc_id for h in full.hits][5:10]
    assert page.total == full.total
    sql, params = store.search_sql("defensiebudget", limit=100)
    with sqlite3.connect(store.path) as db:
        assert [row[0] for row in db.execute(sql, params)] == [h.doc_id for h in full.hits]


def test_a_filtered_search_counts_while_ranking(corpus):
    """Filtered queries take their total from the ranking query itself (#5)."""
    store, _, _, _ = corpus
    filters = {"date_from": "2000", "date_to": "2100"}
    full = store.search("defensiebudget", limit=1000, **filters)
    assert full.total == len(full.hits) == store.search("defensiebudget").total > 1
    page = store.search("defensiebudget", limit=2, offset=1, **filters)
    assert page.total == full.total and len(page.hits) == 2
    beyond = store.search("defensiebudget", offset=full.total + 5, **filters)
    assert beyond.total == full.total and beyond.hits == []
    assert store.search("defensiebudget", sender="nobody at all", **filters).total == 0
    sql, params = store.search_sql("defensiebudget", limit=1000, **filters)
    with sqlite3.connect(store.path) as db:
        rows = db.execute(sql, params).fetchall()
    assert [row[0] for row in rows] == [hit.doc_id for hit in full.hits]
    assert {row[-1] for row in rows} == {full.total}


def test_snippets_mark_matches_and_keep_brackets_apart(corpus):
    store, _, texts, special = corpus
    [hit] = store.search("bijlage MGCS").hits
    assert "([zie] [bijlage])" not in hit.snippet
    assert "(zie [bijlage])" in hit.snippet and "[MGCS]" in hit.snippet
    assert hit.snippet.count("[") == hit.snippet.count("]") == 2
    assert "<script>" in hit.snippet  # raw: escaping is the web's job
    assert hit.page == page_of(texts[special], "MGCS")


def test_an_empty_query_lists_newest_first(corpus):
    store, letters, _, _ = corpus
    result = store.search("", limit=1000)
    assert result.total == len(letters) and result.query == ""
    dates = [hit.date for hit in result.hits]
    assert dates == sorted(dates, reverse=True)
    assert all(hit.snippet and hit.score == 0.0 for hit in result.hits)


def test_a_hyphen_at_a_line_end_joins_the_word(tmp_path):
    raw = ["Het defensie-\nbudget stijgt in Noord-\nHolland; zie ook de [bijlage]."]
    record = LetterRecord(source="/corpus/afgebroken.txt", kind="text", pages=1)
    with Store(tmp_path / "s.db") as store:
        store.ingest(record, content_hash="x", raw_pages=raw)
        [hit] = store.search("defensiebudget").hits
        assert hit.snippet == "Het [defensiebudget] stijgt in Noord- Holland; zie ook de (bijlage)."
        assert store.search("Noord-Holland").total == 1
        assert store.search("defensie").total == 0  # one word, not two


def test_index_terms_line_up_with_original_words():
    text = "Zij bezochten België, Noord-Holland en 1.730 militairen (2021Z12345)."
    body, count = shadow(text)
    assert count == len(words(text)) == len(body.split())


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"strategische partner', "unbalanced quote"),
        ("(defensie OR begroting", "missing ')'"),
        ("defensie)", "')' without '('"),
        ("NOT defensie", "NOT needs a term before it"),
        ("defensie AND OR begroting", "needs a term on both sides"),
        ("AND OR", "needs a term on both sides"),
        ("defensie OR", "needs a term on both sides"),
        ("-defensie", "cannot only exclude"),
        ("()", "empty parentheses"),
        ('""', "empty phrase"),
        ("d*", "too short"),
        ("*", "cannot stand alone"),
        ("NEAR(defensie)", "at least two"),
        ("NEAR(defensie begroting, veel)", "whole number"),
        ("NEAR(defensie OR begroting)", "words and phrases only"),
        ("x" * 1001, "over the 1000 limit"),
    ],
)
def test_malformed_queries_raise_a_clear_error(corpus, query, message):
    store, *_ = corpus
    with pytest.raises(QuerySyntaxError, match=re.escape(message)):
        store.search(query)
    with pytest.raises(QuerySyntaxError):
        store.search_sql(query)


@pytest.mark.parametrize(
    "filters", [{"date_from": "gisteren"}, {"date_to": "2021-3-1"}, {"limit": 0}, {"offset": -1}]
)
def test_bad_filters_raise_a_clear_error(corpus, filters):
    store, *_ = corpus
    with pytest.raises(QuerySyntaxError):
        store.search("defensie", **filters)


QUERY_PIECES = st.sampled_from(
    ["defensie", "Belgie", "partner*", '"', "(", ")", "AND", "OR", "NOT", "NEAR", "NEAR(",
     ",", "-", "*", "5", "NEAR/3", ":", "^", "'", "{", "}", "+", "é", " ", "\t", "x*"]
)  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(QUERY_PIECES, max_size=10).map("".join) | st.text(max_size=30))
def test_any_query_gives_results_or_a_syntax_error(corpus, query):
    store, *_ = corpus
    try:
        result = store.search(query, limit=3)
    except QuerySyntaxError as error:
        assert "\n" not in str(error)
    else:
        assert result.total >= len(result.hits)
        if query.strip():
            assert to_fts(query) == (result.query or None)
