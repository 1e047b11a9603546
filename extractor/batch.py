"""Folders of documents -> records: file discovery, worker processes, progress.

A broken file never stops a batch: it comes back as a record whose ``errors``
name its path and the reason, and every other document still gets its record.
Output order follows input order, whatever the number of workers.
"""
from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .api import Extractor, error_record
from .documents import DocumentError, Limits, readable_suffixes
from .records import Record

_CHUNK = 8
_AHEAD = 4  # chunks queued per worker: enough to keep it busy, few enough to hold little


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


def default_workers() -> int:
    """The cores this process may run on (fewer than the machine's under a
    CPU affinity mask or a container's CPU set)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no affinity call
        return os.cpu_count() or 1


def run_batch(paths: list[Path], *, workers: int = 1, extractor: Extractor | None = None,
              limits: Limits | None = None) -> Iterator[Record]:
    """Records for ``paths`` in order; with ``workers > 1`` each worker process
    loads its own pipeline and takes chunks of files. A worker that dies (out
    of memory, a crash in a library) costs only the document it was reading."""
    if workers <= 1 or len(paths) <= _CHUNK:
        extractor = extractor or Extractor(limits=limits)
        yield from extractor.extract_many(paths)
        return
    pending = deque(paths[i:i + _CHUNK] for i in range(0, len(paths), _CHUNK))
    while pending:
        crashed = yield from _in_pool(pending, workers, limits)
        if crashed:  # the first unfinished chunk is redone a document at a time, to find the one that kills
            yield from _isolated(pending.popleft(), limits)


def _in_pool(pending: deque[list[Path]], workers: int, limits: Limits | None) -> Generator[Record, None, bool]:
    """Run the pending chunks in a pool, in order, removing each once its
    records are yielded; True if the pool broke before they were all done.
    Only a few chunks per worker are in flight, so memory stays the same
    however many documents the run has."""
    window = workers * _AHEAD
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(limits,)) as pool:
        futures: deque = deque()  # futures[i] is the work on pending[i]
        while pending:
            try:
                while len(futures) < min(window, len(pending)):
                    futures.append(pool.submit(_work, pending[len(futures)]))
                lines = futures.popleft().result()
            except BrokenProcessPool:
                return True
            pending.popleft()
            yield from (Record.model_validate_json(line) for line in lines)
    return False


def _isolated(chunk: list[Path], limits: Limits | None) -> Iterator[Record]:
    """Each document alone in a one-worker pool, so a death names its document."""
    pool: ProcessPoolExecutor | None = None
    try:
        for path in chunk:
            pool = pool or ProcessPoolExecutor(max_workers=1, initializer=_init_worker, initargs=(limits,))
            try:
                lines = pool.submit(_work, [path]).result()
            except BrokenProcessPool:
                pool.shutdown()
                pool = None
                yield error_record(DocumentError(_DIED, path=str(path)), path, stage="extract")
                continue
            yield from (Record.model_validate_json(line) for line in lines)
    finally:
        if pool is not None:
            pool.shutdown()


_DIED = "the worker process died while extracting this document (out of memory, or a crash inside a library)"


_worker: Extractor | None = None
_unbuilt: Exception | None = None  # why this worker has no pipeline


def _init_worker(limits: Limits | None) -> None:
    """Load this worker's pipeline. A failure is raised by the first chunk,
    so the run stops with it as a one-process run would: a pool whose
    initializer raises only looks broken, and every document would be
    retried alone, each in a new process."""
    global _worker, _unbuilt
    _watch_parent(os.getppid())
    try:
        _worker = Extractor(limits=limits)
    except Exception as error:
        _unbuilt = error


def _watch_parent(parent: int, every: float = 1.0) -> None:
    """End this worker when the run that started it is gone (killed with
    ``kill -9``, say): otherwise it would wait, holding its model, forever."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _work(chunk: list[Path]) -> list[str]:
    if _unbuilt is not None:
        raise _unbuilt
    assert _worker is not None
    return [record.to_json() for record in _worker.extract_many(chunk)]
