"""The command line, run as a user would: a real process, real files."""
import csv
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import psutil
import pytest

from conftest import CORPUS


def cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "extractor", *args], input=stdin, capture_output=True, text=True,
                          timeout=300)


ARTICLE = ("Council rated inadequate\n\nBy Jane Smith\n3 March 2019\n\n"
           "Croydon Council has been rated inadequate by Ofsted. The council will spend £2m on 40 social workers.\n")


@pytest.fixture(scope="module")
def schema():
    result = cli("schema")
    assert result.returncode == 0
    return json.loads(result.stdout)


def test_extract_from_stdin_prints_a_valid_record(schema):
    result = cli("extract", "-", stdin=ARTICLE)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    jsonschema.validate(record, schema)
    assert record["published"] == "2019-03-03"
    assert record["ratings"][0]["subject"] == "London Borough of Croydon"
    assert record["money"][0]["value"] == 2000000


def test_extract_reports_an_unreadable_file(tmp_path):
    result = cli("extract", str(tmp_path / "missing.txt"))
    assert result.returncode == 2
    assert "missing.txt" in result.stderr and "cannot read file" in result.stderr


def test_text_prints_the_clean_body(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE + "\nSubscribe\n", encoding="utf-8")
    result = cli("text", str(path))
    assert result.stdout.strip().startswith("Council rated inadequate\n\n3 March 2019\n\nCroydon Council has been rated")
    assert "Subscribe" not in result.stdout and "Jane Smith" not in result.stdout


def test_run_keeps_going_past_a_broken_file(tmp_path, schema):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x01binary junk")
    (folder / "c.txt").write_text(ARTICLE.replace("Croydon", "Lambeth"), encoding="utf-8")
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # not a document: skipped
    out = tmp_path / "out.jsonl"
    result = cli("run", str(folder), "-o", str(out))
    assert result.returncode == 1  # something failed, and we say so
    assert "b.txt" in result.stderr and "binary" in result.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["source"]["path"].rsplit("/", 1)[-1] for r in records] == ["a.txt", "b.txt", "c.txt"]
    for record in records:
        jsonschema.validate(record, schema)
    assert records[1]["errors"][0]["stage"] == "read"
    assert records[0]["councils"][0]["name"] == "London Borough of Croydon"
    assert records[2]["councils"][0]["name"] == "London Borough of Lambeth"


def test_run_names_every_bad_file_and_keeps_every_good_one(tmp_path, schema):
    """Bad kinds a real folder holds: each is named with its reason, no
    traceback or library log line reaches the user, every good file is read."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good1.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "good2.txt").write_text(ARTICLE.replace("Croydon", "Lambeth"), encoding="utf-16")
    bad = {
        "bom.txt": (b"\xff\xfe" + b"\x00\xd8\x41\x00" * 8, "byte-order mark"),
        "empty.txt": (b"", "empty document"),
        "noise.pdf": (bytes(range(256)) * 20, "not a PDF"),
        "page.pdf": (b"<!DOCTYPE html><html><body><p>Not a report</p></body></html>", "an HTML page saved as .pdf"),
        "cut.pdf": (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R", "truncated PDF"),
    }
    for name, (data, _) in bad.items():
        (folder / name).write_bytes(data)
    (folder / "loop1.txt").symlink_to(folder / "loop2.txt")
    (folder / "loop2.txt").symlink_to(folder / "loop1.txt")
    out = tmp_path / "out.jsonl"
    result = cli("run", str(folder), "-o", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "EOF marker" not in result.stderr
    records = {r["source"]["path"].rsplit("/", 1)[-1]: r for r in map(json.loads, out.read_text().splitlines())}
    assert len(records) == len(bad) + 4
    for name, (_, reason) in bad.items():
        assert reason in records[name]["errors"][0]["message"], name
        assert f"{name}: " in result.stderr
    assert "symbolic links" in records["loop1.txt"]["errors"][0]["message"]
    for record in records.values():
        jsonschema.validate(record, schema)
    assert records["good1.txt"]["councils"][0]["name"] == "London Borough of Croydon"
    assert records["good2.txt"]["councils"][0]["name"] == "London Borough of Lambeth"
    assert "9 documents, 2 extracted, 7 failed" in result.stderr


def test_run_resume_skips_documents_already_written(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli("run", str(folder), "-o", str(out)).returncode == 0
    (folder / "b.txt").write_text(ARTICLE.replace("Croydon", "Lambeth"), encoding="utf-8")
    result = cli("run", str(folder), "-o", str(out), "--resume")
    assert result.returncode == 0
    assert "1 documents" in result.stderr
    assert len(out.read_text().splitlines()) == 2


def test_run_limits_are_options_and_name_the_limit_hit(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "short.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "long.txt").write_text(ARTICLE + "More council business follows. " * 200, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = cli("run", str(folder), "-o", str(out), "--max-chars", "2000")
    assert result.returncode == 1
    assert "long.txt: text is" in result.stderr and "2,000-character limit" in result.stderr
    result = cli("run", str(folder), "-o", str(out), "--max-file-mb", "0.001")
    assert "long.txt: file is" in result.stderr and "short.txt" not in result.stderr
    assert cli("run", str(folder), "-o", str(out), "--max-chars", "0").returncode == 2


def test_resume_holds_one_line_per_document_after_a_cut_and_a_failure(tmp_path):
    """What an interrupted run leaves: a failed record (retried), a line cut
    short, a document written twice by an older run. Resumed, the file holds
    exactly one line per document."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli("run", str(folder / "a.txt"), str(folder / "b.txt"), "-o", str(out)).returncode == 0
    good_a, good_b = out.read_text(encoding="utf-8").splitlines()
    failed_c = json.dumps({"source": {"path": str(folder / "c.txt")}, "errors": [{"stage": "read", "message": "x"}]})
    out.write_text("\n".join([good_a, failed_c, good_a]) + "\n" + good_b[:40], encoding="utf-8")
    result = cli("run", str(folder), "-o", str(out), "--resume")
    assert result.returncode == 0 and "2 documents" in result.stderr  # b (cut short) and c (failed) redone
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    paths = sorted(r["source"]["path"].rsplit("/", 1)[-1] for r in records)
    assert paths == ["a.txt", "b.txt", "c.txt"]
    assert not any(r["errors"] for r in records)


