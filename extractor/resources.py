"""Locate and load the data files in ``models/``.

Vocabularies and patterns are data, not code: every component reads its word
lists from here so that a user can inspect or override them without touching
Python. In a wheel the files live in ``extractor/models``; in a source checkout
they live in the repository's top-level ``models/``.
"""
from __future__ import annotations

import csv
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent


def models_dir() -> Path:
    """Return the directory holding the bundled data files.

    ``OFSTED_EXTRACTOR_MODELS`` overrides it, so a user can try edited
    vocabularies without reinstalling.
    """
    override = os.environ.get("OFSTED_EXTRACTOR_MODELS")
    candidates = [Path(override)] if override else []
    candidates += [_HERE / "models", _HERE.parent / "models"]
    for path in candidates:
        if (path / "councils.csv").is_file():
            return path
    raise FileNotFoundError(
        "ofsted-extractor data files not found (looked in "
        + ", ".join(str(c) for c in candidates)
        + "); reinstall the package or set OFSTED_EXTRACTOR_MODELS"
    )


def resolve(path: str | os.PathLike[str] | None, default: str) -> Path:
    """A configured path, or the bundled file ``default`` when none is given."""
    return Path(path) if path else models_dir() / default


@lru_cache(maxsize=None)
def load_json(path: Path) -> Any:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=None)
def load_jsonl(path: Path) -> tuple[dict[str, Any], ...]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith("//"):
                rows.append(json.loads(line))
    return tuple(rows)


@lru_cache(maxsize=None)
def load_csv(path: Path) -> tuple[dict[str, str], ...]:
    with open(path, encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))
