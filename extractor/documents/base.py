"""The document type every reader produces, and the error they raise."""
from __future__ import annotations

from dataclasses import dataclass, field


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
