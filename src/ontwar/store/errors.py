"""Typed errors of the store; the CLI prints each as one line (exit 2), the web as 400/404.

Every store error is an :class:`~ontwar.errors.InputError`: the user asked for something the
store cannot give (a database that is not there, a letter id it does not hold, a query it
cannot parse). Anything else escaping the store is an internal error.
"""

from __future__ import annotations

from ontwar.errors import InputError


class StoreError(InputError):
    """Base class of the store's errors; the message names the value and the next step."""


class DatabaseMissing(StoreError):
    """A read-only store was asked to open a file that does not exist (or is not a store)."""


class SchemaError(StoreError):
    """The database was written by a newer ontwar, or needs upgrading but is opened read-only."""


class NotFound(StoreError, LookupError):
    """Something asked for by id is not in the store (the web answers 404)."""


class LetterNotFound(NotFound):
    """No document with this id."""


class PageNotFound(NotFound):
    """The document exists but has no page with this number."""


class QuerySyntaxError(StoreError):
    """A search query the parser cannot read (the web answers 400).

    ``position`` is the offset in the query where the problem was noticed, when known.
    """

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position
