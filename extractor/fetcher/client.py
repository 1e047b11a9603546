"""URLs -> an article folder, politely and safely (httpx, asyncio).

Each URL is fetched at most once per run: robots.txt is checked for every
origin it visits, each redirect hop is followed by hand (so every hop is
vetted), failed attempts are retried with backoff, and the body is saved only
when it differs from the copy already in the folder. Nothing raises out of a
run: every URL ends as a :class:`FetchResult`, good or failed.
"""
from __future__ import annotations

import asyncio
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from http import HTTPStatus
from pathlib import Path

import httpx

from ..article_folder import ArticleFolder, Sidecar
from ..documents import sniff_kind
from ..resources import load_json, resolve
from .body import ACCEPT_ENCODING, BadEncoding, BodyTooLarge, read_capped
from .feeds import NotAFeed, feed_links
from .guard import AddressPolicy, BlockedAddress, GuardedTransport
from .options import AGENT_TOKEN, FetchOptions
from .results import FetchReport, FetchResult
from .robots import ROBOTS_LIMIT, RobotsCache


class _Failure(Exception):
    """Ends one URL with a reason (and the last HTTP status, if any)."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.status = status


@dataclass
class _Response:
    url: str
    status: int
    headers: httpx.Headers
    body: bytes
    attempts: int


@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    return load_json(resolve(None, "fetch.json"))


class _HostGate:
    """At most ``slots`` requests in flight to one host, their starts spaced by
    ``delay``; a 429's Retry-After holds off every request to the host."""

    def __init__(self, slots: int, delay: float) -> None:
        self.slots = asyncio.Semaphore(slots)
        self.delay = delay
        self.next_start = 0.0
        self.spacing = asyncio.Lock()

    async def __aenter__(self) -> None:
        await self.slots.acquire()
        async with self.spacing:
            loop = asyncio.get_running_loop()
            wait = self.next_start - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            self.next_start = loop.time() + self.delay

    async def __aexit__(self, *exc: object) -> None:
        self.slots.release()

    def hold_off(self, seconds: float) -> None:
        self.next_start = max(self.next_start, asyncio.get_running_loop().time() + seconds)


class Fetcher:
    """One fetch run into ``folder`` (use :func:`fetch` or :func:`fetch_async`)."""

    def __init__(self, folder: str | os.PathLike[str], options: FetchOptions,
                 on_result: Callable[[FetchResult], None] | None = None) -> None:
        self.folder = ArticleFolder(folder)
        self.options = options
        self.on_result = on_result
        self.vocabulary = _vocabulary()
        self.gates: dict[str, _HostGate] = {}
        self.robots = RobotsCache(AGENT_TOKEN, self._get_robots)

    async def run(self, urls: Iterable[str], feeds: Iterable[str] = ()) -> FetchReport:
        options = self.options
        limits = httpx.Limits(max_connections=options.concurrency, max_keepalive_connections=options.concurrency)
        transport = GuardedTransport(AddressPolicy(options.allow_private, options.allow_networks), limits)
        headers = {"User-Agent": options.agent(self.vocabulary["agent_description"]),
                   "Accept": self.vocabulary["accept"], "Accept-Encoding": ACCEPT_ENCODING}
        timeout = httpx.Timeout(options.timeout, pool=None)
        self.slots = asyncio.Semaphore(options.concurrency)
        async with httpx.AsyncClient(transport=transport, headers=headers, timeout=timeout,
                                     follow_redirects=False, trust_env=False) as self.client:
            listed = await asyncio.gather(*(self._feed(feed) for feed in feeds))
            urls = [*urls, *(link for links, _ in listed for link in links)]
            unique = list(dict.fromkeys(url.strip().split("#")[0] for url in urls if url.strip()))
            results = await asyncio.gather(*(self._one(url) for url in unique))
        failed_feeds = [failure for _, failure in listed if failure]
        return FetchReport(Path(self.folder.root), [*failed_feeds, *results])

    async def _feed(self, url: str) -> tuple[list[str], FetchResult | None]:
        """The article links a feed lists, or a failed result saying why there are none."""
        try:
            _check_url(url)
            response, _ = await self._follow(url, {}, self.options.max_size, robots=True)
            if not 200 <= response.status < 300:
                raise _Failure(_status_text(response.status), response.status)
            return feed_links(response.body, response.url), None
        except (_Failure, NotAFeed) as failure:
            result = FetchResult(url, "failed", status=getattr(failure, "status", None), reason=f"feed: {failure}")
        except Exception as error:  # one feed never stops the run
            result = FetchResult(url, "failed", reason=f"feed: unexpected error: {type(error).__name__}: {error}")
        if self.on_result:
            self.on_result(result)
        return [], result

    async def _one(self, url: str) -> FetchResult:
        try:
            result = await self._fetch(url)
        except _Failure as failure:
            result = FetchResult(url, "failed", status=failure.status, reason=str(failure))
        except OSError as error:  # the folder, not the site: full disk, no permission, a file in the way
            result = FetchResult(url, "failed", reason=f"cannot save to {error.filename or self.folder.root}: "
                                                       f"{error.strerror or error}")
        except Exception as error:  # one URL never stops the run
            result = FetchResult(url, "failed", reason=f"unexpected error: {type(error).__name__}: {error}")
        if self.on_result:
            self.on_result(result)
        return result

    async def _fetch(self, url: str) -> FetchResult:
        _check_url(url)
        saved = await asyncio.to_thread(self.folder.previous, url)
        previous = None if self.options.refresh else saved
        conditions = {}
        if previous and previous.etag:
            conditions["If-None-Match"] = previous.etag
        if previous and previous.last_modified:
            conditions["If-Modified-Since"] = previous.last_modified
        response, hops = await self._follow(url, conditions, self.options.max_size, robots=True)
        done = {"final_url": response.url, "status": response.status, "attempts": response.attempts}
        if response.status == 304 and previous:
            return FetchResult(url, "unchanged", path=self.folder.inside(previous.file), size=previous.size, **done)
        if not 200 <= response.status < 300 or response.status == 204:
            raise _Failure(_status_text(response.status), response.status)
        if not response.body:
            raise _Failure("the server sent an empty body", response.status)
        kind, charset = self._kind(response)
        digest = hashlib.sha256(response.body).hexdigest()
        if previous and previous.sha256 == digest and previous.kind == kind:
            return FetchResult(url, "unchanged", path=self.folder.inside(previous.file), size=previous.size, **done)
        sidecar = Sidecar(
            url=url, final_url=response.url, status=response.status,
            content_type=response.headers.get("content-type"), charset=charset, kind=kind, file="",
            size=len(response.body), sha256=digest, fetched_at=_now(),
            etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"), redirects=hops)
        path = await asyncio.to_thread(self.folder.save, sidecar, response.body, self.vocabulary["suffixes"][kind],
                                       saved)
        return FetchResult(url, "fetched", path=path, size=len(response.body), **done)

    def _kind(self, response: _Response) -> tuple[str, str | None]:
        """The document kind from the Content-Type (sniffed when it says nothing useful)."""
        content_type = response.headers.get("content-type", "")
        media, _, params = content_type.partition(";")
        media = media.strip().lower()
        charset = _charset(params)
        kind = self.vocabulary["content_types"].get(media)
        if kind is None and media in self.vocabulary["sniffed_content_types"]:
            kind = sniff_kind(response.body)
            if kind == "text" and b"\x00" in response.body[:4096]:
                kind = None
        if kind is None:
            raise _Failure(f"unsupported content type {media or 'unknown'!r}: not HTML, PDF or plain text",
                           response.status)
        return kind, charset

    async def _follow(self, url: str, headers: dict[str, str], limit: int, robots: bool,
                      max_redirects: int | None = None) -> tuple[_Response, list[str]]:
        """Request ``url``, following redirects by hand; returns the last response and the hops before it."""
        max_redirects = self.options.max_redirects if max_redirects is None else max_redirects
        hops: list[str] = []
        attempts = 0
        while True:
            delay = 0.0
            if robots and self.options.respect_robots:
                verdict = await self.robots.verdict(url)
                if not verdict.allowed:
                    raise _Failure(verdict.reason or "disallowed by robots.txt")
                delay = min(verdict.crawl_delay, self.options.max_retry_after)
            response = await self._with_retries(url, headers, limit, delay)
            attempts += response.attempts
            location = response.headers.get("location")
            if response.status not in self.vocabulary["redirect_statuses"] or not location:
                response.attempts = attempts
                return response, hops
            if len(hops) >= max_redirects:
                raise _Failure(f"more than {max_redirects} redirects (--max-redirects)", response.status)
            hops.append(url)
            url = str(httpx.URL(url).join(location)).split("#")[0]
            _check_url(url, redirected=True)

    async def _with_retries(self, url: str, headers: dict[str, str], limit: int, crawl_delay: float) -> _Response:
        options = self.options
        host = httpx.URL(url).host
        gate = self.gates.setdefault(host, _HostGate(options.per_host, options.delay))
        gate.delay = max(options.delay, crawl_delay)
        for attempt in range(1, options.retries + 2):
            last = attempt > options.retries
            try:
                response = await asyncio.wait_for(self._exchange(gate, url, headers, limit), options.max_time)
            except (BlockedAddress, BodyTooLarge, BadEncoding) as error:
                raise _Failure(str(error)) from None
            except asyncio.TimeoutError:
                if last:
                    raise _Failure(f"gave up after {_attempts(attempt)}: took longer than {options.max_time:g} s "
                                   "(--max-time)") from None
            except httpx.TransportError as error:
                if last:
                    raise _Failure(f"gave up after {_attempts(attempt)}: {_describe(error)}") from None
            else:
                if response.status not in self.vocabulary["retry_statuses"] or last:
                    response.attempts = attempt
                    if response.status in self.vocabulary["retry_statuses"]:
                        raise _Failure(f"{_status_text(response.status)} after {_attempts(attempt)}", response.status)
                    return response
                wait = _retry_after(response.headers.get("retry-after"))
                if wait is not None:
                    if wait > options.max_retry_after:
                        raise _Failure(f"{_status_text(response.status)}: the server asked to retry after "
                                       f"{wait:.0f} s, more than --max-retry-after", response.status)
                    gate.hold_off(wait)
                    continue
            await asyncio.sleep(options.backoff * 2 ** (attempt - 1))
        raise AssertionError("unreachable")  # the loop returns or raises on its last attempt

    async def _exchange(self, gate: _HostGate, url: str, headers: dict[str, str], limit: int) -> _Response:
        """One request and its (capped) body; redirects and errors carry no body."""
        async with gate, self.slots:
            request = self.client.build_request("GET", url, headers=headers)
            response = await self.client.send(request, stream=True)
            try:
                wanted = 200 <= response.status_code < 300
                body = await read_capped(response, limit) if wanted else b""
            finally:
                await response.aclose()
        return _Response(url, response.status_code, response.headers, body, 1)

    async def _get_robots(self, url: str) -> tuple[int, bytes]:
        response, _ = await self._follow(url, {}, ROBOTS_LIMIT, robots=False, max_redirects=5)
        return response.status, response.body


def _check_url(url: str, redirected: bool = False) -> None:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as error:
        raise _Failure(f"invalid URL: {error}") from None
    where = "redirected to" if redirected else "URL"
    if parsed.scheme not in ("http", "https"):
        hint = " (add https://)" if not parsed.scheme and not redirected else ""
        raise _Failure(f"{where} {url!r}: only http and https URLs are fetched{hint}")
    if not parsed.host:
        raise _Failure(f"{where} {url!r} has no host")


def _charset(params: str) -> str | None:
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _status_text(status: int) -> str:
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _attempts(count: int) -> str:
    return "1 attempt" if count == 1 else f"{count} attempts"


def _describe(error: Exception) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
