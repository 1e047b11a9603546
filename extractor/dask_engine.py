"""Running the pipeline on a Dask cluster, for archives that outgrow one
machine (the ``dask`` extra). The same work as local worker processes: the
documents go out in partitions, each Dask worker loads the model once and
keeps it, and the records come back in input order, a bounded number of
partitions in flight. Workers read the files themselves, so the paths must be
readable on every worker (a shared filesystem, or the same folder on each)."""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .documents import DocumentError, Limits
from .records import Record
from .unavailable import PipelineUnavailable

if TYPE_CHECKING:
    from .api import Extractor

_PARTITION = 16  # documents per task
_AHEAD = 2  # partitions in flight per worker

_models: dict[Limits | None, "Extractor"] = {}  # one per worker process, kept between tasks


class EngineError(Exception):
    """The cluster could not be used; the message says why."""


def run_dask(paths: list[Path], *, scheduler: str | None = None, workers: int = 1,
             limits: Limits | None = None) -> Iterator[Record]:
    """Records for ``paths`` in order, extracted on the cluster at
    ``scheduler`` (``tcp://host:port``), or without one on a LocalCluster of
    ``workers`` processes on this machine."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("--engine dask needs Dask: pip install 'ofsted-extractor[dask]'") from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="10s")
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address=None)
            client = Client(cluster)
    except (OSError, TimeoutError) as error:
        raise EngineError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {error}") from None
    try:
        window = max(1, len(client.scheduler_info().get("workers", {})) or workers) * _AHEAD
        partitions = ([str(p) for p in paths[i:i + _PARTITION]] for i in range(0, len(paths), _PARTITION))
        in_flight: deque = deque()
        for partition in partitions:
            in_flight.append((partition, client.submit(_extract, partition, limits, pure=False)))
            if len(in_flight) >= window:
                yield from _gather(client, *in_flight.popleft(), limits)
        while in_flight:
            yield from _gather(client, *in_flight.popleft(), limits)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _gather(client, partition: list[str], future, limits: Limits | None) -> Iterator[Record]:
    """The partition's records; if its task failed (a worker died on it more
    than Dask retries), each document is tried alone, so only the one that
    kills a worker is lost, as an error record."""
    try:
        lines = future.result()
    except PipelineUnavailable:  # the same on every worker: retrying each document would only repeat it
        raise
    except Exception:  # a KilledWorker or a fault inside the task
        lines = None
    if lines is not None:
        yield from (Record.model_validate_json(line) for line in lines)
        return
    from .api import error_record

    for path in partition:
        try:
            (line,) = client.submit(_extract, [path], limits, pure=False).result()
            yield Record.model_validate_json(line)
        except Exception as error:
            yield error_record(DocumentError(f"the Dask worker failed on this document: {type(error).__name__}: "
                                             f"{error}", path=path), Path(path), stage="extract")


def _extract(partition: list[str], limits: Limits | None) -> list[str]:
    """Runs on a worker: the partition's records as JSON lines."""
    from .api import Extractor

    extractor = _models.get(limits)
    if extractor is None:
        extractor = _models[limits] = Extractor(limits=limits)
    return [record.to_json() for record in extractor.extract_many(Path(p) for p in partition)]
