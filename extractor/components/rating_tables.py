"""A report's judgement table, read row by row, and its headline.

Ofsted reports open with a table of judgements: a label naming the area
(wrapped over lines in the PDF's text) and the grade that ends the row. Read
from its header down, row after row, until a line is not a row; every row is a
current rating of the council the report is about. A row "Not judged" gives no
rating but does not end the table. Reports of 2013–17 state the overall
judgement as a headline above the table ("Children's services in X require
improvement to be good"). Vocabulary: the ``table`` block and the judgement
phrases of ``models/rating_context.json``.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span

from .context import doc_text
from .rating_subjects import Subject

_FLAGS = re.IGNORECASE | re.MULTILINE


class JudgementTable:
    def __init__(self, table: dict, judgements: dict[str, list[str]]) -> None:
        self.headers = [re.compile(p, _FLAGS) for p in table["headers"]]
        self.grades: dict[str, str] = table["grades"]
        self.no_grade = {" ".join(cell.split()) for cell in table["no_grade_cells"]}
        cells = _alternation([*self.grades, *self.no_grade])
        self.row = re.compile(r"\s*(?P<label>[^\n].*?)\s+(?P<grade>" + cells + r")[ \t]*$", _FLAGS | re.DOTALL)
        self.headlines = [re.compile(p.replace("{grade}", "(?P<grade>" + _alternation(self.grades) + ")"),
                                     _FLAGS | re.DOTALL) for p in table["headlines"]]
        self.headline_chars = table["headline_chars"]
        self.max_row = table["max_row_chars"]
        # the judgement phrases, longest first, to name a (wrapped) row label's area
        self.area_phrases = sorted(((p.lower(), judgement) for judgement, phrases in judgements.items()
                                    for p in phrases), key=lambda item: len(item[0]), reverse=True)

    def read(self, doc: Doc, councils: list[Subject],
             year_at: Callable[[int], int | None]) -> tuple[list[Span], list[tuple[int, int]]]:
        """Rows of a report's judgement table, read one after another from its
        header (a label naming a judgement, wrapped over lines, and the grade
        that ends it), and the headline above it, for the council the report is
        about. ``year_at`` gives the year of the inspection dated before a
        character offset. Returns the rating spans and the character ranges read."""
        if not councils:
            return [], []
        text = doc_text(doc)
        spans, regions = [], []
        header = next((m for m in (h.search(text) for h in self.headers) if m), None)
        front = header.start() if header else min(len(text), self.headline_chars)
        for pattern in self.headlines:
            headline = pattern.search(text, 0, front)
            if headline:
                about = (_subject(doc, councils, headline.start()), year_at(headline.start()))
                spans += self._rating(doc, headline.start(), headline.end(), headline.group("grade"),
                                      "overall effectiveness", *about)
                regions.append((headline.start(), headline.end()))
                break
        if header is None:
            return spans, regions
        about = (_subject(doc, councils, header.start()), year_at(header.start()))
        cursor = header.end() if "judgement" in header.re.pattern else header.start()
        while True:
            row = self.row.match(text, cursor)
            if row is None or row.end() - row.start() > self.max_row:
                break
            area = self.area_of(row.group("label"))
            if area is None:
                break
            start = row.start("label") + len(row.group("label")) - len(row.group("label").lstrip())
            cursor = row.end()
            spans += self._rating(doc, start, row.end(), row.group("grade"), area, *about)
        regions.append((header.start(), cursor))
        return spans, regions

    def _rating(self, doc: Doc, start: int, end: int, cell: str, area: str, subject: Subject,
                year: int | None) -> list[Span]:
        """The current rating a row or headline gives; none for a cell that
        gives no grade ("Not judged")."""
        cell = " ".join(cell.lower().split())
        span = doc.char_span(start, end, alignment_mode="expand")
        if cell in self.no_grade or span is None:
            return []
        span = Span(doc, span.start, span.end, label="RATING")
        span._.ratings = [{
            "subject": subject.name, "gss_code": subject.gss_code, "service": "children's services",
            "rating": self.grades[cell], "status": "current", "year": year, "judgement": area,
            "inspection_type": None, "evidence": {"text": doc_text(doc)[start:end], "start": start, "end": end},
        }]
        return [span]

    def area_of(self, label: str) -> str | None:
        """The judgement a table label names (the longest known phrase in it)."""
        words = " " + re.sub(r"[^\w']+", " ", label.lower().replace("’", "'")) + " "
        for phrase, judgement in self.area_phrases:
            if f" {phrase} " in words:
                return judgement
        return None


def _subject(doc: Doc, councils: list[Subject], offset: int) -> Subject:
    """The council named last before ``offset`` (else the first): the one the report is about."""
    before = [c for c in councils if c.start < 0 or doc[c.start].idx <= offset]
    return before[-1] if before else councils[0]


def _alternation(cells: list[str] | set[str]) -> str:
    """A regex matching any of ``cells``, longest first, its words split by any whitespace."""
    return "|".join(r"\s+".join(map(re.escape, c.split())) for c in sorted(cells, key=len, reverse=True))
