"""PDF documents, Ofsted inspection reports above all: text in reading order
without page furniture, plus the parts of a report worth analysing in full.

pypdf (pure Python) extracts each page's text. Lines that recur at the top or
bottom of most pages (running titles, date ranges, page numbers) are dropped,
and so is the boilerplate that ends every Ofsted report. A report's "focus" is
its front page and summary plus the blocks naming the lead inspector and the
safeguarding board's verdict: the NLP pipeline reads those, which keeps a
60-page report fast and its record compact. Layout rules live in
``models/report_layout.json``.
"""
from __future__ import annotations

import codecs
import io
import re
from collections import Counter
from functools import lru_cache

from pypdf import PdfReader

from ..resources import load_json, resolve
from ..timex import parse_calendar_date
from .base import Document, DocumentError

_MIN_CHARS_PER_PAGE = 40
_EDGE_LINES = 3
_BULLETS = str.maketrans({"\uf06e": "•", "◼": "•", "\uf0b7": "•", "\u00a0": " ", "\u00ad": ""})


@lru_cache(maxsize=1)
def _rules() -> dict:
    raw = load_json(resolve(None, "report_layout.json"))
    flags = re.IGNORECASE | re.MULTILINE
    return {  # a space in a marker matches any run of whitespace: titles wrap over lines
        "report": [re.compile(p.replace(" ", r"\s+"), flags) for p in raw["report_markers"]],
        "boilerplate": [re.compile(p, flags) for p in raw["boilerplate_start"]],
        "page_number": re.compile(raw["page_number"], re.IGNORECASE),
        "front_end": [re.compile(p, flags) for p in raw["front_end"]],
        "blocks": [re.compile(p, flags) for p in raw["focus_blocks"]],
        "block_chars": raw["focus_block_chars"],
        "front_max": raw["front_max_chars"],
        "other_formats": {bytes.fromhex(magic): kind for magic, kind in raw["other_formats"].items()},
    }


def other_format(data: bytes) -> str:
    """What bytes given as a PDF are when they are neither a PDF nor an HTML
    page: an empty file, an image, an archive, plain text."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        return "an empty file"
    for magic, kind in _rules()["other_formats"].items():
        if head.startswith(magic):
            return kind
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(head)  # a character cut at 1024 bytes is no error
    except UnicodeDecodeError:
        text = None
    if text is not None and "\x00" not in text:
        return "an XML file" if text.startswith("<?xml") else "a text file"
    return "a file of another kind (it does not start with %PDF-)"


def read_pdf(data: bytes) -> Document:
    """A Document from PDF bytes; scanned, encrypted or broken files raise
    DocumentError saying which."""
    pages = _page_texts(data)
    text = _join(_drop_furniture(pages))
    text = _cut_boilerplate(text)
    if not text.strip():
        raise DocumentError("no text after removing page furniture")
    return Document(text=text, kind="pdf", title=_title(text), published=_published(text), focus=_focus(text))


def _page_texts(data: bytes) -> list[list[str]]:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("encrypted PDF: it needs a password")
        raw = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except Exception as error:  # pypdf raises many kinds on damaged files
        raise DocumentError(_damage(data, error)) from None
    if not raw:
        raise DocumentError("PDF has no pages")
    if sum(len(page.strip()) for page in raw) < _MIN_CHARS_PER_PAGE * len(raw):
        raise DocumentError("no text layer: a scanned or image-only PDF (run OCR first)")
    return [[line.translate(_BULLETS).rstrip() for line in page.split("\n")] for page in raw]


def _shape(line: str) -> str:
    """Lines that differ only in numbers (page numbers) have one shape."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip().lower()))


def _drop_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Remove running headers and footers (lines recurring at the top or bottom
    of most pages after the first) and bare page numbers. The first page keeps
    its lines: its title may read like the running header."""
    rules = _rules()
    edges = []
    for page in pages[1:]:
        lines = [line for line in page if line.strip()]
        edges.append({_shape(line) for line in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]})
    counts = Counter(shape for shape_set in edges for shape in shape_set)
    threshold = max(2, (len(pages) - 1) * 0.4)
    furniture = {shape for shape, n in counts.items() if n >= threshold} if len(pages) >= 3 else set()
    cleaned = []
    for number, page in enumerate(pages):
        lines = [line for line in page if line.strip()]
        keep = []
        for index, line in enumerate(lines):
            at_edge = index < _EDGE_LINES or index >= len(lines) - _EDGE_LINES
            if at_edge and (number and _shape(line) in furniture or rules["page_number"].match(line)):
                continue
            keep.append(line)
        cleaned.append(keep)
    return cleaned


def _join(pages: list[list[str]]) -> str:
    return "\n".join(line for page in pages for line in page).strip("\n")


def _cut_boilerplate(text: str) -> str:
    """Drop the standard Ofsted text that closes a report (remit, licence, address)."""
    cut = len(text)
    tail_start = int(len(text) * 0.6)
    for pattern in _rules()["boilerplate"]:
        match = pattern.search(text, tail_start)
        if match:
            cut = min(cut, match.start())
    return text[:cut].rstrip()


def _title(text: str) -> str | None:
    """The lines before the first "Inspection date(s):" line, else the first line."""
    lines = text.split("\n")[:12]
    title = []
    for line in lines:
        if re.match(r"\s*(inspection dates?|report published|lead inspector)\s*:", line, re.IGNORECASE):
            break
        title.append(re.sub(r"(?<=[a-z])\d+$", "", line.strip()))  # footnote markers: "board1"
    joined = re.sub(r"\s+", " ", " ".join(title if len(title) < len(lines) else lines[:1])).strip()
    return joined or None


def _published(text: str) -> str | None:
    match = re.search(r"report published\s*:\s*([^\n]+)", text[:3000], re.IGNORECASE)
    return parse_calendar_date(match.group(1)) if match else None


def _focus(text: str) -> list[tuple[int, int]] | None:
    """The parts of a report the NLP pipeline reads; None (all of it) when the
    PDF is not an Ofsted report."""
    rules = _rules()
    head = text[:3000]
    if sum(1 for p in rules["report"] if p.search(head)) < 2:
        return None
    end = min(len(text), rules["front_max"])
    table = re.search(r"^\s*judgement\s+grade\s*$|^\s*1\.\s", text[:end], re.IGNORECASE | re.MULTILINE)
    after = table.end() if table else 0
    for pattern in rules["front_end"]:
        match = pattern.search(text, after, end)
        if match:
            end = match.start()
    regions = [(0, end)]
    for pattern in rules["blocks"]:
        for match in pattern.finditer(text, end):
            regions.append((_line_start(text, match.start()), min(len(text), match.start() + rules["block_chars"])))
    return _merge(regions)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _merge(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(regions):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _damage(data: bytes, error: Exception) -> str:
    """What is wrong with a PDF pypdf cannot read, in words a user can act on:
    a file cut short (an interrupted download) says so."""
    detail = f"{type(error).__name__}: {error}"
    if b"%%EOF" not in data[-2048:]:
        return f"a truncated PDF: it stops before its end-of-file marker, perhaps an interrupted download ({detail})"
    return f"a damaged PDF that cannot be read ({detail})"
