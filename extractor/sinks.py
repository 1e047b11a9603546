"""Where records go. JSONL is the interchange format: one record per line,
UTF-8, flushed per record so an interrupted run keeps what it wrote."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO

from .records import Record


class JsonlSink:
    """Appends records to a JSONL file (or a stream such as stdout)."""

    def __init__(self, target: str | Path | IO[str], *, append: bool = False) -> None:
        if isinstance(target, (str, Path)) and str(target) != "-":
            path = Path(target)
            path.parent.mkdir(parents=True, exist_ok=True)
            self._handle: IO[str] = open(path, "a" if append else "w", encoding="utf-8")
            self._owned = True
        else:
            self._handle = sys.stdout if target == "-" else target  # type: ignore[assignment]
            self._owned = False

    def write(self, record: Record) -> None:
        self._handle.write(record.to_json() + "\n")
        self._handle.flush()

    def close(self) -> None:
        if self._owned:
            self._handle.close()

    def __enter__(self) -> "JsonlSink":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def written_paths(path: str | Path) -> set[str]:
    """Source paths already in a JSONL file, so ``run --resume`` can skip them.
    Records that failed are not counted as written: a resumed run retries them."""
    done: set[str] = set()
    target = Path(path)
    if not target.is_file():
        return done
    with open(target, encoding="utf-8") as handle:
        for line in handle:
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut short by an interrupted run
            source_path = (data.get("source") or {}).get("path")
            if source_path and not data.get("errors"):
                done.add(source_path)
    return done
