"""``ontwar serve``: the corpus as a JSON API and as server-rendered pages, read-only.

Every HTML page has a JSON twin under ``/api`` (``/documents/7`` and ``/api/documents/7``) and
both call the same function of :mod:`ontwar.web.data`, datasette style. Errors are
``{"ok": false, "errors": [...], "status": N}`` in JSON and a page saying the same in HTML:
malformed search syntax and bad parameters are 400, an unknown id or page 404, a request over
the size limits 413/414, one over the time limit 503. The store is opened read-only per
request; a SQLite progress handler stops any statement that runs past the request's deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import sqlite3
import time
from collections.abc import Awaitable, Callable, Mapping
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, TypeVar

import anyio
import anyio.to_thread
import jinja2
from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from pydantic import StringConstraints
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ontwar import __version__
from ontwar.store import Store
from ontwar.store.errors import (
    DatabaseMissing,
    NotFound,
    QuerySyntaxError,
    SchemaError,
    StoreError,
)
from ontwar.web import data, render
from ontwar.web.chart import format_value, render_svg
from ontwar.web.models import (
    DocumentList,
    DocumentModel,
    Error,
    FactList,
    PageModel,
    ReferenceList,
    SearchModel,
    StatsModel,
)

T = TypeVar("T")

#: Seconds one request may take (the store's statements are interrupted at this deadline).
TIME_LIMIT = 5.0
#: Longest query string and path accepted, in bytes (longer: 414).
MAX_QUERY = 4096
MAX_PATH = 2048
#: Largest request body accepted, in bytes (longer: 413). Every route is a GET; none needs one.
MAX_BODY = 16 * 1024
#: Longest filter value (sender, subject, reference, measure, unit), in characters.
FILTER_MAX = 200
#: SQLite virtual machine steps between two deadline checks.
PROGRESS_STEPS = 1_000
#: Dates as the store takes them: a year, a month or a day.
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
#: Largest document or page number a route accepts (SQLite integers are 64-bit).
ID_MAX = 2**63 - 1

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Error, "description": "Malformed query syntax or a bad parameter."},
    404: {"model": Error, "description": "No such document, page or route."},
    413: {"model": Error, "description": "Request body over the size limit."},
    414: {"model": Error, "description": "Path or query string over the size limit."},
    503: {"model": Error, "description": "Over the time limit, or the store is busy."},
}

#: What every API route declares: its error answers; and it leaves out fields the store did not
#: give rather than filling in nulls, so the JSON is the data function's, key for key.
API: dict[str, Any] = {"responses": ERRORS, "response_model_exclude_unset": True}


# Parameters of the API routes (FastAPI checks them; the HTML pages parse theirs by hand).
Limit = Annotated[int, Query(ge=1, le=data.DOCUMENTS_MAX, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=data.OFFSET_MAX, description="Rows to skip.")]
Filter = Annotated[str | None, Query(max_length=FILTER_MAX)]
FilterText = Annotated[str, StringConstraints(max_length=FILTER_MAX)]
DateFrom = Annotated[
    str | None,
    Query(pattern=DATE_PATTERN, description="Letters dated on or after (YYYY[-MM[-DD]])."),
]
DateTo = Annotated[
    str | None,
    Query(pattern=DATE_PATTERN, description="Letters dated on or before (YYYY[-MM[-DD]])."),
]
DocId = Annotated[int, PathParam(ge=1, le=ID_MAX, description="Document id.")]
PageNo = Annotated[int, PathParam(ge=1, le=ID_MAX, description="Page number, from 1.")]


class BadRequest(Exception):
    """A parameter the route cannot use; the message says which, what it got and what works."""


class TimeLimit(Exception):
    """The request ran past its deadline."""


# --- the app --------------------------------------------------------------------------------


def create_app(db_path: str | Path, *, time_limit: float = TIME_LIMIT) -> FastAPI:
    """The web app over the store at ``db_path``, opened read-only (it must exist).

    Raises the store's error when the file is not an ontwar store, so ``ontwar serve`` can
    say so before it listens.
    """
    db_path = Path(db_path)
    Store(db_path, readonly=True).close()
    app = FastAPI(
        title="ontwar",
        version=__version__,
        description=(
            "Dutch government letters to parliament as structured, searchable records: "
            "documents, pages (raw beside recovered), full-text search, references and facts. "
            "Read-only. Errors are `{ok: false, errors: [...], status}`."
        ),
        docs_url=None,  # Swagger UI needs scripts from a CDN; pages here run none
        redoc_url=None,
    )
    app.state.db_path = db_path
    app.state.time_limit = time_limit
    web = _Web(app, db_path, time_limit)
    web.routes()
    app.add_middleware(_Limits)
    _errors(app, web)
    app.mount("/static", StaticFiles(directory=str(files("ontwar.web") / "static")), "static")
    _openapi_without_422(app)
    return app


class _Web:
    """The routes, the store opener and the templates of one app."""

    def __init__(self, app: FastAPI, db_path: Path, time_limit: float) -> None:
        self.app, self.db_path, self.time_limit = app, db_path, time_limit
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(files("ontwar.web") / "templates")),
            autoescape=True,
            undefined=jinja2.ChainableUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.filters["highlight"] = render.highlight
        env.filters["removed_marks"] = render.removed_marks
        env.filters["value"] = lambda v, unit=None: format_value(v, unit)
        env.filters["chart"] = lambda chart, i=0: Markup(render_svg(chart, chart_id=f"chart-{i}"))
        env.filters["confidence"] = lambda v: "" if v is None else f"{float(v):.0%}"
        env.globals["version"] = __version__
        env.globals["measures_max"] = data.MEASURES_MAX
        self.templates = Jinja2Templates(env=env)

    async def call(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``work(store, ...)`` in a worker thread on a fresh read-only store, in time.

        The progress handler interrupts SQLite at the deadline; the outer timeout answers even
        if the worker is stuck outside SQLite (the worker is then abandoned, its store closed
        when it returns).
        """
        deadline = time.monotonic() + self.time_limit
        opened: list[Any] = []

        def job() -> T:
            store = Store(self.db_path, readonly=True)
            opened.append(store)
            connection = _connection(store)
            if connection is not None:
                connection.set_progress_handler(
                    lambda: int(time.monotonic() > deadline), PROGRESS_STEPS
                )
            try:
                return work(store, *args, **kwargs)
            finally:
                store.close()

        try:
            with anyio.fail_after(self.time_limit + 0.5):
                return await anyio.to_thread.run_sync(job, abandon_on_cancel=True)
        except TimeoutError:
            for store in opened:
                connection = _connection(store)
                if connection is not None:
                    with contextlib.suppress(sqlite3.ProgrammingError):  # closed meanwhile
                        connection.interrupt()
            raise TimeLimit() from None

    def page(
        self, request: Request, template: str, context: Mapping[str, Any], status: int = 200
    ) -> HTMLResponse:
        json_url = _twin(request)
        return self.templates.TemplateResponse(
            request,
            template,
            {"json_url": json_url, "path": request.url.path, **context},
            status_code=status,
        )

    # -- routes ------------------------------------------------------------------------------

    def routes(self) -> None:
        app = self.app
        # JSON API ----------------------------------------------------------------------------

        @app.get("/api/stats", response_model=StatsModel, **API, tags=["corpus"])
        async def api_stats() -> Any:
            """Corpus counts (JSON twin of `/`)."""
            return await self.call(data.stats_data)

        @app.get("/api/documents", response_model=DocumentList, **API, tags=["corpus"])
        async def api_documents(
            limit: Limit = data.DOCUMENTS_LIMIT,
            offset: Offset = 0,
            sender: Filter = None,
            date_from: DateFrom = None,
            date_to: DateTo = None,
        ) -> Any:
            """Documents, filtered by sender and date range (JSON twin of `/documents`)."""
            return await self.call(
                data.documents_data,
                limit=limit,
                offset=offset,
                sender=_blank(sender),
                date_from=_blank(date_from),
                date_to=_blank(date_to),
            )

        @app.get(
            "/api/documents/{doc_id}",
            response_model=DocumentModel,
            **API,
            tags=["documents"],
        )
        async def api_document(doc_id: DocId) -> Any:
            """One letter record (JSON twin of `/documents/{doc_id}`)."""
            return await self.call(data.document_data, doc_id)

        @app.get(
            "/api/documents/{doc_id}/pages/{number}",
            response_model=PageModel,
            **API,
            tags=["documents"],
        )
        async def api_page(doc_id: DocId, number: PageNo) -> Any:
            """Raw vs recovered text of one page (JSON twin of its page view)."""
            return await self.call(data.page_data, doc_id, number)

        @app.get(
            "/api/documents/{doc_id}/references",
            response_model=ReferenceList,
            **API,
            tags=["documents"],
        )
        async def api_references(doc_id: DocId) -> Any:
            """Documents this letter cites; `target_id` when the cited one is in the corpus."""
            return await self.call(data.references_data, doc_id)

        @app.get("/api/search", response_model=SearchModel, **API, tags=["search"])
        async def api_search(
            q: Annotated[
                str,
                Query(
                    max_length=data.QUERY_MAX,
                    description=(
                        'Words (Dutch stems, accents folded), "phrases", prefix*, AND, OR, '
                        "NOT, NEAR(a b, 5). Empty: the letters the filters allow, newest first."
                    ),
                ),
            ] = "",
            limit: Annotated[int, Query(ge=1, le=data.SEARCH_MAX)] = data.SEARCH_LIMIT,
            offset: Offset = 0,
            sender: Filter = None,
            date_from: DateFrom = None,
            date_to: DateTo = None,
            reference: Filter = None,
            subject: Filter = None,
        ) -> Any:
            """Full-text search with snippets and page numbers (JSON twin of `/search`)."""
            return await self.call(
                data.search_data,
                q,
                limit=limit,
                offset=offset,
                sender=_blank(sender),
                date_from=_blank(date_from),
                date_to=_blank(date_to),
                reference=_blank(reference),
                subject=_blank(subject),
            )

        @app.get("/api/facts", response_model=FactList, **API, tags=["facts"])
        async def api_facts(
            measure: Annotated[
                list[FilterText] | None,
                Query(max_length=data.MEASURES_MAX, description="One or more measures."),
            ] = None,
            subject: Filter = None,
            unit: Filter = None,
            doc_id: Annotated[int | None, Query(ge=1, le=ID_MAX)] = None,
            limit: Annotated[int, Query(ge=1, le=data.FACTS_MAX)] = data.FACTS_LIMIT,
        ) -> Any:
            """Facts and their comparison across subjects and years (JSON twin of `/facts`)."""
            return await self.call(
                data.facts_data,
                measures=_measures(measure or []),
                subject=_blank(subject),
                unit=_blank(unit),
                doc_id=doc_id,
                limit=limit,
            )

        # HTML pages --------------------------------------------------------------------------

        @app.get("/", response_class=HTMLResponse, include_in_schema=False)
        async def home(request: Request) -> Response:
            stats = await self.call(data.stats_data)
            recent = await self.call(data.documents_data, limit=10)
            return self.page(request, "home.html", {"stats": stats, "recent": recent})

        @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
        async def search_page(request: Request) -> Response:
            params = request.query_params
            q = _text(params, "q", data.QUERY_MAX)
            form = {
                "q": q,
                "sender": _text(params, "sender"),
                "subject": _text(params, "subject"),
                "reference": _text(params, "reference"),
                "date_from": _date(params, "date_from"),
                "date_to": _date(params, "date_to"),
            }
            limit = _int(params, "limit", data.SEARCH_LIMIT, 1, data.SEARCH_MAX)
            offset = _int(params, "offset", 0, 0, data.OFFSET_MAX)
            result, errors = None, []
            if any(form.values()):
                filters = {k: v for k, v in form.items() if k != "q"}
                try:
                    result = await self.call(
                        data.search_data, q or "", limit=limit, offset=offset, **filters
                    )
                except QuerySyntaxError as error:  # shown above the form, to correct in place
                    errors = [str(error)]
            context = {"form": form, "result": result, "errors": errors}
            return self.page(request, "search.html", context, 400 if errors else 200)

        @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
        async def documents_page(request: Request) -> Response:
            params = request.query_params
            form = {
                "sender": _text(params, "sender"),
                "date_from": _date(params, "date_from"),
                "date_to": _date(params, "date_to"),
            }
            result = await self.call(
                data.documents_data,
                limit=_int(params, "limit", data.DOCUMENTS_LIMIT, 1, data.DOCUMENTS_MAX),
                offset=_int(params, "offset", 0, 0, data.OFFSET_MAX),
                **form,
            )
            return self.page(request, "documents.html", {"form": form, "result": result})

        @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
        async def document_page(request: Request, doc_id: str) -> Response:
            document = await self.call(data.document_data, _id(doc_id, "document id"))
            return self.page(request, "document.html", {"doc": document})

        @app.get(
            "/documents/{doc_id}/pages/{number}",
            response_class=HTMLResponse,
            include_in_schema=False,
        )
        async def page_page(request: Request, doc_id: str, number: str) -> Response:
            page = await self.call(
                data.page_data, _id(doc_id, "document id"), _id(number, "page number")
            )
            return self.page(request, "page.html", {"page": page})

        @app.get("/facts", response_class=HTMLResponse, include_in_schema=False)
        async def facts_page(request: Request) -> Response:
            params = request.query_params
            raw_doc = _text(params, "doc_id")
            form = {
                "measures": _measures(params.getlist("measure")),
                "subject": _text(params, "subject"),
                "unit": _text(params, "unit"),
                "doc_id": _id(raw_doc, "doc_id") if raw_doc else None,
            }
            result = await self.call(
                data.facts_data,
                limit=_int(params, "limit", data.FACTS_LIMIT, 1, data.FACTS_MAX),
                **form,
            )
            return self.page(request, "facts.html", {"form": form, "result": result})

    # -- errors ------------------------------------------------------------------------------

    def error(self, request: Request, status: int, messages: list[str]) -> Response:
        """The error as JSON for the API, as a page for a browser.

        Messages name the store by file name only: where it lives on the server is not the
        client's business.
        """
        folder = str(self.db_path.resolve().parent)
        messages = [
            m.replace(str(self.db_path.resolve()), self.db_path.name)
            .replace(str(self.db_path), self.db_path.name)
            .replace(folder + "/", "")
            for m in messages
        ]
        if _wants_json(request.scope):
            return JSONResponse(
                {"ok": False, "errors": messages, "status": status}, status_code=status
            )
        return self.page(
            request, "error.html", {"status": status, "errors": messages}, status=status
        )


