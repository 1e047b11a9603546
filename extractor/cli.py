"""Turn news articles and Ofsted reports into structured records: councils, ratings, dates, counts, money, officials.

    extractor fetch URL... -o DIR        pull pages into an article folder
    extractor extract FILE|-            one record as JSON
    extractor run PATH... -o OUT.jsonl  folders of documents -> JSONL (or --db URL)
    extractor load OUT.jsonl --db URL   records -> SQLite or PostgreSQL
    extractor export OUT.jsonl --csv DIR  the tables as CSV files
    extractor text FILE|-               the clean document text
    extractor evaluate [CORPUS]         P/R/F1 per field against gold files
    extractor schema                    the record's JSON Schema
"""
from __future__ import annotations

import argparse
import contextlib
import json
import sys

from tqdm import tqdm

from . import __version__
from .cli_database import add_commands as add_database_commands
from .dask_engine import EngineError
from .db import DatabaseError
from .documents import KINDS, DocumentError, Limits, read_bytes, read_document, read_path, too_big
from .exits import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE
from .fetcher.options import FetchOptions
from .unavailable import PipelineUnavailable


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except (DocumentError, DatabaseError, EngineError, PipelineUnavailable) as error:
        print(f"extractor: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. piped into head
        return EXIT_OK
    except KeyboardInterrupt:
        print("extractor: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # a fault of ours: one line for the user, the traceback with --debug
        if args.debug:
            raise
        print(f"extractor: internal error: {type(error).__name__}: {error} (run with --debug for the traceback)",
              file=sys.stderr)
        return EXIT_INTERNAL


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="extractor", description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    commands = parser.add_subparsers(dest="command", required=True)

    _fetch_parser(commands)

    extract = commands.add_parser("extract", help="print one record as JSON")
    extract.add_argument("source", help="a file, or - for stdin")
    extract.add_argument("--kind", choices=KINDS, help="document kind (default: from the suffix and content)")
    extract.add_argument("--url", help="the document's URL, recorded in source.url")
    extract.add_argument("--compact", action="store_true", help="one line instead of indented JSON")
    _limit_options(extract)
    extract.set_defaults(handler=_extract)

    run = commands.add_parser("run", help="extract every document under PATHs into a JSONL file or a database")
    run.add_argument("paths", nargs="+", help="files and folders")
    run.add_argument("-o", "--output", help="JSONL file to write (- for stdout)")
    run.add_argument("--db", metavar="URL", help="also, or instead, write to a database: sqlite:///path.db or "
                                                 "postgresql://user@host:port/db")
    run.add_argument("--workers", type=int, default=None, metavar="N",
                     help="worker processes, each with its own copy of the model (default: one per core)")
    run.add_argument("--engine", choices=("local", "dask"), default="local",
                     help="local worker processes (default), or a Dask cluster (pip install '.[dask]')")
    run.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                     help="with --engine dask: the cluster's scheduler (default: a local cluster of --workers)")
    run.add_argument("--resume", action="store_true",
                     help="finish an interrupted run: keep what OUTPUT (or the database) holds, redo failed "
                          "documents, do the rest")
    _limit_options(run)
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

    add_database_commands(commands)

    schema = commands.add_parser("schema", help="print the record's JSON Schema")
    schema.set_defaults(handler=_schema)
    return parser


def _fetch_parser(commands) -> None:
    defaults = FetchOptions()
    fetch = commands.add_parser("fetch", help="fetch URLs into an article folder (then: extractor run DIR)",
                                description="Fetch pages politely into DIR: one body file and one JSON sidecar "
                                            "per URL. A second run sends conditional requests and rewrites only "
                                            "what changed.")
    fetch.add_argument("urls", nargs="*", metavar="URL", help="pages to fetch")
    fetch.add_argument("--from", dest="url_file", metavar="FILE",
                       help="read URLs from FILE, one per line (# comments; - for stdin)")
    fetch.add_argument("--feed", action="append", default=[], metavar="URL",
                       help="also fetch every article an RSS or Atom feed lists (repeatable)")
    fetch.add_argument("-o", "--output", required=True, metavar="DIR", help="the article folder")
    fetch.add_argument("--concurrency", type=int, default=defaults.concurrency,
                       help=f"requests in flight over all hosts (default {defaults.concurrency})")
    fetch.add_argument("--per-host", type=int, default=defaults.per_host,
                       help=f"requests in flight to one host (default {defaults.per_host})")
    fetch.add_argument("--delay", type=float, default=defaults.delay, metavar="SECONDS",
                       help="pause between requests to one host (robots.txt Crawl-delay wins if longer)")
    fetch.add_argument("--timeout", type=float, default=defaults.timeout, metavar="SECONDS",
                       help=f"connect and read timeout (default {defaults.timeout:g})")
    fetch.add_argument("--max-time", type=float, default=defaults.max_time, metavar="SECONDS",
                       help=f"longest one attempt may take (default {defaults.max_time:g})")
    fetch.add_argument("--retries", type=int, default=defaults.retries,
                       help=f"retries after connection errors, timeouts, 429 and 5xx (default {defaults.retries})")
    fetch.add_argument("--max-retry-after", type=float, default=defaults.max_retry_after, metavar="SECONDS",
                       help=f"longest Retry-After to wait for (default {defaults.max_retry_after:g})")
    fetch.add_argument("--max-redirects", type=int, default=defaults.max_redirects,
                       help=f"(default {defaults.max_redirects})")
    fetch.add_argument("--max-size", type=float, default=defaults.max_size / 1e6, metavar="MB",
                       help=f"largest body, also after decompression (default {defaults.max_size / 1e6:g} MB)")
    fetch.add_argument("--ignore-robots", action="store_true", help="do not read robots.txt")
    fetch.add_argument("--allow-private", action="store_true",
                       help="allow loopback and private addresses (local use); link-local and cloud metadata "
                            "addresses stay refused")
    fetch.add_argument("--allow-network", action="append", default=[], metavar="CIDR",
                       help="allow one network, e.g. 10.1.0.0/16 (repeatable); the only way to allow a "
                            "link-local one such as 169.254.169.254/32")
    fetch.add_argument("--refresh", action="store_true", help="fetch and rewrite even unchanged pages")
    fetch.add_argument("--contact", metavar="EMAIL_OR_URL",
                       help="how a site can reach you, put in the User-Agent (default: $OFSTED_EXTRACTOR_CONTACT)")
    fetch.add_argument("--user-agent", help="replace the whole User-Agent header")
    fetch.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                       help="show a progress bar (default: when stderr is a terminal)")
    fetch.set_defaults(handler=_fetch)


