"""The embedded default: a SQLite file through the standard library, in WAL
mode so readers (sqlite3, Datasette, sqlite-utils) can browse it while a load
runs, with foreign keys enforced and FTS5 full-text search over documents."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .database import Database, DatabaseError
from .tables import CHILDREN

_BUSY_MS = 60_000  # how long a writer waits for another to finish its transaction


class SQLiteDatabase(Database):
    types = {"text": "TEXT", "int": "INTEGER", "real": "REAL", "json": "TEXT"}
    placeholder = "?"
    differs = "IS NOT"

    @classmethod
    def open(cls, path: str, url: str, *, with_text: bool = True) -> "SQLiteDatabase":
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = sqlite3.connect(path, isolation_level=None, timeout=_BUSY_MS / 1000, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA foreign_keys=ON")
            connection.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.Error as error:
            raise DatabaseError(f"cannot open {url}: {error}") from None
        return cls(connection, url, with_text=with_text)

    def list_distinct(self, expression: str) -> str:
        return f"group_concat(DISTINCT {expression})"

    def search_ddl(self) -> list[str]:
        # external content: the index points at documents' rows instead of
        # copying the text; content="documents" is how Datasette and
        # sqlite-utils recognise it as the table's search index
        fts = "documents_fts"
        insert = f"INSERT INTO {fts}(rowid, title, text) VALUES (new.rowid, new.title, new.text);"
        delete = f"INSERT INTO {fts}({fts}, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);"
        return [
            f'CREATE VIRTUAL TABLE {fts} USING fts5(title, text, content="documents")',
            f"CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN {insert} END",
            f"CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN {delete} END",
            f"CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN {delete} {insert} END",
        ]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Cursor]:
        cursor = self._conn.cursor()
        try:
            cursor.execute("BEGIN IMMEDIATE")  # take the write lock now, not halfway through
            yield cursor
            cursor.execute("COMMIT")
        except (sqlite3.Error, OverflowError) as error:  # OverflowError: an integer SQLite cannot hold
            self._rollback()
            raise DatabaseError(f"{type(error).__name__}: {error}") from None
        except BaseException:
            self._rollback()
            raise
        finally:
            cursor.close()

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def _upsert_documents(self, cursor: sqlite3.Cursor, rows: list[tuple]) -> set[str]:
        sql = self._upsert_sql()
        changed = set()
        for row in rows:
            cursor.execute(sql, row)
            if cursor.fetchone() is not None:
                changed.add(row[0])
        return changed

    def _delete_children(self, cursor: sqlite3.Cursor, ids: list[str]) -> None:
        for table in CHILDREN:
            cursor.executemany(f"DELETE FROM {table.name} WHERE document_id = ?", [(key,) for key in ids])

    def _insert(self, cursor: sqlite3.Cursor, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows)

    def _tables(self, cursor: Any) -> set[str]:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
        return {row[0] for row in cursor.fetchall()}
