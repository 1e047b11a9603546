"""End-to-end throughput of ``extractor run`` against bare ``en_core_web_sm``,
with one and two workers, peak memory per worker, and where the time goes.

Builds a folder of N documents by repeating ``corpus/articles``, then, in
alternating rounds, times whole processes over the same texts: the bare base
model (``nlp.pipe`` over the clean texts, model load included) as shipped, and
again multiplying with numpy's BLAS as our pipeline does (which shows how much
of our lead is that), two such processes at once over the two halves (what
two cores give the model: the ceiling for two workers), and ``extractor run``
with 1 and with 2 workers (start-up and model load included). Every process
has one BLAS thread.
Ratios are the point: these machines are noisy, but both sides see the same
noise. A last in-process pass splits one worker's time into stages.

    python benchmarks/throughput.py [--documents 300] [--rounds 2]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# each child prints its own peak RSS and its children's (the workers') on its last stderr line
_MEASURED = ("import resource, sys\nfrom extractor.cli import main\ncode = main(sys.argv[1:])\n"
             "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
             "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\nsys.exit(code)\n")
_BARE = ("import resource, sys, spacy\nfrom pathlib import Path\n"
         "from extractor.pipeline import base_model_name, use_matrix_library\n"
         "nlp = spacy.load(base_model_name())\nuse_matrix_library(nlp, sys.argv[2])\n"
         "texts = [p.read_text(encoding='utf-8') for p in sorted(Path(sys.argv[1]).glob('*.txt'))]\n"
         "for doc in nlp.pipe(texts, batch_size=16):\n    pass\n"
         "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, 0, file=sys.stderr)\n")


def build(count: int, folder: Path) -> list[Path]:
    """N documents in ``folder`` (the corpus repeated), and a twin folder of
    their clean texts for the bare model, also split in two halves."""
    from extractor import Extractor

    sources = sorted(p for p in (ROOT / "corpus" / "articles").iterdir() if p.is_file())
    extractor = Extractor()
    for name in ("in", "clean", "clean_a", "clean_b"):
        (folder / name).mkdir()
    paths = []
    for number in range(count):
        source = sources[number % len(sources)]
        target = folder / "in" / f"{number:05d}_{source.name}"
        shutil.copyfile(source, target)
        text = extractor.read(target).text
        (folder / "clean" / f"{number:05d}.txt").write_text(text, encoding="utf-8")
        (folder / ("clean_a" if number % 2 else "clean_b") / f"{number:05d}.txt").write_text(text, encoding="utf-8")
        paths.append(target)
    return paths


def timed(*commands: list[str]) -> tuple[float, float, float]:
    """Seconds until all the processes (started together) end, their largest
    own peak RSS and largest child's peak RSS (MB); each process's BLAS is held
    to one thread (as ``extractor run`` holds each worker's)."""
    start = time.perf_counter()
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    running = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
               for c in commands]
    outputs = [process.communicate()[1] for process in running]
    seconds = time.perf_counter() - start
    if any(process.returncode for process in running):
        raise RuntimeError("a measured process failed:\n" + "\n".join(outputs))
    peaks = [output.split()[-2:] for output in outputs]
    return seconds, max(int(own) for own, _ in peaks) / 1024, max(int(child) for _, child in peaks) / 1024


def stages(paths: list[Path]) -> Counter:
    """Seconds per stage for one worker's work, run stage by stage in this process."""
    from extractor import Extractor
    from extractor.assemble import build_record

    extractor = Extractor()
    extractor.extract(paths[0])  # warm: first-call costs are start-up, not throughput
    spent: Counter = Counter()
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        spent[name] += now - clock
        clock = now

    documents = [extractor.read(path) for path in paths]
    lap("read")
    parts = [(document, offset, doc) for document in documents for offset, doc in extractor._make_docs(document)]
    docs = [doc for _, _, doc in parts]
    lap("tokeniser")
    for name, component in extractor.nlp.pipeline:
        docs = list(component.pipe(docs, batch_size=extractor.batch_size)) if hasattr(component, "pipe") \
            else [component(doc) for doc in docs]
        lap("dates (ofsted_dates)" if name == "ofsted_dates" else
            "our components" if name.startswith("ofsted_") else "base model")
    by_document: dict[int, list] = {}
    for (document, offset, _), doc in zip(parts, docs):
        by_document.setdefault(id(document), []).append((offset, doc))
    records = [build_record(document, by_document[id(document)]) for document in documents]
    lap("records")
    for record in records:
        record.to_json()
    lap("serialise")
    return spent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        paths = build(args.documents, work)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in (work / "clean").iterdir())
        print(f"{args.documents} documents, {words:,} words (corpus/articles repeated); {args.rounds} rounds")
        def bare_model(folder: str, library: str) -> list[str]:
            return [sys.executable, "-c", _BARE, str(work / folder), library]

        runs = {"bare en_core_web_sm": [bare_model("clean", "blis")],
                "bare, numpy's BLAS": [bare_model("clean", "numpy")],
                # what two processes of the same model get from this machine's two cores: the ceiling for 2 workers
                "bare, numpy's BLAS, 2 procs": [bare_model("clean_a", "numpy"), bare_model("clean_b", "numpy")]}
        for workers in (1, 2):
            runs[f"extractor run, {workers} worker{'s' * (workers > 1)}"] = [[
                sys.executable, "-c", _MEASURED, "run", str(work / "in"), "-o", str(work / f"out{workers}.jsonl"),
                "--workers", str(workers), "--no-progress"]]
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in runs}
        for _ in range(args.rounds):
            for name, commands in runs.items():
                results[name].append(timed(*commands))
        rate = {name: words / statistics.median(r[0] for r in rows) for name, rows in results.items()}
        bare, bare_numpy, bare_two, one, two = rate.values()
        for name, rows in results.items():
            own = max(r[1] for r in rows)
            child = max(r[2] for r in rows)
            memory = f"peak RSS {own:4.0f} MB" + (f", largest worker {child:4.0f} MB" if child else "")
            print(f"  {name:28} {rate[name]:7,.0f} words/s   {memory}")
        print(f"  ratio, 1 worker / bare model:  {one / bare:.2f}x")
        print(f"  ratio, 1 worker / bare model with numpy's BLAS:  {one / bare_numpy:.2f}x")
        print(f"  ratio, 2 workers / 1 worker:   {two / one:.2f}x "
              f"(the bare model's, 2 processes / 1: {bare_two / bare_numpy:.2f}x)")
        identical = (work / "out1.jsonl").read_bytes() == (work / "out2.jsonl").read_bytes()
        print(f"  output of 1 and 2 workers byte-identical: {identical}")
        spent = stages(paths)
        total = sum(spent.values())
        print(f"stages of one worker, in process ({words / total:,.0f} words/s without start-up):")
        for name, seconds in spent.items():
            print(f"  {name:22} {seconds:6.2f} s  {100 * seconds / total:4.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
