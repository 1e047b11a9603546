"""Role words -> (role, organisation): "lead member for X at Lancashire County
Council", "Kent's director of children's services", "Sandwell Council leader",
"who chairs the Kent Safeguarding Partnership". The organisation is the
council's canonical name or the body as written."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .context import council_before
from .official_vocab import PUNCT_OK, OfficialVocab


class OrganisationSplitter:
    """Separates the organisation from the role words found for a name."""

    def __init__(self, vocab: OfficialVocab, councils_key: str) -> None:
        self.v, self.councils_key = vocab, councils_key

    def split(self, tokens: list[Token], name: Span, prefix: str = "") -> tuple[str, str | None]:
        """(role, organisation) from the role words; ``prefix`` goes before the
        role ("lead" + "on children's services")."""
        role, organisation = self._split(tokens, name)
        return (f"{prefix} {role}".strip() if role else role), organisation

    def _split(self, tokens: list[Token], name: Span) -> tuple[str, str | None]:
        doc, v = name.doc, self.v
        councils = {s.start: s for s in doc.spans.get(self.councils_key, [])}
        organisation = None
        if tokens and tokens[0].lower_ in v.relative_verbs:
            # "chairs the board" -> "chair of the board"; "chairs Kent Safeguarding Partnership" -> chair at it
            prefix, rest = v.relative_verbs[tokens[0].lower_], tokens[1:]
            if rest and rest[0].lower_ == "on":  # "who leads on children's services for the council"
                return self.split([t for t in rest if t.i >= rest[0].i], name, prefix=tokens[0].lemma_.lower())
            if rest and rest[-1].lower_[:-1] in v.role_heads and rest[-1].lower_.endswith("s"):
                role = f"{tokens[0].lemma_.lower()} {rest[-1].lower_[:-1]}"  # "inspectors, led by X": lead inspector
                return role, self._implied_organisation(role, rest, councils, name)
            article = bool(rest) and rest[0].lower_ in ("the", "a", "an")
            while rest and rest[0].lower_ in ("the", "a", "an"):
                rest = rest[1:]
            if rest and all(t.text[:1].isupper() or t.text in PUNCT_OK or t.lower_ in ("of", "and", "for") for t in rest):
                return prefix.split()[0], _text(doc, rest)
            return f"{prefix}{' the' if article else ''} {_text(doc, rest)}".strip(), None
        # an organisation at the start, possessive or not: "Ofsted's", "Sandwell Children's Trust's", "Sandwell Council"
        head = next((j for j, t in enumerate(tokens) if t.lower_ in v.role_heads), len(tokens))
        marks = [j for j, t in enumerate(tokens[:min(head, 6)]) if t.text in ("'s", "’s") and j > 0]
        mark = next((j for j in reversed(marks) if self._whole_owner(doc[tokens[0].i:tokens[j].i])), marks[0] if marks else None)
        if mark is not None:
            owner = doc[tokens[0].i:tokens[mark].i]
            if owner[-1].lower_ != "majesty" and not any(t.lower_ in v.role_heads for t in owner) \
                    and owner.text.lower() not in v.not_owners:
                org = self._organisation_name(owner, councils)
                if org or owner[-1].lower_ in v.organisation_nouns:
                    organisation, tokens = org, tokens[mark + 1:]
        elif tokens and tokens[0].i in councils:
            council = councils[tokens[0].i]
            rest = [t for t in tokens if t.i >= council.end]
            if rest and v.is_role(rest):
                organisation, tokens = self.council_name(council), rest
        # a known body written straight after the role: "(Senior HMI Ofsted)"
        for k in range(min(4, len(tokens) - 1), 0, -1):
            tail = doc[tokens[-k].i:tokens[-1].i + 1]
            if organisation is None and v.org_pattern.fullmatch(tail.text) and tokens[-k - 1].lower_ not in (
                    "at", "of", "for", "with", "from", "the", "a", "an") and v.is_role(tokens[:-k]):
                organisation, tokens = v.organisation_aliases.get(tail.text, tail.text), tokens[:-k]
                break
        # "... at/of/with ORG" at the end, unless the whole is a council role ("Director of Children's Services")
        for j in range(len(tokens) - 1, 0, -1) if self._council_role(tokens) is None else ():
            if tokens[j].lower_ in ("at", "of", "for", "with", "from") and j + 1 < len(tokens) \
                    and not self._in_role_phrase(tokens, j):
                # after "for" comes a portfolio ("cabinet member for Children's Services") unless it is a known body
                body = doc[tokens[j + 1].i:tokens[-1].i + 1]
                org = self._organisation_name(body, councils, guess=tokens[j].lower_ != "for")
                if org:
                    if tokens[j].lower_ == "of" and self._of_kept(tokens[j - 1], body):
                        # the role keeps its "of" phrase; only a council or a known body there is the employer
                        organisation = organisation or self._organisation_name(body, councils, guess=False)
                    else:
                        organisation, tokens = organisation or org, tokens[:j]
                    break
        while tokens and (tokens[0].lower_ in ("the", "a", "an", "its", "their", "his", "her", "our", "then", "now")
                          or tokens[0].pos_ == "ADV") and not (len(tokens) > 1 and tokens[1].lower_ == "majesty"):
            tokens = tokens[1:]  # "the then chief executive", "recently retired Director"
        while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in ("and", "of", "for", "at", "in", "on", "since", "from",
                                                                        "until", "to", "by", "with")):
            tokens = tokens[:-1]
        if not tokens:
            return "", organisation
        role = self._council_role(tokens) or re.sub(r"\s+", " ", _text(doc, tokens))
        last = tokens[-1].lower_
        if last.endswith("s") and last not in v.role_heads and last[:-1] in v.role_heads \
                and not any(t.lower_ in ("of", "for") for t in tokens):
            role = role[:-1]  # "Team inspectors: A, B": each is a team inspector
        return role, organisation or self._implied_organisation(role, tokens, councils, name)

    def _whole_owner(self, owner: Span) -> bool:
        """"Sandwell Children's Trust" (not "Sandwell Children") owns "Sandwell
        Children's Trust's chair"; "Department for Education" owns "... Education's
        children's services commissioner"."""
        return owner[-1].lower_ in self.v.organisation_nouns or bool(self.v.org_pattern.fullmatch(owner.text))

    def employer(self, name: Span) -> str | None:
        """The body written straight after a name: "André Imich of the DfE",
        "Helen Forsyth, of Durham Constabulary,". Only a known body, a council
        or an organisation-shaped entity: "Jane Smith, of Leeds" is where she lives."""
        doc = name.doc
        i = name.end + (1 if name.end < len(doc) and doc[name.end].text == "," else 0)
        if i + 1 >= len(doc) or doc[i].lower_ not in ("of", "from", "at"):
            return None
        i += 2 if doc[i + 1].lower_ == "the" and i + 2 < len(doc) else 1
        for council in doc.spans.get(self.councils_key, []):
            if council.start == i and (council.label_ == "DELIVERY_BODY" or "council" in council.text.lower()):
                return self.council_name(council)
        match = self.v.org_pattern.match(doc[i:i + 8].text)
        if match:
            return self.v.organisation_aliases.get(match.group(), match.group())
        if doc[i].ent_type_ != "ORG":
            return None
        start, end = i, i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        last = doc[end - 1]
        if last.text[:1].isupper() and last.lower_ in self.v.organisation_nouns:
            return re.sub(r"^the\s+", "", doc[start:end].text)
        return None

    def _of_kept(self, head: Token, body: Span) -> bool:
        """"leader of Hertfordshire County Council", "chairman of the LGA's
        Children and Young People Board": the "of" phrase is part of the role;
        a body named after its area is an organisation in its own right."""
        if head.lower_ in self.v.whole_of_heads:
            return True
        words = [t for t in body if t.lower_ not in ("the", "a", "an")]
        owned = any(t.text in ("'s", "’s") for t in body)  # "Norfolk County Council's children's services committee"
        local = bool(words) and any(" ".join(t.text for t in words[:n]) in self.v.places for n in (1, 2, 3))
        return body[-1].lower_ in self.v.sub_body_nouns and (owned or not local)  # not "chair of Leeds Safeguarding Children Board"

    def _in_role_phrase(self, tokens: list[Token], j: int) -> bool:
        """"Secretary of State": the preposition belongs to a role phrase."""
        phrase = tuple(t.lower_ for t in tokens[j - 1:j + 2])
        return any(p[k:k + 3] == phrase for p in self.v.role_phrases for k in range(len(p) - 2))

    def council_name(self, span: Span) -> str:
        """A council's canonical name; a children's trust is named as written."""
        return span.text.rstrip("'’s ").strip() if span.label_ == "DELIVERY_BODY" else span.kb_id_

    def _council_role(self, tokens: list[Token]) -> str | None:
        """The council role these words are, lowercased ("Director of Children's Services")."""
        if not tokens:
            return None
        lowered = re.sub(r"\s+", " ", _text(tokens[0].doc, tokens)).lower()
        lowered = re.sub(r"^(?:the|a|an|interim|acting|new) ", "", lowered)
        if lowered in self.v.council_roles:
            return lowered
        # "Cabinet Member for Children's Services and Early Years": a council role and its portfolio, in title case
        titled = all(t.text[:1].isupper() or not t.is_alpha or t.lower_ in ("for", "of", "and", "the") for t in tokens)
        return lowered if titled and any(lowered.startswith(role + " ") for role in self.v.council_roles) else None

    def _organisation_name(self, span: Span, councils: dict[int, Span], guess: bool = True) -> str | None:
        """The body a span names: a council, a known organisation, "the
        council" (the one just mentioned) or an ORG entity."""
        text = span.text.strip()
        for start, council in councils.items():
            if span.start <= start < span.end:
                last = span[-1]
                if council.end < span.end and last.text[:1].isupper() and last.lower_ in self.v.organisation_nouns:
                    return re.sub(r"^the\s+", "", text)  # "Leeds Safeguarding Children Board": a body of its own
                return self.council_name(council)
        match = self.v.org_pattern.search(text)
        if match:
            return self.v.organisation_aliases.get(match.group(), match.group())
        if text.lower() in ("the council", "the local authority", "the authority", "council"):
            council = council_before(span.doc, span.start, self.councils_key)
            return self.council_name(council) if council is not None else None
        ents = [e for e in span.ents if e.label_ in ("ORG", "FAC")] if guess else []
        return ents[0].text if ents else None

    def _implied_organisation(self, role: str, tokens: list[Token], councils: dict[int, Span], name: Span) -> str | None:
        """Ofsted for its inspectors; the council just mentioned for "council
        leader", "cabinet member" and the like."""
        lowered = role.lower()
        if any(lowered.endswith(r) for r in self.v.ofsted_roles) and not set(lowered.split()) & self.v.police_words and (
                "inspector" in lowered or "hmi" in lowered or "ofsted" in name.sent.text.lower()):
            return "Ofsted"
        for token in tokens:
            if token.i in councils:
                return self.council_name(councils[token.i])
        words = lowered.split()
        if words[0] in ("council", "councillor", "cabinet", "lead", "leader", "mayor") \
                or {"council", "councillor", "mayor"} & set(words) or self._council_role(tokens):
            council = council_before(name.doc, name.start, self.councils_key)
            return self.council_name(council) if council is not None else None
        return None


def _text(doc: Doc, tokens: list[Token]) -> str:
    return doc[tokens[0].i:tokens[-1].i + 1].text if tokens else ""
