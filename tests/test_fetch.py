"""The fetcher against a real HTTP server on 127.0.0.1 (no mocks)."""
from __future__ import annotations

import asyncio
import gzip
import hashlib
import json
import time
import zlib
from pathlib import Path

import brotli
import pytest

from extractor import FetchOptions, fetch, fetch_async
from extractor.article_folder import ArticleFolder, load_sidecar, stem_for

from http_server import Site

LOCAL = {"allow_private": True, "backoff": 0.01, "timeout": 5.0}


def article(n: int) -> str:
    return (f"<html><head><title>Council news {n}</title></head><body><article><h1>Council news {n}</h1>"
            f"<p>Inspectors visited the council's children's services in week {n} and said they were good.</p>"
            "<p>The director of children's services welcomed the report and thanked staff.</p>"
            "</article></body></html>")


@pytest.fixture
def site():
    with Site() as running:
        running.page("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
        yield running


def only(report):
    assert len(report.results) == 1
    return report.results[0]


def test_a_page_lands_with_its_sidecar(site, tmp_path):
    site.page("/news/ofsted-1", article(1), "text/html; charset=ISO-8859-1", etag='"v1"',
              last_modified=1_700_000_000)
    report = fetch([site.url("/news/ofsted-1")], tmp_path, **LOCAL)
    result = only(report)
    assert result.outcome == "fetched", result.reason
    body = result.path.read_bytes()
    assert body == article(1).encode()
    sidecar = load_sidecar(result.path.with_suffix(".json"))
    assert sidecar.url == sidecar.final_url == site.url("/news/ofsted-1")
    assert (sidecar.status, sidecar.kind, sidecar.charset) == (200, "html", "iso-8859-1")
    assert sidecar.content_type == "text/html; charset=ISO-8859-1"
    assert sidecar.etag == '"v1"' and sidecar.last_modified.endswith("GMT")
    assert sidecar.sha256 == hashlib.sha256(body).hexdigest() and sidecar.size == len(body)
    assert sidecar.fetched_at.endswith("Z") and sidecar.file == result.path.name
    assert report.summary().startswith("1 URLs: 1 fetched, 0 unchanged, 0 failed")


def test_second_run_is_conditional_and_rewrites_nothing(site, tmp_path):
    urls = []
    for n in range(12):
        # some pages give an ETag, some Last-Modified, some neither
        etag = f'"e{n}"' if n % 3 == 0 else None
        modified = 1_700_000_000 + n if n % 3 == 1 else None
        site.page(f"/a/{n}", article(n), etag=etag, last_modified=modified)
        urls.append(site.url(f"/a/{n}"))
    first = fetch(urls, tmp_path, **LOCAL)
    assert len(first.fetched) == 12
    stamps = {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in tmp_path.iterdir()}
    assert len(stamps) == 24  # a body and a sidecar per URL
    site.seen.clear()
    second = fetch(urls, tmp_path, **LOCAL)
    assert len(second.unchanged) == 12 and second.ok
    assert {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in tmp_path.iterdir()} == stamps
    assert site.requests_to("/a/0")[0].headers["If-None-Match"] == '"e0"'
    assert "If-Modified-Since" in site.requests_to("/a/1")[0].headers
    assert "If-None-Match" not in site.requests_to("/a/2")[0].headers

    forced = fetch(urls, tmp_path, refresh=True, **LOCAL)
    assert len(forced.fetched) == 12
    assert "If-None-Match" not in site.requests_to("/a/0")[-1].headers


def test_a_changed_page_is_rewritten_and_a_changed_type_replaces_the_old_file(site, tmp_path):
    site.page("/doc", article(1))
    first = only(fetch([site.url("/doc")], tmp_path, **LOCAL))
    site.page("/doc", article(2))
    second = only(fetch([site.url("/doc")], tmp_path, **LOCAL))
    assert second.outcome == "fetched" and second.path.read_bytes() == article(2).encode()
    site.page("/doc", b"%PDF-1.4 not really", "application/pdf")
    third = only(fetch([site.url("/doc")], tmp_path, **LOCAL))
    assert third.path.suffix == ".pdf" and not first.path.exists()
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".json", ".pdf"]


