"""Databases the records go into: SQLite (the embedded default) and
PostgreSQL, with the same tables on both.

>>> from extractor.db import connect
>>> with connect("sqlite:///ofsted.db") as db:
...     db.write(records)
"""
from __future__ import annotations

from .database import Database, DatabaseError
from .loader import BatchWriter, DatabaseSink, LoadReport, Problem, load_jsonl, read_jsonl
from .tables import TABLES

SCHEMES = ("sqlite:///", "postgresql://", "postgres://")  # and a plain path ending .db, .sqlite or .sqlite3


def connect(url: str, *, with_text: bool = True, migrate: bool = True) -> Database:
    """Open the database a URL names, creating or upgrading its schema:
    ``sqlite:///relative/path.db``, ``sqlite:////absolute/path.db``, a plain
    path ending in ``.db``/``.sqlite``, or ``postgresql://user@host:port/db``.
    ``with_text=False`` stores documents without their body text."""
    database = _open(url, with_text)
    if migrate:
        try:
            database.migrate()
        except BaseException:
            database.close()
            raise
    return database


def _open(url: str, with_text: bool) -> Database:
    if url.startswith(SCHEMES[1:]):
        from .postgres import PostgresDatabase

        return PostgresDatabase.open(url, with_text=with_text)
    from .sqlite import SQLiteDatabase

    if url.startswith(SCHEMES[0]):
        return SQLiteDatabase.open(url[len(SCHEMES[0]):] or ":memory:", url, with_text=with_text)
    if "://" not in url and url.lower().endswith((".db", ".sqlite", ".sqlite3")):
        return SQLiteDatabase.open(url, url, with_text=with_text)
    raise DatabaseError(f"not a database URL: {url!r} (use sqlite:///path.db or postgresql://user@host:port/db)")


__all__ = ["BatchWriter", "Database", "DatabaseSink", "DatabaseError", "LoadReport", "Problem", "SCHEMES", "TABLES", "connect",
           "load_jsonl", "read_jsonl"]
