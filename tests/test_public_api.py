"""The public API is a contract: these names and signatures are what users import."""
import inspect

import extractor


def test_exported_names():
    assert set(extractor.__all__) == {"Document", "DocumentError", "Extractor", "FetchOptions", "FetchReport",
                                      "FetchResult", "Limits", "Record", "__version__", "extract", "fetch", "fetch_async",
                                      "json_schema", "read_document"}


def test_signatures():
    assert list(inspect.signature(extractor.read_document).parameters) == ["data", "url", "kind", "path", "fetched_at",
                                                                          "charset"]
    params = inspect.signature(extractor.read_document).parameters
    assert all(params[name].kind is inspect.Parameter.KEYWORD_ONLY
               for name in ("url", "kind", "path", "fetched_at", "charset"))
    assert list(inspect.signature(extractor.Extractor.extract).parameters) == ["self", "source"]
    assert list(inspect.signature(extractor.Extractor.extract_many).parameters) == ["self", "sources"]
    assert list(inspect.signature(extractor.extract).parameters) == ["source"]


def test_fetch_signatures():
    for function in (extractor.fetch, extractor.fetch_async):
        params = inspect.signature(function).parameters
        assert list(params) == ["urls", "folder", "feeds", "options", "on_result", "settings"]
        assert params["settings"].kind is inspect.Parameter.VAR_KEYWORD
    fields = list(extractor.FetchOptions.__dataclass_fields__)
    assert fields == ["concurrency", "per_host", "delay", "timeout", "max_time", "retries", "backoff",
                      "max_retry_after", "max_redirects", "max_size", "respect_robots", "allow_private",
                      "allow_networks", "refresh", "contact", "user_agent"]
    assert list(extractor.FetchResult.__dataclass_fields__) == ["url", "outcome", "path", "final_url", "status",
                                                                "reason", "attempts", "size"]


def test_record_fields_follow_the_contract():
    fields = list(extractor.Record.model_fields)
    assert fields == ["schema_version", "id", "source", "title", "authors", "published", "text", "councils",
                      "ratings", "dates", "counts", "money", "officials", "errors"]


def test_document_fields():
    fields = [f for f in extractor.Document.__dataclass_fields__]
    assert fields == ["text", "kind", "title", "authors", "published", "url", "path", "fetched_at", "focus"]


def test_database_api():
    from extractor import db

    assert set(db.__all__) == {"BatchWriter", "Database", "DatabaseError", "DatabaseSink", "LoadReport", "Problem",
                               "SCHEMES", "TABLES", "connect", "load_jsonl", "read_jsonl"}
    assert list(inspect.signature(db.connect).parameters) == ["url", "with_text", "migrate"]
    assert list(inspect.signature(db.load_jsonl).parameters) == ["paths", "database", "batch_size", "on_problem",
                                                                "on_bytes"]
    for method, params in (("write", ["self", "records"]), ("delete", ["self", "ids"]), ("counts", ["self"]),
                           ("query", ["self", "sql", "parameters"]), ("migrate", ["self", "migrations"])):
        assert list(inspect.signature(getattr(db.Database, method)).parameters) == params
    assert [table.name for table in db.TABLES] == ["documents", "authors", "councils", "ratings", "dates", "counts",
                                                   "money", "officials", "errors"]


def test_every_exported_name_resolves_and_the_package_loads_lazily():
    import subprocess
    import sys

    for name in extractor.__all__:
        assert getattr(extractor, name) is not None
    quiet = subprocess.run([sys.executable, "-c", "import sys, extractor.db, extractor.records; "
                            "print('spacy' in sys.modules)"], capture_output=True, text=True, timeout=60)
    assert quiet.stdout.strip() == "False", quiet.stderr  # loading a database needs no language model
