"""Typed errors of the library; the CLI turns each into one line and an exit code."""

from __future__ import annotations


class OntwarError(Exception):
    """Base class of errors ontwar reports to users."""


class InputError(OntwarError, ValueError):
    """The input cannot be used (empty, binary, too large, not a letter at all).

    The message names the file, the problem and the next step, on one line.
    """
