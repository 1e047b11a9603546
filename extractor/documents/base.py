"""The document type every reader produces, and the error they raise."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

# libraries that log their own complaints about a damaged file ("EOF marker not found",
# "Some characters could not be decoded"): the document's error says it for them
_READER_LOGGERS = ("pypdf", "bs4", "trafilatura", "htmldate", "courlan", "justext")


@dataclass(frozen=True)
class Limits:
    """How big a document may be. A file over ``max_file_bytes`` is not read,
    and a text over ``max_chars`` is not extracted (each says which limit it
    hit); a long text within them goes through the pipeline in sections of at
    most ``section_chars``, cut at paragraph breaks, so that memory stays flat."""

    max_file_bytes: int = 100_000_000
    max_chars: int = 5_000_000
    section_chars: int = 20_000  # the parser needs memory in proportion to a Doc's length

    def __post_init__(self) -> None:
        if min(self.max_file_bytes, self.max_chars, self.section_chars) <= 0:
            raise ValueError("limits must be positive")


class DocumentError(ValueError):
    """A source could not be read as a document; ``reason`` says why."""

    def __init__(self, reason: str, *, path: str | None = None) -> None:
        self.reason = reason
        self.path = path
        super().__init__(f"{path}: {reason}" if path else reason)


@dataclass
class Document:
    """Clean article text plus the metadata read from its page or header."""

    text: str
    kind: str = "text"
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    url: str | None = None
    path: str | None = None
    fetched_at: str | None = None
    # Character ranges of ``text`` the NLP pipeline reads; None means all of it.
    # Long reports set this to their front page and key blocks (see documents/pdf.py).
    focus: list[tuple[int, int]] | None = None


@contextmanager
def quiet_readers() -> Iterator[None]:
    """Hold the reader libraries' warnings back while one document is read, so
    a user sees one error line per bad file, in our words, not their log noise."""
    loggers = [logging.getLogger(name) for name in _READER_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR + 10)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)
