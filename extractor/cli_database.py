"""The database commands of ``extractor``: load, export, delete."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tqdm import tqdm

from .db import Problem, connect
from .exits import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE

DB_HELP = "sqlite:///path.db (or a path ending .db) or postgresql://user@host:port/db"


def add_commands(commands) -> None:
    load = commands.add_parser("load", help="load JSONL records into a database",
                               description="Load records into a database, creating or upgrading its tables. Loading "
                                           "the same records again changes nothing; a record whose document is "
                                           "already there replaces that document's rows.")
    load.add_argument("records", nargs="+", help="JSONL files written by extractor run")
    load.add_argument("--db", required=True, metavar="URL", help=DB_HELP)
    load.add_argument("--no-text", action="store_true", help="store documents without their body text")
    load.add_argument("--batch", type=int, default=500, metavar="N", help="records per transaction (default 500)")
    load.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                      help="show a progress bar (default: when stderr is a terminal)")
    load.set_defaults(handler=_load)

    export = commands.add_parser("export", help="write the tables as CSV files for spreadsheets",
                                 description="Write documents, councils, ratings, dates, counts, money, officials, "
                                             "authors, errors and inspections as one CSV file each (UTF-8 with a "
                                             "byte-order mark, which Excel needs to show £ and accents).")
    export.add_argument("records", nargs="*", help="JSONL files of records (or use --db)")
    export.add_argument("--db", metavar="URL", help=f"export from this database instead: {DB_HELP}")
    export.add_argument("--csv", required=True, metavar="DIR", help="folder to write the CSV files into")
    export.add_argument("--with-text", action="store_true", help="include each document's body text")
    export.set_defaults(handler=_export)

    delete = commands.add_parser("delete", help="remove documents and their facts from a database")
    delete.add_argument("ids", nargs="+", metavar="ID", help="document ids (the records' id)")
    delete.add_argument("--db", required=True, metavar="URL", help=DB_HELP)
    delete.set_defaults(handler=_delete)


def _report(problem: Problem) -> None:
    tqdm.write(f"extractor: error: {problem}", file=sys.stderr)


def _load(args: argparse.Namespace) -> int:
    from .db import load_jsonl

    missing = [path for path in args.records if not Path(path).is_file()]
    if missing:
        print(f"extractor: error: no such file: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    if args.batch < 1:
        print("extractor: error: --batch must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    show = sys.stderr.isatty() if args.progress is None else args.progress
    total = sum(Path(path).stat().st_size for path in args.records)
    with connect(args.db, with_text=not args.no_text) as database, \
            tqdm(total=total, unit="B", unit_scale=True, disable=not show, file=sys.stderr) as bar:
        report = load_jsonl(args.records, database, batch_size=args.batch, on_problem=_report, on_bytes=bar.update)
    print(f"extractor: {report.summary()} -> {args.db}", file=sys.stderr)
    return EXIT_SOME_FAILED if report.problems else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from .export import export_csv, export_records_csv

    if bool(args.records) == bool(args.db):
        print("extractor: error: give either JSONL files or --db URL", file=sys.stderr)
        return EXIT_USAGE
    if args.db:
        with connect(args.db) as database:
            written = export_csv(database, args.csv, with_text=args.with_text)
        problems: list[Problem] = []
    else:
        written, problems = export_records_csv(args.records, args.csv, with_text=args.with_text, on_problem=_report)
    print(f"extractor: {', '.join(f'{name} {rows}' for name, rows in written.items())} rows -> {args.csv}",
          file=sys.stderr)
    return EXIT_SOME_FAILED if problems else EXIT_OK


def _delete(args: argparse.Namespace) -> int:
    with connect(args.db) as database:
        found = database.delete(args.ids)
    print(f"extractor: {found} of {len(set(args.ids))} documents removed from {args.db}", file=sys.stderr)
    return EXIT_OK if found == len(set(args.ids)) else EXIT_SOME_FAILED

