"""A database the records go into, whatever its engine: create or upgrade the
schema, write a batch of records as one transaction, remove documents.

Writing a document is idempotent: its row is upserted and, only when the
record differs from what is stored, its facts are replaced. Within a batch
documents are written in id order, so concurrent loaders lock rows in the same
order and cannot deadlock, and the upsert's row lock keeps two of them from
writing the same document's facts twice.
"""
from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ContextManager

from .. import __version__
from ..records import Record
from .schema import MIGRATIONS
from .tables import CHILDREN, DOCUMENTS, TABLES, child_rows, document_row


class DatabaseError(Exception):
    """The database could not be opened, upgraded or written; the message says why."""


class Database(ABC):
    """Base for the engines; subclasses say how SQL differs on theirs."""

    types: dict[str, str]
    placeholder: str
    differs: str  # the engine's null-safe "not equal"
    url: str

    def __init__(self, connection: Any, url: str, *, with_text: bool = True) -> None:
        self._conn = connection
        self.url = url
        self.with_text = with_text

    # -- what an engine provides -------------------------------------------------
    @abstractmethod
    def list_distinct(self, expression: str) -> str:
        """An aggregate listing the distinct values, comma-separated."""

    @abstractmethod
    def search_ddl(self) -> list[str]:
        """Statements that set up full-text search over titles and texts."""

    @abstractmethod
    def transaction(self) -> ContextManager[Any]:
        """A cursor inside one transaction: committed on success, rolled back
        (and raised as DatabaseError) on failure."""

    def _lock_schema(self, cursor: Any) -> None:
        """Serialise schema changes between processes, where the engine needs it."""

    @abstractmethod
    def _upsert_documents(self, cursor: Any, rows: list[tuple]) -> set[str]:
        """Insert or update document rows; the ids whose content changed."""

    @abstractmethod
    def _delete_children(self, cursor: Any, ids: list[str]) -> None:
        """Remove the facts of these documents from every child table."""

    @abstractmethod
    def _insert(self, cursor: Any, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
        """Bulk-insert rows into a child table."""

    @abstractmethod
    def _tables(self, cursor: Any) -> set[str]:
        """Names of the tables and views present."""

    def _upsert_sql(self) -> str:
        """Insert a document, or update it only if its record changed;
        returns the id when it was written."""
        columns = DOCUMENTS.names
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
        return (f"INSERT INTO documents ({', '.join(columns)}) VALUES ({', '.join([self.placeholder] * len(columns))}) "
                f"ON CONFLICT (id) DO UPDATE SET {updates} "
                f"WHERE documents.content_hash {self.differs} excluded.content_hash RETURNING id")

    def usable(self) -> bool:
        """False once the connection is lost (no later batch can succeed)."""
        return True

    # -- schema --------------------------------------------------------------------
    def version(self) -> int:
        """The schema version the database is at (0: empty)."""
        with self.transaction() as cursor:
            return self._version(cursor)

    def _version(self, cursor: Any) -> int:
        if "extractor_schema" not in self._tables(cursor):
            return 0
        cursor.execute("SELECT max(version) FROM extractor_schema")
        return cursor.fetchone()[0] or 0

    def migrate(self, migrations=MIGRATIONS) -> list[int]:
        """Bring the schema up to date; the versions applied (none if current)."""
        applied: list[int] = []
        known = migrations[-1].version
        with self.transaction() as cursor:
            self._lock_schema(cursor)
            if "extractor_schema" not in self._tables(cursor):
                cursor.execute("CREATE TABLE extractor_schema (version INTEGER PRIMARY KEY, description TEXT, "
                               "tool_version TEXT, applied_at TEXT)")
            current = self._version(cursor)
            if current > known:
                raise DatabaseError(f"{self.url} has schema version {current}, made by a newer extractor; this one "
                                    f"knows up to {known}: upgrade ofsted-extractor to write to it")
            for migration in migrations:
                if migration.version <= current:
                    continue
                for statement in migration.statements(self):
                    cursor.execute(statement)
                cursor.execute(f"INSERT INTO extractor_schema VALUES ({', '.join([self.placeholder] * 4)})",
                               (migration.version, migration.description, __version__, _now()))
                applied.append(migration.version)
        return applied

    # -- data ----------------------------------------------------------------------
    def write(self, records: Iterable[Record]) -> tuple[int, int]:
        """Write records in one transaction: (written, unchanged). A record
        whose id is already stored replaces that document's rows; the same
        record loaded again changes nothing. Later records in the batch win
        over earlier ones with the same id."""
        latest_by_id = {record.id: record for record in records}
        ordered = [latest_by_id[key] for key in sorted(latest_by_id)]
        loaded_at = _now()
        rows = [document_row(record, loaded_at=loaded_at, with_text=self.with_text) for record in ordered]
        with self.transaction() as cursor:
            changed = self._upsert_documents(cursor, rows)
            if changed:
                self._delete_children(cursor, sorted(changed))
                tables: dict[str, list[tuple]] = {table.name: [] for table in CHILDREN}
                for record in ordered:
                    if record.id in changed:
                        for name, table_rows in child_rows(record):
                            tables[name] += table_rows
                for table in CHILDREN:
                    if tables[table.name]:
                        self._insert(cursor, table.name, table.names, tables[table.name])
        return len(changed), len(ordered) - len(changed)

    def delete(self, ids: Iterable[str]) -> int:
        """Remove documents and all their facts; how many were there."""
        ids = sorted(set(ids))
        with self.transaction() as cursor:
            found = 0
            for key in ids:
                cursor.execute(f"DELETE FROM documents WHERE id = {self.placeholder}", (key,))
                found += max(cursor.rowcount, 0)
        return found

    def done_paths(self) -> set[str]:
        """Paths of documents stored without errors (what ``run --resume`` skips)."""
        with self.transaction() as cursor:
            cursor.execute("SELECT path FROM documents WHERE path IS NOT NULL AND id NOT IN "
                           "(SELECT document_id FROM errors)")
            return {row[0] for row in cursor.fetchall()}

    def counts(self) -> dict[str, int]:
        """Rows per table, and in the inspections view."""
        with self.transaction() as cursor:
            result = {}
            for name in [table.name for table in TABLES] + ["inspections"]:
                cursor.execute(f"SELECT count(*) FROM {name}")
                result[name] = cursor.fetchone()[0]
            return result

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> tuple[list[str], list[tuple]]:
        """Column names and rows of a query (placeholders in the engine's style)."""
        with self.transaction() as cursor:
            cursor.execute(sql, parameters)
            if cursor.description is None:  # a statement that returns no rows
                return [], []
            return [d[0] for d in cursor.description], [tuple(row) for row in cursor.fetchall()]

    def iter_query(self, sql: str, batch: int = 1000) -> Iterator[tuple]:
        """Rows of a query, a batch at a time (for exports of any size); the
        column names come first."""
        with self.transaction() as cursor:
            cursor.execute(sql)
            yield tuple(d[0] for d in cursor.description)
            while rows := cursor.fetchmany(batch):
                yield from (tuple(row) for row in rows)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
