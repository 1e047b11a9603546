"""PostgreSQL through psycopg 3 (the ``postgres`` extra): the same tables as
SQLite, JSONB for spans, a generated tsvector column for full-text search,
COPY for bulk inserts and an advisory lock around schema changes."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from .database import Database, DatabaseError
from .tables import CHILDREN

_SCHEMA_LOCK = 0x0F57ED  # advisory lock key: one process migrates at a time
_SEARCH_CHARS = 500_000  # a tsvector holds under 1 MB; longer texts are indexed by their start


def _psycopg():
    try:
        import psycopg
    except ImportError:
        raise DatabaseError("PostgreSQL needs psycopg: pip install 'ofsted-extractor[postgres]'") from None
    return psycopg


class PostgresDatabase(Database):
    types = {"text": "TEXT", "int": "INTEGER", "real": "DOUBLE PRECISION", "json": "JSONB"}
    placeholder = "%s"
    differs = "IS DISTINCT FROM"

    @classmethod
    def open(cls, url: str, *, with_text: bool = True) -> "PostgresDatabase":
        psycopg = _psycopg()
        try:
            connection = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as error:
            raise DatabaseError(f"cannot connect to {url}: {' '.join(str(error).split())}") from None
        return cls(connection, url, with_text=with_text)

    def list_distinct(self, expression: str) -> str:
        return f"string_agg(DISTINCT {expression}, ',' ORDER BY {expression})"

    def search_ddl(self) -> list[str]:
        document = f"coalesce(title, '') || ' ' || left(coalesce(text, ''), {_SEARCH_CHARS})"
        return [f"ALTER TABLE documents ADD COLUMN search tsvector "
                f"GENERATED ALWAYS AS (to_tsvector('english', {document})) STORED",
                "CREATE INDEX documents_search ON documents USING gin (search)"]

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        psycopg = _psycopg()
        try:
            with self._conn.transaction(), self._conn.cursor() as cursor:
                yield cursor
        except psycopg.Error as error:
            raise DatabaseError(f"{type(error).__name__}: {str(error).strip()}") from None

    def usable(self) -> bool:
        return not (self._conn.closed or self._conn.broken)

    def _lock_schema(self, cursor: Any) -> None:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))

    def _upsert_documents(self, cursor: Any, rows: list[tuple]) -> set[str]:
        sql = self._upsert_sql()
        cursor.executemany(sql, rows, returning=True)
        changed = set()
        while True:
            changed.update(row[0] for row in cursor.fetchall())
            if not cursor.nextset():
                return changed

    def _delete_children(self, cursor: Any, ids: list[str]) -> None:
        for table in CHILDREN:
            cursor.execute(f"DELETE FROM {table.name} WHERE document_id = ANY(%s)", (ids,))

    def _insert(self, cursor: Any, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _tables(self, cursor: Any) -> set[str]:
        cursor.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
        return {row[0] for row in cursor.fetchall()}
