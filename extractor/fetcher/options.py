"""How the fetcher behaves: politeness, limits and safety, with polite defaults.

Defaults suit a journalist pulling a few hundred links from a handful of news
sites: two connections per host, robots.txt honoured, private addresses
refused, retries with backoff, and a 50 MB cap on any one body.
"""
from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field

from .. import __version__

CONTACT_ENV = "OFSTED_EXTRACTOR_CONTACT"
AGENT_TOKEN = "ofsted-extractor"
"""The product token in the User-Agent, which robots.txt rules are matched against."""


@dataclass(frozen=True)
class FetchOptions:
    concurrency: int = 8
    """Requests in flight at once, over all hosts."""
    per_host: int = 2
    """Requests in flight at once to any one host."""
    delay: float = 0.0
    """Seconds between the starts of two requests to the same host (robots.txt's Crawl-delay wins if longer)."""
    timeout: float = 30.0
    """Seconds to wait to connect, and between two reads of a response."""
    max_time: float = 300.0
    """Seconds one attempt may take in all, so a body that trickles in forever is cut off."""
    retries: int = 3
    """Further attempts after a connection error, a timeout, a 429 or a 5xx."""
    backoff: float = 1.0
    """Seconds before the first retry; doubled for each one after."""
    max_retry_after: float = 120.0
    """Longest Retry-After we wait for; a longer one fails the URL at once."""
    max_redirects: int = 10
    max_size: int = 50_000_000
    """Bytes allowed in one body, on the wire and after decompression."""
    respect_robots: bool = True
    allow_private: bool = False
    """Connect to private, loopback and link-local addresses too (local use and tests)."""
    allow_networks: tuple[str, ...] = field(default_factory=tuple)
    """CIDR networks allowed although private, e.g. an intranet archive."""
    refresh: bool = False
    """Fetch and rewrite even when the saved copy is current (no conditional request)."""
    contact: str | None = None
    """An e-mail address or URL put in the User-Agent, so a site can reach you."""
    user_agent: str | None = None
    """Replaces the whole User-Agent header."""

    def __post_init__(self) -> None:
        for name in ("concurrency", "per_host", "max_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        for name in ("delay", "timeout", "max_time", "retries", "backoff", "max_retry_after", "max_redirects"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        for network in self.allow_networks:
            try:
                ipaddress.ip_network(network, strict=False)
            except ValueError:
                raise ValueError(f"allow_networks: {network!r} is not an IP network such as 10.1.0.0/16") from None

    def agent(self, description: str) -> str:
        """The User-Agent header: product, version, purpose and a contact."""
        if self.user_agent:
            return self.user_agent
        contact = self.contact or os.environ.get(CONTACT_ENV)
        details = f"{description}; +{contact}" if contact else description
        return f"{AGENT_TOKEN}/{__version__} ({details})"
