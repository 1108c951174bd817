"""Repair stage: unstack layered pages, then fix characters; every removal is reported.

Public API: :func:`unstack` (raw pages of lines -> recovered :class:`~ontwar.model.Page` list),
:func:`repair_characters` (mojibake and fake bold on recovered pages), :class:`RepairConfig`.
"""

from ontwar.repair.characters import repair_characters
from ontwar.repair.config import RepairConfig
from ontwar.repair.unstack import unstack

__all__ = ["RepairConfig", "repair_characters", "unstack"]
