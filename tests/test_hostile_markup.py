"""Markup never makes the tool read local files, reach the network or expand
entities: feeds (XML) and pages (HTML) are parsed with all of that off."""
from __future__ import annotations

import pytest

from extractor import DocumentError, read_document
from extractor.fetcher.feeds import feed_links

SECRET = "TOP-SECRET-LINE-7d1f"


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def test_a_feed_with_an_external_entity_does_not_read_the_file(secret_file):
    feed = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret_file}"><!ENTITY remote SYSTEM "http://127.0.0.1:9/x">]>
<rss version="2.0"><channel><item><link>https://example.org/a?q=&leak;&remote;</link></item>
<item><link>https://example.org/b</link></item></channel></rss>""".encode()
    links = feed_links(feed, "https://example.org/")
    assert "https://example.org/b" in links
    assert not any(SECRET in link for link in links)


def test_a_feed_of_nested_entities_does_not_expand():
    entities = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
            '<item><link>https://example.org/&a9;</link></item><item><link>https://example.org/c</link></item>'
            '</channel></rss>').encode()
    links = feed_links(feed, "https://example.org/")
    assert "https://example.org/c" in links
    assert sum(len(link) for link in links) < 1000  # a billion "lol"s were not made


def test_an_html_page_with_entities_and_remote_resources_reads_only_its_own_text(secret_file):
    page = f"""<!DOCTYPE html [<!ENTITY leak SYSTEM "file://{secret_file}">]>
<html><head><link rel="stylesheet" href="http://127.0.0.1:9/style.css"><script src="http://127.0.0.1:9/x.js"></script>
<script>document.write("INJECTED-BY-SCRIPT")</script></head>
<body><article><h1>Kent children's services rated good</h1><p>&leak; Kent County Council's children's services
were rated good by Ofsted, the inspectorate said in a report published on Tuesday after a visit.</p>
<iframe src="file://{secret_file}"></iframe></article></body></html>""".encode()
    try:
        text = read_document(page, kind="html").text
    except DocumentError:
        return  # refusing the page is safe too
    assert SECRET not in text and "INJECTED-BY-SCRIPT" not in text
    assert "rated good by Ofsted" in text
