"""Where records go. JSONL is the interchange format: one record per line,
UTF-8. Each line goes to the file in one unbuffered write, so an interrupted
run leaves whole lines (at worst the last one cut short, which ``--resume``
removes)."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import IO

from .records import Record


class JsonlSink:
    """Appends records to a JSONL file (or a stream such as stdout)."""

    def __init__(self, target: str | Path | IO[str], *, append: bool = False) -> None:
        self._file: IO[bytes] | None = None
        self._stream: IO[str] | None = None
        if isinstance(target, (str, Path)) and str(target) != "-":
            path = Path(target)
            path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(path, "ab" if append else "wb", buffering=0)  # closed in close()
        else:
            self._stream = sys.stdout if target == "-" else target  # type: ignore[assignment]

    def write(self, record: Record) -> None:
        line = record.to_json() + "\n"
        if self._file is None:
            assert self._stream is not None
            self._stream.write(line)
            self._stream.flush()
            return
        data = memoryview(line.encode("utf-8"))
        while data:  # a raw write may take only part of a long line
            data = data[self._file.write(data):]

    def close(self) -> None:
        if self._file is not None:
            self._file.close()

    def __enter__(self) -> "JsonlSink":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def prepare_resume(path: str | Path) -> set[str]:
    """Make a JSONL file ready for ``run --resume`` and return the source paths
    it already holds. Each document keeps its first whole record that did not
    fail; failed records and a line an interrupted run cut short are removed,
    since the resumed run redoes those documents. The file is rewritten
    atomically, so the result holds exactly one line per document."""
    target = Path(path)
    if not target.is_file():
        return set()
    kept: list[bytes] = []
    done: set[str] = set()
    with open(target, "rb") as handle:
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
    temporary = target.with_name(f".{target.name}.resume")
    with open(temporary, "wb") as out:
        out.writelines(kept)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, target)
    return done
