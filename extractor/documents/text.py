"""Plain-text articles: decode bytes, read the header block, drop page furniture.

A text article copied from a news page starts with a title line and a header
block (standfirst, byline, dateline, in any order the outlet uses) and may end
with subscription or "related articles" blocks. The headline and the standfirst
are article text (a story may state its facts only there), and so is the
dateline; only the byline leaves the body. They give the authors and the
publication date. The rules for recognising those lines are data in
``models/text_layout.json``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..resources import load_json, resolve
from ..timex import TimexFinder
from .base import DocumentError

_TITLE_MAX_WORDS = 30
_HEADER_LINE_MAX_WORDS = 24
_TAIL_LINE_MAX_WORDS = 30
_STANDFIRST_MAX_WORDS = 35
_PUBLISHED_LOOKAHEAD = 15
_HEADER_MAX_LINES = 8  # a paragraph of short lines with no blank line after the header
# byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one (UTF-16
# text that opens with a NUL character is not worth the guess)
_BOMS = ((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"), "utf-32"), ((b"\xff\xfe", b"\xfe\xff"), "utf-16")


@dataclass
class Layout:
    """What the reader found: the header fields and the body text."""

    body: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None


def decode(data: bytes, charset: str | None = None) -> str:
    """Decode a text file: the HTTP charset when the fetcher knew it, else UTF-8
    (with or without BOM), UTF-16 or UTF-32 by BOM, else UTF-8 or cp1252 line by line. A byte-order
    mark over data that is not in its encoding is an error, not a guess."""
    for boms, encoding in _BOMS:
        if data.startswith(boms):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                name = encoding.upper()
                raise DocumentError(f"starts with a {name} byte-order mark but is not valid {name} "
                                    f"(byte {error.start}: {error.reason})") from None
    if b"\x00" in data[:4096]:
        raise DocumentError("binary data, not text")
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # line by line: a file pasted together from several sources mixes UTF-8 and cp1252
        return "".join(_decode_line(line) for line in data.removeprefix(b"\xef\xbb\xbf").splitlines(keepends=True))


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


@lru_cache(maxsize=1)
def _rules() -> dict:
    raw = load_json(resolve(None, "text_layout.json"))
    flags = re.IGNORECASE
    compiled = {key: re.compile(raw[key], flags) for key in (
        "byline_prefix", "byline_suffix", "author_junk", "author_separators", "date_label", "date_noise",
        "updated_label", "byline_split", "body_labels", "date_prefix")}
    compiled.update(
        name_stopwords=frozenset(raw["name_stopwords"]),
        trailer_start=[re.compile(p, flags) for p in raw["trailer_start"]],
        trailer_long_line=re.compile(raw["trailer_long_line"], flags),
        drop_line=[re.compile(p, flags) for p in raw["drop_line"]],
        not_title=[re.compile(p, flags) for p in raw["not_title"]],
        scan=raw["header_scan_paragraphs"],
        finder=TimexFinder(),
    )
    return compiled


_NAME = re.compile(r"^(?:[A-Z][\w'’\-]+|Mc[A-Z]\w+|de|van|von|da|del|la|le|bin|al)"
                   r"(?:\s+(?:[A-Z][\w'’\-]*\.?|de|van|von|da|del|la|le|bin|al)){1,3}$")


def parse(raw: str) -> Layout:
    """Split raw article text into header fields and a clean body; the body
    keeps the headline, standfirst and dateline, and drops the byline."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [line.rstrip() for line in raw.split("\n")]
    layout = Layout(body="")
    start = 1 if _date_prefix(lines, layout) else 0
    units = [i for i, line in enumerate(lines) if line.strip()]
    if not units:
        raise DocumentError("empty document")
    rules = _rules()
    # site furniture above the headline ("Agenda item", a cookie notice) is not the title
    while start < len(units) - 1 and any(p.match(lines[units[start]].strip()) for p in rules["not_title"]):
        start += 1
    if start < len(units) - 1 and _is_title(lines[units[start]].strip()):
        layout.title = lines[units[start]].strip()
        start += 1
    header = _read_header(lines, units, start, layout)
    body_lines = _clean_body([header.get(i, line) for i, line in enumerate(lines)
                              if i >= units[0] and header.get(i) != ""])
    if layout.published is None:
        layout.published = _labelled_date(body_lines[:_PUBLISHED_LOOKAHEAD])
    layout.body = "\n".join(body_lines).strip("\n")
    if not layout.body.strip():
        raise DocumentError("no body text: only page furniture was found")
    return layout