def test_redirects_are_followed_and_recorded(site, tmp_path):
    site.page("/final", article(3))
    site.route("/old", lambda r: r.reply(301, b"", {"Location": "/middle"}))
    site.route("/middle", lambda r: r.reply(302, b"", {"Location": site.url("/final") + "#top"}))
    result = only(fetch([site.url("/old")], tmp_path, **LOCAL))
    assert result.outcome == "fetched" and result.final_url == site.url("/final")
    sidecar = load_sidecar(result.path.with_suffix(".json"))
    assert sidecar.redirects == [site.url("/old"), site.url("/middle")]
    assert sidecar.url == site.url("/old")


def test_a_redirect_loop_stops_at_the_limit(site, tmp_path):
    site.route("/loop", lambda r: r.reply(302, b"", {"Location": "/loop?again"}))
    result = only(fetch([site.url("/loop")], tmp_path, max_redirects=4, **LOCAL))
    assert result.outcome == "failed" and "more than 4 redirects" in result.reason
    assert len(site.requests_to("/loop?again")) == 4


def test_429_is_retried_after_the_time_the_server_asks(site, tmp_path):
    calls = []

    def busy(request):
        calls.append(time.monotonic())
        if len(calls) == 1:
            return request.reply(429, b"slow down", {"Retry-After": "1"})
        request.reply(200, article(4).encode(), {"Content-Type": "text/html"})

    site.route("/busy", busy)
    result = only(fetch([site.url("/busy")], tmp_path, **LOCAL))
    assert result.outcome == "fetched" and result.attempts == 2
    assert calls[1] - calls[0] >= 0.95


def test_server_errors_are_retried_then_reported(site, tmp_path):
    site.route("/down", lambda r: r.reply(503, b"down", {"Content-Type": "text/plain"}))
    site.route("/later", lambda r: r.reply(503, b"down", {"Retry-After": "3600"}))
    report = fetch([site.url("/down"), site.url("/later")], tmp_path, retries=2, **LOCAL)
    down, later = report.results
    assert down.outcome == "failed" and down.status == 503 and "after 3 attempts" in down.reason
    assert len(site.requests_to("/down")) == 3
    assert "retry after 3600 s" in later.reason and len(site.requests_to("/later")) == 1


def test_connection_errors_are_retried_then_reported(tmp_path):
    with Site() as closed:
        url = closed.url("/gone")
    result = only(fetch([url], tmp_path, retries=2, **LOCAL))
    assert result.outcome == "failed" and "gave up after 3 attempts" in result.reason
    assert "ConnectError" in result.reason


def test_slow_servers_time_out(site, tmp_path):
    site.route("/stall", lambda r: (time.sleep(2), r.reply(200, b"late")))
    site.route("/trickle", lambda r: r.stream((b"<p>x</p>" for _ in range(100)), pause=0.1))
    report = fetch([site.url("/stall"), site.url("/trickle")], tmp_path, retries=0,
                   **{**LOCAL, "timeout": 0.5}, max_time=1.0)
    stall, trickle = report.results
    assert stall.outcome == "failed" and "ReadTimeout" in stall.reason
    assert trickle.outcome == "failed" and "longer than 1 s" in trickle.reason


def test_bodies_over_the_limit_are_cut_off(site, tmp_path):
    site.route("/declared", lambda r: r.reply(200, b"x" * 5000, {"Content-Type": "text/html"}))
    site.route("/endless", lambda r: r.stream(b"<p>more</p>" * 100 for _ in range(10_000)))
    bomb = gzip.compress(b"\0" * 20_000_000)
    site.route("/bomb", lambda r: r.reply(200, bomb, {"Content-Type": "text/html", "Content-Encoding": "gzip"}))
    declared, endless = fetch([site.url("/declared"), site.url("/endless")], tmp_path, max_size=4096,
                              **LOCAL).results
    assert "over the 4,096-byte limit" in declared.reason
    assert "passed the 4,096-byte limit" in endless.reason
    inflated = only(fetch([site.url("/bomb")], tmp_path, max_size=1_000_000, **LOCAL))
    assert len(bomb) < 1_000_000 and "decompressed body passed the 1,000,000-byte limit" in inflated.reason
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("encoding, encode", [
    ("gzip", gzip.compress), ("deflate", zlib.compress),
    ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as some servers send it
    ("br", brotli.compress)])
def test_compressed_bodies_are_decoded(site, tmp_path, encoding, encode):
    site.route("/z", lambda r: r.reply(200, encode(article(5).encode()),
                                       {"Content-Type": "text/html", "Content-Encoding": encoding}))
    result = only(fetch([site.url("/z")], tmp_path, **LOCAL))
    assert result.outcome == "fetched" and result.path.read_bytes() == article(5).encode()
    assert "br" in site.requests_to("/z")[0].headers["Accept-Encoding"]