def _errors(app: FastAPI, web: _Web) -> None:
    """Every failure becomes the shaped error with its status; none is a 500 by design."""

    def handle(
        status: int, message: Callable[[Any], list[str]]
    ) -> Callable[[Request, Any], Awaitable[Response]]:
        async def handler(request: Request, error: Any) -> Response:
            return web.error(request, status, message(error))

        return handler

    app.add_exception_handler(BadRequest, handle(400, lambda e: [str(e)]))
    app.add_exception_handler(QuerySyntaxError, handle(400, lambda e: [str(e)]))
    app.add_exception_handler(NotFound, handle(404, lambda e: [str(e)]))
    app.add_exception_handler(DatabaseMissing, handle(503, lambda e: [str(e)]))
    app.add_exception_handler(SchemaError, handle(503, lambda e: [str(e)]))
    app.add_exception_handler(StoreError, handle(400, lambda e: [str(e)]))
    app.add_exception_handler(RequestValidationError, handle(400, _validation_messages))
    app.add_exception_handler(TimeLimit, handle(503, lambda e: [_too_slow(web.time_limit)]))
    app.add_exception_handler(sqlite3.OperationalError, _sqlite_handler(web))

    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        detail = error.detail if isinstance(error.detail, str) else str(error.detail)
        if error.status_code == 404 and detail == "Not Found":
            detail = f"no page at {request.url.path}; start at / (API: /openapi.json)"
        if error.status_code == 405:
            detail = f"{request.method} is not allowed: ontwar serve is read-only (use GET)"
        return web.error(request, error.status_code, [detail])

    app.add_exception_handler(StarletteHTTPException, http_error)