def _date_prefix(lines: list[str], layout: Layout) -> bool:
    """A stored page may open with its date as a prefix ("date 2018-12-19 Leeds
    City Council's ..."): the date is the publication date, on a line of its
    own as a dateline is, and the rest is text."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    match = _rules()["date_prefix"].match(lines[first]) if first is not None else None
    if match:
        layout.published = match.group("day")
        lines[first:first + 1] = [match.group("day"), lines[first][match.end():]]
    return match is not None


def _is_title(line: str) -> bool:
    return len(line.split()) <= _TITLE_MAX_WORDS and not _byline(line) and _date_line(line) is None


def _read_header(lines: list[str], units: list[int], start: int, layout: Layout) -> dict[int, str]:
    """Read bylines and datelines in the first paragraphs (the header ends
    with the paragraph holding the last of them). Returns what each byline
    line becomes in the body: nothing, or the dateline sharing its line (a
    dateline is text: its date is one the text states)."""
    rules = _rules()
    paragraphs: list[list[int]] = []
    for index in range(start, len(units)):
        if paragraphs and units[index] == units[paragraphs[-1][-1]] + 1:
            paragraphs[-1].append(index)
        else:
            paragraphs.append([index])
    published = updated = None
    header: dict[int, str] = {}
    last = None
    for number, paragraph in enumerate(paragraphs[:rules["scan"]]):
        if last is not None and last < number:
            break  # a paragraph with no byline or dateline after one that had them
        for index in paragraph[:_HEADER_MAX_LINES]:
            line = lines[units[index]].strip()
            if rules["body_labels"].match(line) or len(line.split()) > _STANDFIRST_MAX_WORDS:
                break
            dated, named = [], False
            for part in re.split(r"\s+[|•·]\s+", line):  # "Hannah Marsh | 17/08/2016"
                names = _byline(part)
                day = _date_line(part)
                if names:
                    layout.authors += [n for n in names if n not in layout.authors]
                if day:
                    dated.append(_date_text(part) if names else part)  # "by A on April 20, 2017": the date only
                    if rules["updated_label"].match(part):
                        updated = updated or day
                    else:
                        published = published or day
                if names or day:
                    last = number
                named = named or bool(names)
            if named:
                header[units[index]] = " | ".join(dated)  # the byline goes; a dateline stays as text
        else:
            continue
        break
    layout.published = layout.published or published or updated
    return header


def parse_authors(line: str) -> list[str]:
    """Author names from a byline or an author field, without "By", roles or dates."""
    return _byline(line)


def _byline(line: str) -> list[str]:
    """Author names from a byline ("By A and B", "A, Local Democracy Reporter",
    "by A on April 20, 2017 in News"); [] if the line is not one."""
    rules = _rules()
    text = line.strip()
    had_prefix = bool(rules["byline_prefix"].match(text))
    if had_prefix:  # "By A for MailOnline", "by A on April 20, 2017 in News"
        text = rules["byline_split"].split(rules["byline_prefix"].sub("", text), maxsplit=1)[0]
    text = rules["author_junk"].sub("", text)
    if any(ch.isdigit() for ch in text):
        return []
    # split first, then drop roles, so "A, Social Affairs Editor, and B" keeps B
    names = []
    for part in rules["author_separators"].split(text):
        if rules["byline_suffix"].sub("", ", " + part).strip(" ,;|-–—"):  # not a role on its own
            names.append(rules["byline_suffix"].sub("", part).strip(" ,;|-–—"))
    names = [name for name in names if name]
    if not names or len(names) > 4:
        return []
    for name in names:
        if not _NAME.match(name) or set(name.split()) & rules["name_stopwords"] or name.isupper() and not had_prefix:
            return []
    if not had_prefix and len(line.split()) > 10:
        return []
    return names


def _date_line(line: str) -> str | None:
    """The publication date of a dateline ("Published: 3 May 2019", "Tuesday 4
    June 2019 14:32 BST", "by A on April 20, 2017 in News"), else None."""
    rules = _rules()
    text = line.strip()
    label = rules["date_label"].match(text)
    rest = text[label.end():] if label else text
    rest = rules["date_noise"].sub(lambda m: " " * len(m.group()), rest)
    if len(rest.split()) > _HEADER_LINE_MAX_WORDS or rules["body_labels"].match(text):
        return None
    if not label and rules["byline_prefix"].match(rest):
        on = re.search(r"\s+on\s+", rest)
        if not on:
            return None
        rest = rest[on.end():]
    for timex in rules["finder"].find(rest, None):
        if timex.granularity == "day" and not timex.end_value and (label or not rest[:timex.start].strip(" ,")):
            return timex.value
        break
    return None


def _date_text(line: str) -> str:
    """The words of the first date on a line."""
    found = _rules()["finder"].find(line, None)
    return line[found[0].start:found[0].end] if found else ""


def _labelled_date(lines: list[str]) -> str | None:
    """A "Report published: 2 May 2017" line near the top of a report's body."""
    rules = _rules()
    for line in lines:
        stripped = line.strip()
        if rules["date_label"].match(stripped) and not rules["updated_label"].match(stripped):
            day = _date_line(stripped)
            if day:
                return day
    return None


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
    furniture = rules["trailer_start"] + rules["not_title"]
    # a cookie notice above the story is no trailer: the trailer starts after some story text
    first = next((i for i, line in enumerate(kept) if line.strip() and not any(p.match(line.strip()) for p in furniture)),
                 len(kept))
    cut = len(kept)
    for index in range(len(kept) - 1, first, -1):
        stripped = kept[index].strip()
        if len(stripped.split()) > _TAIL_LINE_MAX_WORDS and not rules["trailer_long_line"].search(stripped):
            break
        if stripped and any(p.match(stripped) for p in rules["trailer_start"]):
            cut = index
    out: list[str] = []
    for line in kept[:cut]:
        if not line.strip() and (not out or not out[-1].strip()):
            continue  # collapse runs of blank lines
        out.append(line if line.strip() else "")
    while out and not out[-1].strip():
        out.pop()
    return out
