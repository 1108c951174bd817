"""What the own string of a merged line costs, character by character: shared by the decoders.

Both the string-by-string search (:mod:`ontwar.repair.decode`) and the multiset reading
(:mod:`ontwar.repair.bag`) judge only the own string, in the same way: the character model,
a credit that keeps longer and shorter hypotheses comparable, each completed word's frequency,
and the fragment prior where the own string resumes after another string.
"""

from __future__ import annotations

from dataclasses import dataclass

from ontwar.repair.config import RepairConfig
from ontwar.repair.fragments import SplitPrior
from ontwar.repair.langmodel import CharModel, WordModel

CONTEXT = 4
"""Characters of own text the character model conditions on."""


@dataclass(slots=True)
class Models:
    """The models and settings one page's decoding is scored with."""

    chars: CharModel
    words: WordModel
    splits: SplitPrior
    config: RepairConfig


def own_step(
    char: str, resumes: bool, context: str, word: str, models: Models
) -> tuple[float, str, str]:
    """Cost of giving ``char`` to the own string, and its new context and current word.

    ``context`` is empty while the own string is; ``resumes`` says another string's character
    came just before, so the own string is split there.
    """
    space = char.isspace()
    cost = models.chars.cost(context or " ", " " if space else char)
    cost -= models.config.own_char_credit
    if space and word:
        cost += word_cost(word, models)
    if resumes and context:
        cost += models.splits.cost(context[-1], char)
    if space:
        return cost, (context + " ")[-CONTEXT:], ""
    return cost, (context + char)[-CONTEXT:], word + char


def word_cost(word: str, models: Models) -> float:
    """Nats a completed own word costs: the rarer in the document and in Dutch, the more."""
    config = models.config
    return config.word_weight * max(config.common_zipf - models.words.zipf(word), 0.0)