def _sqlite_handler(web: _Web) -> Callable[[Request, Any], Awaitable[Response]]:
    async def handler(request: Request, error: sqlite3.OperationalError) -> Response:
        text = str(error)
        if "interrupt" in text:
            return web.error(request, 503, [_too_slow(web.time_limit)])
        if "locked" in text or "busy" in text:
            return web.error(request, 503, [f"the store is busy ({text}); try again"])
        return web.error(request, 503, [f"the store could not answer: {text}"])

    return handler


def _too_slow(limit: float) -> str:
    return (
        f"the request took longer than {limit:g} s and was stopped; narrow it "
        "(fewer or more specific words, a filter, a smaller limit) and try again"
    )


def _validation_messages(error: RequestValidationError) -> list[str]:
    """``limit: Input should be less than or equal to 100 (got 1000)`` per bad parameter."""
    messages = []
    for item in error.errors():
        where = ".".join(str(part) for part in item.get("loc", ())[1:]) or "request"
        got = item.get("input")
        shown = "" if got is None or isinstance(got, dict) else f" (got {str(got)[:60]!r})"
        messages.append(f"{where}: {item.get('msg', 'invalid')}{shown}")
    return messages or ["invalid request"]


def _wants_json(scope: Scope) -> bool:
    path = scope.get("path", "")
    return path.startswith("/api/") or path == "/openapi.json"


