"""Creating and upgrading a database: numbered migrations recorded in the
``extractor_schema`` table. A newer tool applies the steps an older database
lacks, each in its own transaction; it never drops a table or a column, and
it refuses a database made by a newer tool rather than guess at it."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .tables import CHILDREN, DOCUMENTS, Table

if TYPE_CHECKING:
    from .dialects import Dialect


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: Callable[["Dialect"], list[str]]


def create_table(table: Table, dialect: "Dialect") -> list[str]:
    columns = [f"{c.name} {dialect.types[c.kind]}" for c in table.columns]
    if table is DOCUMENTS:
        columns[0] += " PRIMARY KEY"
    else:
        columns += ["PRIMARY KEY (document_id, position)",
                    "FOREIGN KEY (document_id) REFERENCES documents(id) ON DELETE CASCADE"]
    statements = [f"CREATE TABLE {table.name} (\n  " + ",\n  ".join(columns) + "\n)"]
    statements += [f"CREATE INDEX {table.name}_{column} ON {table.name} ({column})" for column in table.indexes]
    return statements


def inspections_view(dialect: "Dialect") -> str:
    """One row per real-world judgement (who, which judgement, which grade,
    which year) however many documents report it. A view, so it is right the
    moment documents are added, replaced or removed."""
    who = "coalesce(r.gss_code, lower(r.subject))"
    seen = "coalesce(d.published, substr(d.fetched_at, 1, 10))"
    return f"""CREATE VIEW inspections AS
SELECT min(r.subject) AS subject, r.gss_code, r.judgement, r.rating, r.year,
  min(r.service) AS service,
  count(DISTINCT r.document_id) AS documents,
  {dialect.list_distinct('r.document_id')} AS document_ids,
  count(DISTINCT CASE WHEN r.status = 'current' THEN r.document_id END) AS reported_new_by,
  min({seen}) AS first_seen, max({seen}) AS last_seen
FROM ratings r JOIN documents d ON d.id = r.document_id
GROUP BY {who}, r.gss_code, r.judgement, r.rating, r.year"""


def _initial(dialect: "Dialect") -> list[str]:
    statements = create_table(DOCUMENTS, dialect)
    for table in CHILDREN:
        statements += create_table(table, dialect)
    return statements + [inspections_view(dialect)] + dialect.search_ddl()


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, their facts, the inspections view and full-text search", _initial),
)