def test_robots_txt_is_honoured_unless_ignored(site, tmp_path):
    site.page("/robots.txt", "User-agent: ofsted-extractor\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n",
              "text/plain")
    site.page("/private/a", article(6))
    site.page("/public/a", article(7))
    report = fetch([site.url("/private/a"), site.url("/public/a")], tmp_path, **LOCAL)
    private, public = report.results
    assert private.outcome == "failed" and "robots.txt" in private.reason and not site.requests_to("/private/a")
    assert public.outcome == "fetched"
    assert len(site.requests_to("/robots.txt")) == 1
    ignored = only(fetch([site.url("/private/a")], tmp_path, respect_robots=False, **LOCAL))
    assert ignored.outcome == "fetched"


def test_robots_txt_missing_allows_and_failing_disallows(site, tmp_path):
    site.page("/page", article(8))
    del site.routes["/robots.txt"]  # 404: no rules
    assert only(fetch([site.url("/page")], tmp_path, **LOCAL)).outcome == "fetched"
    site.route("/robots.txt", lambda r: r.reply(500, b"oops"))
    result = only(fetch([site.url("/page")], tmp_path, retries=0, **LOCAL))
    assert result.outcome == "failed" and "robots.txt could not be read (HTTP 500" in result.reason


def starts(site, prefix):
    return sorted(seen.at for seen in site.seen if seen.path.startswith(prefix))


def test_delay_spaces_out_requests_to_a_host(site, tmp_path):
    for n in range(4):
        site.page(f"/slowly/{n}", article(n))
    fetch([site.url(f"/slowly/{n}") for n in range(4)], tmp_path, delay=0.3, **LOCAL)
    times = starts(site, "/slowly/")
    assert len(times) == 4 and all(b - a >= 0.28 for a, b in zip(times, times[1:]))


def test_robots_crawl_delay_is_honoured_rounded_up(site, tmp_path):
    site.page("/robots.txt", "User-agent: *\nCrawl-delay: 0.4\n", "text/plain")
    for n in range(2):
        site.page(f"/crawl/{n}", article(n))
    fetch([site.url(f"/crawl/{n}") for n in range(2)], tmp_path, **LOCAL)
    first, second = starts(site, "/crawl/")
    assert second - first >= 0.95


def test_requests_per_host_are_bounded(site, tmp_path):
    def slow(request):
        time.sleep(0.15)
        request.reply(200, article(9).encode(), {"Content-Type": "text/html"})

    for n in range(8):
        site.route(f"/busy/{n}", slow)
    report = fetch([site.url(f"/busy/{n}") for n in range(8)], tmp_path, per_host=3, **LOCAL)
    assert report.ok and site.most_in_flight == 3


def test_user_agent_names_the_tool_and_the_contact(site, tmp_path):
    site.page("/ua", article(10))
    fetch([site.url("/ua")], tmp_path, contact="data-desk@example.org", **LOCAL)
    agent = site.requests_to("/ua")[0].headers["User-Agent"]
    assert agent.startswith("ofsted-extractor/") and "+data-desk@example.org" in agent


def test_loopback_is_refused_by_default(site, tmp_path):
    site.page("/secret", article(11))
    result = only(fetch([site.url("/secret")], tmp_path))
    assert result.outcome == "failed" and "refused to connect" in result.reason and "127.0.0.1" in result.reason
    assert site.seen == []


def test_redirects_to_private_addresses_are_refused(site, tmp_path):
    site.route("/metadata", lambda r: r.reply(302, b"", {"Location": "http://169.254.169.254/latest/meta-data/"}))
    site.route("/intranet", lambda r: r.reply(302, b"", {"Location": "http://10.0.0.8/admin"}))
    report = fetch([site.url("/metadata"), site.url("/intranet")], tmp_path,
                   **{**LOCAL, "allow_private": False}, allow_networks=("127.0.0.1/32",))
    for result in report.results:
        assert result.outcome == "failed" and "refused to connect" in result.reason


def test_allow_private_never_opens_link_local_or_metadata_addresses(site, tmp_path):
    """A local page that redirects to a cloud metadata service is refused even
    with --allow-private; only a network naming it admits it."""
    site.route("/meta4", lambda r: r.reply(302, b"", {"Location": "http://169.254.169.254/latest/meta-data/"}))
    site.route("/meta6", lambda r: r.reply(302, b"", {"Location": "http://[fe80::1]/"}))
    site.page("/fine", article(13))
    report = fetch([site.url("/meta4"), site.url("/meta6"), site.url("/fine")], tmp_path, **LOCAL)
    meta4, meta6, fine = report.results
    for result in (meta4, meta6):
        assert result.outcome == "failed" and "link-local or cloud metadata address" in result.reason
    assert "169.254.169.254" in meta4.reason and fine.outcome == "fetched"


