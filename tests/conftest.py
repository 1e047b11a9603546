"""Shared fixtures: one pipeline per test session (loading it takes a second)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from extractor import Extractor, Record

# property tests (test_fuzz.py): a short run by default, a long one with --hypothesis-profile=long
_FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}
settings.register_profile("ci", max_examples=40, **_FUZZ)
settings.register_profile("long", max_examples=2000, **_FUZZ)
settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEED = "000_82d84abba590ebd9.txt"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def nlp(extractor: Extractor):
    return extractor.nlp


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The team's shared folder (seed article, reference data), next to the repo
    on development machines; absent from a bare clone."""
    path = Path(os.environ.get("OFSTED_SHARED", ROOT.parent / "shared"))
    if not path.is_dir():
        pytest.skip(f"shared folder not found at {path} (set OFSTED_SHARED)")
    return path


@pytest.fixture
def run(extractor: Extractor):
    """Extract a record from a text written in the test (header lines optional)."""
    def _run(text: str, published: str | None = None):
        from extractor import Document

        return extractor.extract(Document(text=text, published=published))
    return _run


POSTGRES_ADMIN = os.environ.get("OFSTED_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture
def postgres_url():
    """A PostgreSQL database of its own for one test, dropped after it."""
    import uuid

    try:
        import psycopg
    except ImportError:
        pytest.skip("psycopg is not installed (pip install '.[postgres]')")
    try:
        admin = psycopg.connect(POSTGRES_ADMIN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL reachable at {POSTGRES_ADMIN} (set OFSTED_TEST_POSTGRES): {error}")
    name = f"extractor_test_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(f"CREATE DATABASE {name}")
        try:
            yield POSTGRES_ADMIN.rsplit("/", 1)[0] + f"/{name}"
        finally:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """Each database engine in turn: a fresh SQLite file, a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'records.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture(scope="session")
def records(extractor) -> list[Record]:
    """The corpus, and where the shared folder is present the seed article and
    the real development texts."""
    paths = sorted((CORPUS / "articles").glob("*.*"))
    shared = Path(os.environ.get("OFSTED_SHARED", ROOT.parent / "shared"))
    if shared.is_dir():
        paths += [shared / "seeds" / SEED] + sorted((shared / "data" / "news_dev" / "texts").glob("*.txt"))
    return list(extractor.extract_many(paths))


@pytest.fixture(scope="session")
def records_file(records, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("records") / "records.jsonl"
    path.write_text("".join(record.to_json() + "\n" for record in records), encoding="utf-8")
    return path


def base_and_replaced(name: str, factory: str):
    """The base model as shipped, and the same model with its component ``name``
    replaced by ours, which takes the base component over (as build_pipeline does)."""
    import spacy

    from extractor.pipeline import base_model_name

    original, replaced = spacy.load(base_model_name()), spacy.load(base_model_name())
    base_component = replaced.get_pipe(name)
    replaced.replace_pipe(name, factory).take_over(base_component)
    return original, replaced
