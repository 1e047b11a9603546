"""Plain-text articles: decode bytes, read the header block, drop page furniture.

A text article copied from a news page starts with a title line and a short
header block (standfirst, byline, date) and may end with subscription or
"related articles" blocks. The rules for recognising those lines are data in
``models/text_layout.json``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..timex import parse_calendar_date
from ..resources import load_json, resolve
from .base import DocumentError

_MAX_HEADER_LINES = 8
_TITLE_MAX_WORDS = 30
_TAIL_LINE_MAX_WORDS = 30


@dataclass
class Layout:
    """What the reader found: the header fields and the body text."""

    body: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None


def decode(data: bytes) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 by BOM, else cp1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise DocumentError("binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


@lru_cache(maxsize=1)
def _rules() -> dict:
    raw = load_json(resolve(None, "text_layout.json"))
    flags = re.IGNORECASE
    return {
        "byline_prefix": re.compile(raw["byline_prefix"], flags),
        "byline_suffix": re.compile(raw["byline_suffix"], flags),
        "author_junk": re.compile(raw["author_junk"], flags),
        "author_separators": re.compile(raw["author_separators"], flags),
        "name_stopwords": frozenset(raw["name_stopwords"]),
        "date_label": re.compile(raw["date_label"], flags),
        "date_noise": re.compile(raw["date_noise"], flags),
        "updated_label": re.compile(raw["updated_label"], flags),
        "trailer_start": [re.compile(p, flags) for p in raw["trailer_start"]],
        "drop_line": [re.compile(p, flags) for p in raw["drop_line"]],
    }


_NAME = re.compile(r"^(?:[A-Z][\w'’\-]+|Mc[A-Z]\w+|de|van|von|da|del|la|le|bin|al)"
                   r"(?:\s+(?:[A-Z][\w'’\-]*\.?|de|van|von|da|del|la|le|bin|al)){1,3}$")


def parse(raw: str) -> Layout:
    """Split raw article text into header fields and a clean body."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [line.rstrip() for line in raw.split("\n")]
    if not any(line.strip() for line in lines):
        raise DocumentError("empty document")
    units = [i for i, line in enumerate(lines) if line.strip()]
    layout = Layout(body="")
    first = lines[units[0]].strip()
    start = 0
    if _is_title(first):
        layout.title = first
        start = 1
    start = _read_header(lines, units, start, layout)
    if start >= len(units):  # a single paragraph is all body, not a title
        layout.title, start = None, 0
    body_lines = _clean_body(lines[units[start]:] if start < len(units) else [])
    layout.body = "\n".join(body_lines).strip("\n")
    if not layout.body.strip():
        raise DocumentError("no body text: only page furniture was found")
    return layout


def _is_title(line: str) -> bool:
    return len(line.split()) <= _TITLE_MAX_WORDS and _byline(line) is None and _date_line(line) is None


def _read_header(lines: list[str], units: list[int], start: int, layout: Layout) -> int:
    """Consume byline, date and standfirst lines; return the first body unit."""
    published = updated = None
    index = start
    limit = min(len(units), start + _MAX_HEADER_LINES)
    while index < limit:
        line = lines[units[index]].strip()
        found = False
        for part in re.split(r"\s+\|\s+|\s+[•·]\s+", line):
            names = _byline(part)
            day = _date_line(part)
            if names:
                layout.authors += [n for n in names if n not in layout.authors]
                found = True
            elif day:
                if _rules()["updated_label"].match(part):
                    updated = updated or day
                else:
                    published = published or day
                found = True
        if not found:
            if not _header_follows(lines, units, index + 1) or len(line.split()) > 60:
                break
        index += 1
    layout.published = published or updated
    return index if (layout.authors or layout.published) else start


def _header_follows(lines: list[str], units: list[int], index: int) -> bool:
    """A standfirst is header only when a byline or date line comes right after it."""
    for unit in units[index:index + 2]:
        line = lines[unit].strip()
        if any(_byline(p) or _date_line(p) for p in re.split(r"\s+\|\s+", line)):
            return True
    return False


def _byline(line: str) -> list[str] | None:
    rules = _rules()
    text = line.strip()
    had_prefix = bool(rules["byline_prefix"].match(text))
    text = rules["byline_prefix"].sub("", text)
    text = rules["author_junk"].sub("", text)
    text = rules["byline_suffix"].sub("", text).strip(" ,;|-–—")
    if not text or any(ch.isdigit() for ch in text):
        return None
    names = [n.strip() for n in rules["author_separators"].split(text) if n.strip()]
    if not names or len(names) > 4:
        return None
    for name in names:
        if not _NAME.match(name) or set(name.split()) & rules["name_stopwords"]:
            return None
    if not had_prefix and len(line.split()) > 10:
        return None
    return names


def _date_line(line: str) -> str | None:
    rules = _rules()
    text = rules["date_label"].sub("", line.strip())
    text = rules["date_noise"].sub(" ", text).strip(" ,-–")
    if not text or len(text.split()) > 7:
        return None
    return parse_calendar_date(text)


def _clean_body(lines: list[str]) -> list[str]:
    rules = _rules()
    kept: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped and any(p.match(stripped) for p in rules["drop_line"]):
            continue
        if stripped and kept and kept[-1].strip() == stripped:
            continue  # a caption pasted twice
        kept.append(line)
    cut = len(kept)
    for index in range(len(kept) - 1, -1, -1):
        stripped = kept[index].strip()
        if len(stripped.split()) > _TAIL_LINE_MAX_WORDS:
            break
        if stripped and any(p.match(stripped) for p in rules["trailer_start"]):
            cut = index
    body = kept[:cut]
    # collapse runs of blank lines to one
    out: list[str] = []
    for line in body:
        if not line.strip() and (not out or not out[-1].strip()):
            continue
        out.append(line if line.strip() else "")
    while out and not out[-1].strip():
        out.pop()
    return out