@pytest.mark.parametrize("address, allow_private, networks, admitted", [
    ("127.0.0.1", False, (), False),
    ("127.0.0.1", True, (), True),
    ("::1", True, (), True),
    ("10.0.0.8", True, (), True),
    ("93.184.216.34", False, (), True),
    ("169.254.169.254", True, (), False),
    ("::ffff:169.254.169.254", True, (), False),  # the same address, IPv4-mapped
    ("fe80::1", True, (), False),
    ("fd00:ec2::254", True, (), False),  # a cloud's IPv6 metadata address, inside a private range
    ("100.100.100.200", True, (), False),
    ("169.254.169.254", True, ("0.0.0.0/0",), False),  # a catch-all does not name it
    ("169.254.169.254", False, ("169.254.169.254/32",), True),
    ("169.254.10.1", False, ("169.254.0.0/16",), True),
    ("224.0.0.1", True, (), False),
    ("0.0.0.0", True, (), False),
])
def test_address_policy(address, allow_private, networks, admitted):
    import ipaddress

    from extractor.fetcher.guard import AddressPolicy

    refusal = AddressPolicy(allow_private, networks).refusal("host", ipaddress.ip_address(address))
    assert (refusal is None) == admitted, refusal


def test_names_resolving_to_private_addresses_are_refused(tmp_path):
    try:
        other = Site("127.0.0.2")
    except OSError:
        pytest.skip("cannot bind 127.0.0.2 on this machine")
    with other:
        port = other.server.server_address[1]
        other.route("/hop", lambda r: r.reply(302, b"", {"Location": f"http://localhost:{port}/x"}))
        other.page("/robots.txt", "", "text/plain")
        result = only(fetch([other.url("/hop")], tmp_path, **{**LOCAL, "allow_private": False},
                            allow_networks=("127.0.0.2/32",)))
    assert result.outcome == "failed" and "refused to connect to localhost" in result.reason


def test_bad_urls_and_bad_answers_fail_alone(site, tmp_path):
    site.page("/good", article(12))
    site.page("/logo.png", b"\x89PNG\r\n\x1a\n\0\0", "image/png")
    site.page("/blob", b"\0\1\2binary", "application/octet-stream")
    site.page("/report", b"%PDF-1.7\n...", "application/octet-stream")
    urls = ["ftp://example.org/file", "www.example.org/news", "http://", site.url("/missing"),
            site.url("/logo.png"), site.url("/blob"), site.url("/report"), site.url("/good")]
    report = fetch(urls, tmp_path, **LOCAL)
    reasons = [r.reason for r in report.results]
    assert "only http and https" in reasons[0] and "add https://" in reasons[1]
    assert reasons[2] and "HTTP 404 Not Found" == reasons[3]
    assert "image/png" in reasons[4] and "application/octet-stream" in reasons[5]
    assert [r.outcome for r in report.results[6:]] == ["fetched", "fetched"]
    assert report.results[6].path.suffix == ".pdf"
    assert len(report.failed) == 6 and not report.ok


def test_file_names_never_leave_the_folder(site, tmp_path):
    site.page("*", article(13))
    urls = [site.url("/../../etc/passwd"), site.url("/%2e%2e/%2e%2e/x"), site.url("/" + "long-" * 200),
            site.url("/caf%C3%A9?q=1&r=../../x"), site.url("/.hidden")]
    report = fetch(urls, tmp_path, **LOCAL)
    assert report.ok
    for result in report.results:
        assert result.path.parent == tmp_path and len(result.path.name) < 200
        assert not result.path.name.startswith(".")
    assert len({r.path for r in report.results}) == len(urls)


def test_article_folder_refuses_unsafe_names(tmp_path):
    folder = ArticleFolder(tmp_path)
    for name in ("../x", "a/b", "..", "", "/etc/passwd"):
        with pytest.raises(ValueError):
            folder.inside(name)
    assert stem_for("https://www.cypnow.co.uk/news/article/x?y=1") != stem_for("https://www.cypnow.co.uk/news/article/x")