def _fetch(args: argparse.Namespace) -> int:
    from .fetcher import fetch

    urls = list(args.urls)
    if args.url_file:
        try:
            urls += _url_lines(sys.stdin if args.url_file == "-" else open(args.url_file, encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            print(f"extractor: error: cannot read URL list {args.url_file}: {getattr(error, 'strerror', None) or error}",
                  file=sys.stderr)
            return EXIT_USAGE
    if not urls and not args.feed:
        print("extractor: error: no URLs given (name them, or use --from FILE or --feed URL)", file=sys.stderr)
        return EXIT_USAGE
    try:
        options = FetchOptions(
            concurrency=args.concurrency, per_host=args.per_host, delay=args.delay, timeout=args.timeout,
            max_time=args.max_time, retries=args.retries, max_retry_after=args.max_retry_after,
            max_redirects=args.max_redirects, max_size=int(args.max_size * 1e6),
            respect_robots=not args.ignore_robots, allow_private=args.allow_private,
            allow_networks=tuple(args.allow_network), refresh=args.refresh, contact=args.contact,
            user_agent=args.user_agent)
    except ValueError as error:
        print(f"extractor: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    show = sys.stderr.isatty() if args.progress is None else args.progress
    total = None if args.feed else len(dict.fromkeys(urls))  # a feed's length is known only once read
    with tqdm(total=total, unit="url", disable=not show, file=sys.stderr) as bar:
        report = fetch(urls, args.output, feeds=args.feed, options=options, on_result=lambda result: bar.update(1))
    for failure in report.failed:
        print(f"extractor: failed: {failure.url}: {failure.reason}", file=sys.stderr)
    print(f"extractor: {report.summary()}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_SOME_FAILED


def _url_lines(lines) -> list[str]:
    """URLs from a list file: the first field of each line, skipping blanks and # comments."""
    with lines:
        fields = (line.split() for line in lines if line.strip() and not line.lstrip().startswith("#"))
        return [first[0] for first in fields]


def _limit_options(parser: argparse.ArgumentParser) -> None:
    defaults = Limits()
    parser.add_argument("--max-file-mb", type=float, default=defaults.max_file_bytes / 1e6, metavar="MB",
                        help=f"skip, as failed, a file larger than this (default {defaults.max_file_bytes / 1e6:g} MB)")
    parser.add_argument("--max-chars", type=int, default=defaults.max_chars, metavar="N",
                        help=f"skip, as failed, a document whose text is longer (default {defaults.max_chars:,})")


def _limits(args: argparse.Namespace) -> Limits:
    try:
        return Limits(max_file_bytes=int(args.max_file_mb * 1e6), max_chars=args.max_chars)
    except ValueError as error:
        raise DocumentError(f"--max-file-mb and --max-chars: {error}") from None


def _read(source: str, kind: str | None = None, url: str | None = None, max_bytes: int | None = None):
    if source == "-":
        data = sys.stdin.buffer.read() if max_bytes is None else sys.stdin.buffer.read(max_bytes + 1)
        if max_bytes is not None and len(data) > max_bytes:
            raise DocumentError(too_big(len(data), max_bytes), path="-")
        return read_document(data, kind=kind, url=url)
    if kind or url:
        return read_document(read_bytes(source, max_bytes=max_bytes), kind=kind, url=url, path=source)
    return read_path(source, max_bytes=max_bytes)


def _extract(args: argparse.Namespace) -> int:
    from .api import Extractor

    limits = _limits(args)
    extractor = Extractor(limits=limits)
    record = extractor.extract(_read(args.source, args.kind, args.url, max_bytes=limits.max_file_bytes))
    print(record.to_json() if args.compact else record.to_json(indent=2))
    return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    from .batch import default_workers, find_documents, run_batch

    if not args.output and not args.db:
        print("extractor: error: say where the records go: -o OUT.jsonl, --db URL, or both", file=sys.stderr)
        return EXIT_USAGE
    limits = _limits(args)
    workers = default_workers() if args.workers is None else args.workers
    if workers < 1:
        print("extractor: error: --workers must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    paths = find_documents(args.paths)
    with _sinks(args) as sinks:
        if args.resume:
            paths = [p for p in paths if not all(str(p) in sink.done for sink in sinks)]
        show = sys.stderr.isatty() if args.progress is None else args.progress
        written = failed = 0
        where = " and ".join(filter(None, (args.output, args.db)))
        if args.engine == "dask":
            from .dask_engine import run_dask

            records = run_dask(paths, scheduler=args.scheduler, workers=workers, limits=limits)
        else:
            records = run_batch(paths, workers=workers, limits=limits)
        try:
            with tqdm(total=len(paths), unit="doc", disable=not show, file=sys.stderr) as bar:
                for record in records:
                    for sink in sinks:
                        if record.source.path not in sink.done:
                            sink.write(record)
                    written += 1
                    bar.update(1)
                    failed += bool(record.errors)
                    for error in record.errors:
                        bar.write(f"extractor: error: {error.path}: {error.message}", file=sys.stderr)
        except KeyboardInterrupt:
            print(f"extractor: interrupted after {written} of {len(paths)} documents ({written - failed} extracted, "
                  f"{failed} failed) -> {where}; --resume finishes the rest", file=sys.stderr)
            return EXIT_INTERRUPTED
    print(f"extractor: {len(paths)} documents, {len(paths) - failed} extracted, {failed} failed -> {where}",
          file=sys.stderr)
    return EXIT_SOME_FAILED if failed else EXIT_OK


@contextlib.contextmanager
def _sinks(args: argparse.Namespace):
    """The JSONL file and/or database a run writes to, closed (what was
    written kept) however the run ends."""
    from .sinks import JsonlSink

    with contextlib.ExitStack() as stack:
        sinks: list = []
        if args.output:
            sinks.append(stack.enter_context(JsonlSink(args.output, resume=args.resume and args.output != "-")))
        if args.db:
            from .db import DatabaseSink, connect

            database = stack.enter_context(connect(args.db))
            sink = DatabaseSink(database, resume=args.resume,
                                on_problem=lambda problem: print(f"extractor: error: {problem}", file=sys.stderr))
            stack.callback(sink.close)
            sinks.append(sink)
        yield sinks


def _text(args: argparse.Namespace) -> int:
    print(_read(args.source, args.kind).text)
    return EXIT_OK


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
                        brief = {k: v for k, v in item.items() if k not in ("mentions", "evidence", "start", "end")} \
                            if isinstance(item, dict) else item  # authors, published and title are plain values
                        print(f"{result.name}\t{name}\t{label}\t{json.dumps(brief, ensure_ascii=False)}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from .records import json_schema

    print(json.dumps(json_schema(), indent=2))
    return EXIT_OK
