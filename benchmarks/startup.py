"""Start-up latency for a library user: ``Extractor()`` and the first
``extract()`` in a fresh interpreter, against importing spaCy, loading bare
``en_core_web_sm`` and analysing one text, each in fresh processes, alternating.

    python benchmarks/startup.py [--rounds 5]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

TEXT = ("Kent County Council's children's services were rated inadequate by Ofsted in March 2019, "
        "said Jane Smith, the council's director of children's services.")

_OURS = f"""
import json, time
start = time.perf_counter()
import spacy
spacy_imported = time.perf_counter()
from extractor.pipeline import build_pipeline, load_base
base = load_base()
base_loaded = time.perf_counter()
nlp = build_pipeline(base=base)
built = time.perf_counter()
from extractor import Extractor
extractor = Extractor(nlp)
extractor.extract({TEXT!r})
done = time.perf_counter()
print(json.dumps({{"total": done - start, "import spaCy": spacy_imported - start,
                   "base model": base_loaded - spacy_imported, "our components": built - base_loaded,
                   "first extract": done - built}}))
"""

_BARE = f"""
import json, sys, time
start = time.perf_counter()
import spacy
nlp = spacy.load(sys.argv[1])
nlp({TEXT!r})
print(json.dumps({{"total": time.perf_counter() - start}}))
"""


def measured(code: str, *args: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from extractor.pipeline import base_model_name  # found here, so the bare side imports nothing of ours

    model = base_model_name()
    ours, bare = [], []
    for _ in range(args.rounds):
        bare.append(measured(_BARE, model))
        ours.append(measured(_OURS))
    median = {key: statistics.median(run[key] for run in ours) for key in ours[0]}
    bare_total = statistics.median(run["total"] for run in bare)
    print(f"Extractor() and first extract(): {median['total']:.2f} s (median of {args.rounds} fresh processes)")
    for key, seconds in median.items():
        if key != "total":
            print(f"  {key:16} {seconds:5.2f} s")
    print(f"bare: import spaCy, load en_core_web_sm, analyse one text: {bare_total:.2f} s "
          f"(ours {median['total'] / bare_total:.2f}x that)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
