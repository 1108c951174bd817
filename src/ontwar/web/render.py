"""Small pieces of HTML the templates cannot write safely themselves.

Document text is always escaped first; only then are the store's highlight markers turned into
``<mark>`` elements (the store shows a letter's own brackets as parentheses inside snippets, so
every marker in a snippet is one of its own).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from markupsafe import Markup

from ontwar.store import MARK_END as HIGHLIGHT_END
from ontwar.store import MARK_START as HIGHLIGHT_START


def highlight(snippet: str | None) -> Markup:
    """A search snippet as HTML: the text escaped, the store's highlights as ``<mark>``.

    >>> str(highlight(f"a {HIGHLIGHT_START}<b>{HIGHLIGHT_END} c"))
    'a <mark>&lt;b&gt;</mark> c'

    An unbalanced marker (a snippet cut inside a highlight) still yields balanced HTML.

    >>> str(highlight(f"x {HIGHLIGHT_START}y"))
    'x <mark>y</mark>'
    """
    out: list[str] = []
    open_mark = False
    text = snippet or ""
    position = 0
    while position < len(text):
        start = text.find(HIGHLIGHT_START, position) if not open_mark else -1
        end = text.find(HIGHLIGHT_END, position) if open_mark else -1
        marker = start if not open_mark else end
        if marker < 0:
            out.append(escape(text[position:], quote=False))
            break
        out.append(escape(text[position:marker], quote=False))
        out.append("</mark>" if open_mark else "<mark>")
        position = marker + len(HIGHLIGHT_END if open_mark else HIGHLIGHT_START)
        open_mark = not open_mark
    if open_mark:
        out.append("</mark>")
    return Markup("".join(out).replace(HIGHLIGHT_END, "").replace(HIGHLIGHT_START, ""))


def removed_marks(raw: str | None, removed: Sequence[Mapping[str, Any]]) -> Markup:
    """A page's raw text as HTML, what recovery removed from it in ``<del>`` (reason as title).

    The store gives each removal ``at``: its spans in the raw text (absent for input whose raw
    text is not the source's own, such as a PDF's visible text: then nothing is marked).

    >>> str(removed_marks("a<b>c", [{"reason": "earlier layer", "at": [[1, 4]]}]))
    'a<del class="removed" title="earlier layer">&lt;b&gt;</del>c'
    """
    text = raw or ""
    runs = sorted(
        (start, end, str(item.get("reason") or ""))
        for item in removed
        for start, end in item.get("at") or ()
    )
    out: list[str] = []
    position = 0
    for start, end, reason in runs:
        start = max(start, position)
        if start >= end:
            continue
        out.append(escape(text[position:start], quote=False))
        out.append(f'<del class="removed" title="{escape(reason)}">')
        out.append(escape(text[start:end], quote=False) + "</del>")
        position = end
    out.append(escape(text[position:], quote=False))
    return Markup("".join(out))


def error_page(status: int, message: str) -> str:
    """A minimal error page for requests rejected before any template could be used.

    >>> "&lt;x&gt;" in error_page(414, "<x>")
    True
    """
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{status} · ontwar</title>"
        '<link rel="stylesheet" href="/static/style.css"></head><body><main>'
        f'<h1>Error {status}</h1><p class="error">{escape(message)}</p>'
        '<p><a href="/">Back to the search page</a></p></main></body></html>'
    )
