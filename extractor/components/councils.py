"""Find the councils a text refers to as organisations and link them to the gazetteer.

Organisational forms ("Kent County Council", "Lambeth council", a children's
trust) are always mentions. A bare place name ("Kent") is one only in an
organisational context, which ``council_cues.py`` tests on the mention itself
("Kent's director", "Kent was rated inadequate") and ``council_lists.py`` on the
mentions around it (a list with a council in it, "followed by Wakefield").
Initialisms a text uses for a council it names ("SGC", "KCC") follow it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..gazetteer import load_gazetteer
from ..resources import load_json, resolve
from .context import doc_text, reference_day, register_extensions
from .council_cues import POSSESSIVE, CouncilCues, ends, starts
from .council_lists import compared_with_council, list_vetoed, rated_list, surface_lists

Entry = tuple[Span, list[str]]
# Words of a place name that keep their case in any writing ("Kingston-Upon-Thames")
_CASELESS = {"upon", "on", "under", "with", "le", "and", "of", "the", "&"}
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_WRAP = re.compile(r"\w[ \t]*\n[ \t]*\w")  # a line break inside a run of words, where a name may wrap
_INITIALS_SKIP = {"of", "and", "upon", "on", "the", "with", "&", "-"}


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
        self.cues = CouncilCues(nlp, load_json(resolve(context_path, "council_context.json")))
        self.tokenizer = nlp.tokenizer
        # places match case-insensitively, then keep their case (see _cased): "SOUTH Gloucestershire", not "reading"
        self.org_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.place_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._variants: dict[int, tuple[bool, list[str], tuple[str, ...]]] = {}  # label -> what the variant is
        # the labels of the variants a run of lowercase tokens can be (several: "Kingston-upon-Thames", "Kingston
        # Upon Thames"); one matcher key per form, since spaCy makes a vocabulary entry for every key
        self._labels: dict[tuple[bool, tuple[int, ...]], list[int]] = {}
        self._bodies: set[int] = set()  # labels of delivery bodies (children's trusts)
        self._ambiguous: set[int] = set()  # labels of places that need strong context ("Reading")
        self._initials: dict[str, set[str]] = {}  # canonical name -> its initialisms ("SCC")
        for is_org, index, matcher in ((True, self.gazetteer.org_variants, self.org_matcher),
                                       (False, self.gazetteer.place_variants, self.place_matcher)):
            patterns = []
            for variant, names in index.items():
                pattern = nlp.make_doc(variant)
                label = nlp.vocab.strings.add(("org:" if is_org else "place:") + variant)
                self._variants[label] = (is_org, names, tuple(t.text for t in pattern))
                same = self._labels.setdefault((is_org, tuple(t.lower for t in pattern)), [])
                if not same:
                    patterns.append(pattern)
                same.append(label)
                if is_org and variant in self.gazetteer.delivery_bodies:
                    self._bodies.add(label)
                if not is_org and variant in self.gazetteer.ambiguous_places:
                    self._ambiguous.add(label)
            matcher.add("org" if is_org else "place", patterns)
        for council in self.gazetteer.councils.values():
            forms = [council.name] + self.gazetteer.org_names[council.name]
            self._initials[council.name] = {i for i in map(_initialism, forms) if len(i) >= 3}

    def __call__(self, doc: Doc) -> Doc:
        day = reference_day(doc)
        candidates = [Span(doc, start, end, label=label) for label, start, end in self._matches(doc)]
        text = doc_text(doc)
        candidates += self._wrapped(doc, text)
        # longest match wins; on a tie an organisational form beats a place
        candidates.sort(key=lambda s: (not self._variants[s.label][0],))
        accepted: list[Entry] = []
        pending: list[Entry] = []
        spans = filter_spans(candidates)
        persons = self.cues.person_names(doc)
        for span in spans:
            is_org, names, _ = self._variants[span.label]
            # a trust serves whichever councils exist at the time of the text, whatever year its sentence recalls
            when = _sentence_day(span, day) if len(names) > 1 and span.label not in self._bodies else day
            entry = (span, [c.name for c in self.gazetteer.pick(names, when)])
            if is_org:
                if not self.cues.qualified(span):
                    accepted.append(entry)
            elif not self.cues.is_other_name(span, persons):
                pending.append(entry)
        self._accept_places(doc, spans, accepted, pending)
        accepted += self._initialisms(doc, text, accepted)
        self._write(doc, self._narrow_shared(accepted))
        doc._.title_councils = self._title_councils(doc._.title, day)
        return doc

    def _accept_places(self, doc: Doc, spans: list[Span], accepted: list[Entry], pending: list[Entry]) -> None:
        """Move place mentions from ``pending`` to ``accepted`` until nothing changes:
        each acceptance can settle a list or a comparison further on. ``spans``
        are all the matches, names of other bodies included, which end a list."""
        everything = sorted(accepted + pending, key=lambda e: e[0].start)
        runs = surface_lists(doc, sorted(spans, key=lambda s: s.start))
        vetoed = {s.start for run in runs if list_vetoed(self.cues, run) for s in run}
        pending[:] = [e for e in pending if e[0].start not in vetoed]
        rated = {s.start for run in runs if rated_list(self.cues, run) for s in run}
        run_of = {s.start: run for run in runs for s in run}
        names_at = {span.start: names for span, names in everything}
        changed = True
        while changed and pending:
            changed = False
            named = {n for _, names in accepted for n in names}
            taken = {span.start for span, _ in accepted}
            for entry in list(pending):
                span, names = entry
                # an ambiguous place ("Richmond") needs strong context unless the council is named elsewhere
                strict = span.label in self._ambiguous and not set(names) <= named
                run = run_of.get(span.start, [])
                in_council_list = span.start in rated or any(s.start in taken for s in run) or \
                    sum(1 for s in run if s.start != span.start and s.start in names_at
                        and set(names_at[s.start]) <= named) >= 2
                if in_council_list or self.cues.organisational(span, strict) or self._listed_with(span, accepted) \
                        or compared_with_council(self.cues, span, everything, named):
                    accepted.append(entry)
                    pending.remove(entry)
                    taken.add(span.start)
                    changed = True

    def _matches(self, doc: Doc) -> Iterator[tuple[int, int, int]]:
        """(label, start, end) of each variant found in ``doc`` in its case."""
        for is_org, matcher in ((True, self.org_matcher), (False, self.place_matcher)):
            for _, start, end in matcher(doc):
                span = doc[start:end]
                for label in self._labels[is_org, tuple(t.lower for t in span)]:
                    if self._cased(span, label):
                        yield label, start, end
                        break

    def _cased(self, span: Span, label: int) -> bool:
        """Organisational forms match in any case; a place name only as written
        or in capitals ("SOUTH Gloucestershire's"), so "reading" is never Reading."""
        is_org, _, pattern = self._variants[label]
        return is_org or all(t.text == p or (t.is_upper and len(t) > 1) or p.lower() in _CASELESS
                             for t, p in zip(span, pattern))

    def _initialisms(self, doc: Doc, text: str, accepted: list[Entry]) -> list[Entry]:
        """"SGC", "KCC": the initials of a council the text names, or an
        initialism it defines in brackets after one ("Kent County Council (KCC)")."""
        owners: dict[str, set[str]] = {}
        for span, names in accepted:
            for name in names:
                for initials in self._initials.get(name, ()):
                    owners.setdefault(initials, set()).add(name)
            if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")" \
                    and doc[span.end + 1].is_upper and len(names) == 1:
                owners.setdefault(doc[span.end + 1].text, set()).update(names)
        owners = {initials: names for initials, names in owners.items() if len(names) == 1}
        if not owners:
            return []
        taken = {i for span, _ in accepted for i in range(span.start, span.end)}
        found = []
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, owners)) + r")\b")
        for match in pattern.finditer(text):
            span = doc.char_span(match.start(), match.end())
            if span is not None and len(span) == 1 and span.start not in taken \
                    and not self.cues.names_other_body(doc, span.end):
                found.append((span, sorted(owners[match.group()])))
        return found

    def _write(self, doc: Doc, accepted: list[Entry]) -> None:
        spans, linked = [], {}
        for span, names in sorted(accepted, key=lambda e: e[0].start):
            end = span.end + (1 if span.end < len(doc) and doc[span.end].lower_ in POSSESSIVE - {"'", "’"} else 0)
            label = "DELIVERY_BODY" if span.label in self._bodies else "COUNCIL"
            for name in names:
                council = self.gazetteer.councils[name]
                spans.append(Span(doc, span.start, end, label=label, kb_id=name))
                linked[name] = {"name": name, "la_code": council.la_code, "gss_code": council.gss_code,
                                "nation": council.nation}
        doc.spans[self.spans_key] = spans
        doc._.councils = linked

    def _title_councils(self, title: str | None, day: str | None) -> dict[str, dict]:
        """Councils a document's title names as organisations (no parse: the
        title is short, so organisational forms and cued place names only)."""
        if not title:
            return {}
        heading = self.tokenizer(title)
        found = {}
        for label, start, end in self._matches(heading):
            is_org, names, _ = self._variants[label]
            if not is_org and not (starts(heading, end, self.cues.following)
                                   or ends(heading, start, self.cues.preceding)):
                continue
            for council in self.gazetteer.pick(names, day):
                found[council.name] = {"name": council.name, "la_code": council.la_code,
                                       "gss_code": council.gss_code, "nation": council.nation}
        return found

    def _wrapped(self, doc: Doc, text: str) -> list[Span]:
        """Names broken by a line break, as PDF text wraps them ("Royal Borough of
        Kensington and\nChelsea", "Bath and North East\nSomerset"): matched on a
        copy of the text with line breaks as spaces (same offsets), then mapped back."""
        if not _WRAP.search(text):
            return []
        flat = self.tokenizer(text.replace("\n", " "))
        spans = []
        for label, start, end in self._matches(flat):
            if "\n" not in text[flat[start].idx:flat[end - 1].idx + len(flat[end - 1])]:
                continue
            span = doc.char_span(flat[start].idx, flat[end - 1].idx + len(flat[end - 1]), label=label)
            if span is not None:
                spans.append(span)
        return spans

    @staticmethod
    def _narrow_shared(accepted: list[Entry]) -> list[Entry]:
        """A body serving several councils ("Achieving for Children") stands for
        the ones the text also names, if it names any."""
        single = {names[0] for _, names in accepted if len(names) == 1}
        out = []
        for span, names in accepted:
            if len(names) > 1 and single & set(names):
                names = [n for n in names if n in single]
            out.append((span, names))
        return out

    @staticmethod
    def _listed_with(span: Span, accepted: list[Entry]) -> bool:
        """Coordinated with an accepted mention in the parse: "Kent, Medway and Surrey councils"
        (not in apposition: "Richmond, North Yorkshire" is an address)."""
        tokens = {t.i for t in span}
        for other, _ in accepted:
            for token in other:
                if token.dep_ == "conj" and token.head.i in tokens:
                    return True
                if span.root.dep_ == "conj" and span.root.head.i == token.i:
                    return True
        return False


def _sentence_day(span: Span, day: str | None) -> str | None:
    """The day a mention is about: the latest year its sentence states, if that
    is before the text's own day ("Before the merger, Bournemouth's services had
    been rated good in 2017" is the borough, in a 2019 text), else the text's day."""
    years = [int(y) for y in _YEAR.findall(span.sent.text)]
    if day and years and max(years) < int(day[:4]):
        return f"{max(years)}-06-30"
    return day


def _initialism(name: str) -> str:
    """"South Gloucestershire Council" -> "SGC"."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w.lower() not in _INITIALS_SKIP and w[0].isalpha()
                   ).upper()
