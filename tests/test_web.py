"""``ontwar serve``: the JSON API and the pages over a real store of generated letters.

The corpus (:func:`build_corpus`) holds three fictional defence letters (their facts compare
budgets across countries and years; one is stored under an official Kamerstuk file name that
another letter cites, so that reference resolves inside the corpus), a letter whose subject and
text contain markup, a damaged text letter recovered by the real pipeline (raw vs recovered)
and the stacked PDF of another (the hidden-text audit). Everything comes from ``ontwar.synth``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import re
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from typer.testing import CliRunner

from ontwar.store import Store
from ontwar.store.ingest import prepare
from ontwar.store.synthetic import record_of
from ontwar.synth import make_case, write_letter
from ontwar.synth.letters import Section
from ontwar.web import data
from ontwar.web.app import create_app

MARKUP = '<script>alert(1)</script> & <b onmouseover="x()">vet</b>'
MARKUP_WORD = "alert"


def build_corpus(folder: Path) -> dict[str, int]:
    """Fill ``folder/corpus.db`` with the test letters; their ids by role."""
    db = folder / "corpus.db"
    ids: dict[str, int] = {}
    first = write_letter(0)
    cited = next(r for r in first.references if r.kind == "kamerstuk" and r.dossier and r.number)
    official = f"kst-{cited.dossier}-{cited.suffix + '-' if cited.suffix else ''}{cited.number}"
    markup = write_letter(3)
    opening, *rest = markup.sections[0].paragraphs
    markup = dataclasses.replace(
        markup,
        subject=f"{markup.subject} {MARKUP}",
        sections=(
            Section(markup.sections[0].heading, (f"{opening} Zie {MARKUP} hier.", *rest)),
            *markup.sections[1:],
        ),
    )
    records = {
        "defence": record_of(first, "brieven/defensie-0.txt"),
        "cited": record_of(write_letter(7), f"brieven/{official}.txt"),
        "defence14": record_of(write_letter(14), "brieven/defensie-14.txt"),
        "markup": record_of(markup, "brieven/markup.txt"),
    }
    damaged, stacked = make_case(2), make_case(0)
    (folder / "damaged.txt").write_text(damaged.text, encoding="utf-8")
    (folder / "stacked.pdf").write_bytes(stacked.pdf)
    with Store(db) as store:
        for role, (record, pages) in records.items():
            digest = hashlib.sha256("\f".join(pages).encode()).hexdigest()
            ids[role] = store.ingest(record, content_hash=digest, raw_pages=pages).doc_id
        for role, name in (("damaged", "damaged.txt"), ("pdf", "stacked.pdf")):
            rows, digest = prepare(str(folder / name))
            ids[role] = store.ingest_rows(rows, content_hash=digest).doc_id
    return ids


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("web")
    return folder / "corpus.db", build_corpus(folder)


@pytest.fixture(scope="module")
def client(corpus) -> TestClient:
    return TestClient(create_app(corpus[0]), raise_server_exceptions=True)


@pytest.fixture(scope="module")
def ids(corpus) -> dict[str, int]:
    return corpus[1]


def twin_of(page: str) -> str:
    """The JSON twin an HTML page links (``<link rel="alternate" ...>``)."""
    found = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)"', page)
    assert found, "page does not link its JSON twin"
    return html.unescape(found.group(1))


def fold(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


# --- search ---------------------------------------------------------------------------------


def test_search_returns_hits_with_snippets_on_the_right_page(client, ids):
    result = client.get("/api/search", params={"q": "defensiebudget"}).json()
    assert result["total"] >= 3 and result["q"] == "defensiebudget"
    assert {ids["defence"], ids["cited"], ids["defence14"]} <= {h["doc_id"] for h in result["hits"]}
    for hit in result["hits"]:
        assert hit["page"] >= 1 and "[" in hit["snippet"], hit
        marked = re.findall(r"\[([^\]]+)\]", hit["snippet"])
        page = client.get(f"/api/documents/{hit['doc_id']}/pages/{hit['page']}").json()
        assert all(fold(word) in fold(page["text"]) for word in marked), (marked, hit)


def test_search_filters_and_paging(client, ids):
    everything = client.get("/api/search", params={"q": "defensiebudget"}).json()
    dated = client.get(
        "/api/search", params={"q": "defensiebudget", "date_from": "2022", "date_to": "2022-12"}
    ).json()
    assert 0 < dated["total"] < everything["total"]
    assert all(h["date"].startswith("2022") for h in dated["hits"])
    first = client.get("/api/search", params={"q": "defensiebudget", "limit": 1}).json()
    assert len(first["hits"]) == 1 and first["next"].startswith("?")
    second = client.get(f"/api/search{first['next']}").json()
    assert second["offset"] == 1 and second["hits"][0]["doc_id"] != first["hits"][0]["doc_id"]
    page = client.get("/search", params={"q": "defensiebudget", "sender": "Defensie"})
    assert page.status_code == 200 and "<mark>" in page.text


@pytest.mark.parametrize("query", ['"niet gesloten', "(defensie", "defensie AND", "NEAR(a b"])
def test_malformed_query_is_400_with_the_message(client, query):
    answer = client.get("/api/search", params={"q": query})
    assert answer.status_code == 400
    body = answer.json()
    assert body["ok"] is False and body["status"] == 400 and body["errors"][0]
    page = client.get("/search", params={"q": query})
    assert page.status_code == 400 and "text/html" in page.headers["content-type"]
    assert str(escape(body["errors"][0])) in page.text
    assert f'value="{escape(query)}"' in page.text  # the form keeps the query to correct


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/search?limit=0&q=a", 400),
        ("/api/search?limit=abc&q=a", 400),
        ("/api/documents?date_from=gisteren", 400),
        ("/api/documents/abc", 400),
        ("/api/documents/0", 400),
        ("/api/documents/99999999999999999999999", 400),
        ("/documents/abc", 400),
        ("/search?q=a&limit=100000", 400),
        ("/search?q=a&date_to=morgen", 400),
        ("/facts?doc_id=x", 400),
    ],
)
def test_bad_parameters_are_400_never_500(client, url, status):
    answer = client.get(url)
    assert answer.status_code == status, answer.text
    if url.startswith("/api/"):
        assert answer.json()["ok"] is False and answer.json()["errors"]


# --- not found ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/documents/999",
        "/api/documents/999/pages/1",
        "/api/documents/999/references",
        "/api/documents/{defence}/pages/99",
        "/documents/999",
        "/documents/{defence}/pages/99",
        "/api/nothing-here",
        "/nothing-here",
    ],
)
def test_unknown_id_page_or_route_is_404(client, ids, url):
    answer = client.get(url.format(**ids))
    assert answer.status_code == 404
    if url.startswith("/api/"):
        body = answer.json()
        assert body == {"ok": False, "errors": body["errors"], "status": 404}
        assert str(client.app.state.db_path.parent) not in body["errors"][0]  # no server paths
    else:
        assert "Error 404" in answer.text


# --- escaping -------------------------------------------------------------------------------


def test_markup_in_a_document_is_shown_as_text(client, ids):
    doc_id = ids["markup"]
    stored = client.get(f"/api/documents/{doc_id}").json()
    assert MARKUP in stored["metadata"]["subject"]  # the store and the API keep it raw
    for url in (f"/documents/{doc_id}", f"/documents/{doc_id}/pages/1", "/documents", "/"):
        page = client.get(url).text
        assert "<script" not in page and not re.search(r"<b\s", page), url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url
    found = client.get("/search", params={"q": MARKUP_WORD})
    assert found.status_code == 200 and "<script>" not in found.text
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in found.text
    assert "script-src 'none'" in found.headers["content-security-policy"]


# --- pages and their twins ------------------------------------------------------------------


def test_every_page_renders_and_links_its_json_twin(client, ids):
    pages = [
        "/",
        "/search",
        "/search?q=defensiebudget",
        "/documents",
        f"/documents/{ids['defence']}",
        f"/documents/{ids['damaged']}/pages/2",
        "/facts",
        "/facts?measure=defensiebudget",
    ]
    for url in pages:
        page = client.get(url)
        assert page.status_code == 200, url
        assert page.headers["content-type"].startswith("text/html")
        assert "<script" not in page.text and not re.search(
            r'(src|href)="https?://[^"]*\.(js|css)', page.text
        )
        twin = twin_of(page.text)
        assert twin.startswith("/api/") and f'href="{html.escape(twin)}"' in page.text
        assert client.get(twin).status_code == 200, twin  # /search's twin: every letter


def test_search_page_agrees_with_its_twin(client):
    page = client.get("/search", params={"q": "defensiebudget", "limit": 2})
    twin = client.get(twin_of(page.text)).json()
    assert twin == client.get("/api/search", params={"q": "defensiebudget", "limit": 2}).json()
    shown = re.findall(r'class="hit-page" href="/documents/(\d+)/pages/(\d+)"', page.text)
    assert shown == [(str(h["doc_id"]), str(h["page"])) for h in twin["hits"]]
    assert f"{twin['total']} hits" in page.text


def test_document_page_agrees_with_its_twin(client, ids):
    doc_id = ids["defence"]
    page = client.get(f"/documents/{doc_id}").text
    twin = client.get(twin_of(page)).json()
    assert twin == data.document_data(Store(Path(client.app.state.db_path), readonly=True), doc_id)
    assert html.escape(twin["metadata"]["subject"]) in page
    for section in twin["sections"]:
        for paragraph in section["paragraphs"]:
            assert html.escape(paragraph["text"]) in page
    rows = re.findall(r"<tr>\s*<td>(?:<a[^>]*>)?[^<]*(?:</a>)?</td>\s*<td>", page)
    assert len(twin["facts"]) > 10 and len(rows) >= len(twin["facts"])
    for number in range(1, twin["pages"] + 1):
        assert f'id="page-{number}"' in page  # clean text marked by page


def test_references_link_inside_the_corpus_or_to_the_official_site(client, ids):
    doc = client.get(f"/api/documents/{ids['defence']}").json()
    internal = [r for r in doc["references"] if r["target_id"] is not None]
    assert [r["target_id"] for r in internal] == [ids["cited"]]
    page = client.get(f"/documents/{ids['defence']}").text
    assert f'class="internal" href="/documents/{ids["cited"]}"' in page
    for reference in doc["references"]:
        if reference["target_id"] is None and reference.get("url"):
            assert f'href="{html.escape(reference["url"])}"' in page
    listed = client.get(f"/api/documents/{ids['defence']}/references").json()
    assert listed == {"doc_id": ids["defence"], "references": doc["references"]}


def test_raw_vs_recovered_page_shows_what_was_removed_and_why(client, ids):
    doc_id = ids["damaged"]
    doc = client.get(f"/api/documents/{doc_id}").json()
    broken = [p for p in doc["page_summaries"] if p["diagnosis"] != "clean"]
    assert broken, doc["page_summaries"]
    number = broken[-1]["number"]
    page = client.get(f"/api/documents/{doc_id}/pages/{number}").json()
    assert page["raw"] != page["text"] and page["removed"]
    shown = client.get(f"/documents/{doc_id}/pages/{number}").text
    assert 'class="side-by-side"' in shown
    assert html.escape(page["text"], quote=False) in shown.replace("&#39;", "'")
    for removal in page["removed"]:
        assert f"<td>{html.escape(removal['reason'])}</td>" in shown
    # the raw text marks each removed character where it was, with the reason
    raw = page["raw"]
    for removal in page["removed"]:
        marked = "".join(raw[start:end] for start, end in removal["at"])
        assert len(marked) == removal["chars"]
        assert marked == removal["text"].replace("\n", "")  # pieces of lines, joined
        first, end = removal["at"][0]
        tag = f'<del class="removed" title="{html.escape(removal["reason"])}">'
        assert tag + html.escape(raw[first:end], quote=False) in shown.replace("&#39;", "'")


def test_hidden_text_audit(client, ids):
    pdf = client.get(f"/api/documents/{ids['pdf']}").json()
    assert pdf["kind"] == "pdf" and pdf["hidden"], "the stacked PDF hides earlier pages"
    page = client.get(f"/documents/{ids['pdf']}").text
    assert f"hid {len(pdf['hidden'])} run" in page and 'class="list hidden"' in page
    text = client.get(f"/documents/{ids['defence']}").text
    assert "None recorded" in text


def test_facts_page_compares_a_measure_across_subjects_and_years(client):
    result = client.get("/api/facts", params={"measure": "defensiebudget"}).json()
    assert result["facts"] and all(f["measure"] == "defensiebudget" for f in result["facts"])
    (chart,) = [c for c in result["charts"] if c["unit"] == "EUR"]
    assert len(chart["subjects"]) >= 3 and len(chart["years"]) >= 3
    page = client.get("/facts", params={"measure": "defensiebudget"}).text
    assert twin_of(page) == "/api/facts?measure=defensiebudget"
    bars = re.findall(r'<rect class="bar"[^>]*data-subject="([^"]+)" data-year="(\d+)"', page)
    points = [p for c in result["charts"] for p in c["points"]]
    assert sorted(bars) == sorted((html.escape(p["subject"]), str(p["year"])) for p in points)
    assert page.count("<tr>") - 1 == len(result["facts"])  # the table: a row per fact
    both = client.get(
        "/api/facts", params=[("measure", "defensiebudget"), ("measure", "defensie-uitgaven")]
    ).json()
    assert {(c["measure"], c["unit"]) for c in both["charts"]} >= {
        ("defensiebudget", "EUR"),
        ("defensie-uitgaven", "% BBP"),
    }
    assert "defensiebudget" in {m["measure"] for m in client.get("/api/facts").json()["measures"]}
    # a table cut short by its limit still charts every subject and year
    few = client.get("/api/facts", params={"measure": "defensiebudget", "limit": 2}).json()
    assert few["truncated"] and len(few["facts"]) == 2
    assert few["charts"] == result["charts"]


def test_documents_list_and_filters(client, ids):
    everything = client.get("/api/documents").json()
    assert {d["id"] for d in everything["documents"]} == set(ids.values())
    defence = client.get("/api/documents", params={"sender": "defensie"}).json()
    found = {d["id"] for d in defence["documents"]}
    assert {ids["defence"], ids["cited"], ids["defence14"]} <= found and ids["markup"] not in found
    page = client.get("/documents", params={"sender": "defensie"}).text
    assert all(f'href="/documents/{d["id"]}"' in page for d in defence["documents"])


# --- limits and read-only -------------------------------------------------------------------


def test_request_size_limits(client):
    long_query = client.get("/api/search", params={"q": "a" * 5000})
    assert long_query.status_code == 414 and long_query.json()["ok"] is False
    too_long_q = client.get("/api/search", params={"q": "defensie " * 70})
    assert too_long_q.status_code == 400
    body = client.request("GET", "/api/stats", content=b"x" * 100_000)
    assert body.status_code == 413 and body.json()["status"] == 413
    page = client.get("/search?q=" + "b" * 5000)
    assert page.status_code == 414 and "text/html" in page.headers["content-type"]


def test_read_only(client, corpus):
    db = corpus[0]
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        answer = client.request(method, "/api/documents/1")
        assert answer.status_code == 405 and "read-only" in answer.json()["errors"][0]
    client.get("/api/search", params={"q": "defensie"})
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_readers_keep_working_while_a_writer_holds_the_store(client, corpus):
    writer = sqlite3.connect(corpus[0], isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # as an ingest does, one letter per transaction
        writer.execute("DELETE FROM facts")
        assert client.get("/api/facts", params={"measure": "defensiebudget"}).json()["facts"]
        assert client.get("/search", params={"q": "defensiebudget"}).status_code == 200
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_time_limit_stops_a_slow_statement(corpus, monkeypatch):
    db = corpus[0]
    slow = TestClient(create_app(db, time_limit=0.0))  # SQLite is interrupted at its first check
    answer = slow.get("/api/facts", params={"measure": "defensiebudget"})
    assert answer.status_code == 503 and "longer than" in answer.json()["errors"][0]
    page = slow.get("/facts")
    assert page.status_code == 503 and "longer than" in page.text


def test_time_limit_answers_even_when_the_worker_hangs(corpus, monkeypatch):
    import time

    def stuck(store):
        time.sleep(1.0)
        return {}

    monkeypatch.setattr(data, "stats_data", stuck)
    hung = TestClient(create_app(corpus[0], time_limit=0.05))
    started = time.monotonic()
    answer = hung.get("/api/stats")
    assert answer.status_code == 503 and time.monotonic() - started < 0.9


def test_store_errors_are_not_500(corpus, tmp_path):
    with pytest.raises(Exception, match="no such database"):
        create_app(tmp_path / "missing.db")
    (tmp_path / "not-a-store.db").write_bytes(b"hello")
    with pytest.raises(Exception, match="not an ontwar store"):
        create_app(tmp_path / "not-a-store.db")


def test_openapi_schema_describes_every_api_route(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/documents/{doc_id}/pages/{number}",
        "/api/documents/{doc_id}/references",
        "/api/search",
        "/api/facts",
        "/api/stats",
    ):
        responses = paths[path]["get"]["responses"]
        assert "$ref" in str(responses["200"]) and "400" in responses and "404" in responses
        assert "422" not in responses
    assert not any(p.startswith(("/documents", "/search", "/facts")) for p in paths)


# --- the command ----------------------------------------------------------------------------


def test_serve_command_refuses_a_missing_database(tmp_path):
    from ontwar.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "none.db" in result.output and "ontwar ingest" in result.output


def test_escaping_uses_the_stores_markers():
    from ontwar.web.render import highlight

    assert str(highlight("a [b] <c>")) == "a <mark>b</mark> &lt;c&gt;"


# --- the seed (the real letter, when ../shared is beside this checkout) ----------------------


def test_seed_is_found_and_its_facts_are_on_the_facts_page(tmp_path):
    from bench.seedtruth import seed_path

    seed = seed_path()
    if seed is None:
        pytest.skip("the seed letter lives in ../shared/seed, which is not beside this checkout")
    rows, digest = prepare(str(seed))
    with Store(tmp_path / "seed.db") as store:
        doc_id = store.ingest_rows(rows, content_hash=digest).doc_id
    client = TestClient(create_app(tmp_path / "seed.db"))
    for query in ("MGCS", "defensiebudget", "strategische partners", "Belgie"):
        (hit,) = client.get("/api/search", params={"q": query}).json()["hits"]
        assert hit["doc_id"] == doc_id and hit["page"] >= 1 and "[" in hit["snippet"], query
        page = client.get("/search", params={"q": query}).text
        assert f'href="/documents/{doc_id}/pages/{hit["page"]}"' in page and "<mark>" in page
    facts = client.get(f"/api/documents/{doc_id}").json()["facts"]
    measures = {f["measure"] for f in facts if f["measure"] and f["subject"] and f["year"]}
    assert {"defensiebudget", "defensie-uitgaven"} <= measures
    for measure in sorted(measures):
        stated = [f for f in facts if f["measure"] == measure]
        listed = client.get("/api/facts", params={"measure": measure}).json()
        assert len(listed["facts"]) == len(stated), measure
        page = client.get("/facts", params={"measure": measure}).text
        assert page.count(f'href="/documents/{doc_id}') >= len(stated), measure
        assert page.count('<rect class="bar"') == sum(len(c["points"]) for c in listed["charts"])
