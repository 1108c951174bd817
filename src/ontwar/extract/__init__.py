"""The extract stage: what a letter's paragraphs cite and state, as typed records."""

from ontwar.extract.facts import FoundFact, find_facts
from ontwar.extract.references import find_references

__all__ = ["FoundFact", "find_facts", "find_references"]
