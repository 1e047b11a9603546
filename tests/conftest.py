"""Shared fixtures: one pipeline per test session (loading it takes a second)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from extractor import Extractor

# property tests (test_fuzz.py): a short run by default, a long one with --hypothesis-profile=long
_FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}
settings.register_profile("ci", max_examples=40, **_FUZZ)
settings.register_profile("long", max_examples=2000, **_FUZZ)
settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


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
