"""Names that may be officials: the model's PERSON entities, names after titles
it misses ("Cllr Jo Smith"), and name-shaped runs it labels otherwise."""
from __future__ import annotations

import re

import numpy
from spacy.tokens import Doc, Span, Token

from .context import token_texts
from .official_vocab import PARTICLES, PUNCT_OK, OfficialVocab


_WRAPPED = re.compile(r"(?:^|\n)[A-Z][\w'’-]*(\n)[A-Z][\w'’-]*,")  # "Jo\nRabbite," in minutes


class NameFinder:
    """Candidate name spans in a Doc, trimmed of titles and possessives."""

    def __init__(self, vocab: OfficialVocab) -> None:
        self.v = vocab

    def candidates(self, doc: Doc, text: str, council_tokens: set[int], listed: dict[int, tuple[Span, str]]) -> list[Span]:
        """PERSON entities, titled names ("Cllr Jo Smith"), and name-shaped
        entities the small model labels ORG or FAC ("Debbie Jones, Ofsted's
        national director"): those count only if a role is found for them."""
        v = self.v
        widened = [self._widen(e) for e in doc.ents if e.label_ in v.person_like_labels]
        spans = [e for e in widened if e.label_ == "PERSON"]
        for entity in widened:  # "[Dominic] Farrant" (GPE), "Leeds East [Richard Burgon]" (ORG)
            trimmed = self._trim(entity) if entity.label_ != "PERSON" else None
            if trimmed is not None and self._name_shaped(trimmed):
                spans.append(Span(doc, trimmed.start, trimmed.end, label=entity.label_))
        spans += self._proper_noun_runs(doc)
        for m in v.titled_name.finditer(text):
            span = doc.char_span(m.start(1), m.end(1), alignment_mode="contract")
            if span is not None and len(span):
                spans.append(span)
        # a name on a report's labelled line, read by pattern: it wins over the model's entities there
        labelled = [span for m in v.labelled_name.finditer(text)
                    if (span := doc.char_span(m.start(1), m.end(1), alignment_mode="contract")) is not None and len(span)]
        out, seen = [], set()
        trimmed = [t for t in (self._trim(s) for s in spans) if t is not None] + self._wrapped_names(doc, text)
        trimmed += [span for span, _ in listed.values()]
        trimmed = [t for t in (self._trim(s, wrapped=True) for s in labelled) if t is not None] + trimmed
        for span in sorted(trimmed, key=lambda s: (s.start, -len(s))):
            if any(i in seen for i in range(span.start, span.end)):
                continue
            if any(i in council_tokens for i in range(span.start, span.end)) or v.org_pattern.fullmatch(span.text) \
                    or span.text in v.credit_agency_names:
                continue  # a council, a known body, or a picture agency ("Getty Images")
            if span.label_ != "PERSON" and len(span) > 2 and any(span[:n].text in v.places for n in (1, 2, 3)):
                continue  # "Derbyshire Parent Carer Voice": a body named after its area, not a person
            seen.update(range(span.start, span.end))
            out.append(span)
        return out

    def listed(self, doc: Doc, text: str) -> dict[int, tuple[Span, str]]:
        """Names listed after a plural title, with the role it gives, by first
        token: "Councillors A Smith (Chairman), B Jones and C Brown"."""
        found: dict[int, tuple[Span, str]] = {}
        for m in self.v.plural_title.finditer(text):
            token = doc.char_span(m.start(), m.end())
            if token is None:
                continue
            token, role = token[0], self.v.plural_titles[m.group(1)]
            i = token.i + 1
            while i < len(doc):
                j = i
                while j < len(doc) and j - i < 3 and doc[j].text[:1].isupper() and doc[j].is_alpha \
                        and doc[j].text not in self.v.not_name_words:
                    j += 1
                if j - i < 2 and not (j - i == 1 and i > token.i + 1):
                    break  # a list item is a name of two words or more (or a surname after the first)
                found[i] = doc[i:j], role
                if j < len(doc) and doc[j].text == "(":
                    j = next((t.i + 1 for t in doc[j:j + 10] if t.text == ")"), j)
                if j >= len(doc) or doc[j].text not in (",", "and", "&"):
                    break
                i = j + 1
        return found

    def clean_name(self, span: Span) -> str | None:
        """The name as written, or None for a lone word with no title before it."""
        words = [t.text for t in span]
        text = re.sub(r"\s+", " ", span.text).strip()
        # a hyphenated name as PDF text may break it: "Thomson -Jones", "Jenny-ellen" (Jenny-Ellen)
        text = re.sub(r"(?<=\w) ?- ?(\w)", lambda m: "-" + m.group(1).upper(), text)
        if len([w for w in words if w[:1].isupper()]) < 2 and not (span.start > 0 and self.v.is_title(span.doc[span.start - 1])):
            return None
        return text

    def _wrapped_names(self, doc: Doc, text: str) -> list[Span]:
        """A name broken over the lines of minutes: a first name alone on its
        line, the surname starting the next one before a comma ("Jo /
        Rabbite, Assistant Director")."""
        spans = []
        for m in _WRAPPED.finditer(text):
            space = doc.char_span(m.start(1), m.end(1))
            if space is None or space.start < 1 or space.start + 2 >= len(doc):
                continue
            i = space.start
            first, surname = doc[i - 1], doc[i + 1]
            alone = i < 2 or "\n" in doc[i - 2].text
            if alone and all(t.is_alpha and t.is_title and t.text not in self.v.not_name_words
                             and t.lower_ not in self.v.role_heads and t.text not in self.v.titles
                             for t in (first, surname)) and doc[i + 2].text == ",":
                spans.append(doc[i - 1:i + 2])
        return spans

    def _widen(self, span: Span) -> Span:
        """Take in untagged name words the model left out ("Teresa [Godfrey]")."""
        doc, v = span.doc, self.v
        start, end = span.start, span.end

        def name_word(token: Token) -> bool:
            return (token.tag_ == "NNP" and not token.ent_type_ and token.text[:1].isupper()
                    and token.text not in v.not_name_words and token.text not in v.titles
                    and token.lower_ not in v.role_heads)
        while start > 0 and name_word(doc[start - 1]) and end - start < 4:
            start -= 1
        while end < len(doc) and name_word(doc[end]) and end - start < 4:
            end += 1
        return Span(doc, start, end, label=span.label_)

    def _proper_noun_runs(self, doc: Doc) -> list[Span]:
        """Name-shaped runs of proper nouns the model left untagged ("Imogen
        Lister, Poole's strategic director")."""
        texts = token_texts(doc)
        tags, ents = doc.to_array("TAG"), doc.to_array("ENT_TYPE")  # arrays: a Token per word costs more than the test
        untagged = [i for i in numpy.flatnonzero((tags == doc.vocab.strings["NNP"]) & (ents == 0)).tolist()
                    if texts[i][:1].isupper()]
        runs: list[Span] = []
        for start, end in _consecutive(untagged):
            while start < end - 2 and (doc[start].lower_ in self.v.role_heads or doc[start].lower_ in self.v.role_modifiers
                                       or self.v.is_title(doc[start])):
                start += 1  # "Assistant Chief Constable [Neil Ashdown]"
            while end > start + 2 and (texts[end - 1] in self.v.post_nominals or texts[end - 1] in self.v.not_name_words):
                end -= 1  # "[Rita Holt] HMI Designate"
            if self._name_shaped(doc[start:end]):
                runs.append(doc[start:end])
        return runs

    def _name_shaped(self, span: Span) -> bool:
        words = [t for t in span if not t.is_punct and t.text not in ("'s", "’s")]
        return 2 <= len(words) <= 4 and all(t.text[:1].isupper() and t.text not in self.v.not_name_words
                                            and not t.is_upper for t in words)

    def _trim(self, span: Span, wrapped: bool = False) -> Span | None:
        """Drop titles, possessives and line breaks caught inside an entity
        (kept in a ``wrapped`` name, read from a report's labelled line)."""
        doc, v = span.doc, self.v
        start, end = span.start, span.end
        inner = [i for i in range(start + 1, end - 1) if doc[i].lower_.rstrip(".") in v.strip or doc[i].text in v.keep]
        if inner:  # "Later Cllr Ward", "Minister Sir Tim Loughton": the name starts at its title
            start = inner[-1]
        while start < end and (doc[start].lower_.rstrip(".") in v.strip or doc[start].is_punct or doc[start].is_space
                               or doc[start].lower_ in v.role_heads and doc[start].is_title):
            start += 1
        while end > start and (doc[end - 1].text in ("'s", "’s", "'", "’") or doc[end - 1].is_punct or doc[end - 1].is_space
                               or doc[end - 1].text in v.post_nominals or end - start > 2 and doc[end - 1].text in v.not_name_words):
            end -= 1  # "Ian Young HMI", "Helen Cawston Senior HMI Designate", "Fiona Parr Associate [Inspector]"
        if end - start >= 3 and start > 0 and doc[start - 1].lower_ in ("for", "of", "in") \
                and doc[start].text in v.nations:
            start += 1  # "Children's Commissioner for [England] Anne Longfield"
        compass = [k for k in range(start + 1, end - 2) if doc[k].text in v.compass_words]
        if compass:
            start = compass[-1] + 1  # a constituency before the name: "MP for [Leeds East] Richard Burgon"
        for i in range(start, end) if not wrapped else ():
            if doc[i].is_space or "\n" in doc[i].text:
                end = i
                break
        if end - start < 1:
            return None
        if start > 0 and doc[start - 1].text in v.keep:
            start -= 1
        if doc[start].text in v.keep and end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].text[:1].isupper() \
                and doc[end + 1].is_alpha:
            end += 2  # a peer's territorial name: "Baroness Morgan of Drefelin"
        span = doc[start:end]
        peer = span[0].text in v.keep
        if not all(t.text[:1].isupper() or t.text in PUNCT_OK or t.lower_ in PARTICLES or _after_hyphen(t)
                   or peer and t.lower_ == "of" for t in span if not (t.is_punct or t.is_space)) or any(t.like_num for t in span):
            return None
        return span


def _after_hyphen(token: Token) -> bool:
    """The second part of a hyphenated name, as PDF text may give it: "-Jones", "Jenny-[ellen]"."""
    return token.text[:1] == "-" and token.text[1:2].isalpha() or token.i > 0 and token.nbor(-1).text == "-"


def _consecutive(indices: list[int]) -> list[tuple[int, int]]:
    """Runs of consecutive positions, as (start, end) pairs."""
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs
