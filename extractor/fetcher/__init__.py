"""The fetcher: URLs -> an article folder (bodies as received + JSON sidecars).

>>> from extractor import fetch
>>> report = fetch(["https://www.example.org/news/1"], "articles/", contact="me@example.org")
>>> report.summary()
'1 URLs: 1 fetched, 0 unchanged, 0 failed -> articles'

``extractor run articles/`` (or ``Extractor().extract_many``) then reads the
folder, taking each record's URL and fetch time from the sidecars.
"""
from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Iterable

from .client import Fetcher
from .options import FetchOptions
from .results import FetchReport, FetchResult


async def fetch_async(urls: Iterable[str], folder: str | os.PathLike[str], *,
                      feeds: Iterable[str] = (),
                      options: FetchOptions | None = None,
                      on_result: Callable[[FetchResult], None] | None = None,
                      **settings) -> FetchReport:
    """Fetch ``urls``, and the links of the RSS/Atom ``feeds``, into ``folder``.

    ``settings`` are :class:`FetchOptions` fields (or pass ``options``);
    ``on_result`` is called as each URL ends."""
    options = options or FetchOptions(**settings)
    return await Fetcher(folder, options, on_result).run(urls, feeds)


def fetch(urls: Iterable[str], folder: str | os.PathLike[str], *,
          feeds: Iterable[str] = (),
          options: FetchOptions | None = None,
          on_result: Callable[[FetchResult], None] | None = None,
          **settings) -> FetchReport:
    """The blocking form of :func:`fetch_async`; also works inside a running
    event loop (a notebook), by running the fetch in a thread of its own."""
    work = fetch_async(urls, folder, feeds=feeds, options=options, on_result=on_result, **settings)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work)
    outcome: dict[str, object] = {}

    def runner() -> None:
        try:
            outcome["report"] = asyncio.run(work)
        except BaseException as error:  # handed back to the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=runner, name="extractor-fetch")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["report"]  # type: ignore[return-value]


__all__ = ["FetchOptions", "FetchReport", "FetchResult", "fetch", "fetch_async"]
