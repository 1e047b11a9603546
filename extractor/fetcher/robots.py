"""robots.txt, fetched once per origin and read as RFC 9309 says.

A missing file (4xx) allows everything; a server error or an unreachable host
disallows everything, because we cannot tell what the site wants. Parsing is
the standard library's ``urllib.robotparser``.
"""
from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

import httpx

ROBOTS_LIMIT = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB


@dataclass
class RobotsVerdict:
    allowed: bool
    crawl_delay: float = 0.0
    reason: str | None = None


# (url) -> (status, body) or raises; supplied by the client so robots.txt goes
# through the same guard, timeouts and redirect limit as everything else.
Getter = Callable[[str], Awaitable[tuple[int, bytes]]]


class RobotsCache:
    def __init__(self, agent: str, get: Getter) -> None:
        self.agent = agent
        self.get = get
        self.rules: dict[str, RobotFileParser | str | None] = {}
        self.locks: dict[str, asyncio.Lock] = {}

    async def verdict(self, url: str) -> RobotsVerdict:
        origin = _origin(url)
        async with self.locks.setdefault(origin, asyncio.Lock()):
            if origin not in self.rules:
                self.rules[origin] = await self._load(origin)
        rules = self.rules[origin]
        if rules is None:
            return RobotsVerdict(True)
        if isinstance(rules, str):
            return RobotsVerdict(False, reason=rules)
        if not rules.can_fetch(self.agent, url):
            return RobotsVerdict(False, reason="disallowed by robots.txt (use --ignore-robots to override)")
        delay = rules.crawl_delay(self.agent)
        return RobotsVerdict(True, float(delay or 0))

    async def _load(self, origin: str) -> RobotFileParser | str | None:
        """Parsed rules; None for "allow all"; a reason string for "disallow all"."""
        try:
            status, body = await self.get(origin + "/robots.txt")
        except Exception as error:  # any failure to read it means: unreachable
            return f"robots.txt could not be read ({error or type(error).__name__}), so the site is treated as disallowed"
        if 400 <= status < 500:
            return None
        if not 200 <= status < 300:
            return f"robots.txt answered HTTP {status}, so the site is treated as disallowed"
        parser = RobotFileParser()
        parser.parse(_whole_delays(body.decode("utf-8", errors="replace").splitlines()))
        return parser


def _whole_delays(lines: list[str]) -> list[str]:
    """``Crawl-delay: 0.5`` rounded up to 1: the standard parser reads only whole
    seconds and would ignore it, and rounding up stays polite."""
    out = []
    for line in lines:
        name, _, value = line.partition(":")
        if name.strip().lower() == "crawl-delay":
            try:
                line = f"Crawl-delay: {math.ceil(float(value.split('#')[0]))}"
            except ValueError:
                pass
        out.append(line)
    return out


def _origin(url: str) -> str:
    parsed = httpx.URL(url)
    default = {"http": 80, "https": 443}.get(parsed.scheme)
    port = f":{parsed.port}" if parsed.port and parsed.port != default else ""
    host = f"[{parsed.host}]" if ":" in parsed.host else parsed.host  # an IPv6 literal keeps its brackets
    return f"{parsed.scheme}://{host}{port}"
