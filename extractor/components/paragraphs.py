"""Sentence starts at paragraph and line breaks, set before the parser runs.

News text copied from pages and PDF text put headings, captions, table rows and
list items on their own lines. The parser happily joins them into one sentence,
which then links a rating to the wrong subject. A blank line always starts a
sentence; a single line break does when the line before is complete (ends in
punctuation) or short, as headings and table rows are, unless it plainly runs
on (ends with a comma or a word like "and" or "of").
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .context import doc_text

_TERMINAL = tuple('.!?:;"”’)')
_CONTINUING = {"and", "or", "of", "the", "a", "an", "in", "for", "to", "with", "on", "by", "at", "from", "that", "its", "their"}


@Language.factory("ofsted_paragraphs", default_config={"short_line": 60}, requires=[], assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str, short_line: int) -> "ParagraphSplitter":
    return ParagraphSplitter(short_line=short_line)


class ParagraphSplitter:
    """Marks the token after a qualifying line break as a sentence start."""

    def __init__(self, short_line: int = 60) -> None:
        self.short_line = short_line

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for token in doc[:-1]:
            if "\n" not in token.text or not token.is_space:
                continue
            nxt = doc[token.i + 1]
            if token.text.count("\n") > 1:
                nxt.is_sent_start = True
                continue
            line_start = text.rfind("\n", 0, token.idx) + 1
            previous_line = text[line_start:token.idx].strip()
            last_word = previous_line.rsplit(None, 1)[-1].lower() if previous_line else ""
            if previous_line.endswith(",") or last_word in _CONTINUING:
                nxt.is_sent_start = False  # a wrapped line: "Royal Borough of Kensington and / Chelsea"
                continue
            nxt.is_sent_start = (not previous_line or previous_line.endswith(_TERMINAL)
                                 or len(previous_line) < self.short_line or not nxt.is_alpha)
        return doc