def test_a_folder_that_cannot_be_written_fails_each_url_clearly(site, tmp_path):
    site.page("/ok", article(16))
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file in the way")
    result = only(fetch([site.url("/ok")], blocked, **LOCAL))
    assert result.outcome == "failed" and result.reason.startswith("cannot save to")


def test_duplicate_urls_are_fetched_once(site, tmp_path):
    site.page("/once", article(14))
    report = fetch([site.url("/once"), site.url("/once#comments"), " " + site.url("/once") + "\n"], tmp_path,
                   **LOCAL)
    assert len(report.results) == 1 and len(site.requests_to("/once")) == 1


def test_fetch_works_inside_a_running_event_loop(site, tmp_path):
    site.page("/loop-safe", article(15))

    async def notebook_cell():
        return fetch([site.url("/loop-safe")], tmp_path, **LOCAL)

    assert only(asyncio.run(notebook_cell())).outcome == "fetched"


def test_fetch_async_reports_each_url_as_it_ends(site, tmp_path):
    for n in range(3):
        site.page(f"/cb/{n}", article(n))
    ended = []
    report = asyncio.run(fetch_async([site.url(f"/cb/{n}") for n in range(3)], tmp_path,
                                     options=FetchOptions(**LOCAL), on_result=ended.append))
    assert sorted(r.url for r in ended) == sorted(r.url for r in report.results)


def test_options_are_checked():
    with pytest.raises(ValueError):
        FetchOptions(per_host=0)
    with pytest.raises(ValueError):
        FetchOptions(delay=-1)
    with pytest.raises(ValueError, match="not an IP network"):
        FetchOptions(allow_networks=("intranet",))


def test_many_pages_land_once_each(site, tmp_path):
    urls = []
    for n in range(181):
        site.page(f"/bulk/{n}", article(n), etag=f'"b{n}"')
        urls.append(site.url(f"/bulk/{n}"))
    first = fetch(urls, tmp_path, **LOCAL)
    assert len(first.fetched) == 181
    bodies = [p for p in tmp_path.iterdir() if p.suffix == ".html"]
    assert len(bodies) == 181
    sidecars = [json.loads(p.read_text()) for p in tmp_path.glob("*.json")]
    assert sorted(s["url"] for s in sidecars) == sorted(urls)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    second = fetch(urls, tmp_path, **LOCAL)
    assert len(second.unchanged) == 181
    assert {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before
    assert Path(tmp_path).exists()


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Children's services news</title>
<item><title>One</title><link>{origin}/story/1</link></item>
<item><title>Two</title><link> /story/2 </link></item>
<item><title>One again</title><link>{origin}/story/1</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ofsted reports</title>
<entry><title>Report</title><link rel="alternate" href="/story/3"/><link rel="enclosure" href="/logo.png"/></entry>
</feed>"""

HOSTILE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
<rss version="2.0"><channel><item><link>{origin}/story/&secret;</link></item></channel></rss>"""


def test_feeds_give_their_article_links(site, tmp_path):
    for n in (1, 2, 3):
        site.page(f"/story/{n}", article(n))
    site.page("/feed.xml", RSS.format(origin=site.origin), "application/rss+xml")
    site.page("/atom.xml", ATOM, "application/atom+xml")
    site.page("/hostile.xml", HOSTILE.format(origin=site.origin), "application/rss+xml")
    site.page("/news.html", article(4))
    report = fetch([], tmp_path, feeds=[site.url(p) for p in ("/feed.xml", "/atom.xml", "/hostile.xml",
                                                               "/news.html", "/gone.xml")], **LOCAL)
    fetched = sorted(r.url for r in report.fetched)
    assert fetched == [site.url(f"/story/{n}") for n in (1, 2, 3)]
    assert not site.requests_to("/logo.png")
    secret = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    assert not secret or not any(secret in seen.path for seen in site.seen)  # the entity was not expanded
    reasons = {r.url: r.reason for r in report.failed}
    assert reasons[site.url("/news.html")].startswith("feed: not an RSS or Atom feed")
    assert reasons[site.url("/gone.xml")] == "feed: HTTP 404 Not Found"


@pytest.mark.parametrize("url, origin", [
    ("http://[fe80::1]:8080/news?id=1", "http://[fe80::1]:8080"),
    ("http://[::1]/x", "http://[::1]"),
    ("https://www.example.org:443/a/b", "https://www.example.org"),
    ("http://127.0.0.1:8000/robots", "http://127.0.0.1:8000"),
])
def test_robots_origin_keeps_ipv6_brackets(url, origin):
    from extractor.fetcher.robots import _origin

    assert _origin(url) == origin
