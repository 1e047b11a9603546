"""Words per second of ``extractor run`` against bare ``en_core_web_sm``, in one process.

Both runs see the same corpus texts in the same process, alternating, so the
ratio is meaningful on a noisy machine even when the absolute figures are not.

    python benchmarks/speed.py [CORPUS_DIR] [--rounds 3]
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time

import spacy

from extractor import Extractor
from extractor.batch import find_documents
from extractor.pipeline import base_model_name


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default="corpus/articles")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    paths = find_documents([args.corpus])
    extractor = Extractor()
    texts = [extractor.read(p).text for p in paths]
    words = sum(len(t.split()) for t in texts)
    memory_ours = rss_mb()
    base = spacy.load(base_model_name())
    memory_both = rss_mb()

    # wall time, and CPU time, which other work on a shared machine disturbs less
    ours, bare, ours_cpu, bare_cpu = [], [], [], []
    for _ in range(args.rounds):
        start, cpu = time.perf_counter(), time.process_time()
        list(base.pipe(texts, batch_size=extractor.batch_size))
        bare.append(words / (time.perf_counter() - start))
        bare_cpu.append(words / (time.process_time() - cpu))
        start, cpu = time.perf_counter(), time.process_time()
        for record in extractor.extract_many(paths):  # read + NLP + record, as `extractor run` does
            record.to_json()
        ours.append(words / (time.perf_counter() - start))
        ours_cpu.append(words / (time.process_time() - cpu))

    print(f"corpus: {len(paths)} documents, {words} words, {args.rounds} rounds (median)")
    print(f"bare {base_model_name()}: {statistics.median(bare):9.0f} words/s ({statistics.median(bare_cpu):.0f} per CPU second)")
    print(f"extractor run          : {statistics.median(ours):9.0f} words/s ({statistics.median(ours_cpu):.0f} per CPU second)")
    print(f"ratio (ours / bare)    : {statistics.median(ours) / statistics.median(bare):9.2f} "
          f"(CPU time: {statistics.median(ours_cpu) / statistics.median(bare_cpu):.2f})")
    print(f"peak RSS: {memory_ours:.0f} MB with our pipeline, {memory_both:.0f} MB with both loaded")
    return 0


if __name__ == "__main__":
    sys.exit(main())
