"""Where records go as JSONL, the interchange format: one record per line,
UTF-8.

A run writes to ``OUT.part`` a batch at a time (each batch one write, then
fsync) and renames it to ``OUT`` when it ends, also when it is interrupted or
fails. So ``OUT`` only ever holds whole lines: a ``kill -9`` or a power cut
leaves the previous ``OUT`` untouched and the work so far in ``OUT.part``,
which ``--resume`` takes up."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import IO

from .records import Record

_BATCH = 16  # records per write: what a crash can cost, redone by --resume


class JsonlSink:
    """Writes records to a JSONL file (or a stream such as stdout).

    With ``resume=True`` the file (or the ``.part`` a killed run left) is
    kept, less its failed records and any line cut short, and :attr:`done`
    holds the source paths it already covers."""

    def __init__(self, target: str | Path | IO[str], *, resume: bool = False, batch: int = _BATCH) -> None:
        self.done: set[str] = set()
        self.written = 0
        self._resume = resume
        self._batch = batch
        self._lines: list[str] = []
        self._file: IO[bytes] | None = None
        self._stream: IO[str] | None = None
        if isinstance(target, (str, Path)) and str(target) != "-":
            self.path = Path(target)
            self.part = self.path.with_name(self.path.name + ".part")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if resume:
                self.done = _take_up(self.path, self.part)
            self._file = open(self.part, "ab" if resume else "wb", buffering=0)  # closed in close()
        else:
            self._stream = sys.stdout if target == "-" else target  # type: ignore[assignment]

    def write(self, record: Record) -> None:
        self._lines.append(record.to_json() + "\n")
        self.written += 1
        if self._stream is not None or len(self._lines) >= self._batch:
            self.flush()

    def flush(self) -> None:
        """Write the buffered records out (to disk, for a file)."""
        lines, self._lines = "".join(self._lines), []
        if self._stream is not None:
            self._stream.write(lines)
            self._stream.flush()
        elif self._file is not None and lines:
            data = memoryview(lines.encode("utf-8"))
            while data:  # a raw write may take only part of a long batch
                data = data[self._file.write(data):]
            os.fsync(self._file.fileno())

    def close(self, *, failed: bool = False) -> None:
        """Flush and put the file in place under its own name; a run that
        ``failed`` before writing anything leaves the previous file alone."""
        if self._file is None:
            self.flush()
            return
        try:
            self.flush()
        finally:
            self._file.close()
            self._file = None
            if failed and not self.written and not self._resume:
                self.part.unlink()
            else:
                _whole_lines(self.part)
                os.replace(self.part, self.path)

    def __enter__(self) -> "JsonlSink":
        return self

    def __exit__(self, kind, *exc: object) -> None:
        self.close(failed=kind is not None and not issubclass(kind, KeyboardInterrupt))


def _take_up(path: Path, part: Path) -> set[str]:
    """Ready ``part`` for a resumed run and return the source paths it holds.
    A ``.part`` left by a killed run is newer than ``path``; otherwise the
    finished file is taken up. Each document keeps its first whole record that
    did not fail; failed records and a line cut short are dropped, since the
    resumed run redoes those documents. The rewrite is atomic."""
    if not part.exists():
        if not path.is_file():
            return set()
        os.replace(path, part)
    kept: list[bytes] = []
    done: set[str] = set()
    with open(part, "rb") as handle:
        for line in handle:
            try:
                data = json.loads(line) if line.endswith(b"\n") else None
            except (json.JSONDecodeError, UnicodeDecodeError):
                data = None  # a line cut short by an interrupted run
            if not isinstance(data, dict):
                continue
            source_path = (data.get("source") or {}).get("path")
            if data.get("errors") or source_path in done:
                continue
            if source_path:
                done.add(source_path)
            kept.append(line)
    temporary = part.with_name(f".{part.name}.resume")
    with open(temporary, "wb") as out:
        out.writelines(kept)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, part)
    return done


def _whole_lines(path: Path) -> None:
    """Cut a trailing partial line (only an interrupt inside a write leaves one)."""
    with open(path, "rb+") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size == 0:
            return
        handle.seek(max(0, size - 1))
        if handle.read(1) == b"\n":
            return
        position = size
        while position > 0:
            step = min(65536, position)
            handle.seek(position - step)
            chunk = handle.read(step)
            cut = chunk.rfind(b"\n")
            if cut >= 0:
                handle.truncate(position - step + cut + 1)
                return
            position -= step
        handle.truncate(0)