def _twin(request: Request) -> str:
    """The JSON twin of an HTML page: the same path and query under ``/api`` (``/`` -> stats)."""
    path = request.url.path
    base = "/api/stats" if path == "/" else f"/api{path}"
    query = request.url.query
    return f"{base}?{query}" if query else base


def _openapi_without_422(app: FastAPI) -> None:
    """Validation errors are answered 400 in the error shape, so the schema says so."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = FastAPI.openapi(app)
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                operation.get("responses", {}).pop("422", None)
        for name in ("HTTPValidationError", "ValidationError"):
            schema.get("components", {}).get("schemas", {}).pop(name, None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _connection(store: Any) -> sqlite3.Connection | None:
    """The store's SQLite connection, to set a deadline on it."""
    value = getattr(store, "_db", None)
    return value if isinstance(value, sqlite3.Connection) else None


# --- parameters of the HTML pages (the API's are checked by FastAPI) -------------------------


def _text(params: Mapping[str, str], name: str, longest: int = FILTER_MAX) -> str | None:
    value = (params.get(name) or "").strip()
    if len(value) > longest:
        raise BadRequest(f"{name} is {len(value)} characters long; at most {longest} are allowed")
    return value or None


def _int(params: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = (params.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number, got {raw[:40]!r}") from None
    if not low <= value <= high:
        raise BadRequest(f"{name} must be between {low} and {high}, got {value}")
    return value


def _date(params: Mapping[str, str], name: str) -> str | None:
    raw = _text(params, name, 10)
    if raw is None:
        return None
    if not re.fullmatch(DATE_PATTERN, raw):
        raise BadRequest(f"{name} must be a date like 2024-03-12 (or 2024-03, 2024), got {raw!r}")
    return raw


def _id(raw: str | None, what: str) -> int:
    try:
        value = int(raw or "")
    except ValueError:
        raise BadRequest(f"{what} must be a whole number, got {(raw or '')[:40]!r}") from None
    if not 1 <= value <= ID_MAX:
        raise BadRequest(f"{what} must be at least 1, got {value}")
    return value


def _measures(values: list[str]) -> list[str]:
    measures = [v.strip() for v in values if v and v.strip()]
    if len(measures) > data.MEASURES_MAX:
        raise BadRequest(f"at most {data.MEASURES_MAX} measures at once, got {len(measures)}")
    if any(len(m) > FILTER_MAX for m in measures):
        raise BadRequest(f"a measure is longer than {FILTER_MAX} characters")
    return list(dict.fromkeys(measures))


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


# --- size and time limits, and headers, for every request ------------------------------------


class _Limits:
    """Rejects oversized requests before any route runs; adds the security headers.

    Path or query string over :data:`MAX_PATH`/:data:`MAX_QUERY` bytes: 414. A body over
    :data:`MAX_BODY` (by ``Content-Length`` or as it streams in): 413. Pages carry a content
    security policy that forbids scripts, so even an escaping bug could not run one.
    """

    HEADERS = (
        (b"x-content-type-options", b"nosniff"),
        (
            b"content-security-policy",
            b"default-src 'self'; script-src 'none'; object-src 'none'; "
            b"style-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
        ),
        (b"referrer-policy", b"no-referrer"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("raw_path") or scope.get("path", "").encode()
        if len(path) > MAX_PATH:
            await _reject(scope, send, 414, f"the path is {len(path)} bytes; at most {MAX_PATH}")
            return
        query = scope.get("query_string", b"")
        if len(query) > MAX_QUERY:
            await _reject(
                scope,
                send,
                414,
                f"the query string is {len(query)} bytes; at most {MAX_QUERY} are accepted",
            )
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
            await _reject(
                scope,
                send,
                413,
                f"the request body is {declared.decode(errors='replace')} bytes; at most "
                f"{MAX_BODY} are accepted (every route is a GET with no body)",
            )
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > MAX_BODY:
                    raise _TooLarge()
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                headers.extend(self.HEADERS)
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _TooLarge:
            if not started:
                await _reject(
                    scope, send, 413, f"the request body is over {MAX_BODY} bytes; send none"
                )


class _TooLarge(Exception):
    pass


async def _reject(scope: Scope, send: Send, status: int, message: str) -> None:
    response = JSONResponse({"ok": False, "errors": [message], "status": status}, status)
    if not _wants_json(scope):
        body = render.error_page(status, message)
        response = HTMLResponse(body, status)
    await response({"type": "http"}, _no_body, send)


async def _no_body() -> Message:
    await asyncio.sleep(0)
    return {"type": "http.disconnect"}
