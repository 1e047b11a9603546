"""Officials: named people acting in a role, with the role and organisation.

Candidates are the model's PERSON entities plus names after titles it misses
("Cllr Jo Smith"). A role is read from the forms news uses:
apposition ("Matthew Tomlinson, lead member for children at Lancashire County
Council"), title before the name ("chief executive Angie Ridgwell", "Ofsted's
chief inspector Sir Michael Wilshaw"), role then comma ("Kent's director of
children's services, Jane Smith,"), and relative clauses ("Jo Bloggs, who chairs
the board"). Byline authors and picture credits are never officials. Word lists
are in ``models/roles.json``.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..gazetteer import load_gazetteer
from ..resources import load_json, resolve
from .context import council_before, doc_text, register_extensions

_PUNCT_OK = {"'s", "’s", "-", "&", "'", "’"}
_PARTICLES = ("de", "van", "von", "da", "le", "la")  # lowercase words inside a name


@Language.factory("ofsted_officials",
                  default_config={"spans_key": "officials", "councils_key": "councils", "vocab_path": None},
                  assigns=["doc.spans"], requires=["doc.ents", "token.dep", "token.pos"])
def make_officials(nlp: Language, name: str, spans_key: str, councils_key: str, vocab_path: str | None) -> "OfficialFinder":
    return OfficialFinder(spans_key=spans_key, councils_key=councils_key, vocab_path=vocab_path)


class OfficialFinder:
    """Writes one span per mention to ``doc.spans[spans_key]``; ``span._.official``
    holds the canonical name, role and organisation."""

    def __init__(self, *, spans_key: str = "officials", councils_key: str = "councils",
                 vocab_path: str | None = None) -> None:
        register_extensions()
        self.spans_key, self.councils_key = spans_key, councils_key
        vocab = load_json(resolve(vocab_path, "roles.json"))
        self.role_heads = {h for h in vocab["role_heads"] if " " not in h}
        self.role_phrases = [tuple(h.split()) for h in vocab["role_heads"] if " " in h]
        self.strip = set(vocab["honorifics_strip"])
        self.keep = set(vocab["honorifics_keep"])
        self.titles = set(vocab["name_titles"])
        self.stops = set(vocab["apposition_stops"])
        self.relative_verbs: dict[str, str] = vocab["relative_role_verbs"]
        self.organisations = sorted(vocab["organisations"], key=len, reverse=True)
        self.organisation_nouns = set(vocab["organisation_nouns"])
        self.not_name_words = set(vocab["not_name_words"])
        self.post_nominals = set(vocab["post_nominals"])
        self.person_like_labels = set(vocab["person_like_labels"])
        self.ofsted_roles = [r.lower() for r in vocab["ofsted_roles"]]
        self.council_roles = [r.lower() for r in vocab["council_roles"]]
        self.places = set(load_gazetteer().place_variants)
        labels = "|".join(vocab["credit_labels"])
        agencies = "|".join(re.escape(a) for a in vocab["credit_agencies"])
        self._credit = re.compile(rf"\b(?:{labels})s?\s*:[^\n]*|[^\n.]*/\s*(?:{agencies})\b[^\n]*", re.IGNORECASE)
        titles = "|".join(re.escape(t) for t in self.titles)
        self._titled_name = re.compile(rf"\b(?:{titles})\.?\s+((?:[A-Z][\w'’\-]+\s?){{1,3}})")
        labels = "|".join(r"\s+".join(map(re.escape, label.split())) for label in vocab["report_name_labels"])
        ends = "|".join(r"\s+".join(map(re.escape, end.split())) for end in vocab["report_name_ends"])
        word = rf"(?!(?:{ends})\b)[A-ZÀ-ÖØ-Þ][\w'’]*\.?(?:[ \t]?-[ \t]?[^\W\d_][\w'’]*)*"  # "Thomson -Jones", as PDF text breaks it
        particle = "|".join(_PARTICLES)
        # the name may start on the label's next line, and wrap before the comma that ends it
        self._labelled_name = re.compile(
            rf"^[ \t]*(?i:{labels})[ \t]*:?[ \t]*\n?[ \t]*({word}(?:[ \t]+(?:(?:{particle})[ \t]+)?{word}){{0,3}}"
            rf"(?:[ \t]*\n[ \t]*{word}(?=,))?)", re.MULTILINE)
        self._org_pattern = re.compile(r"\b(?:" + "|".join(re.escape(o) for o in self.organisations) + r")\b")

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        credits = [(m.start(), m.end()) for m in self._credit.finditer(text)]
        authors = {_key(a) for a in doc._.authors or []}
        council_tokens = {i for s in doc.spans.get(self.councils_key, []) for i in range(s.start, s.end)}
        people: dict[str, dict] = {}
        mentions: list[tuple[Span, str]] = []
        for name_span in self._candidates(doc, text, council_tokens):
            if any(a <= name_span.start_char < b for a, b in credits):
                continue
            name = self._clean_name(name_span)
            if name is None or _key(name) in authors:
                continue
            key = self._same_person(_key(name), people)
            role = self._role(name_span)
            person = people.setdefault(key, {"name": name, "role": None, "organisation": None})
            if len(name) > len(person["name"]):
                person["name"] = name
            if role and person["role"] is None:
                person["role"], person["organisation"] = role
            mentions.append((name_span, key))
        officials = {key: info for key, info in people.items() if info["role"]}
        group = []
        for span, key in mentions:
            if key in officials:
                group.append(self._mention(doc, span.start, span.end, officials[key]))
        group += self._surname_mentions(doc, officials, group, credits)
        doc.spans[self.spans_key] = sorted(group, key=lambda s: s.start)
        return doc

    @staticmethod
    def _same_person(key: str, people: dict[str, dict]) -> str:
        """"Tomlinson" or "Matthew Tomlinson" after "Cllr Matthew Tomlinson" is one person."""
        if key in people:
            return key
        surname = key.split()[-1]
        for known in people:
            if known.split()[-1] == surname and (len(key.split()) == 1 or known.endswith(key) or key.endswith(known)):
                return known
        return key

    @staticmethod
    def _mention(doc: Doc, start: int, end: int, info: dict) -> Span:
        span = Span(doc, start, end, label="OFFICIAL", kb_id=info["name"])
        span._.official = dict(info)
        return span

    # -- names -------------------------------------------------------------------

    def _candidates(self, doc: Doc, text: str, council_tokens: set[int]) -> list[Span]:
        """PERSON entities, titled names ("Cllr Jo Smith"), and name-shaped
        entities the small model labels ORG or FAC ("Debbie Jones, Ofsted's
        national director"): those count only if a role is found for them."""
        spans = [self._widen(e) if e.label_ == "PERSON" else e for e in doc.ents
                 if e.label_ in self.person_like_labels and (e.label_ == "PERSON" or self._name_shaped(e))]
        spans += self._proper_noun_runs(doc)
        labelled: set[tuple[int, int]] = set()
        for pattern in (self._titled_name, self._labelled_name):
            for m in pattern.finditer(text):
                span = doc.char_span(m.start(1), m.end(1), alignment_mode="contract")
                if span is not None and len(span):
                    spans.append(span)
                    if pattern is self._labelled_name:
                        labelled.add((span.start, span.end))
        out, seen = [], set()
        # a name read from a report's labelled line wins over the model's entities there
        for span in sorted(spans, key=lambda s: ((s.start, s.end) not in labelled, s.start, -len(s))):
            span = self._trim(span, wrapped=(span.start, span.end) in labelled)
            if span is None or any(i in seen for i in range(span.start, span.end)):
                continue
            if any(i in council_tokens for i in range(span.start, span.end)) or self._org_pattern.fullmatch(span.text):
                continue
            if span.label_ != "PERSON" and len(span) > 2 and any(span[:n].text in self.places for n in (1, 2, 3)):
                continue  # "Derbyshire Parent Carer Voice": a body named after its area, not a person
            seen.update(range(span.start, span.end))
            out.append(span)
        return sorted(out, key=lambda s: s.start)

    def _widen(self, span: Span) -> Span:
        """Take in untagged name words the model left out ("Teresa [Godfrey]")."""
        doc = span.doc
        start, end = span.start, span.end

        def name_word(token: Token) -> bool:
            return (token.tag_ == "NNP" and not token.ent_type_ and token.text[:1].isupper()
                    and token.text not in self.not_name_words and token.text not in self.titles
                    and token.lower_ not in self.role_heads)
        while start > 0 and name_word(doc[start - 1]) and end - start < 4:
            start -= 1
        while end < len(doc) and name_word(doc[end]) and end - start < 4:
            end += 1
        return doc[start:end]

    def _proper_noun_runs(self, doc: Doc) -> list[Span]:
        """Name-shaped runs of proper nouns the model left untagged ("Imogen
        Lister, Poole's strategic director")."""
        runs, start = [], None
        for token in list(doc) + [None]:
            if token is not None and token.tag_ == "NNP" and not token.ent_type_ and token.text[:1].isupper():
                start = token.i if start is None else start
                continue
            if start is not None:
                span = doc[start:token.i if token is not None else len(doc)]
                if self._name_shaped(span):
                    runs.append(span)
                start = None
        return runs

    def _name_shaped(self, span: Span) -> bool:
        words = [t for t in span if not t.is_punct and t.text not in ("'s", "’s")]
        return 2 <= len(words) <= 4 and all(t.text[:1].isupper() and t.text not in self.not_name_words
                                            and not t.is_upper for t in words)

    def _trim(self, span: Span, wrapped: bool = False) -> Span | None:
        """Drop titles, possessives and line breaks caught inside an entity
        (kept in a ``wrapped`` name, read from a report's labelled line)."""
        doc = span.doc
        start, end = span.start, span.end
        while start < end and (doc[start].lower_.rstrip(".") in self.strip or doc[start].is_punct or doc[start].is_space
                               or doc[start].lower_ in self.role_heads and doc[start].is_title):
            start += 1
        while end > start and (doc[end - 1].text in ("'s", "’s", "'", "’") or doc[end - 1].is_punct or doc[end - 1].is_space
                               or doc[end - 1].text in self.post_nominals):
            end -= 1  # "Ian Young HMI", "Helen Cawston Senior HMI Designate"
        for i in range(start, end) if not wrapped else ():
            if doc[i].is_space or "\n" in doc[i].text:
                end = i
                break
        if end - start < 1:
            return None
        span = doc[start:end]
        if start > 0 and doc[start - 1].text in self.keep:
            span = doc[start - 1:end]
        if not all(t.text[:1].isupper() or t.text in _PUNCT_OK or t.lower_ in _PARTICLES
                   or _after_hyphen(t) for t in span if not (t.is_punct or t.is_space)) or any(t.like_num for t in span):
            return None
        return span

    def _clean_name(self, span: Span) -> str | None:
        words = [t.text for t in span]
        text = re.sub(r"\s+", " ", span.text).strip()
        # a hyphenated name as PDF text may break it: "Thomson -Jones", "Jenny-ellen" (Jenny-Ellen)
        text = re.sub(r"(?<=\w) ?- ?(\w)", lambda m: "-" + m.group(1).upper(), text)
        if len([w for w in words if w[:1].isupper()]) < 2 and not (span.start > 0 and span.doc[span.start - 1].text.rstrip(".") in self.titles):
            return None
        return text

    # -- roles ---------------------------------------------------------------------

    def _role(self, name: Span) -> tuple[str, str | None] | None:
        for finder in (self._label, self._before_comma, self._after, self._before, self._relative_clause):
            found = finder(name)
            if found:
                role_tokens = found
                return self._split_organisation(role_tokens, name)
        return None

    def _is_role(self, tokens: list[Token]) -> bool:
        if any(t.text in self.post_nominals and i and tokens[i - 1].text[:1].isupper()
               for i, t in enumerate(tokens)):
            return False  # "Sarah Urding HMI": another person in a list, not a role
        words = [t.lower_ for t in tokens]
        if any(w in self.role_heads for w in words):
            return True
        return any(tuple(words[i:i + len(p)]) == p for p in self.role_phrases for i in range(len(words)))

    def _after(self, name: Span) -> list[Token] | None:
        """"Name, lead member for children at X, said" / "Name (Ofsted)"."""
        doc = name.doc
        i = name.end
        if i >= len(doc) or doc[i].text not in (",", "("):
            return None
        i += 1
        if i < len(doc) and doc[i].like_num:  # an age: "Jane Smith, 45, a social worker"
            i += 2 if i + 1 < len(doc) and doc[i + 1].text == "," else 1
        tokens = self._phrase_right(doc, i)
        if not tokens or not self._is_role(tokens):
            return None
        majesty = len(tokens) > 1 and tokens[1].lower_ == "majesty"  # "His Majesty's Inspector"
        possessive = tokens[0].tag_ == "PRP$"  # "Sharon Shoesmith, its director of children's services"
        return tokens if majesty or possessive or tokens[0].pos_ not in ("VERB", "AUX", "PRON", "ADP") else None

    def _phrase_right(self, doc: Doc, i: int, limit: int = 18) -> list[Token]:
        tokens = []
        while i < len(doc) and len(tokens) < limit:
            token = doc[i]
            if token.is_sent_start and tokens or token.is_space or token.lower_ in self.stops or token.text in self.stops:
                break
            tokens.append(token)
            i += 1
        return tokens

    def _before(self, name: Span) -> list[Token] | None:
        """"chief executive Angie Ridgwell", "Ofsted's chief inspector Sir Michael
        Wilshaw", "Director of social services Bethan Rowlands"."""
        doc = name.doc
        i = self._skip_titles(doc, name.start - 1)
        tokens: list[Token] = []
        while i >= 0 and len(tokens) < 14:
            token = doc[i]
            if token.is_space or token.is_sent_end and tokens or token.dep_ == "det" and token.lower_ in ("the", "a", "an"):
                break
            if token.is_punct and token.text not in _PUNCT_OK and token.text not in (":", ","):
                break
            if token.pos_ in ("VERB", "AUX", "ADP", "PRON", "CCONJ", "SCONJ", "NUM") and token.lower_ not in ("of", "for", "and"):
                break
            tokens.insert(0, token)
            i -= 1
        tokens = self._role_segment(tokens)
        if tokens and tokens[-1].text == ":":
            tokens.pop()
        if not tokens or tokens[-1].text in ("'s", "’s", ","):
            return None
        return tokens

    def _before_comma(self, name: Span) -> list[Token] | None:
        """"Kent's director of children's services, Jane Smith, said"."""
        doc = name.doc
        i = self._skip_titles(doc, name.start - 1)
        if i < 1 or doc[i].text != ",":
            return None
        i -= 1
        tokens: list[Token] = []
        while i >= 0 and len(tokens) < 18:
            token = doc[i]
            if token.is_space or token.is_sent_end or token.text in (";", ":", "(", ")", '"', "“", "”"):
                break
            if token.pos_ in ("VERB", "AUX") or token.lower_ in ("said", "says", "by", "to", "with", "from"):
                break
            tokens.insert(0, token)
            i -= 1
        return self._role_segment(tokens) or None

    def _skip_titles(self, doc: Doc, i: int) -> int:
        while i >= 0 and doc[i].text.rstrip(".") in self.titles:
            i -= 1
        return i

    def _role_segment(self, tokens: list[Token]) -> list[Token]:
        """The role in a run of words before a name: from the comma-separated
        piece holding the first role word ("In a statement, chief executive" ->
        "chief executive"; "director of children, young people and education"
        stays whole)."""
        pieces: list[list[Token]] = [[]]
        for token in tokens:
            if token.text == ",":
                pieces.append([])
            else:
                pieces[-1].append(token)
        for piece in pieces:
            if self._is_role(piece):
                start = piece[0].i if piece else None
                chosen = _from_owner(_from_determiner([t for t in tokens if start is not None and t.i >= start],
                                                      self.role_heads))
                while chosen and chosen[0].lower_ in ("the", "a", "an", "and", "but", "while", "as", "of", "for"):
                    chosen.pop(0)
                return chosen
        return []

    def _relative_clause(self, name: Span) -> list[Token] | None:
        """"Name, who chairs the safeguarding board," / "Name, who is the council's leader"."""
        doc = name.doc
        i = name.end
        if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ != "who":
            return None
        verb = doc[i + 2]
        if verb.lower_ in ("is", "was", "has", "became"):
            j = i + 3
            if verb.lower_ == "has" and j < len(doc) and doc[j].lower_ == "been":
                j += 1
            tokens = self._phrase_right(doc, j)
            return tokens if tokens and self._is_role(tokens) else None
        if verb.lower_ in self.relative_verbs:
            tokens = self._phrase_right(doc, i + 3)
            while tokens and tokens[0].lower_ in ("the", "a", "an"):
                tokens.pop(0)
            if tokens:
                return [verb] + tokens
        return None

    def _label(self, name: Span) -> list[Token] | None:
        """Names on a labelled line of a report: "Lead inspector: Jane Smith,
        His Majesty's Inspector", "Team inspectors: A HMI, B HMI". A role
        written after the name, or alone on the next line, is preferred."""
        doc = name.doc
        line_start = name.start
        for _ in range(4):  # a list may wrap: "Team inspectors: A, B,\nC, D"
            while line_start > 0 and "\n" not in doc[line_start - 1].text:
                line_start -= 1
            if any(t.text == ":" for t in doc[line_start:name.start]) or line_start < 2 \
                    or doc[line_start - 2].text not in (",", ":"):  # "Lead inspector:" alone above the name
                break
            line_start -= 1
        colon = next((t for t in doc[line_start:name.start] if t.text == ":"), None)
        if colon is None:
            return None
        label = [t for t in doc[line_start:colon.i] if not t.is_space]
        if not label or not self._is_role(label) or len(label) > 5:
            return None
        after = self._after(name) if name.end < len(doc) and doc[name.end].text == "," else None
        if after and any(t.lower_ == "majesty" for t in after):
            return after
        line_end = name.end
        while line_end < len(doc) and "\n" not in doc[line_end].text:
            line_end += 1
        next_line = []
        for token in doc[line_end + 1:line_end + 8]:
            if "\n" in token.text:
                break
            next_line.append(token)
        if next_line and next_line[0].lower_ in ("his", "her") and len(next_line) > 1 and next_line[1].lower_ == "majesty":
            return [t for t in next_line if not t.is_space]
        return label

    def _split_organisation(self, tokens: list[Token], name: Span) -> tuple[str, str | None]:
        """Separate role and organisation: "lead member for X at Lancashire
        County Council", "Kent's director of children's services", "Sandwell
        Council leader", "who chairs the Kent Safeguarding Partnership"."""
        doc = name.doc
        councils = {s.start: s for s in doc.spans.get(self.councils_key, [])}
        organisation = None
        if tokens and tokens[0].lower_ in self.relative_verbs:
            # "chairs the board" -> "chair of the board"; "chairs Kent Safeguarding Partnership" -> chair at it
            prefix, rest = self.relative_verbs[tokens[0].lower_], tokens[1:]
            while rest and rest[0].lower_ in ("the", "a", "an"):
                rest = rest[1:]
            if rest and all(t.text[:1].isupper() or t.text in _PUNCT_OK or t.lower_ in ("of", "and", "for") for t in rest):
                return prefix.split()[0], _text(doc, rest)
            return f"{prefix} {_text(doc, rest)}".strip(), None
        # an organisation at the start, possessive or not: "Ofsted's", "the council's", "Sandwell Council"
        for j, token in enumerate(tokens[:5]):
            owner = doc[tokens[0].i:token.i]
            if token.text in ("'s", "’s") and j > 0:
                if owner[-1].lower_ != "majesty" and not any(t.lower_ in self.role_heads for t in owner):
                    org = self._organisation_name(owner, councils)
                    if org or owner[-1].lower_ in self.organisation_nouns:
                        organisation, tokens = org, tokens[j + 1:]
                break
            if token.i in councils and j == 0:
                council = councils[token.i]
                rest = [t for t in tokens if t.i >= council.end]
                if rest and self._is_role(rest):
                    organisation, tokens = self._council_name(council), rest
                break
        # "... at/of/with ORG" at the end, unless the whole is a council role ("Director of Children's Services")
        for j in range(len(tokens) - 1, 0, -1) if self._council_role(tokens) is None else ():
            if tokens[j].lower_ in ("at", "of", "for", "with", "from") and j + 1 < len(tokens):
                # after "for" comes a portfolio ("cabinet member for Children's Services") unless it is a known body
                org = self._organisation_name(doc[tokens[j + 1].i:tokens[-1].i + 1], councils,
                                              guess=tokens[j].lower_ != "for")
                if org:
                    organisation, tokens = organisation or org, tokens[:j]
                    break
        while tokens and tokens[0].lower_ in ("the", "a", "an", "its", "their", "his", "her", "our") and not (
                len(tokens) > 1 and tokens[1].lower_ == "majesty"):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in ("and", "of", "for", "at")):
            tokens = tokens[:-1]
        if not tokens:
            return "", organisation
        role = self._council_role(tokens) or re.sub(r"\s+", " ", _text(doc, tokens))
        return role, organisation or self._implied_organisation(role, tokens, councils, name)

    def _council_role(self, tokens: list[Token]) -> str | None:
        """The council role these words are, lowercased ("Director of Children's Services")."""
        lowered = re.sub(r"\s+", " ", " ".join(t.lower_ for t in tokens)).replace(" 's", "'s").replace(" ’s", "’s")
        lowered = re.sub(r"^(?:the|a|an|interim|acting|new) ", "", lowered)
        if lowered in self.council_roles:
            return lowered
        # "Cabinet Member for Children's Services and Early Years": a council role and its portfolio, in title case
        titled = all(t.text[:1].isupper() or not t.is_alpha or t.lower_ in ("for", "of", "and", "the") for t in tokens)
        return lowered if titled and any(lowered.startswith(role + " ") for role in self.council_roles) else None

    def _council_name(self, span: Span) -> str:
        """A council's canonical name; a children's trust is named as written."""
        return span.text.rstrip("'’s ").strip() if span.label_ == "DELIVERY_BODY" else span.kb_id_

    def _organisation_name(self, span: Span, councils: dict[int, Span], guess: bool = True) -> str | None:
        """The body a span names: a council, a known organisation, "the
        council" (the one just mentioned) or an ORG entity."""
        for start, council in councils.items():
            if span.start <= start < span.end:
                return self._council_name(council)
        text = span.text.strip()
        match = self._org_pattern.search(text)
        if match:
            return match.group()
        if text.lower() in ("the council", "the local authority", "the authority", "council"):
            council = council_before(span.doc, span.start, self.councils_key)
            return self._council_name(council) if council is not None else None
        ents = [e for e in span.ents if e.label_ in ("ORG", "FAC")] if guess else []
        return ents[0].text if ents else None

    def _implied_organisation(self, role: str, tokens: list[Token], councils: dict[int, Span], name: Span) -> str | None:
        """Ofsted for its inspectors; the council just mentioned for "council
        leader", "cabinet member" and the like."""
        lowered = role.lower()
        if any(lowered.endswith(r) for r in self.ofsted_roles) and "police" not in lowered and (
                "inspector" in lowered or "hmi" in lowered or "ofsted" in name.sent.text.lower()):
            return "Ofsted"
        for token in tokens:
            if token.i in councils:
                return self._council_name(councils[token.i])
        if lowered.split()[0] in ("council", "councillor", "cabinet", "lead") or "council" in lowered.split() \
                or self._council_role(tokens):
            council = council_before(name.doc, name.start, self.councils_key)
            return self._council_name(council) if council is not None else None
        return None

    def _surname_mentions(self, doc: Doc, officials: dict[str, dict], spans: list[Span],
                          credits: list[tuple[int, int]]) -> list[Span]:
        """"Mr Tomlinson said" and bare surnames after the full name."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        by_surname = {info["name"].split()[-1]: info for info in officials.values()}
        first_seen: dict[str, int] = {}
        for span in spans:
            first_seen.setdefault(span.kb_id_, span.start)
        extra = []
        for token in doc:
            info = by_surname.get(token.text)
            if info is None or token.i in taken or token.i < first_seen.get(info["name"], len(doc)):
                continue
            if any(a <= token.idx < b for a, b in credits):
                continue
            extra.append(self._mention(doc, token.i, token.i + 1, info))
        return extra


def _from_determiner(tokens: list[Token], role_heads: set[str]) -> list[Token]:
    """Cut words before the determiner of the role's noun phrase: "Within hours
    the leader of the council" -> "the leader of the council"."""
    first = next((k for k, t in enumerate(tokens) if t.lower_ in role_heads), None)
    if first is None:
        return tokens
    determiners = [k for k in range(first) if tokens[k].lower_ in ("the", "a", "an")]
    return tokens[determiners[-1]:] if determiners and determiners[-1] > 0 else tokens


def _from_owner(tokens: list[Token]) -> list[Token]:
    """Cut the words before a possessive owner's name: "on the recommendation of
    the Department for Education's children's services commissioner" -> from
    "Department for Education's"."""
    marks = [k for k, t in enumerate(tokens) if t.text in ("'s", "’s")]
    if not marks or marks[0] == 0:
        return tokens
    start = marks[0]
    while start > 0 and (tokens[start - 1].text[:1].isupper() or tokens[start - 1].lower_ in ("for", "of", "and")
                         and start > 1 and tokens[start - 2].text[:1].isupper()):
        start -= 1
    lowercase_before = any(t.text[:1].islower() and t.lower_ not in ("the", "a", "an") for t in tokens[:start])
    return tokens[start:] if start < marks[0] and lowercase_before else tokens


def _text(doc: Doc, tokens: list[Token]) -> str:
    return doc[tokens[0].i:tokens[-1].i + 1].text if tokens else ""


def _after_hyphen(token: Token) -> bool:
    """The second part of a hyphenated name, as PDF text may give it: "-Jones", "Jenny-[ellen]"."""
    return token.text[:1] == "-" and token.text[1:2].isalpha() or token.i > 0 and token.nbor(-1).text == "-"


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().lower()
