"""The extract stage: what a letter's paragraphs cite and state, as typed records."""

from ontwar.extract.references import find_references

__all__ = ["find_references"]
