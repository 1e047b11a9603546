"""Reading the words around a name token by token: how far a role phrase
runs to the right (over wrapped lines, dashes and listed remits), where
another person's name starts, and titles to step over."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .official_vocab import OfficialVocab

_DASHES = {"–", "-", "—"}
_JOINING = {"and", "of", "for", "&"}


class PhraseReader:
    """Token-level tests shared by the role finders."""

    def __init__(self, vocab: OfficialVocab) -> None:
        self.v = vocab

    def phrase_right(self, doc: Doc, i: int, limit: int = 18) -> list[Token]:
        """The words after a name up to a stop. A role goes on over a wrapped
        line ("Cabinet Member for Children and / Families") and through the
        dashes and commas of a title-case role in minutes ("Executive Director
        – Children, Families and Learning")."""
        tokens: list[Token] = []
        dashed = wrapped = False
        while i < len(doc) and len(tokens) < limit:
            token = doc[i]
            if token.is_space:
                if not tokens or not self._wraps(doc, token, tokens[-1]):
                    break
                wrapped = True
                i += 1
                continue
            if token.is_sent_start and tokens and not (wrapped or tokens[-1].lower_ in _JOINING or tokens[-1].text in _DASHES):
                break  # a sentence does not end on "and" or a dash
            wrapped = False
            if token.ent_type_ in ("DATE", "TIME") or token.tag_ == "TO" and i + 1 < len(doc) and doc[i + 1].tag_ == "VB":
                break  # "commissioner to review the service", "director since May"
            if token.lower_ in ("and", "but") and tokens and i + 1 < len(doc) and doc[i + 1].lower_ in ("a", "an") \
                    and not any(t.lower_ in self.v.role_heads for t in doc[i + 2:i + 6]):
                break  # "director of children's services and a monitoring visit found ...": a new clause
            if token.text in _DASHES and tokens and self.v.is_role(tokens) and self._titled_next(doc, i + 1):
                dashed = True
            elif not (token.text == "," and (dashed and self._titled_next(doc, i + 1) or self._listed_remit(doc, i, tokens))) \
                    and (token.lower_ in self.v.stops or token.text in self.v.stops):
                break
            tokens.append(token)
            i += 1
        return tokens

    def _listed_remit(self, doc: Doc, comma: int, tokens: list[Token]) -> bool:
        """A comma inside a role's remit: "director of children, young people
        and education", "Corporate Director for Children, Young People and
        Education". After "of"/"for" and a word, short groups of nouns up to
        "and" and one more group, then the end of the phrase."""
        if not any(t.lower_ in ("of", "for") for t in tokens) or not self.v.is_role(tokens):
            return False
        j, groups, words = comma + 1, 0, 0
        while j < len(doc) and j - comma < 14:
            token = doc[j]
            if token.text == "," and words:
                groups, words = groups + 1, 0
            elif token.lower_ in ("and", "&") and words:
                k, tail = j + 1, 0
                while k < len(doc) and tail < 4 and self._remit_word(doc[k]):
                    k, tail = k + 1, tail + 1
                end = doc[k] if k < len(doc) else None
                return tail > 0 and (end is None or end.is_punct or end.is_space or end.lower_ in self.v.stops
                                     or end.lower_ in ("at", "in"))
            elif self._remit_word(token) and words < 3:
                words += 1
            else:
                return False
            j += 1
        return False

    def _remit_word(self, token: Token) -> bool:
        return token.is_alpha and token.ent_type_ != "PERSON" and token.pos_ not in ("VERB", "AUX", "PRON", "DET", "ADP") \
            and token.lower_ not in self.v.stops or token.text in ("'s", "’s")

    @staticmethod
    def _wraps(doc: Doc, space: Token, last: Token) -> bool:
        """A single line break inside a phrase: the line ends on a joining word
        or the next one starts with one."""
        if space.text.count("\n") != 1 or space.i + 1 >= len(doc):
            return False
        return last.lower_ in _JOINING or last.text in _DASHES or doc[space.i + 1].lower_ in _JOINING

    def _titled_next(self, doc: Doc, j: int) -> bool:
        """The next word (over one line break) starts a title-case role part,
        not another name or a verb."""
        while j < len(doc) and doc[j].is_space and doc[j].text.count("\n") <= 1:
            j += 1
        return j < len(doc) and doc[j].is_alpha and doc[j].text[:1].isupper() and doc[j].ent_type_ != "PERSON" \
            and doc[j].lower_ not in self.v.stops

    def other_name(self, token: Token) -> bool:
        """A word of another person's name (not a title the model took into one:
        "[Chief Constable] Helen Forsyth", "His [Majesty]'s Inspector")."""
        v = self.v
        return token.ent_type_ == "PERSON" and token.lower_ not in v.role_heads and not v.is_title(token) \
            and token.lower_ != "majesty" and token.text not in v.not_name_words and token.text not in v.nations \
            and token.text not in v.places

    def role_word_as_verb(self, token: Token, following: list[Token]) -> bool:
        """A role word the small model tags as a verb: "a letter to headteacher
        X", "managing director X"."""
        return token.lower_ in self.v.role_heads or token.tag_ in ("VBG", "VBN") and bool(following) \
            and following[0].lower_ in self.v.role_heads

    def starts_with_name(self, tokens: list[Token]) -> bool:
        """Two name words first, before any role word: "Fiona Parker Associate
        Inspector" is a person, not a role."""
        v = self.v

        def name_word(token: Token) -> bool:
            return token.pos_ == "PROPN" and token.is_title and token.lower_ != "majesty" \
                and token.text not in v.not_name_words and token.text not in v.places \
                and token.lower_ not in v.role_heads and token.lower_ not in v.role_modifiers and not v.is_title(token)
        return len(tokens) > 2 and name_word(tokens[0]) and name_word(tokens[1]) or bool(tokens) and self.other_name(tokens[0])

    def skip_titles(self, doc: Doc, i: int) -> int:
        while i >= 0 and self.v.is_title(doc[i]):
            i -= 1
        return i
