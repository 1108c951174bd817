"""End to end in a real browser: ``ontwar serve`` in its own process, Debian's headless Chromium.

Playwright drives ``/usr/bin/chromium`` (the Debian package ``make setup`` installs; never a
Playwright browser download). The test searches a word, opens the letter it finds, checks the
rendered clean text against the API, follows a fact to the facts page and checks its chart's
bars against the data; and it opens the letter with markup in its text and checks that no
script ran. Without Chromium the test skips locally, saying why, and fails in CI (``CI=true``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_web import MARKUP, build_corpus

CHROMIUM = Path(os.environ.get("ONTWAR_CHROMIUM", "/usr/bin/chromium"))
#: Seconds to wait for the server to say where it listens.
STARTUP = 20.0


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        message = (
            f"Debian chromium is not installed ({CHROMIUM} missing): `make setup` installs it "
            "(apt-get install chromium), or set ONTWAR_CHROMIUM to a Chromium binary"
        )
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, dict[str, int]]]:
    """``ontwar serve --port 0`` on a corpus of generated letters; its URL and the letters."""
    folder = tmp_path_factory.mktemp("e2e")
    ids = build_corpus(folder)
    command = [sys.executable, "-c", "from ontwar.cli import main; main()"]
    process = subprocess.Popen(
        [*command, "serve", "--db", str(folder / "corpus.db"), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + STARTUP
        line = ""
        while "http://" not in line and time.monotonic() < deadline:
            line = process.stderr.readline() if process.stderr else ""
            if not line and process.poll() is not None:
                break
        found = re.search(r"http://[\w.\[\]:]+/", line)
        assert found, f"ontwar serve did not start: {line!r} (exit {process.poll()})"
        yield found.group(0).rstrip("/"), ids
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), headless=True)
        yield launched
        launched.close()


def test_search_open_letter_and_compare_facts(browser, server):
    base, ids = server
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # search a word
    page.goto(f"{base}/")
    page.fill("#q", "defensiebudget")
    page.press("#q", "Enter")
    page.wait_for_selector("li.hit")
    marked = page.locator("li.hit mark").all_inner_texts()
    assert marked and all(word.casefold() == "defensiebudget" for word in marked)
    hits = page.request.get(f"{base}/api/search?q=defensiebudget").json()["hits"]
    assert page.locator("li.hit").count() == len(hits)

    # open the first letter it found; its clean text is the API's
    page.locator("a.hit-title").first.click()
    page.wait_for_selector("article.document")
    doc_id = int(page.url.split("/documents/")[1].split("#")[0])
    twin = page.locator('link[rel="alternate"]').get_attribute("href")
    assert twin == f"/api/documents/{doc_id}"
    record = page.request.get(f"{base}{twin}").json()
    assert page.locator("h1").inner_text() == record["metadata"]["subject"]
    shown = page.locator("#text p").all_inner_texts()
    written = [p["text"] for s in record["sections"] for p in s["paragraphs"]]
    assert written and all(text in shown for text in written)
    assert page.locator("#text .page-marker").count() == record["pages"]
    assert page.locator("#facts tbody tr").count() == len(record["facts"])

    # follow a fact to the facts page: the chart draws one bar per subject and year
    page.locator('#facts a[href="/facts?measure=defensiebudget"]').first.click()
    page.wait_for_selector("svg.chart")
    data = page.request.get(f"{base}/api/facts?measure=defensiebudget").json()
    points = [point for chart in data["charts"] for point in chart["points"]]
    bars = page.locator("svg.chart rect.bar")
    assert bars.count() == len(points) > 5
    drawn = {
        (bar.get_attribute("data-subject"), int(bar.get_attribute("data-year") or 0)): (
            float(bar.get_attribute("data-value") or "nan"),
            float(bar.get_attribute("height") or 0),
        )
        for bar in bars.all()
    }
    assert drawn.keys() == {(p["subject"], p["year"]) for p in points}
    euros = next(c for c in data["charts"] if c["unit"] == "EUR")
    tallest = max(euros["points"], key=lambda p: p["value"])
    lowest = min(euros["points"], key=lambda p: p["value"])
    assert (
        drawn[(tallest["subject"], tallest["year"])][1]
        > drawn[(lowest["subject"], lowest["year"])][1]
    )
    box = page.locator("svg.chart").first.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 150  # rendered, not just in the DOM

    # markup in a letter is shown as text and never runs
    page.goto(f"{base}/documents/{ids['markup']}")
    assert MARKUP in page.locator("h1").inner_text()
    assert page.locator("article script, article b[onmouseover]").count() == 0
    assert dialogs == []
    page.close()
