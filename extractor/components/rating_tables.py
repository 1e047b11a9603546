"""A report's judgement table, read row by row.

Ofsted reports open with a table of judgements: a label naming the area
(wrapped over lines in the PDF's text) and the grade that ends the row. Read
from its header down, row after row, until a line is not a row; every row is a
current rating of the council the report is about. Vocabulary: the ``table``
block and the judgement phrases of ``models/rating_context.json``.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .rating_subjects import Subject


class JudgementTable:
    def __init__(self, table: dict, judgements: dict[str, list[str]]) -> None:
        self.headers = [re.compile(p, re.IGNORECASE | re.MULTILINE) for p in table["headers"]]
        grade_words = sorted(table["grades"], key=len, reverse=True)
        self.grades: dict[str, str] = table["grades"]
        self.row = re.compile(r"\s*(?P<label>[^\n].*?)\s+(?P<grade>" + "|".join(
            r"\s+".join(map(re.escape, g.split())) for g in grade_words) + r")[ \t]*$",
            re.IGNORECASE | re.MULTILINE | re.DOTALL)
        self.max_row = table["max_row_chars"]
        # the judgement phrases, longest first, to name a (wrapped) row label's area
        self.area_phrases = sorted(((p.lower(), judgement) for judgement, phrases in judgements.items()
                                    for p in phrases), key=lambda item: len(item[0]), reverse=True)

    def read(self, doc: Doc, councils: list[Subject], year: int | None) -> tuple[list[Span], list[tuple[int, int]]]:
        """Rows of a report's judgement table, read one after another from its
        header: a label naming a judgement (wrapped over lines) and the grade
        that ends it, for the council the report is about. The table ends at
        the first row that is not one."""
        text = doc.text
        spans, regions = [], []
        for header in self.headers:
            match = header.search(text)
            if match is None or not councils:
                continue
            cursor = match.end() if "judgement" in header.pattern else match.start()
            subject = [c for c in councils if c.start < 0 or doc[c.start].idx <= match.start()] or councils[:1]
            while True:
                row = self.row.match(text, cursor)
                if row is None or row.end() - row.start() > self.max_row:
                    break
                area = self.area_of(row.group("label"))
                if area is None:
                    break
                start = row.start("label") + len(row.group("label")) - len(row.group("label").lstrip())
                span = doc.char_span(start, row.end(), alignment_mode="expand")
                cursor = row.end()
                if span is None:
                    continue
                span = Span(doc, span.start, span.end, label="RATING")
                span._.ratings = [{
                    "subject": subject[-1].name, "gss_code": subject[-1].gss_code, "service": "children's services",
                    "rating": self.grades[re.sub(r"\s+", " ", row.group("grade").lower())], "status": "current",
                    "year": year, "judgement": area,
                    "inspection_type": None, "evidence": {"text": text[start:row.end()], "start": start, "end": row.end()},
                }]
                spans.append(span)
            regions.append((match.start(), cursor))
            break
        return spans, regions

    def area_of(self, label: str) -> str | None:
        """The judgement a table label names (the longest known phrase in it)."""
        words = " " + re.sub(r"[^\w']+", " ", label.lower().replace("’", "'")) + " "
        for phrase, judgement in self.area_phrases:
            if f" {phrase} " in words:
                return judgement
        return None
