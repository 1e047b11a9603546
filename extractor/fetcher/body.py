"""Read a streamed response body with a hard cap on its size.

The cap applies to the bytes on the wire and again to the decompressed bytes.
We decode gzip, deflate and brotli ourselves, asking each decompressor for at
most the bytes still allowed, because a few kilobytes of compressed zeros can
inflate to gigabytes in a single call (httpx's own decoders have no limit).
"""
from __future__ import annotations

import zlib

import brotli
import httpx

ACCEPT_ENCODING = "gzip, deflate, br"


class BodyTooLarge(Exception):
    """The body passed the size limit (never retried)."""


class BadEncoding(Exception):
    """The body does not decode as its Content-Encoding says (never retried)."""


class _Zlib:
    def __init__(self, wbits: int) -> None:
        self.wbits = wbits
        self.engine = zlib.decompressobj(wbits)
        self.started = False

    def feed(self, data: bytes, limit: int) -> bytes:
        try:
            out = self.engine.decompress(data, limit)
        except zlib.error:
            if self.wbits != zlib.MAX_WBITS or self.started:
                raise
            # "deflate" is meant to be zlib-wrapped, but some servers send it raw.
            self.__init__(-zlib.MAX_WBITS)
            out = self.engine.decompress(data, limit)
        self.started = True
        return out


class _Brotli:
    def __init__(self) -> None:
        self.engine = brotli.Decompressor()

    def feed(self, data: bytes, limit: int) -> bytes:
        return self.engine.process(data, output_buffer_limit=limit)


def _decoders(content_encoding: str) -> list:
    """Decoders in the order to apply them (the last encoding applied comes first)."""
    makers = {"gzip": lambda: _Zlib(zlib.MAX_WBITS | 16), "x-gzip": lambda: _Zlib(zlib.MAX_WBITS | 16),
              "deflate": lambda: _Zlib(zlib.MAX_WBITS), "br": _Brotli}
    names = [name.strip().lower() for name in content_encoding.split(",") if name.strip()]
    names = [name for name in names if name != "identity"]
    unknown = [name for name in names if name not in makers]
    if unknown:
        raise BadEncoding(f"unsupported Content-Encoding {', '.join(unknown)}")
    return [makers[name]() for name in reversed(names)]


async def read_capped(response: httpx.Response, limit: int) -> bytes:
    """The decoded body of a streamed ``response``, or BodyTooLarge past ``limit`` bytes."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(f"body is {int(declared):,} bytes, over the {limit:,}-byte limit (--max-size)")
    decoders = _decoders(response.headers.get("content-encoding", ""))
    received = 0
    chunks: list[bytes] = []
    size = 0
    async for raw in response.aiter_raw():
        received += len(raw)
        if received > limit:
            raise BodyTooLarge(f"body passed the {limit:,}-byte limit (--max-size); download stopped")
        data = raw
        try:
            for decoder in decoders:
                data = decoder.feed(data, limit - size + 1)
        except (zlib.error, brotli.error) as error:
            raise BadEncoding(f"body is not valid {response.headers.get('content-encoding')}: {error}") from None
        size += len(data)
        if size > limit:
            raise BodyTooLarge(f"decompressed body passed the {limit:,}-byte limit (--max-size); download stopped")
        chunks.append(data)
    return b"".join(chunks)
