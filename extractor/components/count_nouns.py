"""What a number counts: the noun it modifies and the item that names it.

The item is the counted thing as a lowercase singular lemma, keeping the words
that name it ("social worker", "children's home", "area for priority action")
and dropping plain adjectives; a number's noun comes from the parse, with
repairs for the small model's usual slips ("310 care leavers" parsed as
"care", "642 approved fostering households" parsed as a clause).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..numbers import is_number_word, parse_number

NOUNS = {"NOUN", "PROPN"}


class NounReader:
    """Reads the counted noun and its item; vocabulary from ``models/quantities.json``."""

    def __init__(self, vocab: dict) -> None:
        self.not_items = set(vocab["not_items"])
        self.of_determiners = set(vocab["of_determiners"])
        phrases = [tuple(join_possessives(m.split())) for m in vocab["multiword_items"]]
        prepositions = {"of", "for", "in", "on"}
        self.postmodified = sorted((p for p in phrases if set(p[1:2]) & prepositions), key=len, reverse=True)
        self.multiword = sorted((p for p in phrases if not set(p[1:2]) & prepositions), key=len, reverse=True)
        self.lemma_overrides: dict[str, str] = vocab["lemma_overrides"]
        self.classifiers = set(vocab["classifier_adjectives"])
        self.proportion_bases = set(vocab["proportion_bases"])
        self.total_words = set(vocab["total_words"])

    def counted_noun(self, numbers: Span, value: float) -> Token | None:
        """The noun a number counts: its head when it modifies one, else the
        object of a following "of" ("13 of those 16 cases")."""
        doc = numbers.doc
        last = numbers[-1]
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ == "of":
            j = last.i + 2
            while j < len(doc) and (doc[j].lower_ in self.of_determiners or is_number_word(doc[j].text)
                                    or doc[j].like_num or doc[j].pos_ == "ADJ"
                                    or doc[j].pos_ in ("PROPN", "NOUN") and j + 1 < len(doc) and doc[j + 1].text in ("'s", "’s")
                                    or doc[j].text in ("'s", "’s")):
                j += 1  # "13 of those 16 cases", "five of Evergreen's seven homes", "31 of the council's 112 posts"
            if j < len(doc) and doc[j].pos_ in NOUNS:
                return self.phrase_head(doc[j])
            return None
        head = last.head
        if self.out_of(last):  # "103 out of 152 councils"
            return self.counted_noun(doc[last.i + 3:last.i + 4], value)
        if last.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.pos_ in NOUNS and head.i > last.i:
            if any(t.text == "(" for t in doc[last.i + 1:head.i]):
                return None  # "Three (Barnet, Bromley and Tower Hamlets) improved": the names are not the noun
            if head.dep_ == "poss" and head.head.pos_ in NOUNS and self.classifier_possessive(head):
                return head.head  # "25 children's homes" counts homes; "152 councils' budgets" counts councils
            return self.phrase_head(head)
        # parse failures: the noun right after the number (allowing adjectives and participles, not a verb
        # with an object: "with 40 offering adequate services")
        j = last.i + 1
        while j < len(doc) and j <= last.i + 3 and (doc[j].pos_ == "ADJ" and doc[j].tag_ == "JJ" or doc[j].pos_ == "VERB"
                                                    and (doc[j].tag_ == "VBN" or doc[j].tag_ == "VBG" and doc[j].dep_ == "amod")):
            j += 1
        if j < len(doc) and doc[j].pos_ == "NOUN" and (doc[j].tag_ == "NNS" or value == 1):
            return self.phrase_head(doc[j])  # "in all but one area"
        return None

    def out_of(self, number: Token) -> bool:
        """"103 out of 152 councils" counts 103 councils; "eight out of ten" is a proportion."""
        doc = number.doc
        words = [t.lower_ for t in doc[number.i + 1:number.i + 3]]
        if words != ["out", "of"] or number.i + 3 >= len(doc) or not doc[number.i + 3].like_num:
            return False
        whole = parse_number([doc[number.i + 3].text])
        return whole is not None and whole not in self.proportion_bases

    @staticmethod
    def classifier_possessive(possessor: Token) -> bool:
        """"children's" in "25 children's homes" classifies the noun after it;
        a regular plural possessive ("152 local authorities' services") is what
        the number counts."""
        doc = possessor.doc
        marker = doc[possessor.i + 1] if possessor.i + 1 < len(doc) else None
        return marker is not None and marker.text.lower() in ("'s", "’s")

    @staticmethod
    def phrase_head(token: Token) -> Token:
        """Walk right along a compound ("child protection plans" -> plans,
        "380 care leavers" -> leavers)."""
        doc = token.doc
        while token.tag_ != "NNS":  # a plural is the head ("14 of the 52 case files inspectors read")
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if token.dep_ in ("compound", "nmod") and token.head.i > token.i and token.head.pos_ in NOUNS:
                token = token.head
            elif token.tag_ == "NN" and nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ == "NNS":
                token = nxt
            else:
                return token
        return token

    def item(self, noun: Token) -> tuple[str, int] | None:
        """The counted thing as a lowercase singular lemma, keeping the words
        that name it ("social worker", "area for priority action") and dropping
        plain adjectives ("three vulnerable children" -> child); with the
        index just past the words it was read from."""
        raw = noun.lemma_.lower() if noun.pos_ == "NOUN" or noun.tag_ == "NNS" else noun.lower_
        lemma = self.lemma_overrides.get(noun.lower_, self.lemma_overrides.get(raw, raw))
        if lemma in self.not_items or is_number_word(lemma) or not lemma.replace("-", "").replace(" ", "").isalpha():
            return None  # "nine years", "three 'threes'"
        doc = noun.doc
        following = doc[noun.i + 1:noun.i + 7]
        words = join_possessives([t.lower_ for t in following])
        for phrase in self.postmodified:
            if phrase[0] == lemma and tuple(words[:len(phrase) - 1]) == phrase[1:]:
                consumed = len(phrase) - 1 + sum(1 for t in following[:len(phrase) + 2] if t.lower_ in ("'s", "’s"))
                return " ".join(phrase), noun.i + 1 + consumed
        for phrase in self.multiword:  # "310 care leavers" where the parse stopped at "care"
            rest = phrase[1:]
            if phrase[0] == lemma and rest and tuple(w.rstrip("s") for w in words[:len(rest)]) == tuple(
                    w.rstrip("s") for w in rest):
                return " ".join(phrase), noun.i + 1 + len(rest)
        preceding = join_possessives([t.lower_ for t in doc[max(0, noun.i - 4):noun.i]])
        for phrase in self.multiword:
            modifiers = phrase[:-1]
            if phrase[-1] in (lemma, noun.lower_) and modifiers and tuple(preceding[-len(modifiers):]) == modifiers:
                return " ".join(modifiers + (lemma,)), noun.i + 1
        modifiers: list[str] = []
        for token in reversed(doc[max(0, noun.i - 3):noun.i]):
            if token.dep_ == "compound" and token.pos_ == "NOUN" and token.tag_ != "VBG" or token.lower_ in self.classifiers:
                modifiers.insert(0, token.lower_)
            else:
                break
        return " ".join(modifiers + [lemma]), noun.i + 1

    def noun_item(self, noun: Token | None) -> str | None:
        """The item a plural noun phrase names, through "the number of X"."""
        if noun is not None and noun.lower_ in self.total_words:
            of = of_phrase(noun)
            noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not noun else None
        if noun is None or noun.pos_ != "NOUN":
            return None
        noun = self.phrase_head(noun)
        found = self.item(noun) if noun.tag_ == "NNS" else None
        return found[0] if found else None


def of_phrase(token: Token) -> Token:
    """The "of" that belongs to ``token`` ("number of", or itself)."""
    return token if token.lower_ == "of" else next((c for c in token.children if c.lower_ == "of"), token)


def join_possessives(words: list[str]) -> list[str]:
    """["children", "'s"] -> ["children's"] so possessive compounds compare as written."""
    out: list[str] = []
    for word in words:
        if word in ("'s", "’s") and out:
            out[-1] += "'s"
        else:
            out.append(word)
    return out