def test_a_run_killed_midway_and_resumed_has_every_document_once(tmp_path):
    """kill -9 midway: the output file never holds a half-written line (the
    previous one stays, the work so far is in OUT.part); resumed, it holds
    every document once."""
    out = tmp_path / "out.jsonl"
    part = tmp_path / "out.jsonl.part"
    out.write_text('{"previous": "run"}\n', encoding="utf-8")
    articles = CORPUS / "articles"
    total = len(list(articles.glob("*.*")))
    process = subprocess.Popen([sys.executable, "-m", "extractor", "run", str(articles), "-o", str(out),
                                "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and (
            not part.exists() or part.read_bytes().count(b"\n") < 20):
        time.sleep(0.05)
    workers = psutil.Process(process.pid).children(recursive=True)
    process.send_signal(signal.SIGKILL)
    process.wait()
    _, alive = psutil.wait_procs(workers, timeout=15)
    assert workers and not alive, "worker processes outlived the run they belonged to"
    assert out.read_text(encoding="utf-8") == '{"previous": "run"}\n'
    written = part.read_bytes().count(b"\n")
    assert 0 < written < total, "the run was not stopped midway"
    result = cli("run", str(articles), "-o", str(out), "--resume")
    assert result.returncode == 0, result.stderr
    assert f"{total - written} documents" in result.stderr and not part.exists()
    lines = out.read_text(encoding="utf-8").splitlines()
    paths = [json.loads(line)["source"]["path"] for line in lines]
    assert len(paths) == len(set(paths)) == total


def test_run_writes_to_a_database_and_resumes_from_it(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x01binary")
    url = f"sqlite:///{tmp_path / 'out.db'}"
    result = cli("run", str(folder), "--db", url)
    assert result.returncode == 1 and "2 documents, 1 extracted, 1 failed" in result.stderr
    (folder / "c.txt").write_text(ARTICLE.replace("Croydon", "Lambeth"), encoding="utf-8")
    result = cli("run", str(folder), "--db", url, "--resume")
    assert "2 documents" in result.stderr  # b (failed) redone, c new; a skipped
    from extractor.db import connect

    with connect(url) as database:
        _, rows = database.query("SELECT d.path, r.subject FROM documents d JOIN ratings r ON r.document_id = d.id "
                                 "ORDER BY d.path")
        assert database.counts()["errors"] == 1
    assert [(Path(path).name, subject) for path, subject in rows] == [
        ("a.txt", "London Borough of Croydon"), ("c.txt", "London Borough of Lambeth")]
    assert cli("run", str(folder)).returncode == 2  # nowhere to write


def test_load_export_and_delete_from_the_command_line(tmp_path, records_file):
    records = records_file
    url = f"sqlite:///{tmp_path / 'corpus.db'}"
    first = cli("load", str(records), "--db", url)
    assert first.returncode == 0 and " 0 failed" in first.stderr, first.stderr
    again = cli("load", str(records), "--db", url)
    assert "0 documents written" in again.stderr
    from_db, from_file = tmp_path / "from_db", tmp_path / "from_file"
    assert cli("export", "--db", url, "--csv", str(from_db)).returncode == 0
    assert cli("export", str(records), "--csv", str(from_file)).returncode == 0
    for table in ("councils", "ratings", "money", "officials", "inspections"):
        assert (from_db / f"{table}.csv").read_bytes() == (from_file / f"{table}.csv").read_bytes(), table
    with open(from_db / "money.csv", encoding="utf-8-sig", newline="") as handle:
        money = list(csv.DictReader(handle))
    assert money and any(row["text"].startswith("£") for row in money) and float(money[0]["value"]) > 0
    with open(from_db / "documents.csv", encoding="utf-8-sig", newline="") as handle:
        documents = list(csv.DictReader(handle))
    assert "text" not in documents[0] and len(documents) == len(records.read_text().splitlines())
    with open(from_file / "documents.csv", encoding="utf-8-sig", newline="") as handle:
        unstamped = [{k: v for k, v in row.items() if k != "loaded_at"} for row in csv.DictReader(handle)]
    assert unstamped == [{k: v for k, v in row.items() if k != "loaded_at"} for row in documents]
    gone = cli("delete", documents[0]["id"], "nonexistent", "--db", url)
    assert gone.returncode == 1 and "1 of 2 documents removed" in gone.stderr
    broken = tmp_path / "broken.jsonl"
    broken.write_text(records.read_text().splitlines()[0][:80], encoding="utf-8")
    bad = cli("load", str(broken), "--db", url)
    assert bad.returncode == 1 and f"{broken}:1: the line is cut short" in bad.stderr and "Traceback" not in bad.stderr
    assert cli("load", str(records), "--db", "mysql://x").returncode == 2


def test_run_with_workers_matches_a_single_process(tmp_path, schema):
    out1, out2 = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    articles = CORPUS / "articles"
    assert cli("run", str(articles), "-o", str(out1), "--workers", "1").returncode == 0
    assert cli("run", str(articles), "-o", str(out2), "--workers", "2").returncode == 0
    assert out1.read_text() == out2.read_text()
    assert cli("run", str(articles), "-o", str(out2), "--workers", "0").returncode == 2
    validator = jsonschema.Draft202012Validator(schema)  # every corpus record fits the published schema
    for line in out1.read_text(encoding="utf-8").splitlines():
        assert not list(validator.iter_errors(json.loads(line))), line[:120]


def test_evaluate_prints_every_field():
    result = cli("evaluate", str(CORPUS), "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["documents"] == len(list((CORPUS / "gold").glob("*.json")))
    assert {"councils", "ratings", "dates", "counts", "money", "officials", "officials_role"} <= set(scores["fields"])


FAULTY = ("import sys, extractor.cli as cli\n"
          "def fault(args): raise RuntimeError('disk on fire')\n"
          "cli._schema = fault\n"
          "sys.exit(cli.main(sys.argv[1:]))\n")


def test_an_internal_error_is_one_line_and_the_traceback_needs_debug():
    plain = subprocess.run([sys.executable, "-c", FAULTY, "schema"], capture_output=True, text=True, timeout=60)
    assert plain.returncode == 3
    assert "internal error: RuntimeError: disk on fire" in plain.stderr and "Traceback" not in plain.stderr
    debug = subprocess.run([sys.executable, "-c", FAULTY, "--debug", "schema"], capture_output=True, text=True,
                           timeout=60)
    assert debug.returncode != 0 and "Traceback" in debug.stderr and "disk on fire" in debug.stderr


def test_an_interrupted_run_says_how_far_it_got_and_exits_130(tmp_path):
    out = tmp_path / "out.jsonl"
    script = ("import signal, sys\nsignal.signal(signal.SIGINT, signal.default_int_handler)\n"
              "from extractor.cli import main\nsys.exit(main(sys.argv[1:]))\n")
    process = subprocess.Popen([sys.executable, "-c", script, "run", str(CORPUS / "articles"), "-o", str(out)],
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    part = tmp_path / "out.jsonl.part"  # where a run writes until it ends
    while time.monotonic() < deadline and (not part.exists() or part.read_bytes().count(b"\n") < 5):
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130
    assert "interrupted after" in stderr and "--resume finishes the rest" in stderr and "Traceback" not in stderr
    assert out.read_bytes().endswith(b"\n") and not part.exists()  # what was done is in place, whole lines
