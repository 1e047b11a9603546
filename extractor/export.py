"""CSV export of the flat tables, for spreadsheet users: the same columns as
the database, read from a database or from JSONL (loaded on the way into a
temporary SQLite file, so an export of any size runs in bounded memory and
computes the inspections table exactly as the database does)."""
from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .db import Database, Problem, connect, load_jsonl
from .db.tables import DOCUMENTS, TABLES

_ORDER = {"documents": "id", "inspections": "gss_code, subject, judgement, year, rating"}


def export_csv(database: Database, folder: str | Path, *, with_text: bool = False) -> dict[str, int]:
    """One CSV per table plus inspections.csv; rows written per file."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = {}
    for table in TABLES:
        columns = [c for c in table.names if with_text or not (table is DOCUMENTS and c == "text")]
        order = _ORDER.get(table.name, "document_id, position")
        written[table.name] = _write(database, f"SELECT {', '.join(columns)} FROM {table.name} ORDER BY {order}",
                                     target / f"{table.name}.csv")
    written["inspections"] = _write(database, f"SELECT * FROM inspections ORDER BY {_ORDER['inspections']}",
                                    target / "inspections.csv")
    return written


def export_records_csv(paths: Iterable[str | Path], folder: str | Path, *, with_text: bool = False,
                       on_problem: Callable[[Problem], None] | None = None) -> tuple[dict[str, int], list[Problem]]:
    """CSV files from JSONL records; also the records that could not be read."""
    with tempfile.TemporaryDirectory(prefix="extractor-export-") as scratch:
        with connect(f"sqlite:///{scratch}/records.db", with_text=with_text) as database:
            report = load_jsonl(paths, database, on_problem=on_problem)
            return export_csv(database, folder, with_text=with_text), report.problems


def _write(database: Database, sql: str, path: Path) -> int:
    rows = database.iter_query(sql)
    count = -1
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for count, row in enumerate(rows):
            writer.writerow(row)
    return max(count, 0)
