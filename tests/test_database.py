"""Loading records into real databases: a SQLite file and, where a server is
reachable, PostgreSQL (each test gets a database of its own)."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from conftest import CORPUS, SEED
from extractor import Record
from extractor.db import DatabaseError, connect, load_jsonl
from extractor.db.schema import MIGRATIONS, Migration



def test_loading_twice_gives_the_same_rows(database_url, records_file, records):
    with connect(database_url) as database:
        first = load_jsonl([records_file], database, batch_size=50)
        counts = database.counts()
        second = load_jsonl([records_file], database, batch_size=50)
        assert database.counts() == counts
    assert first.written == len({r.id for r in records}) and not first.problems
    assert second.written == 0 and second.unchanged == len(records)
    assert counts["documents"] == len({r.id for r in records})
    assert counts["ratings"] == sum(len(r.ratings) for r in {r.id: r for r in records}.values())
    assert 0 < counts["inspections"] <= counts["ratings"]


def test_the_seed_article_supports_lancashires_2015_inadequate(database_url, records_file, records, shared_dir):
    seed = next(r for r in records if r.source.path and r.source.path.endswith(SEED))
    with connect(database_url) as database:
        load_jsonl([records_file], database)
        columns, rows = database.query(
            f"SELECT * FROM inspections WHERE gss_code = {database.placeholder}", ("E10000017",))
    found = [dict(zip(columns, row)) for row in rows]
    inadequate = [row for row in found if row["rating"] == "inadequate" and row["year"] == 2015]
    assert len(inadequate) == 1, found
    assert seed.id in inadequate[0]["document_ids"].split(",")
    assert inadequate[0]["subject"] == "Lancashire County Council"
    assert inadequate[0]["documents"] >= 1 and inadequate[0]["first_seen"] <= "2015-11-27"


def _report(doc_id: str, published: str, grade: str, status: str = "current", year: int | None = 2019,
            subject: str = "London Borough of Croydon", gss: str | None = "E09000008") -> Record:
    text = f"{subject} was rated {grade} by Ofsted."
    return Record.model_validate({
        "id": doc_id, "source": {"path": f"{doc_id}.txt", "kind": "text"}, "published": published, "text": text,
        "ratings": [{"subject": subject, "gss_code": gss, "rating": grade, "status": status, "year": year,
                     "judgement": "overall effectiveness", "service": "children's services",
                     "evidence": {"text": text, "start": 0, "end": len(text)}}]})


def _inspections(database, gss: str = "E09000008") -> list[dict]:
    columns, rows = database.query(f"SELECT * FROM inspections WHERE gss_code = {database.placeholder} "
                                   "ORDER BY year, rating", (gss,))
    return [dict(zip(columns, row)) for row in rows]


def test_inspections_follow_documents_as_they_are_added_replaced_and_removed(database_url):
    with connect(database_url) as database:
        database.write([_report("a", "2019-03-01", "inadequate"), _report("b", "2019-06-30", "inadequate"),
                        _report("c", "2021-01-05", "inadequate", status="previous")])
        (event,) = _inspections(database)
        assert (event["rating"], event["year"], event["documents"]) == ("inadequate", 2019, 3)
        assert sorted(event["document_ids"].split(",")) == ["a", "b", "c"]
        assert (event["first_seen"], event["last_seen"], event["reported_new_by"]) == ("2019-03-01", "2021-01-05", 2)

        assert database.write([_report("b", "2019-06-30", "good")]) == (1, 0)  # b corrected: replaces its rows
        assert {(e["rating"], e["documents"]) for e in _inspections(database)} == {("inadequate", 2), ("good", 1)}
        columns, rows = database.query("SELECT count(*) FROM ratings WHERE document_id = 'b'")
        assert rows == [(1,)]

        assert database.delete(["a", "c", "missing"]) == 2
        assert [(e["rating"], e["documents"]) for e in _inspections(database)] == [("good", 1)]
        assert database.counts()["documents"] == 1


def test_a_judgement_without_a_council_code_is_keyed_by_its_subject(database_url):
    school = dict(subject="Ashfield Primary School", gss=None)
    with connect(database_url) as database:
        database.write([_report("s1", "2020-01-01", "good", **school),
                        _report("s2", "2020-02-01", "good", subject="ASHFIELD PRIMARY SCHOOL", gss=None),
                        _report("s3", "2020-02-01", "good", subject="Ashfield Infant School", gss=None)])
        columns, rows = database.query("SELECT subject, documents FROM inspections ORDER BY subject")
    assert sorted((subject.lower(), documents) for subject, documents in rows) == [
        ("ashfield infant school", 1), ("ashfield primary school", 2)]


POISON = {
    "sqlite": ["CREATE TRIGGER poison BEFORE INSERT ON documents WHEN new.title = 'poison' "
               "BEGIN SELECT RAISE(ABORT, 'poisoned record'); END"],
    "postgresql": ["CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN IF NEW.title = 'poison' THEN "
                   "RAISE EXCEPTION 'poisoned record'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
                   "CREATE TRIGGER poison BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION poison()"],
}


def test_a_failed_batch_rolls_back_and_costs_only_its_bad_record(database_url, tmp_path):
    """The database itself refuses one record (a trigger): its batch is rolled
    back and retried record by record; earlier and later batches stay."""
    engine = database_url.split(":", 1)[0]
    lines = []
    for number in range(12):
        record = _report(f"d{number:02}", "2019-03-01", "good")
        if number == 7:
            record.title = "poison"
        lines.append(record.to_json())
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with connect(database_url) as database:
        with database.transaction() as cursor:
            for statement in POISON[engine]:
                cursor.execute(statement)
        report = load_jsonl([path], database, batch_size=5)
        assert database.counts()["documents"] == 11
    assert [(p.where, "poisoned record" in p.reason) for p in report.problems] == [(f"{path}:8", True)]
    assert report.written == 11


def test_a_database_from_a_newer_tool_is_refused_and_an_older_one_upgraded(database_url):
    with connect(database_url) as database:
        assert database.version() == MIGRATIONS[-1].version
        database.write([_report("a", "2019-03-01", "inadequate")])
        later = Migration(MIGRATIONS[-1].version + 1, "test: a column added",
                          lambda db: ["ALTER TABLE documents ADD COLUMN section TEXT"])
        assert database.migrate((*MIGRATIONS, later)) == [later.version]
        assert database.migrate((*MIGRATIONS, later)) == []  # already there
        assert database.counts()["documents"] == 1  # the upgrade kept the data
    with pytest.raises(DatabaseError, match="newer extractor"):
        connect(database_url)


def test_concurrent_loaders_do_not_duplicate(postgres_url, records_file, records):
    """Four processes load the same file into one PostgreSQL database at once."""
    command = [sys.executable, "-m", "extractor", "load", str(records_file), "--db", postgres_url, "--batch", "40"]
    loaders = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(loader.wait(timeout=300), loader.stderr.read()) for loader in loaders]
    assert all(code == 0 for code, _ in results), results
    with connect(postgres_url) as database:
        counts = database.counts()
        _, duplicates = database.query("SELECT document_id, position, count(*) FROM ratings "
                                       "GROUP BY document_id, position HAVING count(*) > 1")
    unique = {r.id: r for r in records}
    assert counts["documents"] == len(unique) and not duplicates
    assert counts["officials"] == sum(len(r.officials) for r in unique.values())


def test_concurrent_loaders_share_a_sqlite_file(tmp_path, records_file, records):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    command = [sys.executable, "-m", "extractor", "load", str(records_file), "--db", url, "--batch", "25"]
    loaders = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    assert all(loader.wait(timeout=300) == 0 for loader in loaders)
    with connect(url) as database:
        assert database.counts()["documents"] == len({r.id for r in records})


def test_the_sqlite_file_is_plain_sqlite_with_keys_and_search(tmp_path, records_file):
    path = tmp_path / "browse.db"
    with connect(f"sqlite:///{path}") as database:
        load_jsonl([records_file], database)
    plain = sqlite3.connect(path)  # a second, plain connection, as any tool would open it
    assert plain.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    keys = plain.execute("SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('ratings')").fetchall()
    assert keys == [("documents", "document_id", "id", "CASCADE")]
    indexed = {row[0] for row in plain.execute("SELECT name FROM pragma_index_list('ratings')")}
    assert {"ratings_gss_code", "ratings_rating", "ratings_year"} <= indexed
    hits = plain.execute("SELECT d.id FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
                         "WHERE documents_fts MATCH 'inadequate'").fetchall()
    everything = plain.execute("SELECT count(*) FROM documents WHERE text LIKE '%inadequate%'").fetchone()[0]
    assert 0 < len(hits) <= everything
    assert not plain.execute("SELECT 1 FROM documents_fts WHERE documents_fts MATCH 'zzqqxx'").fetchall()


def test_sqlite_utils_sees_the_tables_and_the_search_index(tmp_path, records_file):
    sqlite_utils = pytest.importorskip("sqlite_utils")
    path = tmp_path / "browse.db"
    with connect(f"sqlite:///{path}") as database:
        load_jsonl([records_file], database)
    db = sqlite_utils.Database(path)
    assert db["documents"].detect_fts() == "documents_fts"
    assert [fk.other_table for fk in db["councils"].foreign_keys] == ["documents"]
    assert db["documents"].pks == ["id"]
    found = list(db["documents"].search("inadequate", columns=["id", "title"]))
    assert found and all(set(row) == {"id", "title"} for row in found)


def test_the_sqlite_cli_reads_the_file(tmp_path, records_file):
    binary = "/usr/bin/sqlite3"
    if not os.access(binary, os.X_OK):
        pytest.skip("no sqlite3 command-line shell on this machine")
    path = tmp_path / "cli.db"
    with connect(f"sqlite:///{path}") as database:
        load_jsonl([records_file], database)
        expected = database.counts()["inspections"]
    shell = subprocess.run([binary, str(path), "SELECT count(*) FROM inspections;"], capture_output=True, text=True)
    assert shell.returncode == 0 and int(shell.stdout) == expected


def test_documents_can_be_stored_without_their_text(tmp_path, records_file):
    with connect(f"sqlite:///{tmp_path / 'lean.db'}", with_text=False) as database:
        load_jsonl([records_file], database)
        _, rows = database.query("SELECT count(*) FROM documents WHERE text IS NOT NULL")
        assert rows == [(0,)] and database.counts()["ratings"] > 0


def test_bad_lines_are_reported_by_line_and_the_rest_load(tmp_path, records):
    good = [records[0].to_json(), records[1].to_json()]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([good[0], '{"id": "x"}', "not json", good[1], good[1][:50]]), encoding="utf-8")
    with connect(f"sqlite:///{tmp_path / 'mixed.db'}") as database:
        report = load_jsonl([path], database)
        assert database.counts()["documents"] == 2
    reasons = {p.where.rsplit(":", 1)[1]: p.reason for p in report.problems}
    assert set(reasons) == {"2", "3", "5"}
    assert "not a record" in reasons["2"] and "cut short" in reasons["5"]


@pytest.mark.parametrize("url, message", [
    ("mysql://root@localhost/db", "not a database URL"),
    ("records.txt", "not a database URL"),
    ("postgresql://postgres@127.0.0.1:1/none", "cannot connect"),
])
def test_a_bad_url_is_a_clear_error(url, message):
    with pytest.raises(DatabaseError, match=message):
        connect(url)


def test_postgres_without_psycopg_says_which_extra_to_install():
    script = ("import sys; sys.modules['psycopg'] = None\n"
              "from extractor.db import connect, DatabaseError\n"
              "try:\n    connect('postgresql://postgres@127.0.0.1/test')\n"
              "except DatabaseError as error:\n    print(error)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert "pip install 'ofsted-extractor[postgres]'" in result.stdout, result.stderr


def test_records_round_trip_through_the_rows(database_url, records):
    """Every fact of a record reaches its table: values and offsets intact."""
    record = max(records, key=lambda r: len(r.ratings) + len(r.money) + len(r.officials))
    with connect(database_url) as database:
        database.write([record])
        p = database.placeholder
        _, money = database.query(f"SELECT value, currency, text, start_char, end_char FROM money "
                                  f"WHERE document_id = {p} ORDER BY position", (record.id,))
        _, officials = database.query(f"SELECT name, role, mentions, spans FROM officials WHERE document_id = {p} "
                                      f"ORDER BY position", (record.id,))
        _, text = database.query(f"SELECT text FROM documents WHERE id = {p}", (record.id,))
    assert money == [(m.value, m.currency, m.text, m.start, m.end) for m in record.money]
    for (name, role, mentions, spans), official in zip(officials, record.officials, strict=True):
        spans = json.loads(spans) if isinstance(spans, str) else spans
        assert (name, role, mentions) == (official.name, official.role, len(official.mentions))
        assert [text[0][0][s:e] for s, e in spans] == [m.text for m in official.mentions]


def readme_queries() -> list[str]:
    """The SQL statements README.md offers users, after its <!-- queries --> mark."""
    readme = (CORPUS.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- queries -->", 1)[1].split("```sql", 1)[1].split("```", 1)[0]
    return [statement.strip() for statement in block.split(";") if statement.strip()]


def test_the_readme_queries_run_and_answer(database_url, records_file, records):
    queries = readme_queries()
    assert len(queries) == 4
    with connect(database_url) as database:
        load_jsonl([records_file], database)
        answers = [database.query(query)[1] for query in queries]
    timeline, inadequate, downgrades, officials = answers
    lancashire = {(r.year, r.rating) for record in records for r in record.ratings if r.gss_code == "E10000017"}
    assert lancashire and {(row[0], row[2]) for row in timeline} == lancashire
    assert inadequate and all(row[1] >= 2015 for row in inadequate)
    assert all(row[1] != row[2] for row in downgrades)
    assert officials and officials[0][3] >= officials[-1][3]


def test_the_search_index_follows_replacements_and_removals(tmp_path):
    url = f"sqlite:///{tmp_path / 'search.db'}"

    def hits(database, word: str) -> list[str]:
        return [row[0] for row in database.query(
            "SELECT d.id FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY d.id", (word,))[1]]

    with connect(url) as database:
        database.write([_report("a", "2019-03-01", "inadequate"), _report("b", "2019-03-02", "good")])
        assert hits(database, "inadequate") == ["a"] and hits(database, "good") == ["b"]
        database.write([_report("a", "2019-03-01", "outstanding")])
        assert hits(database, "inadequate") == [] and hits(database, "outstanding") == ["a"]
        database.delete(["b"])
        assert hits(database, "good") == [] and hits(database, "croydon") == ["a"]
        assert database.query("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')") == ([], [])
