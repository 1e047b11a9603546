"""The ``extractor`` command: a thin front over the library.

    extractor extract FILE|-            one record as JSON
    extractor run PATH... -o OUT.jsonl  folders of documents -> JSONL
    extractor text FILE|-               the clean document text
    extractor evaluate [CORPUS]         P/R/F1 per field against gold files
    extractor schema                    the record's JSON Schema
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tqdm import tqdm

from . import __version__
from .documents import KINDS, DocumentError, read_document, read_path


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except DocumentError as error:
        print(f"extractor: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into head
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="extractor", description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="print one record as JSON")
    extract.add_argument("source", help="a file, or - for stdin")
    extract.add_argument("--kind", choices=KINDS, help="document kind (default: from the suffix and content)")
    extract.add_argument("--url", help="the document's URL, recorded in source.url")
    extract.add_argument("--compact", action="store_true", help="one line instead of indented JSON")
    extract.set_defaults(handler=_extract)

    run = commands.add_parser("run", help="extract every document under PATHs into a JSONL file")
    run.add_argument("paths", nargs="+", help="files and folders")
    run.add_argument("-o", "--output", required=True, help="JSONL file to write (- for stdout)")
    run.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    run.add_argument("--resume", action="store_true", help="append, skipping documents already in OUTPUT")
    run.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                     help="show a progress bar (default: when stderr is a terminal)")
    run.set_defaults(handler=_run)

    text = commands.add_parser("text", help="print the clean document text")
    text.add_argument("source", help="a file, or - for stdin")
    text.add_argument("--kind", choices=KINDS)
    text.set_defaults(handler=_text)

    evaluate = commands.add_parser("evaluate", help="score against gold annotations")
    evaluate.add_argument("gold", nargs="?", default="corpus", help="corpus folder (articles/ + gold/) or gold folder")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--details", metavar="FIELDS", help="comma-separated fields whose misses to list")
    evaluate.set_defaults(handler=_evaluate)

    schema = commands.add_parser("schema", help="print the record's JSON Schema")
    schema.set_defaults(handler=_schema)
    return parser


def _read(source: str, kind: str | None = None, url: str | None = None):
    if source == "-":
        return read_document(sys.stdin.buffer.read(), kind=kind, url=url)
    if kind or url:
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise DocumentError(f"cannot read file: {error.strerror or error}", path=source) from None
        return read_document(data, kind=kind, url=url, path=source)
    return read_path(source)


def _extract(args: argparse.Namespace) -> int:
    from .api import Extractor

    record = Extractor().extract(_read(args.source, args.kind, args.url))
    print(record.to_json() if args.compact else record.to_json(indent=2))
    return 0


def _run(args: argparse.Namespace) -> int:
    from .batch import find_documents, run_batch
    from .sinks import JsonlSink, written_paths

    paths = find_documents(args.paths)
    if args.resume and args.output != "-":
        done = written_paths(args.output)
        paths = [p for p in paths if str(p) not in done]
    show = sys.stderr.isatty() if args.progress is None else args.progress
    failed = 0
    with JsonlSink(args.output, append=args.resume) as sink, \
            tqdm(total=len(paths), unit="doc", disable=not show, file=sys.stderr) as bar:
        for record in run_batch(paths, workers=args.workers):
            sink.write(record)
            bar.update(1)
            for error in record.errors:
                failed += 1
                bar.write(f"extractor: error: {error.path}: {error.message}", file=sys.stderr)
    print(f"extractor: {len(paths)} documents, {len(paths) - failed} extracted, {failed} failed -> {args.output}",
          file=sys.stderr)
    return 1 if failed else 0


def _text(args: argparse.Namespace) -> int:
    print(_read(args.source, args.kind).text)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate

    report = evaluate(args.gold)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(report.table())
    if args.details:
        for result in report.documents:
            for name in args.details.split(","):
                for label, items in (("missed", result.missed.get(name, [])), ("spurious", result.spurious.get(name, []))):
                    for item in items:
                        brief = {k: v for k, v in item.items() if k not in ("mentions", "evidence", "start", "end")}
                        print(f"{result.name}\t{name}\t{label}\t{json.dumps(brief, ensure_ascii=False)}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .records import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0
