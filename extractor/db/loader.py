"""Streaming records into a database: a transaction per batch, so a crash or
a failed batch leaves every earlier batch in place. A batch that fails is
rolled back and retried one record at a time, so one bad record costs only
itself and is reported by where it came from."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..records import Record
from .database import Database, DatabaseError


@dataclass(frozen=True)
class Problem:
    """A record that could not be read or written: where it is and why."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class LoadReport:
    written: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.written} documents written, {self.unchanged} unchanged, {len(self.problems)} failed"


class BatchWriter:
    """Collects records and writes them a batch at a time."""

    def __init__(self, database: Database, *, batch_size: int = 500,
                 on_problem: Callable[[Problem], None] | None = None) -> None:
        if batch_size < 1:
            raise ValueError("batch size must be at least 1")
        self.database = database
        self.batch_size = batch_size
        self.report = LoadReport()
        self._on_problem = on_problem
        self._pending: list[tuple[str, Record]] = []

    def add(self, where: str, record: Record) -> None:
        self._pending.append((where, record))
        if len(self._pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        batch, self._pending = self._pending, []
        if not batch:
            return
        try:
            self._count(self.database.write(record for _, record in batch))
        except DatabaseError as error:
            if not self.database.usable():
                raise DatabaseError(f"{self.database.url}: connection lost ({error})") from None
            if len(batch) == 1:
                self.problem(Problem(batch[0][0], str(error)))
                return
            for where, record in batch:  # find the record(s) that failed it
                try:
                    self._count(self.database.write([record]))
                except DatabaseError as single:
                    if not self.database.usable():
                        raise DatabaseError(f"{self.database.url}: connection lost ({single})") from None
                    self.problem(Problem(where, str(single)))

    def problem(self, problem: Problem) -> None:
        self.report.problems.append(problem)
        if self._on_problem:
            self._on_problem(problem)

    def _count(self, result: tuple[int, int]) -> None:
        self.report.written += result[0]
        self.report.unchanged += result[1]

    def close(self) -> LoadReport:
        self.flush()
        return self.report

    def __enter__(self) -> "BatchWriter":
        return self

    def __exit__(self, kind, *exc: object) -> None:
        if kind is None:  # on an interrupt the unfinished batch is dropped, as its transaction would be
            self.flush()


class DatabaseSink:
    """The database as a sink of ``extractor run``: a transaction per batch,
    so an interrupted run keeps every batch written before it. With
    ``resume=True``, :attr:`done` holds the paths already stored without
    errors."""

    def __init__(self, database: Database, *, resume: bool = False, batch_size: int = 100,
                 on_problem: Callable[[Problem], None] | None = None) -> None:
        self.done: set[str] = database.done_paths() if resume else set()
        self._writer = BatchWriter(database, batch_size=batch_size, on_problem=on_problem)

    @property
    def report(self) -> LoadReport:
        return self._writer.report

    def write(self, record: Record) -> None:
        self._writer.add(record.source.path or record.source.url or record.id, record)

    def close(self) -> None:
        self._writer.flush()


def read_jsonl(path: str | Path, on_bytes: Callable[[int], None] | None = None
               ) -> Iterator[tuple[str, Record | Problem]]:
    """(``FILE:LINE``, record or the reason it is unusable) for each line of a
    JSONL file, one at a time. A last line an interrupted run cut short is
    reported as such."""
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, 1):
            if on_bytes:
                on_bytes(len(line))
            where = f"{path}:{number}"
            if not line.strip():
                continue
            try:
                yield where, Record.model_validate_json(line)
            except ValidationError as error:
                yield where, Problem(where, _why(line, error))


def _why(line: bytes, error: ValidationError) -> str:
    if not line.endswith(b"\n"):
        try:
            json.loads(line)
        except ValueError:
            return "the line is cut short (an interrupted run?); run it again with --resume"
    first = error.errors()[0]
    place = ".".join(str(part) for part in first["loc"])
    return f"not a record: {first['msg']}" + (f" at {place}" if place else "")


def load_jsonl(paths: Iterable[str | Path], database: Database, *, batch_size: int = 500,
               on_problem: Callable[[Problem], None] | None = None,
               on_bytes: Callable[[int], None] | None = None) -> LoadReport:
    """Load JSONL files of records into ``database``, streaming."""
    with BatchWriter(database, batch_size=batch_size, on_problem=on_problem) as writer:
        for path in paths:
            for where, item in read_jsonl(path, on_bytes):
                if isinstance(item, Problem):
                    writer.problem(item)
                else:
                    writer.add(where, item)
    return writer.report
