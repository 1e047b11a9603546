"""``extractor fetch`` then ``extractor run`` on the folder, as a user runs them:
real processes, a real server on 127.0.0.1 serving the HTML fixtures."""
import json
from pathlib import Path

import pytest

from http_server import Site
from test_cli import cli

PAGES = Path(__file__).parent / "fixtures" / "html"


@pytest.fixture
def newsroom():
    """Every HTML fixture at /news/NAME, with the charset its server would send."""
    with Site() as site:
        for page in sorted(PAGES.glob("*.html")):
            meta = json.loads(page.with_suffix(".json").read_text())
            content_type = "text/html" + (f"; charset={meta['http_charset']}" if meta["http_charset"] else "")
            site.page(f"/news/{page.stem}", page.read_bytes(), content_type, etag=f'"{page.stem}"')
        yield site


def test_fetch_then_run_gives_records_with_their_sources(newsroom, tmp_path):
    listing = tmp_path / "links.txt"
    names = sorted(page.stem for page in PAGES.glob("*.html"))
    listing.write_text("# links from the newsletter\n\n" + "".join(f"{newsroom.url('/news/' + n)}  seen\n"
                                                                  for n in names[1:]))
    folder = tmp_path / "articles"
    fetched = cli("fetch", newsroom.url(f"/news/{names[0]}"), newsroom.url("/news/withdrawn"), "--from", str(listing),
                  "-o", str(folder), "--allow-private", "--contact", "desk@example.org")
    assert fetched.returncode == 1  # the withdrawn page failed ...
    assert f"failed: {newsroom.url('/news/withdrawn')}: HTTP 404 Not Found" in fetched.stderr
    assert f"{len(names) + 1} URLs: {len(names)} fetched, 0 unchanged, 1 failed" in fetched.stderr  # ... alone
    assert len(list(folder.glob("*.html"))) == len(names)

    again = cli("fetch", "--from", str(listing), "-o", str(folder), "--allow-private")
    assert again.returncode == 0, again.stderr
    assert f"{len(names) - 1} URLs: 0 fetched, {len(names) - 1} unchanged, 0 failed" in again.stderr

    run = cli("run", str(folder), "-o", str(tmp_path / "records.jsonl"))
    assert run.returncode == 0, run.stderr
    records = [json.loads(line) for line in (tmp_path / "records.jsonl").read_text().splitlines()]
    assert sorted(r["source"]["url"] for r in records) == sorted(newsroom.url(f"/news/{n}") for n in names)
    for record in records:
        assert record["source"]["kind"] == "html" and record["source"]["fetched_at"].endswith("Z")
        assert record["title"] and record["text"]
    named = {r["source"]["url"].rsplit("/", 1)[1]: [c["name"] for c in r["councils"]] for r in records}
    assert named["council_press_release"] == ["Lancashire County Council"]
    assert "City of Doncaster Council" in named["legacy_cp1252"]
    legacy = next(r for r in records if r["source"]["url"].endswith("legacy_cp1252"))
    assert "£" in legacy["text"] and "’" in legacy["text"]  # decoded by the HTTP charset from the sidecar


def test_fetch_needs_urls_and_sound_options(tmp_path):
    result = cli("fetch", "-o", str(tmp_path))
    assert result.returncode == 2 and "no URLs given" in result.stderr
    result = cli("fetch", "--from", str(tmp_path / "missing.txt"), "-o", str(tmp_path))
    assert result.returncode == 2 and "cannot read URL list" in result.stderr and "Traceback" not in result.stderr
    result = cli("fetch", "http://example.org/", "-o", str(tmp_path), "--allow-network", "intranet")
    assert result.returncode == 2 and "not an IP network" in result.stderr and "Traceback" not in result.stderr


def test_fetch_refuses_loopback_without_allow_private(newsroom, tmp_path):
    result = cli("fetch", newsroom.url("/news/broadcaster"), "-o", str(tmp_path / "out"))
    assert result.returncode == 1 and "--allow-private" in result.stderr
    assert newsroom.seen == []
