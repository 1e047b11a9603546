"""HTML articles: decode, find the main text, read the metadata.

The body comes from trafilatura, a well-kept extractor that scores better on
news pages than hand-written rules (see the README); metadata comes from the
page's JSON-LD, then its meta tags, then ``<time>`` and ``<title>``, read with
BeautifulSoup. Bytes are decoded by the HTTP charset when the fetcher knew it,
then the page's ``<meta charset>``, then detection, because a wrong guess
garbles every quote mark. Where to look is data in ``models/html_layout.json``.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

import trafilatura
from bs4 import BeautifulSoup, SoupStrainer
from charset_normalizer import from_bytes

from ..resources import load_json, resolve
from ..timex import parse_calendar_date
from .base import Document, DocumentError
from .text import parse_authors


_METADATA_TAGS = SoupStrainer(["meta", "script", "link", "title", "time"])


@lru_cache(maxsize=1)
def _rules() -> dict:
    raw = load_json(resolve(None, "html_layout.json"))
    return {**raw, "title_suffix": re.compile(raw["title_suffix"]),
            "organisation_words": re.compile(raw["organisation_words"], re.IGNORECASE),
            "charset_meta": re.compile(raw["charset_meta"].encode(), re.IGNORECASE)}


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Bytes to text: the HTTP charset, then ``<meta charset>``, then detection."""
    for candidate in (charset, _meta_charset(data)):
        if candidate:
            try:
                return data.decode(candidate)
            except (LookupError, UnicodeDecodeError):
                continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("cp1252", errors="replace")


def _meta_charset(data: bytes) -> str | None:
    match = _rules()["charset_meta"].search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


def read_html(data: bytes | str, charset: str | None = None) -> Document:
    html = decode_html(data, charset) if isinstance(data, bytes) else data
    if not html.strip():
        raise DocumentError("empty document")
    body = _main_text(html)
    if not body:
        raise DocumentError("no article text found in the HTML page")
    soup = BeautifulSoup(html, "lxml", parse_only=_METADATA_TAGS)  # metadata tags only: fast
    meta = _metadata(soup)
    if not meta["authors"] or not meta["published"]:
        _visible_metadata(html, meta)
    text = _tidy(body, meta["title"])
    if not text:
        raise DocumentError("no article text found in the HTML page")
    return Document(text=text, kind="html", title=meta["title"], authors=meta["authors"],
                    published=meta["published"], url=meta["url"])


def _main_text(html: str) -> str:
    """trafilatura's precise extraction; when that finds nothing (old table
    layouts), its balanced one cut down to the run of prose lines in it."""
    options = {"include_comments": False, "include_tables": False, "include_images": False}
    body = trafilatura.extract(html, favor_precision=True, **options)
    if body and body.strip():
        return body
    return "\n".join(_prose_block((trafilatura.extract(html, **options) or "").split("\n")))


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


def _visible_metadata(html: str, found: dict) -> None:
    """Authors and date from the page's visible byline and dateline (trafilatura's
    heuristics), when no structured metadata gave them; an organisation
    credited as author is not a person and is dropped."""
    seen = trafilatura.extract_metadata(html)
    if seen is None:
        return
    if not found["authors"] and seen.author:
        names = parse_authors(seen.author.replace(";", ","))
        organisation = _rules()["organisation_words"]
        found["authors"] = [name for name in names if not organisation.search(name)]
    found["published"] = found["published"] or _day(seen.date)


def _tidy(body: str, title: str | None) -> str:
    """One paragraph per line becomes paragraphs separated by a blank line; the
    headline is the title, not body text."""
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    if lines and title and _same(lines[0], title):
        lines = lines[1:]
    return "\n\n".join(lines)


def _same(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return re.sub(r"\W+", "", s.lower())
    return key(a) == key(b)


def _metadata(soup: BeautifulSoup) -> dict:
    rules = _rules()
    found = {"title": None, "authors": [], "published": None, "url": None}
    for item in _json_ld(soup):
        types = item.get("@type")
        types = types if isinstance(types, list) else [types]
        if not set(types) & set(rules["article_types"]):
            continue
        found["title"] = found["title"] or _text(item.get("headline") or item.get("name"))
        found["authors"] = found["authors"] or _ld_authors(item.get("author"))
        found["published"] = found["published"] or _day(item.get("datePublished") or item.get("dateCreated"))
        found["url"] = found["url"] or _text(item.get("url"))
    metas = {}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        if key and tag.get("content") and key not in metas:
            metas[key] = tag["content"].strip()
    found["title"] = found["title"] or next((metas[k.lower()] for k in rules["title_meta"] if k.lower() in metas), None)
    if not found["title"] and soup.title and soup.title.string:
        found["title"] = rules["title_suffix"].sub("", soup.title.string.strip())
    if not found["authors"]:
        for key in rules["author_meta"]:
            if key.lower() in metas and not metas[key.lower()].startswith("http"):
                found["authors"] = parse_authors(metas[key.lower()])
                break
    if not found["published"]:
        for key in rules["date_meta"]:
            if key.lower() in metas and _day(metas[key.lower()]):
                found["published"] = _day(metas[key.lower()])
                break
    if not found["published"]:
        time = soup.find("time", attrs={"datetime": True})
        found["published"] = _day(time["datetime"]) if time else None
    canonical = soup.find("link", rel="canonical")
    found["url"] = found["url"] or (canonical.get("href") if canonical else None) or next(
        (metas[k] for k in rules["url_meta"] if k in metas), None)
    return found


def _json_ld(soup: BeautifulSoup) -> list[dict]:
    items: list[dict] = []
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
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
        if isinstance(name, str) and name.strip():
            names += parse_authors(name)
    return list(dict.fromkeys(names))


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _day(value) -> str | None:
    """ISO day from "2015-11-27T09:00:00Z" or a written date."""
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value)
    return match.group(1) if match else parse_calendar_date(value)
