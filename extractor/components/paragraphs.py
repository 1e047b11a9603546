"""Sentence starts at paragraph and line breaks, set before the parser runs.

News text copied from pages and PDF text put headings, captions, table rows and
list items on their own lines. The parser happily joins them into one sentence,
which then links a rating to the wrong subject. A blank line always starts a
sentence; a single line break does when the line before is complete (ends in
punctuation) or short, as headings and table rows are, unless it plainly runs
on (ends with a comma or a word like "and" or "of"). A run of more than
``max_sentence`` tokens with no full stop (a table or list pasted as one line)
is cut after its last comma or semicolon: no real sentence is that long, and
the rules that read a sentence would otherwise pay for its length once per fact.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .context import doc_text, token_texts

_TERMINAL = tuple('.!?:;"”’)')
_STOPS = {".", "!", "?"}
_PAUSES = {",", ";", ":"}
_CONTINUING = {"and", "or", "of", "the", "a", "an", "in", "for", "to", "with", "on", "by", "at", "from", "that", "its", "their"}


@Language.factory("ofsted_paragraphs", default_config={"short_line": 60, "max_sentence": 250}, requires=[],
                  assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str, short_line: int, max_sentence: int) -> "ParagraphSplitter":
    return ParagraphSplitter(short_line=short_line, max_sentence=max_sentence)


class ParagraphSplitter:
    """Marks the token after a qualifying line break as a sentence start."""

    def __init__(self, short_line: int = 60, max_sentence: int = 250) -> None:
        self.short_line = short_line
        self.max_sentence = max_sentence

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
        self._cut_run_ons(doc)
        return doc

    def _cut_run_ons(self, doc: Doc) -> None:
        """Start a sentence inside any stretch of ``max_sentence`` tokens that
        has no sentence start and no full stop, after its last comma or
        semicolon (or at its end, when it has none)."""
        texts = token_texts(doc)
        starts = doc.to_array("SENT_START").tolist()  # 1 where a sentence starts: arrays, not a Token per word
        since = 0  # where the current stretch began
        for i in range(1, len(doc)):
            if starts[i] == 1 or texts[i - 1] in _STOPS:
                since = i
            elif i - since >= self.max_sentence:
                cut = next((j + 1 for j in range(i - 1, since + self.max_sentence // 2, -1) if texts[j] in _PAUSES), i)
                doc[cut].is_sent_start = True
                since = cut
