"""Article links from an RSS 1.0/2.0 or Atom feed, the other way users start.

Parsed with lxml with entity expansion and network access turned off, and
without its document type declaration (no feed needs one), so a hostile feed
cannot read local files, reach the network or expand into gigabytes, and its
entities cannot hide the items after them.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml import etree

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>", re.DOTALL | re.IGNORECASE)
_NAMESPACES = {"atom": "http://www.w3.org/2005/Atom", "rss1": "http://purl.org/rss/1.0/"}
_LINKS = (
    "//item/link/text()",  # RSS 2.0
    "//rss1:item/rss1:link/text()",  # RSS 1.0 (RDF)
    "//atom:entry/atom:link[not(@rel) or @rel='alternate']/@href",  # Atom
)


class NotAFeed(Exception):
    """The body is not an RSS or Atom feed (never retried)."""


def feed_links(body: bytes, base_url: str) -> list[str]:
    """The item links of a feed, absolute, in feed order, without duplicates."""
    try:
        root = etree.fromstring(_DOCTYPE.sub(b"", body, count=1), _PARSER)
    except etree.XMLSyntaxError as error:
        raise NotAFeed(f"not an RSS or Atom feed: {error}") from None
    if root is None or etree.QName(root).localname not in ("rss", "RDF", "feed"):
        raise NotAFeed("not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed> root)")
    links = [urljoin(base_url, str(link).strip()) for path in _LINKS
             for link in root.xpath(path, namespaces=_NAMESPACES) if str(link).strip()]
    return list(dict.fromkeys(links))
