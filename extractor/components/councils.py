"""Find the councils a text refers to as organisations and link them to the gazetteer.

Organisational forms ("Kent County Council", "Lambeth council", a children's
trust) are always mentions. A bare place name ("Kent") is one only in an
organisational context: followed by "council"/"children's services", a
possessive like "Kent's director", the subject of a verb a council does
("Kent was rated inadequate"), or listed alongside an accepted council. The
cues are data in ``models/council_context.json``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..gazetteer import load_gazetteer
from ..resources import load_json, resolve
from .context import has_lemma, reference_day, register_extensions, verb_forms

_POSSESSIVE = {"'s", "’s", "'", "’"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}


@Language.factory(
    "ofsted_councils",
    default_config={"spans_key": "councils", "gazetteer_path": None, "context_path": None},
    assigns=["doc.spans", "doc._.councils"],
    requires=["token.dep", "token.lemma", "doc.ents"],
)
def make_councils(nlp: Language, name: str, spans_key: str, gazetteer_path: str | None,
                  context_path: str | None) -> "CouncilLinker":
    return CouncilLinker(nlp, name, spans_key=spans_key, gazetteer_path=gazetteer_path, context_path=context_path)


class CouncilLinker:
    """Writes council mentions to ``doc.spans[spans_key]`` (``kb_id_`` is the
    canonical name) and their codes to ``doc._.councils``."""

    def __init__(self, nlp: Language, name: str = "ofsted_councils", *, spans_key: str = "councils",
                 gazetteer_path: str | None = None, context_path: str | None = None) -> None:
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.gazetteer = load_gazetteer(gazetteer_path)
        cues = load_json(resolve(context_path, "council_context.json"))
        self.following = _phrases(nlp, cues["following"])
        self.preceding = _phrases(nlp, cues["preceding"])
        self.not_before = _phrases(nlp, cues["not_council_before"])
        self.possessive_nouns = set(cues["possessive_nouns"])
        self.subject_verbs = set(cues["subject_verbs"])
        self.rating_verbs = set(cues["rating_verbs"])
        self.object_verbs = set(cues["object_verbs"])
        self.copula_nouns = set(cues["copula_nouns"])
        self.subject_verbs |= self.rating_verbs
        self.among_nouns = set(cues["among_nouns"])
        self.subject_forms = verb_forms(self.subject_verbs)
        self.rating_forms = verb_forms(self.rating_verbs)
        self.object_forms = verb_forms(self.object_verbs | self.rating_verbs)
        self.not_next = set(cues["not_council_next"])
        self.grade_words = set(cues["grade_words"])
        self.list_heads = set(cues["list_heads"])
        self.list_words = set(cues["list_words"])
        self.type_words = set(cues["type_words"])
        self.tokenizer = nlp.tokenizer
        self.org_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.place_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._variants: dict[int, tuple[bool, list[str]]] = {}
        self._bodies: set[int] = set()  # match keys of delivery bodies (children's trusts)
        for is_org, index, matcher in ((True, self.gazetteer.org_variants, self.org_matcher),
                                       (False, self.gazetteer.place_variants, self.place_matcher)):
            for variant, names in index.items():
                key = ("org:" if is_org else "place:") + variant
                matcher.add(key, [nlp.make_doc(variant)])
                self._variants[nlp.vocab.strings[key]] = (is_org, names)
                if is_org and variant in self.gazetteer.delivery_bodies:
                    self._bodies.add(nlp.vocab.strings[key])

    def __call__(self, doc: Doc) -> Doc:
        day = reference_day(doc)
        candidates = []
        for matcher in (self.org_matcher, self.place_matcher):
            for match_id, start, end in matcher(doc):
                span = Span(doc, start, end, label=match_id)
                candidates.append(span)
        candidates += self._wrapped(doc)
        candidates = [self._with_type_word(doc, span) for span in candidates]
        # longest match wins; on a tie an organisational form beats a place
        candidates.sort(key=lambda s: (not self._variants[s.label][0],))
        accepted: list[tuple[Span, list[str]]] = []
        pending: list[tuple[Span, list[str]]] = []
        for span in filter_spans(candidates):
            is_org, names = self._variants[span.label]
            councils = self.gazetteer.pick(names, day)
            entry = (span, [c.name for c in councils])
            if is_org:
                accepted.append(entry)
            elif not self._is_other_name(span):
                pending.append(entry)
        ambiguous = {c.name for c in self.gazetteer.councils.values() if c.ambiguous}
        changed = True
        while changed and pending:
            changed = False
            named = {n for _, names in accepted for n in names}
            for entry in list(pending):
                span, names = entry
                # an ambiguous place ("Richmond") needs strong context unless the council is named elsewhere
                strict = any(n in ambiguous and n not in named for n in names)
                if self._organisational(span, strict) or self._listed_with(span, accepted):
                    accepted.append(entry)
                    pending.remove(entry)
                    changed = True
        accepted = self._narrow_shared(accepted)
        spans, linked = [], {}
        for span, names in sorted(accepted, key=lambda e: e[0].start):
            end = span.end + (1 if span.end < len(doc) and doc[span.end].text in _POSSESSIVE - {"'", "’"} else 0)
            label = "DELIVERY_BODY" if span.label in self._bodies else "COUNCIL"
            for name in names:
                council = self.gazetteer.councils[name]
                spans.append(Span(doc, span.start, end, label=label, kb_id=name))
                linked[name] = {"name": name, "la_code": council.la_code, "gss_code": council.gss_code,
                                "nation": council.nation}
        doc.spans[self.spans_key] = spans
        doc._.councils = linked
        doc._.title_councils = self._title_councils(doc._.title, day)
        return doc

    def _title_councils(self, title: str | None, day: str | None) -> dict[str, dict]:
        """Councils a document's title names as organisations (no parse: the
        title is short, so organisational forms and cued place names only)."""
        if not title:
            return {}
        heading = self.tokenizer(title)
        found = {}
        for matcher in (self.org_matcher, self.place_matcher):
            for match_id, start, end in matcher(heading):
                is_org, names = self._variants[match_id]
                if not is_org and not (_starts(heading, end, self.following) or _ends(heading, start, self.preceding)):
                    continue
                for council in self.gazetteer.pick(names, day):
                    found[council.name] = {"name": council.name, "la_code": council.la_code,
                                           "gss_code": council.gss_code, "nation": council.nation}
        return found

    def _wrapped(self, doc: Doc) -> list[Span]:
        """Names broken by a line break, as PDF text wraps them ("Royal Borough
        of Kensington and\nChelsea", "Bath and North East\nSomerset"): matched
        on a copy of the text with line breaks as spaces (same offsets), then
        mapped back."""
        if not any(t.text == "\n" and t.i and doc[t.i - 1].is_alpha for t in doc):
            return []
        flat = self.tokenizer(doc.text.replace("\n", " "))
        spans = []
        for match_id, start, end in self.org_matcher(flat) + self.place_matcher(flat):
            if "\n" not in doc.text[flat[start].idx:flat[end - 1].idx + len(flat[end - 1])]:
                continue
            span = doc.char_span(flat[start].idx, flat[end - 1].idx + len(flat[end - 1]), label=match_id)
            if span is not None:
                spans.append(span)
        return spans

    def _with_type_word(self, doc: Doc, span: Span) -> Span:
        """A place, a council-type word and an organisational word name the
        council: "Portsmouth City local authority" (not "Portsmouth City" alone),
        also wrapped over lines."""
        word = span.end
        while word < len(doc) and doc[word].is_space:
            word += 1
        if self._variants[span.label][0] or word >= len(doc) or doc[word].lower_ not in self.type_words \
                or not _starts(doc, word + 1, self.following):
            return span
        return Span(doc, span.start, word + 1, label=span.label)

    @staticmethod
    def _narrow_shared(accepted: list[tuple[Span, list[str]]]) -> list[tuple[Span, list[str]]]:
        """A body serving several councils ("Achieving for Children") stands for
        the ones the text also names, if it names any."""
        single = {names[0] for _, names in accepted if len(names) == 1}
        out = []
        for span, names in accepted:
            if len(names) > 1 and single & set(names):
                names = [n for n in names if n in single]
            out.append((span, names))
        return out

    # -- context tests ---------------------------------------------------------

    def _is_other_name(self, span: Span) -> bool:
        """"Harry Enfield", "Kent Police", "University of Kent" are not councils."""
        doc = span.doc
        for ent in doc.ents:
            end = ent.end - (1 if doc[ent.end - 1].text in _POSSESSIVE else 0)  # "North Yorkshire's" is no longer a name
            while end > ent.start and doc[end - 1].is_space:  # nor is "Bolton\n" above a report's title
                end -= 1
            if ent.label_ == "PERSON" and ent.start <= span.start and span.end <= end and end - ent.start > len(span):
                return True
        if span.end < len(doc):
            nxt = doc[span.end]
            if nxt.is_title and nxt.lower_ in self.not_next and not _starts(doc, span.end, self.following):
                return True
        return _ends(doc, span.start, self.not_before)

    def _organisational(self, span: Span, strict: bool) -> bool:
        doc = span.doc
        after = span.end
        if after < len(doc) and doc[after].text in _POSSESSIVE:
            following = [t for t in doc[after + 1:after + 4]]
            while len(following) > 1 and following[0].pos_ == "ADJ":  # "Kent's corporate director"
                following = following[1:]
            nxt = following[0] if following else None
            if nxt is not None and (nxt.lower_ in self.possessive_nouns or nxt.lemma_.lower() in self.possessive_nouns):
                return True
            after += 1
        if _starts(doc, after, self.following) or _ends(doc, span.start, self.preceding):
            return True
        if self._graded_inline(span) or self._listed_as_council(span):
            return True
        root = span.root
        verbs, forms = (self.rating_verbs, self.rating_forms) if strict else (self.subject_verbs, self.subject_forms)
        if any(c.dep_ in ("relcl", "acl") and has_lemma(c, self.rating_verbs, self.rating_forms) for c in root.children):
            return True  # "Wakefield, which was rated good in 2019"
        if root.dep_ in _SUBJECT_DEPS:
            head = root.head
            if has_lemma(head, verbs, forms):
                return True
            if any(c.dep_ == "prep" and c.lower_ == "among" and any(g.lemma_.lower() in self.among_nouns
                                                                    for g in c.children) for c in head.children):
                return True  # "Kent and Essex were among the councils rated ..."
            if head.lemma_ == "be" and any(c.dep_ == "attr" and c.lemma_.lower() in self.copula_nouns for c in head.children):
                return True
            if not strict and head.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") and c.lower_ in self.grade_words
                                                          for c in head.children):
                return True
        if root.dep_ in ("dobj", "nsubj", "oprd") and has_lemma(root.head, self.object_verbs | self.rating_verbs,
                                                               self.object_forms):
            return True
        return False

    def _graded_inline(self, span: Span) -> bool:
        """Round-up forms: "Kent (inadequate)", "Kent: good", "Kent – outstanding",
        "Leeds, judged good last year,"."""
        doc = span.doc
        window = [t for t in doc[span.end:span.end + 4] if not t.is_space]
        if len(window) >= 3 and window[0].text == "," and window[1].tag_ == "VBN" \
                and window[1].lemma_.lower() in self.rating_verbs and window[2].lower_ in self.grade_words \
                and (len(window) < 4 or window[3].pos_ not in ("NOUN", "PROPN")):  # not "found good work"
            return True
        if len(window) >= 2 and window[0].text in {"(", ":", "–", "-", "—"} and window[1].lower_ in self.grade_words:
            return True
        return self._figure_row(span)

    @staticmethod
    def _figure_row(span: Span) -> bool:
        """A line of a league table: "Hartlepool – 176 per 10,000", "Sandwell: 1,020"."""
        doc = span.doc
        line_start = span.start == 0 or "\n" in doc[span.start - 1].text or "\n" in doc[span.start - 1].whitespace_
        rest = []
        for token in doc[span.end:span.end + 8]:
            if "\n" in token.text:
                break
            rest.append(token)
            if "\n" in token.whitespace_:
                break
        return line_start and len(rest) >= 2 and rest[0].text in {":", "–", "-", "—"} and rest[1].like_num \
            and len(rest) <= 6 and span.end + len(rest) <= len(doc)

    def _listed_as_council(self, span: Span) -> bool:
        """A list of councils: "councils, including Leeds", "inadequate councils include
        Kent", "29 councils ... and 4, including Leeds," and "2, Sunderland and Wokingham,"."""
        root = span.root
        head = root.head
        if root.dep_ == "pobj" and head.lower_ in self.list_words:
            owner = head.head
        elif root.dep_ == "dobj" and head.lower_ in self.list_words:
            owner = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        elif root.dep_ in ("appos", "conj") and head.like_num:
            owner = head
        else:
            return False
        if owner is not None and owner.pos_ in ("VERB", "AUX"):  # "councils are rated good, including Leeds"
            owner = next((c for c in owner.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if owner is None:
            return False
        if owner.lemma_.lower() in self.list_heads:
            return True
        # a number standing for councils counted earlier in the sentence or the one before
        sent = span.sent
        earlier = span.doc[span.doc[sent.start - 1].sent.start if sent.start else 0:owner.i]
        return owner.like_num and any(t.lemma_.lower() in self.list_heads for t in earlier)

    def _listed_with(self, span: Span, accepted: list[tuple[Span, list[str]]]) -> bool:
        """Coordinated with an accepted mention: "Kent, Medway and Surrey councils"."""
        tokens = {t.i for t in span}
        for other, _ in accepted:
            for token in other:
                if token.dep_ in ("conj", "appos") and token.head.i in tokens:
                    return True
                if span.root.dep_ in ("conj", "appos") and span.root.head.i == token.i:
                    return True
        return False


def _phrases(nlp: Language, phrases: list[str]) -> list[tuple[str, ...]]:
    return sorted({tuple(t.lower_ for t in nlp.make_doc(p)) for p in phrases}, key=len, reverse=True)


def _starts(doc: Doc, index: int, phrases: list[tuple[str, ...]]) -> bool:
    """Do the tokens from ``index`` (skipping line breaks) begin with one of ``phrases``?"""
    words = [t.lower_ for t in doc[index:index + 6] if not t.is_space]
    return any(tuple(words[:len(p)]) == p for p in phrases)


def _ends(doc: Doc, index: int, phrases: list[tuple[str, ...]]) -> bool:
    """Do the tokens before ``index`` end with one of ``phrases``?"""
    words = [t.lower_ for t in doc[max(0, index - 8):index] if not t.is_space]
    return any(len(words) >= len(p) and tuple(words[-len(p):]) == p for p in phrases)
