"""HTML articles: decode, find the main text, read the metadata.

The page is decoded by BeautifulSoup's ``UnicodeDammit`` (the HTTP charset,
then ``<meta charset>``, then detection, because a wrong guess garbles every
quote mark) and parsed once by lxml. The body comes from trafilatura, a
well-kept extractor that scores better on news pages than hand-written rules
(see the README); metadata comes from the same tree: JSON-LD, then meta tags,
then ``<time>`` and ``<title>``, then the visible byline. Where to look is data
in ``models/html_layout.json``.
"""
from __future__ import annotations

import json
import re
from html import unescape
from functools import lru_cache

import trafilatura
from bs4 import UnicodeDammit
from lxml.html import HtmlElement

from ..resources import load_json, resolve
from ..timex import parse_calendar_date
from .base import Document, DocumentError
from .text import parse_authors


@lru_cache(maxsize=1)
def _rules() -> dict:
    raw = load_json(resolve(None, "html_layout.json"))
    furniture = raw["furniture_lines"]
    return {**raw, "title_suffix": re.compile(raw["title_suffix"]),
            "organisation_words": re.compile(raw["organisation_words"], re.IGNORECASE),
            "furniture": re.compile("|".join(f"(?:{p})" for p in furniture["patterns"]), re.IGNORECASE),
            "furniture_words": furniture["max_words"]}


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Bytes to text: the HTTP charset, then ``<meta charset>``, then detection.

    A server's ISO-8859-1 or ASCII is usually a default nobody set, so bytes
    that are valid UTF-8 win over it; ISO-8859-1 is read as windows-1252, as
    browsers do, so its curly quotes survive."""
    declared = (charset or "").strip().lower() or None
    if declared in _rules()["weak_http_charsets"]:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            declared = "windows-1252"
    dammit = UnicodeDammit(data, known_definite_encodings=[declared] if declared else [], is_html=True)
    if dammit.unicode_markup is None:
        return data.decode("windows-1252", errors="replace")
    return dammit.unicode_markup


def read_html(data: bytes | str, charset: str | None = None) -> Document:
    html = decode_html(data, charset) if isinstance(data, bytes) else data
    if not html.strip():
        raise DocumentError("empty document")
    tree = trafilatura.load_html(html)
    if tree is None:
        raise DocumentError(_too_deep(html) or "not an HTML page lxml can parse")
    body = _main_text(tree)
    if not body:
        raise DocumentError(_too_deep(html) or "no article text found in the HTML page")
    meta = _metadata(tree)
    if not meta["published"] or not (meta["authors"] or meta["structured"]):
        _visible_metadata(tree, meta)
    text = _tidy(body, meta["title"])
    if not text:
        raise DocumentError("no article text found in the HTML page")
    return Document(text=text, kind="html", title=meta["title"], authors=meta["authors"],
                    published=meta["published"], url=meta["url"])


def _main_text(tree: HtmlElement) -> str:
    """trafilatura's precise extraction, data tables included (a table of
    councils and grades is article text); when that finds nothing (an old page
    laid out in tables), its balanced one, without tables, cut down to the run
    of prose lines in it."""
    options = {"include_comments": False, "include_images": False}
    body = trafilatura.extract(tree, favor_precision=True, include_tables=True, **options) or ""
    lines = [line for line in body.split("\n") if line.strip()]
    if any(not line.startswith("|") for line in lines):  # prose, perhaps with a data table
        return "\n".join(_table_row(line) for line in lines)
    fallback = trafilatura.extract(tree, include_tables=False, **options) or ""
    return "\n".join(_prose_block(fallback.split("\n")))


def _table_row(line: str) -> str:
    """A table row as trafilatura writes it ("| Slough | Inadequate | Good |")
    becomes "Slough | Inadequate | Good"; a rule row ("|---|") becomes empty."""
    if not line.startswith("|"):
        return line
    if set(line) <= set("|-: "):
        return ""
    cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
    return " | ".join(cell for cell in cells if cell)


def _prose_block(lines: list[str]) -> list[str]:
    """The contiguous lines with the most prose in them: sentences score their
    word count and every other line (menus, captions, "Print this story") a
    penalty, and the best-scoring run wins (a maximum-sum subarray)."""
    rules = _rules()["prose_block"]
    best, best_span, score, start = 0.0, (0, 0), 0.0, 0
    for index, line in enumerate(lines):
        words = len(line.split())
        prose = words >= rules["min_words"] and line.rstrip()[-1:] in rules["sentence_ends"]
        score += words if prose else -rules["line_penalty"]
        if score <= 0:
            score, start = 0.0, index + 1
        elif score > best:
            best, best_span = score, (start, index + 1)
    return lines[best_span[0]:best_span[1]]


def _visible_metadata(tree: HtmlElement, found: dict) -> None:
    """Authors and date from the page's visible byline and dateline (trafilatura's
    heuristics), when the page has no structured metadata that would have
    given them; an organisation credited as author is not a person and is
    dropped."""
    seen = trafilatura.extract_metadata(tree)
    if seen is None:
        return
    if not found["authors"] and seen.author:
        names = parse_authors(seen.author.replace(";", ","))
        organisation = _rules()["organisation_words"]
        found["authors"] = [name for name in names if not organisation.search(name)]
    found["published"] = found["published"] or _day(seen.date)


def _tidy(body: str, title: str | None) -> str:
    """One paragraph per line becomes paragraphs separated by a blank line,
    headed by the headline (a story may state its facts only there); furniture
    lines and repeated pull quotes go."""
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    if title and not any(_same(line, title) for line in lines[:3]):
        lines.insert(0, title)
    keys = [_key(line) for line in lines]
    return "\n\n".join(line for line, key in zip(lines, keys)
                         if not is_furniture(line) and not _pull_quote(line, key, keys))


def _pull_quote(line: str, key: str, keys: list[str]) -> bool:
    """A sentence repeated from a longer paragraph (a subheading that quotes a
    phrase is shorter than a sentence and stays)."""
    return len(line.split()) >= 8 and any(len(other) > len(key) and key in other for other in keys)


def is_furniture(line: str) -> bool:
    """A short line such as "READ MORE: ...", "(Image: Getty)" or "Register now to continue reading"."""
    rules = _rules()
    return len(line.split()) <= rules["furniture_words"] and rules["furniture"].search(line.lstrip("-•* ")) is not None


def _same(a: str, b: str) -> bool:
    return _key(a) == _key(b)


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def _metadata(tree: HtmlElement) -> dict:
    rules = _rules()
    paths = rules["xpaths"]
    found = {"title": None, "authors": [], "published": None, "url": None, "structured": False}
    named = None
    for item in _json_ld(tree.xpath(paths["json_ld"])):
        types = item.get("@type")
        types = types if isinstance(types, list) else [types]
        if not set(types) & set(rules["article_types"]):
            continue
        found["structured"] = True  # a page describing its article would name a person author here
        found["title"] = found["title"] or _text(item.get("headline"))
        named = named or _text(item.get("name"))
        found["authors"] = found["authors"] or _ld_authors(item.get("author"))
        found["published"] = found["published"] or _day(item.get("datePublished") or item.get("dateCreated"))
        found["url"] = found["url"] or _text(item.get("url"))
    metas: dict[str, str] = {}
    for tag in tree.xpath(paths["meta"]):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        if key and tag.get("content", "").strip() and key not in metas:
            metas[key] = tag.get("content").strip()
    found["title"] = found["title"] or next((metas[k.lower()] for k in rules["title_meta"] if k.lower() in metas), None)
    if not found["title"]:  # a page name or <title> often ends with the site's name
        title = named or " ".join("".join(tree.xpath(paths["title"])).split())
        found["title"] = rules["title_suffix"].sub("", title) or None
    if not found["authors"]:
        for key in rules["author_meta"]:
            found["structured"] = found["structured"] or key.lower() in metas
            if key.lower() in metas and not metas[key.lower()].startswith("http"):
                found["authors"] = parse_authors(metas[key.lower()])
                break
    found["published"] = found["published"] or next(
        (_day(metas[k.lower()]) for k in rules["date_meta"] if k.lower() in metas and _day(metas[k.lower()])), None)
    if not found["published"]:
        times = tree.xpath(paths["time"])
        found["published"] = _day(times[0]) if times else None
    canonical = tree.xpath(paths["canonical"])
    found["url"] = found["url"] or (canonical[0].strip() if canonical else None) or next(
        (metas[k] for k in rules["url_meta"] if k in metas), None)
    return found


def _json_ld(scripts: list[str]) -> list[dict]:
    items: list[dict] = []
    for script in scripts:
        try:
            data = json.loads(script)
        except json.JSONDecodeError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                items.append(item)
                stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
    return items


def _ld_authors(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    names = []
    for entry in values:
        name = entry.get("name") if isinstance(entry, dict) else entry
        if _text(name):
            names += parse_authors(_text(name))
    return list(dict.fromkeys(names))


def _text(value) -> str | None:
    """A JSON-LD string, with the HTML entities some CMS plugins leave in it decoded."""
    return unescape(value).strip() or None if isinstance(value, str) else None


def _day(value) -> str | None:
    """ISO day from "2015-11-27T09:00:00Z" or a written date."""
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value)
    return match.group(1) if match else parse_calendar_date(value)


_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_MAX_DEPTH = 255  # libxml2 drops what lies deeper, unless told to read "huge" trees


def _too_deep(html: str) -> str | None:
    """Why a page gave no text when it nests elements past the parser's depth
    limit (a broken or hostile page), else None. One pass over the tags,
    stopping at the limit: this runs only when a page has yielded nothing."""
    depth = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if closing:
            depth = max(0, depth - 1)
        elif not self_closing and name.lower() not in _VOID:
            depth += 1
            if depth > _MAX_DEPTH:
                return (f"elements nested more than {_MAX_DEPTH} levels deep, past what the HTML parser reads: "
                        "a broken or hostile page")
    return None
