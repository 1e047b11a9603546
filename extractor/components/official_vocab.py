"""The word lists the officials component reads (``models/roles.json``),
loaded once per component and shared by its name, role and organisation parts."""
from __future__ import annotations

import re

from spacy.tokens import Token

from ..gazetteer import load_gazetteer
from ..resources import load_json, resolve

PARTICLES = ("de", "van", "von", "da", "le", "la")  # lowercase words inside a name
PUNCT_OK = {"'s", "’s", "-", "&", "'", "’"}


class OfficialVocab:
    """Role words, honorifics, bodies and credit patterns, with the tests on
    them that every part of the component needs."""

    def __init__(self, vocab_path: str | None = None) -> None:
        vocab = load_json(resolve(vocab_path, "roles.json"))
        self.role_heads = {h for h in vocab["role_heads"] if " " not in h}
        self.role_phrases = [tuple(h.split()) for h in vocab["role_heads"] if " " in h]
        self.strip = set(vocab["honorifics_strip"])
        self.keep = set(vocab["honorifics_keep"])
        self.titles = set(vocab["name_titles"])
        self.title_roles: dict[str, str] = vocab["title_roles"]
        self.plural_titles: dict[str, str] = vocab["plural_titles"]
        self.plural_title = re.compile(r"\b(" + "|".join(re.escape(t) for t in self.plural_titles) + r")\b")
        self.stops = set(vocab["apposition_stops"])
        self.relative_verbs: dict[str, str] = vocab["relative_role_verbs"]
        self.organisations = sorted(vocab["organisations"], key=len, reverse=True)
        self.organisation_nouns = set(vocab["organisation_nouns"])
        self.organisation_aliases: dict[str, str] = vocab["organisation_aliases"]
        self.not_name_words = set(vocab["not_name_words"])
        self.post_nominals = set(vocab["post_nominals"])
        self.person_like_labels = set(vocab["person_like_labels"])
        self.ofsted_roles = [r.lower() for r in vocab["ofsted_roles"]]
        self.council_roles = [r.lower() for r in vocab["council_roles"]]
        self.past_role_words = set(vocab["past_role_words"])
        self.appointment_verbs = set(vocab["appointment_verbs"])
        self.not_owners = set(vocab["not_owners"])
        self.kin_words = set(vocab["kin_words"])
        self.police_words = set(vocab["police_words"])
        self.press_words = set(vocab["press_words"])
        self.role_modifiers = set(vocab["role_modifiers"])
        self.whole_of_heads = set(vocab["whole_of_heads"])
        self.sub_body_nouns = set(vocab["sub_body_nouns"])
        self.places = set(load_gazetteer().place_variants)
        self.nations = set(vocab["nations"])
        self.compass_words = set(vocab["compass_words"])
        labels = "|".join(vocab["credit_labels"])
        agencies = "|".join(re.escape(a) for a in vocab["credit_agencies"])
        self.credit_agency_names = set(vocab["credit_agencies"])
        self._credit_label = re.compile(rf"\b(?:{labels})s?\s*:[^\n]*?(?=\.\s|\n|$)", re.IGNORECASE)
        self._credit_agency = re.compile(rf"/\s*(?:{agencies})\b[^\n]*", re.IGNORECASE)
        titles = "|".join(re.escape(t) for t in self.titles)
        self.titled_name = re.compile(rf"\b(?:{titles})\.?\s+((?:[A-Z](?:[\w'’\-]+|\.)?\s?){{1,3}})")
        self.org_pattern = re.compile(r"\b(?:" + "|".join(re.escape(o) for o in self.organisations) + r")\b")
        labels = "|".join(r"\s+".join(map(re.escape, label.split())) for label in vocab["report_name_labels"])
        ends = "|".join(r"\s+".join(map(re.escape, end.split())) for end in vocab["report_name_ends"])
        word = rf"(?!(?:{ends})\b)[A-ZÀ-ÖØ-Þ][\w'’]*\.?(?:[ \t]?-[ \t]?[^\W\d_][\w'’]*)*"  # "Thomson -Jones", as PDF text breaks it
        particle = "|".join(PARTICLES)
        # a report's labelled name may start on the label's next line and wrap before the comma that ends it
        self.labelled_name = re.compile(
            rf"^[ \t]*(?i:{labels})[ \t]*:?[ \t]*\n?[ \t]*({word}(?:[ \t]+(?:(?:{particle})[ \t]+)?{word}){{0,3}}"
            rf"(?:[ \t]*\n[ \t]*{word}(?=,))?)", re.MULTILINE)

    def credits(self, text: str) -> list[tuple[int, int]]:
        """Character ranges of picture credits: "Picture: Phil Adams", "Jo
        Bloggs/PA Wire" (from the sentence or line start before the slash)."""
        found = [m.span() for m in self._credit_label.finditer(text)]
        for m in self._credit_agency.finditer(text):
            start = max(text.rfind("\n", 0, m.start()), text.rfind(".", 0, m.start())) + 1
            found.append((start, m.end()))
        return found

    def is_role(self, tokens: list[Token]) -> bool:
        """Whether these words hold a role word ("director", "lead member")."""
        if any(t.text in self.post_nominals and i and tokens[i - 1].text[:1].isupper()
               and tokens[i - 1].text not in self.post_nominals and not self._party(tokens, i - 1)
               for i, t in enumerate(tokens)):
            return False  # "Sarah Urding HMI": another person in a list, not a role
        words = [t.lower_ for t in tokens]
        if any(w in self.kin_words for w in words) or any(
                w == "partner" and k and tokens[k - 1].tag_ in ("PRP$", "POS") for k, w in enumerate(words)):
            return False  # "the partner of the boy's mother", "her partner": a family tie, not a post
        if any(w in self.role_heads for w in words):
            return True
        return any(tuple(words[i:i + len(p)]) == p for p in self.role_phrases for i in range(len(words)))

    def _party(self, tokens: list[Token], i: int) -> bool:
        """"Labour MP": a party word opening the phrase, not "Peter Green HMI"."""
        return tokens[i].text in self.not_name_words and (i == 0 or not tokens[i - 1].text[:1].isupper())

    def is_title(self, token: Token) -> bool:
        return token.text.rstrip(".") in self.titles
