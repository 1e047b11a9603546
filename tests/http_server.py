"""A real HTTP server on a loopback address, with routes each test defines.

It runs in a thread of the test process (stdlib ``ThreadingHTTPServer``,
HTTP/1.1 keep-alive) and records every request, so tests can check what the
fetcher actually sent and how many requests were in flight at once.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Handler = Callable[["_RequestHandler"], None]


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float


class Site:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Handler] = {}
        self.seen: list[Seen] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self.lock = threading.Lock()
        self.server = _Server((host, 0), _RequestHandler)
        self.server.site = self  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def origin(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.origin + path

    def route(self, path: str, handler: Handler) -> None:
        self.routes[path] = handler

    def page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
             etag: str | None = None, last_modified: float | None = None,
             headers: dict[str, str] | None = None) -> None:
        """A page that answers conditional requests as a careful server does
        (``path`` "*" answers any path without a route of its own)."""
        data = body.encode("utf-8") if isinstance(body, str) else body

        def handler(request: _RequestHandler) -> None:
            extra = dict(headers or {})
            if etag:
                extra["ETag"] = etag
            if last_modified is not None:
                extra["Last-Modified"] = formatdate(last_modified, usegmt=True)
            if etag and request.headers.get("If-None-Match") == etag:
                return request.reply(304, b"", extra)
            if etag is None and last_modified is not None and request.headers.get("If-Modified-Since") == \
                    extra["Last-Modified"]:
                return request.reply(304, b"", extra)
            request.reply(200, data, {"Content-Type": content_type, **extra})

        self.route(path, handler)

    def requests_to(self, path: str) -> list[Seen]:
        return [seen for seen in self.seen if seen.path == path]


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # a client hanging up is not news
        pass


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = 1 << 16  # headers and body leave in one write ...
    disable_nagle_algorithm = True  # ... and at once, as a production server sends them

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        site: Site = self.server.site  # type: ignore[attr-defined]
        with site.lock:
            site.seen.append(Seen(self.path, dict(self.headers.items()), time.monotonic()))
            site.in_flight += 1
            site.most_in_flight = max(site.most_in_flight, site.in_flight)
        try:
            handler = site.routes.get(self.path) or site.routes.get(self.path.split("?")[0]) or site.routes.get("*")
            if handler is None:
                self.reply(404, b"not found", {"Content-Type": "text/plain"})
            else:
                handler(self)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with site.lock:
                site.in_flight -= 1

    def reply(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)

    def stream(self, chunks, headers: dict[str, str] | None = None, pause: float = 0.0) -> None:
        """A body of unknown length, ended by closing the connection."""
        self.send_response(200)
        for name, value in {"Content-Type": "text/html", **(headers or {})}.items():
            self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        for chunk in chunks:
            self.wfile.write(chunk)
            self.wfile.flush()
            if pause:
                time.sleep(pause)

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass
