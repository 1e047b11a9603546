"""Mentions that are councils because of the other mentions around them.

Lists are written many ways ("A, B, C and D councils", "A; B; C", "A last
Tuesday and B last Wednesday", "A (27) and B (29)") and the parser links their
members only some of the time, so a list is found on the surface: names
separated by nothing but commas, semicolons, "and", a parenthesised figure or
a time expression. A list is a list of councils when one member is, when it
repeats two councils the text names elsewhere, and never when it runs on into
another body's name ("Bristol, North Somerset, South Gloucestershire (BNSSG)
Integrated Care Board"). A place compared with a council ("followed by
Wakefield", "Hampshire's work with the Isle of Wight") is one too.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from .council_cues import CouncilCues, ends

_SEPARATORS = {",", ";", "and", "&", "or", "/"}
_FILLERS = {"the"}
_TIME_LABELS = {"DATE", "TIME"}


def surface_lists(doc: Doc, spans: list[Span]) -> list[list[Span]]:
    """Runs of mentions (sorted by position) joined only by list punctuation.
    Two names and a comma are an address, not a list ("Richmond, North Yorkshire")."""
    runs: list[list[Span]] = []
    joined_by: list[set[str]] = []
    for span in spans:
        separators = _joins(doc, runs[-1][-1], span) if runs else None
        if separators:
            runs[-1].append(span)
            joined_by[-1] |= separators
        else:
            runs.append([span])
            joined_by.append(set())
    return [run for run, seps in zip(runs, joined_by) if len(run) > 2 or (len(run) == 2 and seps != {","})]


def _joins(doc: Doc, left: Span, right: Span) -> set[str]:
    """The separators between two mentions, or nothing if other words come between."""
    gap = doc[left.end:right.start]
    separators: set[str] = set()
    depth = 0
    for token in gap:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif depth > 0:
            if len(token) > 12 or "\n" in token.text:
                return set()
        elif token.lower_ in _SEPARATORS:
            separators.add(token.lower_)
        elif token.is_space:
            if "\n\n" in token.text:
                return set()
        elif token.lower_ not in _FILLERS and token.ent_type_ not in _TIME_LABELS:
            return set()
    return separators if depth == 0 else set()


def list_vetoed(cues: CouncilCues, run: list[Span]) -> bool:
    """Does the list run on into another body's name ("Kent and Medway NHS")?"""
    return cues.names_other_body(run[0].doc, run[-1].end)


def rated_list(cues: CouncilCues, run: list[Span]) -> bool:
    """Three or more places in a sentence about councils or ratings ("with Camden,
    Harrow and Sutton still in that bracket"), not introduced as locations
    ("schools in Kent, Essex and Surrey")."""
    if len(run) < 3:
        return False
    doc = run[0].doc
    before = run[0].start - 1
    while before >= 0 and (doc[before].is_space or doc[before].lower_ == "the"):
        before -= 1
    if before >= 0 and doc[before].lower_ in cues.location_words:
        return False
    sent = run[0].sent
    inside = {i for span in run for i in range(span.start, span.end)}
    return any(t.i not in inside and (t.lower_ in cues.rating_words or
                                      (t.pos_ == "NOUN" and t.lemma_.lower() in cues.list_heads | cues.among_nouns))
               for t in doc[sent.start:max(sent.end, run[-1].end)])


def compared_with_council(cues: CouncilCues, span: Span, others: list[tuple[Span, list[str]]],
                          named: set[str]) -> bool:
    """"followed by Wakefield", "following Kent last Tuesday", "as well as Kent":
    a place set beside a council named in the same sentence."""
    doc = span.doc
    start = span.start - 1 if span.start and doc[span.start - 1].lower_ == "the" else span.start
    if not ends(doc, start, cues.comparisons):
        return False
    sent = span.sent
    return any(other.start != span.start and sent.start <= other.start < sent.end and set(names) & named
               for other, names in others)
