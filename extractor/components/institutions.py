"""Schools, homes, nurseries, colleges and agencies a text may rate, as subjects.

Named ones are title-case names ending in an institution word ("St Mary's
Primary School", "Oakhurst Residential Care Home for Children", "Busy Bees
Nurseries Limited"), names the text describes ("Next Stage for Fostering, an
independent fostering agency") and later mentions by the distinctive part of
the name. A children's home the text does not name but ties to a council
("a children's home run by Telford & Wrekin Council", "three Wakefield
Council-run children's homes") is ``children's home run by <council>``. A
safeguarding board is its own subject, named after its council's area.
Vocabulary: ``models/rating_context.json``.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..gazetteer import load_gazetteer
from .context import council_before, token_texts
from .rating_subjects import Subject

_POSSESSIVE = ("'s", "’s")
_CONNECTORS = {"for", "of", "and", "&", "the"}


class InstitutionFinder:
    def __init__(self, context: dict, councils_key: str) -> None:
        self.councils_key = councils_key
        self.institution_words: dict[str, str] = context["institution_words"]
        self.name_words = set(context["institution_name_words"])
        self.name_suffixes = set(context["institution_name_suffixes"])
        self.council_nouns = set(context["council_nouns"])
        self.appositive_kinds: dict[str, str] = context["appositive_kinds"]
        self.home_nouns = set(context["home_nouns"])
        self.home_modifiers = set(context["home_modifiers"])
        self.run_pattern = re.compile(context["council_run_pattern"], re.IGNORECASE)
        self.owner_words = set(context["home_owner_words"])
        self.board_name: str = context["board_subject"]
        places: dict[str, str] = {}
        for place, names in load_gazetteer().place_variants.items():
            for name in names:
                places.setdefault(name, place)  # the first place name the gazetteer lists
        self.places = places

    def find(self, doc: Doc) -> list[Subject]:
        council_tokens = {i for s in doc.spans.get(self.councils_key, []) for i in range(s.start, s.end)}
        texts = token_texts(doc)
        found = self._named(doc, texts, council_tokens)
        found += self._described(doc, texts, found, council_tokens)
        found += self._run_homes(doc, texts, found)
        return sorted(found + self._short_names(texts, found, council_tokens), key=lambda s: s.start)

    def board(self, council: Subject) -> Subject:
        """The local safeguarding children board of a council's area."""
        place = self.places.get(council.name, council.name)
        return Subject(self.board_name.format(place=place), council.gss_code, "lscb", council.start)

    # -- named -----------------------------------------------------------------------

    def _named(self, doc: Doc, texts: list[str], council_tokens: set[int]) -> list[Subject]:
        """Title-case names ending in an institution word, with a "for Children"
        style tail ("Oakhurst Residential Care Home for Children")."""
        found = []
        i = 0
        while i < len(doc):
            kind = self.institution_words.get(texts[i])
            if kind is None or i in council_tokens or doc[i].is_sent_start:
                i += 1
                continue
            end = i + 1
            while end < len(doc) and doc[end].text in self.institution_words:
                end += 1
            if end + 1 < len(doc) and doc[end].lower_ in self.name_suffixes and doc[end + 1].is_title:
                end += 2  # "... Home for Children", "... School for Girls"
            start = i
            while start > 0 and (doc[start - 1].is_title and doc[start - 1].pos_ in ("PROPN", "NOUN", "ADJ")
                                 or doc[start - 1].text in self.name_words
                                 or doc[start - 1].text in (*_POSSESSIVE, "-")) and not doc[start - 1].is_space \
                    and doc[start - 1].lower_ not in ("the", "a", "an") and (start - 1) not in council_tokens:
                start -= 1
            while start < i and doc[start].text in ("of", "and", "&", *_POSSESSIVE, "-"):
                start += 1
            if start < i and any(t.is_title and t.text not in self.name_words for t in doc[start:i]):
                found.append(Subject(doc[start:end].text, None, kind, start))
            i = end
        return found

    def _described(self, doc: Doc, texts: list[str], found: list[Subject], council_tokens: set[int]) -> list[Subject]:
        """A name the text says is an institution: "Meadowbank, a three-bed home in
        Skelmersdale", "Next Stage for Fostering, an independent fostering agency"."""
        taken = {i for s in found for i in range(s.start, s.start + len(s.name.split()))}
        extra = []
        for i, text in enumerate(texts):
            if text.lower() not in self.appositive_kinds:  # "a nursery", "an independent fostering agency"
                continue
            token = doc[i]
            kind = self.appositive_kinds[token.lower_]
            head = token.head
            if token.dep_ != "appos" or head.pos_ != "PROPN" or head.i in taken | council_tokens:
                continue
            if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
                continue
            start = _name_start(doc, head)
            extra.append(Subject(doc[start:head.i + 1].text, None, kind, start))
        return extra

    def _short_names(self, texts: list[str], found: list[Subject], council_tokens: set[int]) -> list[Subject]:
        """Later mentions by the distinctive part of the name: "Marshfield" for
        "Marshfield Primary School"."""
        aliases: dict[tuple[str, ...], Subject] = {}
        for subject in found:
            if subject.end is not None:
                continue  # a descriptive subject has no name to repeat
            words = tuple(w for w in subject.name.split() if w not in self.institution_words and w not in self.name_words)
            if words and not any(w.lower() in self.council_nouns for w in words):
                aliases.setdefault(words, subject)
        if not aliases:
            return []
        firsts = {words[0] for words in aliases}
        taken = {s.start for s in found}
        extra = []
        for i, text in enumerate(texts):
            if text not in firsts or i in taken or i in council_tokens:
                continue
            for words, subject in aliases.items():
                n = len(words)
                if tuple(texts[i:i + n]) != words or i <= subject.start:
                    continue
                if i + n < len(texts) and texts[i + n] in self.institution_words:
                    continue  # the full name itself
                extra.append(Subject(subject.name, None, subject.kind, i))
        return extra

    # -- described by their council -------------------------------------------------

    def _run_homes(self, doc: Doc, texts: list[str], found: list[Subject]) -> list[Subject]:
        """Unnamed homes a council runs: "a children's home run by X Council",
        "three Wakefield Council-run children's homes", "the county council's
        children's homes", "four other local-authority homes"."""
        named = {s.start for s in found}
        councils = doc.spans.get(self.councils_key, [])
        out = []
        for i, text in enumerate(texts):
            if text not in self.home_nouns:  # lowercase: "Home" is a named one's
                continue
            token = doc[i]
            if token.dep_ == "appos" and any(s <= token.head.i < s + 4 for s in named):
                continue  # "Caudwell House, a county council children's home": the name is the subject
            top = token
            while top.dep_ in ("compound", "poss", "amod", "nmod") and top.head is not top:
                top = top.head  # the parse may hang the phrase from "run": "a children's home run by X"
            phrase = {t.i for t in top.subtree if t.dep_ != "relcl" or t.i < token.i}
            text = doc[min(phrase):max(phrase) + 1].text.lower()
            words = set(text.replace("’", "'").split())
            owner = next((s for s in councils if s.start in phrase), None)
            run = self.run_pattern.search(text) is not None  # "council-run", "local-authority"
            if not (run or words & self.home_modifiers and (owner is not None or words & self.owner_words)):
                continue
            if owner is None:
                owner = council_before(doc, token.i, self.councils_key)
            if owner is None or not owner.kb_id_:
                continue
            out.append(Subject(f"children's home run by {owner.kb_id_}", None, "children's home", min(phrase),
                               end=max(phrase) + 1))
        return out


def _name_start(doc: Doc, head: Token) -> int:
    """Where a multi-word name ending at ``head`` begins: title-case words and
    the small words between them ("Next Stage for Fostering")."""
    start = head.i
    for i in range(head.i - 1, head.sent.start - 1, -1):
        token = doc[i]
        if token.is_title:
            start = i
        elif not (token.lower_ in _CONNECTORS and i > head.sent.start and doc[i - 1].is_title):
            break
    return start
