"""Folders of documents -> records: file discovery, worker processes, progress.

A broken file never stops a batch: it comes back as a record whose ``errors``
name its path and the reason, and every other document still gets its record.
Output order follows input order, whatever the number of workers.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .api import Extractor
from .documents import Limits, readable_suffixes
from .records import Record

_CHUNK = 8


@dataclass
class BatchSummary:
    documents: int = 0
    failed: int = 0
    words: int = 0


def find_documents(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files named directly, plus readable files found by walking folders
    (sorted, hidden files and fetch sidecars skipped). A link with a readable
    suffix that leads nowhere (broken, or a loop) is kept, so that it is
    reported instead of silently missing."""
    found: list[Path] = []
    suffixes = readable_suffixes()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (child.is_file() or child.is_symlink()) and child.suffix.lower() in suffixes and not any(
                        part.startswith(".") for part in child.relative_to(path).parts):
                    found.append(child)
        else:
            found.append(path)  # a missing file becomes an error record, not a crash
    return found


def run_batch(paths: list[Path], *, workers: int = 1, extractor: Extractor | None = None,
              limits: Limits | None = None) -> Iterator[Record]:
    """Records for ``paths`` in order; with ``workers > 1`` each worker process
    loads its own pipeline and takes chunks of files."""
    if workers <= 1 or len(paths) <= _CHUNK:
        extractor = extractor or Extractor(limits=limits)
        yield from extractor.extract_many(paths)
        return
    chunks = [paths[i:i + _CHUNK] for i in range(0, len(paths), _CHUNK)]
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(limits,)) as pool:
        for lines in pool.map(_work, chunks):
            for line in lines:
                yield Record.model_validate_json(line)


_worker: Extractor | None = None


def _init_worker(limits: Limits | None) -> None:
    global _worker
    _worker = Extractor(limits=limits)


def _work(chunk: list[Path]) -> list[str]:
    assert _worker is not None
    return [record.to_json() for record in _worker.extract_many(chunk)]
