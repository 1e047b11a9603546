"""Records per second of ``extractor load`` into SQLite and PostgreSQL, and
its peak memory at two sizes (memory should not grow with the file).

Builds a JSONL of N records by giving the corpus's records new ids (so every
one is a new document), then runs ``extractor load`` as its own process for
each size and engine, and a second time to show that a reload is cheap.

    python benchmarks/load.py [--records 100000] [--postgres postgresql://postgres@127.0.0.1:5432/test]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(corpus_records: list[str], count: int, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for number in range(count):
            record = json.loads(corpus_records[number % len(corpus_records)])
            record["id"] = f"bench{number:08d}"
            record["source"]["path"] = f"bench/{number:08d}.txt"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


_MEASURED = ("import resource, sys\nfrom extractor.cli import main\ncode = main(sys.argv[1:])\n"
             "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\nsys.exit(code)\n")


def timed_load(path: Path, url: str) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one ``extractor load`` process."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MEASURED, "load", str(path), "--db", url, "--no-progress"],
                          check=True, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    return seconds, int(done.stderr.split()[-1]) / 1024


def postgres_database(admin: str):
    import psycopg

    name = f"extractor_bench_{uuid.uuid4().hex[:8]}"
    connection = psycopg.connect(admin, autocommit=True)
    connection.execute(f"CREATE DATABASE {name}")
    return connection, name, admin.rsplit("/", 1)[0] + f"/{name}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test",
                        help="an existing database to create the benchmark's own database from ('' to skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        corpus = work / "corpus.jsonl"
        subprocess.run([sys.executable, "-m", "extractor", "run", str(ROOT / "corpus"), "-o", str(corpus)],
                       check=True, stderr=subprocess.DEVNULL)
        lines = corpus.read_text(encoding="utf-8").splitlines()
        sizes = sorted({max(1, args.records // 10), args.records})
        files = {}
        for size in sizes:
            files[size] = work / f"records{size}.jsonl"
            build(lines, size, files[size])
        megabytes = {s: files[s].stat().st_size / 1e6 for s in sizes}
        print(f"records: corpus of {len(lines)} repeated; files "
              + ", ".join(f"{s:,} records {files[s].stat().st_size / 1e6:.0f} MB" for s in sizes))
        engines = [("sqlite", lambda size: (None, None, f"sqlite:///{work / f'load{size}.db'}"))]
        if args.postgres:
            engines.append(("postgresql", lambda size: postgres_database(args.postgres)))
        for engine, make in engines:
            for size in sizes:
                admin, name, url = make(size)
                try:
                    first, peak = timed_load(files[size], url)
                    again, _ = timed_load(files[size], url)
                finally:
                    if admin is not None:
                        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                        admin.close()
                print(f"{engine:10} {size:>8,} records: load {size / first:8,.0f} records/s ({first:6.1f} s, "
                      f"{megabytes[size] / first:4.1f} MB/s), "
                      f"reload unchanged {size / again:8,.0f} records/s, peak RSS {peak:5.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
