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
