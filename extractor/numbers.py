"""Numbers written in digits or words -> values ("1,200", "2.5", "twenty-five",
"one hundred and twenty", "1.5 million")."""
from __future__ import annotations

import re
from functools import lru_cache

from .resources import load_json, resolve

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


@lru_cache(maxsize=1)
def _vocab() -> tuple[dict[str, int], dict[str, int]]:
    data = load_json(resolve(None, "quantities.json"))
    return data["number_words"], data["scale_words"]


def is_number_word(word: str) -> bool:
    words, scales = _vocab()
    word = word.lower()
    return bool(_DIGITS.match(word)) or word in words or word in scales


def parse_number(words: list[str]) -> float | None:
    """The value of a sequence of number words/digits, or None if it is not one.

    Hyphens and "and" are ignored ("twenty-five", "one hundred and two").
    """
    units, scales = _vocab()
    total, current, seen = 0.0, 0.0, False
    for raw in words:
        word = raw.lower()
        if word in ("-", "and", "a"):
            continue
        if _DIGITS.match(word):
            current += float(word.replace(",", ""))
        elif word in units:
            current += units[word]
        elif word in scales:
            scale = scales[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def as_number(value: float) -> int | float:
    """Integers stay integers in JSON (5000000, not 5000000.0)."""
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded
