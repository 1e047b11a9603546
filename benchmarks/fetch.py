"""Pages per second fetched from a loopback server, against bare httpx, in one process.

A real HTTP server on 127.0.0.1 (the one the tests use) serves N pages made
from the HTML fixtures. We time, alternating in the same process:

* bare httpx: an AsyncClient GETting every page with the same concurrency,
  keeping the bodies in memory (the floor: no robots.txt, guard or files);
* ``extractor fetch`` into a fresh folder (robots.txt, address guard, capped
  bodies, files and sidecars written);
* ``extractor fetch`` again into the same folder (conditional requests, 304s).

    python benchmarks/fetch.py [--pages 181] [--rounds 3] [--per-host 8]
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

from extractor import fetch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from http_server import Site  # noqa: E402  (the tests' loopback server)

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "html"


def serve(site: Site, count: int) -> list[str]:
    pages = [page.read_bytes() for page in sorted(FIXTURES.glob("*.html"))]
    site.page("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
    urls = []
    for n in range(count):
        body = pages[n % len(pages)] + f"<!-- page {n} -->".encode()
        site.page(f"/news/{n}", body, etag=f'"p{n}"')
        urls.append(site.url(f"/news/{n}"))
    return urls


async def bare(urls: list[str], concurrency: int) -> int:
    limit = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=concurrency)) as client:
        async def one(url: str) -> int:
            async with limit:
                return len((await client.get(url)).content)
        return sum(await asyncio.gather(*(one(url) for url in urls)))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=181)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--per-host", type=int, default=8, help="our per-host limit (default 8; the CLI's is 2)")
    args = parser.parse_args()
    timings: dict[str, list[float]] = {"bare httpx": [], "extractor fetch": [], "second run (304s)": []}
    with Site() as site:
        urls = serve(site, args.pages)
        for _ in range(args.rounds):
            start = time.perf_counter()
            size = asyncio.run(bare(urls, args.per_host))
            timings["bare httpx"].append(time.perf_counter() - start)
            with tempfile.TemporaryDirectory() as folder:
                for label in ("extractor fetch", "second run (304s)"):
                    start = time.perf_counter()
                    report = fetch(urls, folder, allow_private=True, per_host=args.per_host,
                                   concurrency=args.per_host)
                    timings[label].append(time.perf_counter() - start)
                    assert report.ok and len(report.results) == args.pages, report.summary()
                files = len(list(Path(folder).glob("*.html")))
    print(f"{args.pages} pages ({size / args.pages / 1024:.1f} KB each), {args.per_host} at a time, "
          f"{args.rounds} rounds (median); {files} files landed")
    floor = statistics.median(timings["bare httpx"])
    for label, seconds in timings.items():
        median = statistics.median(seconds)
        print(f"{label:18} {args.pages / median:7.0f} pages/s   ({median / floor:.2f}x bare httpx's time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
