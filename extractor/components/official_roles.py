"""The role words written around a name, in the forms news and reports use:
apposition ("Matthew Tomlinson, lead member for children at Lancashire County
Council"), title before the name ("chief executive Angie Ridgwell"), role then
comma ("Kent's director of children's services, Jane Smith,"), relative clauses
("Jo Bloggs, who chairs the board"), appointments ("appointed X as
commissioner"), passives ("the board will be chaired by X"), labelled report
lines ("Lead inspector: Jane Smith") and the line under a name in signatures
and officer lists."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .official_phrases import PhraseReader
from .official_vocab import PUNCT_OK, OfficialVocab


class RoleFinder:
    """The tokens of the role written for a name, or None."""

    def __init__(self, vocab: OfficialVocab) -> None:
        self.v = vocab
        self.p = PhraseReader(vocab)

    def role_tokens(self, name: Span) -> list[Token] | None:
        """The first role written for this mention; a past role ("a former
        director") only when no current one is written too ("appointed X, a
        former director, as improvement adviser")."""
        past = None
        for finder in (self._label, self._before_comma, self._after, self._as_role, self._before,
                       self._relative_clause, self._passive, self._next_line):
            found = finder(name)
            if found and not self.is_past(found):
                return found
            past = past or found
        return past

    def is_past(self, tokens: list[Token]) -> bool:
        """A role the person has left ("a former director"); "the then chief executive" is not one."""
        words = [t.lower_ for t in tokens if t.lower_ not in ("a", "an", "the", "then", "recently")]
        return bool(words) and words[0] in self.v.past_role_words

    def _as_role(self, name: Span) -> list[Token] | None:
        """"appointed Eleanor Brazil as commissioner", "X, a former director,
        as the council's improvement adviser", "X was made Torbay's director of
        children's services", "Dr Helen Farrow had been appointed as ..."."""
        doc = name.doc
        i = name.end
        if i < len(doc) and doc[i].text == ",":  # over an apposition to its closing comma
            close = next((t.i for t in doc[i + 1:i + 20] if t.text == "," or t.is_sent_start), None)
            if close is not None and doc[close].text == "," and close + 1 < len(doc) and doc[close + 1].lower_ == "as":
                i = close + 1
        verb = False
        while i < len(doc) and (doc[i].lower_ in self.v.appointment_verbs or doc[i].pos_ == "AUX"
                                and doc[i].lower_ in ("is", "was", "has", "had", "have", "been", "be", "will", "would")):
            verb = verb or doc[i].lower_ in self.v.appointment_verbs
            i += 1
        if i < len(doc) and doc[i].lower_ == "as":
            i += 1
        elif not verb or i == name.end:
            return None
        tokens = self.p.phrase_right(doc, i)
        if not tokens or not self.v.is_role(tokens) or tokens[0].pos_ in ("VERB", "AUX", "ADP") \
                and not self.p.role_word_as_verb(tokens[0], tokens[1:]):
            return None
        return tokens

    def _next_line(self, name: Span) -> list[Token] | None:
        """A signature or a list of officers: the name alone on its line and
        the role alone on the next ("Yours sincerely / Jane Doe / His Majesty's
        Inspector")."""
        doc = name.doc
        start = self.p.skip_titles(doc, name.start - 1) + 1
        end = name.end
        while end < len(doc) and doc[end].text in self.v.post_nominals:
            end += 1
        if not (start == 0 or "\n" in doc[start - 1].text) or end >= len(doc) or doc[end].text.count("\n") != 1:
            return None
        line = []
        for token in doc[end + 1:end + 12]:
            if "\n" in token.text:
                break
            line.append(token)
        if not line or len(line) > 10 or not self.v.is_role(line) or any(t.lower_ in self.v.press_words for t in line) \
                or any(self.p.other_name(t) for t in line) \
                or any(t.pos_ in ("VERB", "AUX") and not self.p.role_word_as_verb(t, line[k + 1:]) for k, t in enumerate(line)):
            return None
        return line

    def _passive(self, name: Span) -> list[Token] | None:
        """"The improvement board will be chaired by Tony Elson": chair of the
        board. Only a body or a part of one is chaired, led or headed this way."""
        doc = name.doc
        i = self.p.skip_titles(doc, name.start - 1)
        before = self._before(name)
        if before:
            i = before[0].i - 1
        if i < 2 or doc[i].lower_ != "by" or doc[i - 1].lower_ not in self.v.relative_verbs:
            return None
        verb, j = doc[i - 1], i - 2
        while j >= 0 and (doc[j].pos_ == "AUX" or doc[j].text == ","):
            j -= 1
        subject: list[Token] = []
        while j >= 0 and not doc[j].is_space and not doc[j].is_punct and (
                doc[j].pos_ not in ("VERB", "AUX", "ADP", "PRON") or doc[j].lower_ in ("of", "for") and subject
                and subject[0].text[:1].isupper() and j > 0 and doc[j - 1].text[:1].isupper()):
            subject.insert(0, doc[j])  # "The Independent Review of Children's Social Care, chaired by"
            if doc[j].lower_ in ("the", "a", "an"):
                break
            j -= 1
        nouns = self.v.organisation_nouns | self.v.sub_body_nouns
        named = bool(subject) and subject[-1].ent_type_ == "ORG" and subject[-1].text[:1].isupper()
        team = bool(subject) and subject[-1].lower_.endswith("s") and subject[-1].lower_[:-1] in self.v.role_heads
        if not subject or subject[-1].lower_ not in nouns and not named and not team:
            return None  # a body, a named body, or a team of officials ("inspectors, led by X")
        return [verb] + subject

    def _after(self, name: Span) -> list[Token] | None:
        """"Name, lead member for children at X, said" / "Name (Ofsted)"."""
        doc = name.doc
        i = name.end
        while i < len(doc) and doc[i].text in self.v.post_nominals:
            i += 1  # "Robin Walker MP, chair of the committee"
        if i >= len(doc) or doc[i].text not in (",", "("):
            return None
        i += 1
        if doc[i - 1].text == "(":  # a party and ward first: "Cllr Jo Bell (Con, Old Town), cabinet member"
            close = next((t.i for t in doc[i:i + 10] if t.text == ")"), None)
            if close is not None and close + 2 < len(doc) and doc[close + 1].text == "," \
                    and not self.v.is_role(list(doc[i:close])):
                i = close + 2
        if i < len(doc) and doc[i].like_num:  # an age: "Jane Smith, 45, a social worker"
            i += 2 if i + 1 < len(doc) and doc[i + 1].text == "," else 1
        tokens = self.p.phrase_right(doc, i)
        if not tokens or not self.v.is_role(tokens) or self.p.starts_with_name(tokens):
            return None  # not the next name in a list: "A HMI Designate, Fiona Parker Associate Inspector"
        majesty = len(tokens) > 1 and tokens[1].lower_ == "majesty"  # "His Majesty's Inspector"
        possessive = tokens[0].tag_ == "PRP$"  # "Sharon Shoesmith, its director of children's services"
        verb = tokens[0].pos_ in ("VERB", "AUX", "PRON", "ADP", "CCONJ") and not self.p.role_word_as_verb(tokens[0], tokens[1:])
        return tokens if majesty or possessive or not verb else None  # not "X, and her partner Y were jailed"

    def _before(self, name: Span) -> list[Token] | None:
        """"chief executive Angie Ridgwell", "Ofsted's chief inspector Sir Michael
        Wilshaw", "Director of social services Bethan Rowlands"."""
        doc = name.doc
        i = self.p.skip_titles(doc, name.start - 1)
        if i > 0 and doc[i].text in ("[", "(") and name.end < len(doc) and doc[name.end].text in ("]", ")"):
            i -= 1  # a name put in brackets after its role in quoted text: "the chief executive [Will Tuckley]"
        tokens: list[Token] = []
        while i >= 0 and len(tokens) < 14:
            token = doc[i]
            if token.is_space or token.is_sent_end and tokens and not token.is_alpha or self.p.other_name(token):
                break  # not across another name ("chair Andrew Christie and chief executive [Andy Couldrick]"),
                # but across a sentence break the parser put inside a title ("Education | Secretary Gillian Keegan")
            if token.lower_ in ("the", "a", "an") and not (i > 0 and doc[i - 1].lower_ in ("of", "for")):
                break  # but "President of the Association of ... Rachel Dickinson" goes on
            if token.is_punct and token.text not in PUNCT_OK and token.text not in (":", ","):
                break
            if tokens and tokens[0].lower_ == "majesty" and token.lower_ in ("his", "her"):
                tokens.insert(0, token)  # "His Majesty's Inspector"
                break
            if (token.pos_ in ("VERB", "AUX", "ADP", "PRON", "CCONJ", "SCONJ", "NUM") or token.tag_ == "TO") \
                    and token.lower_ not in ("of", "for", "and") \
                    and not self.p.role_word_as_verb(token, tokens):
                break
            tokens.insert(0, token)
            i -= 1
        if tokens and tokens[0].lower_ == "partner" and i >= 0 and doc[i].tag_ in ("PRP$", "POS"):
            return None  # "her partner Thomas Hughes": a family tie
        tokens = self._role_segment(tokens)
        if tokens and tokens[-1].text == ":":
            tokens.pop()
        if not tokens or tokens[-1].text in ("'s", "’s", ",", "&") or tokens[-1].lower_ in ("of", "for", "and"):
            return None  # "the partner of [Name]'s mother", "Member for Children and [Young People]": not the holder
        return tokens

    def _before_comma(self, name: Span) -> list[Token] | None:
        """"Kent's director of children's services, Jane Smith, said"."""
        doc = name.doc
        i = self.p.skip_titles(doc, name.start - 1)
        if i < 1 or doc[i].text != ",":
            return None
        i -= 1
        tokens: list[Token] = []
        while i >= 0 and len(tokens) < 18:
            token = doc[i]
            if self.p.other_name(token) and tokens and tokens[0].text == "," and not (
                    len(tokens) > 1 and tokens[1].lower_ in ("and", "while", "but")):
                return None  # "Jane Smith, director of children's services, Tom Brown and ...": her role, not his
            if token.is_space or token.is_sent_end or token.text in (";", ":", "(", ")", '"', "“", "”"):
                break
            if token.pos_ in ("VERB", "AUX") and not (token.tag_ in ("VBG", "VBN") and i > 0 and doc[i - 1].lower_ in self.v.role_heads) \
                    or token.lower_ in ("said", "says", "by", "to", "with", "from"):
                break  # but "the then Minister covering SEND, Robert Goodwill"
            tokens.insert(0, token)
            i -= 1
        return self._role_segment(tokens) or None

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
        named = [k for k, piece in enumerate(pieces) if any(self.p.other_name(t) for t in piece)]
        if named:  # "the education secretary, Gillian Keegan, and the children's minister, [Name]"
            tokens = [t for piece in pieces[named[-1] + 1:] for t in piece]
            pieces = pieces[named[-1] + 1:]
        for piece in pieces:
            if self.v.is_role(piece):
                start = piece[0].i if piece else None
                chosen = _from_owner(_from_determiner(_after_of([t for t in tokens if start is not None and t.i >= start],
                                                                self.v.role_heads), self.v.role_heads),
                                     self.v.role_heads)
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
            while j < len(doc) and (doc[j].lower_ in self.v.appointment_verbs or doc[j].lower_ == "as"):
                j += 1  # "who was appointed (as) lead member last year"
            tokens = self.p.phrase_right(doc, j)
            return tokens if tokens and self.v.is_role(tokens) else None
        if verb.lower_ in self.v.relative_verbs:
            tokens = self.p.phrase_right(doc, i + 3)
            if tokens:
                return [verb] + tokens
        return None

    def _label(self, name: Span) -> list[Token] | None:
        """Names on a labelled line of a report: "Lead inspector: Jane Smith,
        His Majesty's Inspector", "Team inspectors: A HMI, B HMI". A role
        written after the name, or alone on the next line, is preferred."""
        doc = name.doc
        line_start = name.start
        for _ in range(4):  # a list may wrap: "Team inspectors: A, B,\nC, D", "..., Dr\nE HMI", "F\nHMI and G"
            while line_start > 0 and "\n" not in doc[line_start - 1].text:
                line_start -= 1
            if any(t.text == ":" for t in doc[line_start:name.start]) or line_start < 2 or not (
                    doc[line_start - 2].text == "," or self.v.is_title(doc[line_start - 2])
                    or doc[line_start].text in self.v.post_nominals or doc[line_start].lower_ == "and"):
                break
            line_start -= 1
        colon = next((t for t in doc[line_start:name.start] if t.text == ":"), None)
        if colon is None:
            return None
        label = [t for t in doc[line_start:colon.i] if not t.is_space]
        if not label or not (self.v.is_role(label) or label[-1].lower_[:-1] in self.v.role_heads) or len(label) > 5:
            return None  # "Lead inspector:", "Team inspectors:"
        listed = all(t.is_space or t.text in (",", ";", "and", "&") or t.text[:1].isupper() or self.v.is_title(t)
                     for t in doc[colon.i + 1:name.start])
        if not listed:
            return None  # "The Director: Children and Families submitted a report ... [Written Statement]": not a list
        after = self._after(name)
        # "Lead inspector: Jane Smith, His Majesty's Inspector", "Contact officer: Jo Dove, Head of Finance";
        # but "Lead inspector: Andy Whippey, HMI" is the lead inspector
        if after and not all(t.text in self.v.post_nominals or t.is_punct for t in after):
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


def _from_determiner(tokens: list[Token], role_heads: set[str]) -> list[Token]:
    """Cut words before the determiner of the role's noun phrase: "Within hours
    the leader of the council" -> "the leader of the council"."""
    first = next((k for k, t in enumerate(tokens) if t.lower_ in role_heads), None)
    if first is None:
        return tokens
    determiners = [k for k in range(first) if tokens[k].lower_ in ("the", "a", "an")]
    return tokens[determiners[-1]:] if determiners and determiners[-1] > 0 else tokens


def _after_of(tokens: list[Token], role_heads: set[str]) -> list[Token]:
    """Start after an "of" that comes before any role word (not one inside a
    name, "Department for Education's commissioner"): "the Labour
    administration of Mayor John Biggs" -> "Mayor"; "the appointment of former
    council director X" -> "former council director"."""
    first = next((k for k, t in enumerate(tokens) if t.lower_ in role_heads), None)
    cuts = [k for k in range(1, first or 0) if tokens[k].lower_ in ("of", "for") and tokens[k - 1].text[:1].islower()]
    return tokens[cuts[-1] + 1:] if cuts else tokens


def _from_owner(tokens: list[Token], role_heads: set[str]) -> list[Token]:
    """Cut the words before a possessive owner's name: "on the recommendation of
    the Department for Education's children's services commissioner" -> from
    "Department for Education's"."""
    marks = [k for k, t in enumerate(tokens) if t.text in ("'s", "’s")]
    if not marks or marks[0] == 0 or not any(t.lower_ in role_heads for t in tokens[marks[0]:]):
        return tokens  # "President of the Association of Directors of Children's Services": no role after the owner
    start = marks[0]
    while start > 0 and (tokens[start - 1].text[:1].isupper() or tokens[start - 1].lower_ in ("for", "of", "and")
                         and start > 1 and tokens[start - 2].text[:1].isupper()):
        start -= 1
    lowercase_before = any(t.text[:1].islower() and t.lower_ not in ("the", "a", "an") for t in tokens[:start])
    return tokens[start:] if start < marks[0] and lowercase_before else tokens
