"""The Dask engine, for real: a LocalCluster of two worker processes on
loopback, and the command line pointed at a scheduler by address."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import CORPUS

pytest.importorskip("dask.distributed", reason="the dask extra is not installed (pip install '.[dask]')")


def cli(*args):
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    """A few dozen corpus articles, and the single-process run over them."""
    folder = tmp_path_factory.mktemp("articles")
    for path in sorted((CORPUS / "articles").iterdir())[:36]:
        (folder / path.name).write_bytes(path.read_bytes())
    local = folder.parent / "local.jsonl"
    assert cli("run", str(folder), "-o", str(local), "--workers", "1").returncode == 0
    return folder, local.read_bytes()


def test_a_local_dask_cluster_gives_the_single_machine_output(articles, tmp_path):
    folder, expected = articles
    out = tmp_path / "dask.jsonl"
    result = cli("run", str(folder), "-o", str(out), "--engine", "dask", "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == expected
    assert "36 documents, 36 extracted, 0 failed" in result.stderr


def test_the_engine_runs_on_a_scheduler_named_by_address(articles, tmp_path):
    from dask.distributed import Client, LocalCluster

    folder, expected = articles
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        out = tmp_path / "remote.jsonl"
        result = cli("run", str(folder), "-o", str(out), "--engine", "dask", "--scheduler", cluster.scheduler_address)
        assert result.returncode == 0, result.stderr
        assert out.read_bytes() == expected
        worked = client.run(lambda: __import__("extractor.dask_engine").dask_engine._models)
    assert len(worked) == 2 and all(models for models in worked.values())  # each worker loaded the model, once


def test_an_unreachable_scheduler_is_a_clear_error_and_keeps_the_old_output(articles, tmp_path):
    folder, _ = articles
    out = tmp_path / "out.jsonl"
    out.write_text('{"earlier": "run"}\n', encoding="utf-8")
    result = cli("run", str(folder), "-o", str(out), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert result.returncode == 2
    assert "cannot reach the Dask scheduler tcp://127.0.0.1:9" in result.stderr and "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == '{"earlier": "run"}\n'


def test_without_dask_the_message_names_the_extra(tmp_path):
    script = ("import sys; sys.modules['dask'] = None; sys.modules['dask.distributed'] = None\n"
              "from extractor.cli import main\nsys.exit(main(sys.argv[1:]))\n")
    result = subprocess.run([sys.executable, "-c", script, "run", str(CORPUS / "articles"), "-o",
                             str(tmp_path / "x.jsonl"), "--engine", "dask"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "pip install 'ofsted-extractor[dask]'" in result.stderr
