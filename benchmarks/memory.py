"""Memory of a long ``extractor run``: peak RSS after 1,000 documents and after
all N, in one run, so that growth with the corpus shows.

Writes N short documents (the opening of a ``corpus/articles`` text, with a
name and a reference number of its own, so that every document brings new
strings, as an archive does), runs ``extractor run`` over the folder, and
samples the resident memory of the run and its workers twice a second while
counting the records written.

    python benchmarks/memory.py [--documents 100000] [--workers 1]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
MILESTONES = (1_000, 10_000, 100_000, 1_000_000)


def build(count: int, folder: Path) -> int:
    """``count`` documents of a paragraph and a quote each in ``folder``; their words."""
    openings = []
    for path in sorted((ROOT / "corpus" / "articles").glob("*.txt")):
        paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 8]
        openings.append(paragraphs[0])
    words = 0
    for number in range(count):
        text = (f"{openings[number % len(openings)]}\n\nCouncillor Ann Q{number:06d}x, who chairs the panel, "
                f"said reference {number:07d} would be answered.\n")
        (folder / f"{number:07d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


class LineCounter:
    """Lines written so far to a growing file, reading only what is new."""

    def __init__(self, path: Path) -> None:
        self.path, self.offset, self.count = path, 0, 0

    def __call__(self) -> int:
        try:
            with open(self.path, "rb") as handle:
                handle.seek(self.offset)
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    self.count += chunk.count(b"\n")
                    self.offset += len(chunk)
        except FileNotFoundError:
            pass
        return self.count


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "in"
        folder.mkdir()
        words = build(args.documents, folder)
        out = Path(scratch) / "out.jsonl"
        print(f"{args.documents:,} documents, {words:,} words, {args.workers} worker(s)", flush=True)
        start = time.perf_counter()
        run = psutil.Popen([sys.executable, "-m", "extractor", "run", str(folder), "-o", str(out),
                            "--workers", str(args.workers), "--no-progress"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        peak_run = peak_worker = 0
        done, milestones = 0, [m for m in MILESTONES if m <= args.documents]
        counted = LineCounter(Path(f"{out}.part"))
        while run.poll() is None:
            try:
                peak_run = max(peak_run, run.memory_info().rss)
                peak_worker = max([peak_worker] + [c.memory_info().rss for c in run.children(recursive=True)])
            except psutil.Error:  # a worker ending between the listing and the reading
                pass
            if milestones and done < milestones[0]:
                done = counted()
            while milestones and done >= milestones[0]:
                print(f"  after {milestones.pop(0):>9,} documents: peak RSS of the run {peak_run / 2**20:6.0f} MB"
                      + (f", largest worker {peak_worker / 2**20:6.0f} MB" if peak_worker else "")
                      + f"  ({time.perf_counter() - start:,.0f} s)", flush=True)
            time.sleep(0.5)
        seconds = time.perf_counter() - start
        written = LineCounter(out)()
        print(f"  at the end ({written:,} records): peak RSS of the run {peak_run / 2**20:6.0f} MB"
              + (f", largest worker {peak_worker / 2**20:6.0f} MB" if peak_worker else "")
              + f"; {words / seconds:,.0f} words/s over {seconds:,.0f} s")
        return 0 if run.returncode in (0, 1) and written == args.documents else 1


if __name__ == "__main__":
    sys.exit(main())
