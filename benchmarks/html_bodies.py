"""Body F1 and time per page of our HTML reader against bare trafilatura, in one process.

Reads a folder in either layout:

* the article-extraction benchmark's: ``ground-truth.json`` (``{id: {"articleBody": ...}}``)
  beside ``html/ID.html.gz`` (or ``.html``);
* ours (``tests/fixtures/html``): ``NAME.html`` with its gold body in ``NAME.txt``
  and, optionally, ``NAME.json`` giving the ``http_charset``.

Both extractors see the same decoded pages, alternating, so the time ratio
holds on a noisy machine even when the absolute figures do not. F1 is the
bag-of-words overlap (``extractor.evaluate.body_score``), averaged over pages
as the benchmark does, and also pooled over all words.

    python benchmarks/html_bodies.py [FOLDER] [--rounds 3] [--worst 5]
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

import trafilatura

from extractor.documents.html import decode_html, read_html
from extractor.evaluate import Score, body_score


def load(folder: Path) -> list[tuple[str, bytes, str | None, str]]:
    """(name, raw bytes, HTTP charset, gold body) for every page in ``folder``."""
    truth = folder / "ground-truth.json"
    if truth.is_file():
        pages = []
        for name, item in json.loads(truth.read_text(encoding="utf-8")).items():
            packed = folder / "html" / f"{name}.html.gz"
            raw = gzip.decompress(packed.read_bytes()) if packed.exists() else (folder / "html" / f"{name}.html").read_bytes()
            pages.append((name, raw, None, item["articleBody"]))
        return pages
    pages = []
    for page in sorted(folder.glob("*.html")):
        meta = page.with_suffix(".json")
        charset = json.loads(meta.read_text(encoding="utf-8")).get("http_charset") if meta.exists() else None
        pages.append((page.stem, page.read_bytes(), charset, page.with_suffix(".txt").read_text(encoding="utf-8")))
    return pages


def ours(raw: bytes, charset: str | None) -> str:
    try:
        return read_html(raw, charset).text
    except Exception:  # a page we find no article in scores zero recall, as it should
        return ""


def bare(raw: bytes, charset: str | None) -> str:
    return trafilatura.extract(decode_html(raw, charset)) or ""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default="tests/fixtures/html")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--worst", type=int, default=5, help="list the pages where we score lowest")
    args = parser.parse_args()

    pages = load(Path(args.folder))
    runs = {"ours": ours, "trafilatura": bare}
    seconds = {name: [] for name in runs}
    texts: dict[str, list[str]] = {}
    for name, run in runs.items():  # warm both up (imports, lxml, caches) before timing
        run(pages[0][1], pages[0][2])
    for _ in range(args.rounds):
        for name, run in runs.items():
            start = time.perf_counter()
            texts[name] = [run(raw, charset) for _, raw, charset, _ in pages]
            seconds[name].append(time.perf_counter() - start)

    print(f"{len(pages)} pages from {args.folder}, {args.rounds} rounds (median time)")
    per_page = {}
    for name in runs:
        scores = [body_score(gold, text) for (_, _, _, gold), text in zip(pages, texts[name])]
        pooled = Score()
        for score in scores:
            pooled.add(score)
        per_page[name] = scores
        mean = {k: statistics.mean(getattr(s, k) for s in scores) for k in ("precision", "recall", "f1")}
        ms = statistics.median(seconds[name]) / len(pages) * 1000
        print(f"{name:12} F1 {mean['f1']:.3f} (P {mean['precision']:.3f}, R {mean['recall']:.3f}; "
              f"pooled F1 {pooled.f1:.3f})  {ms:6.1f} ms/page")
    ratio = statistics.median(seconds["ours"]) / statistics.median(seconds["trafilatura"])
    print(f"time ratio (ours / trafilatura): {ratio:.2f}")
    worst = sorted(zip(per_page["ours"], per_page["trafilatura"], pages), key=lambda item: item[0].f1)
    for mine, theirs, (name, *_rest) in worst[:args.worst]:
        print(f"  {name}: ours F1 {mine.f1:.3f} (P {mine.precision:.3f} R {mine.recall:.3f}), "
              f"trafilatura {theirs.f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
