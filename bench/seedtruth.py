"""The reference reading of the seed letter, stored as offsets so the repo holds none of its text.

The seed (a real letter) stays in ``../shared/seed``; ``bench/data/seed_truth.json`` lists, per
page and line, the character spans of the seed file that make up a careful reading of that
page's own text. Materialising it needs the seed file itself.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

TRUTH_FILE = Path(__file__).resolve().parent / "data" / "seed_truth.json"
SEED_DIRS = (Path(__file__).resolve().parents[2] / "shared" / "seed",)


def seed_path() -> Path | None:
    """The seed file, if ``../shared`` is beside the checkout."""
    if not TRUTH_FILE.exists():
        return None
    name = json.loads(TRUTH_FILE.read_text())["seed"]
    for directory in SEED_DIRS:
        if (directory / name).exists():
            return directory / name
    return None


def seed_truth(path: Path) -> list[str]:
    """Each page's reference text (lines joined by newlines) for the seed file at ``path``."""
    reference = json.loads(TRUTH_FILE.read_text())
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != reference["sha256"]:
        raise ValueError(f"{path} is not the seed the reference reading was made for")
    text = data.decode("utf-8")
    return [
        "\n".join("".join(text[start:end] for start, end in line) for line in page)
        for page in reference["pages"]
    ]
