"""The council gazetteer: canonical names, DfE and ONS codes, and name variants.

Built from ``models/councils.csv``. Each row is one council as it existed over a
period (``valid_from``..``valid_to``), so a name that two councils have shared
("Dorset", "North Yorkshire") resolves by the date the text is about. Spellings
that writers vary ("Kingston-upon-Thames", "Richmond-upon Thames") and the
initialled forms of council types ("Calderdale MBC", "Surrey CC") are generated
here rather than listed row by row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product
from functools import lru_cache
from pathlib import Path

from .resources import load_csv, resolve

# Organisational forms generated from each place name, by council type; a form
# written explicitly for another council in the CSV wins over these, except the
# type-neutral "{} Council" of councils that share the place name (Dorset County
# Council, then Dorset Council: "Dorset council" in a 2015 text is the county,
# which the date decides).
_GENERATED_FORMS = {
    "county council": ["{} Council", "{} County Council"],
    "unitary authority": ["{} Council", "{} County Council", "{} City Council", "{} Borough Council"],
    "metropolitan borough": ["{} Council", "{} City Council", "{} Borough Council",
                             "{} Metropolitan Borough Council", "{} Metropolitan District Council"],
    "London borough": ["{} Council", "{} Borough Council", "London Borough of {}"],
    "other": ["{} Council", "{} County Council", "{} City Council", "{} County Borough Council"],
}
_NEUTRAL_FORM = "{} Council"
_INITIALLED_FORMS = {
    "county council": ["{} CC"],
    "metropolitan borough": ["{} MBC"],
}
# Words joining a place name's parts, written with spaces or hyphens or both
# ("Stoke-on-Trent", "Kingston upon Thames", "Richmond-upon Thames").
_CONNECTIVES = re.compile(r"(?<=\w)([ -])(upon|on|under|with|le)([ -])(?=\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Council:
    """One row of the gazetteer."""

    name: str
    la_code: str | None
    gss_code: str | None
    nation: str
    type: str
    status: str
    valid_from: str
    valid_to: str
    ambiguous: bool  # some bare place name of this council needs strong context
    ofsted_urn: str | None = None

    def valid_on(self, day: str) -> bool:
        return (not self.valid_from or self.valid_from <= day) and (not self.valid_to or day <= self.valid_to)


class Gazetteer:
    """Name variants -> councils, split into organisational forms and bare places.

    ``org_variants`` ("Kent County Council", "Lambeth council", a children's
    trust) always name the council; ``place_variants`` ("Kent") only do so in an
    organisational context, which the councils component decides. Places in
    ``ambiguous_places`` ("Reading", "Richmond", "Hereford") need strong context:
    the column ``ambiguous`` is ``yes`` (every bare form of the row), ``no``, or
    the bare forms that are ambiguous, which get no generated organisational
    forms ("Hereford City Council" and "Newcastle Borough Council" are other councils).
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.councils: dict[str, Council] = {}
        self.org_variants: dict[str, list[str]] = {}
        self.place_variants: dict[str, list[str]] = {}
        self.delivery_bodies: set[str] = set()  # lowercased names of children's trusts and the like
        self.ambiguous_places: set[str] = set()
        self.org_names: dict[str, list[str]] = {}  # canonical name -> the organisational forms its row lists
        explicit: set[str] = set()
        generated: list[tuple[str, str, str]] = []
        for row in load_csv(resolve(path, "councils.csv")):
            council = Council(
                name=row["name"],
                la_code=row["la_code"] or None,
                gss_code=row["gss_code"] or None,
                nation=row["nation"],
                type=row["type"],
                status=row["status"],
                valid_from=row["valid_from"],
                valid_to=row["valid_to"],
                ambiguous=row["ambiguous"] != "no",
                ofsted_urn=row["ofsted_urn"] or None,
            )
            self.councils[council.name] = council
            self.org_names[council.name] = _split(row["org_names"])
            for form in _split(row["org_names"]) + _split(row["delivery_bodies"]):
                for spelling in _apostrophes(form.lower()):
                    explicit.add(spelling)
                    _add(self.org_variants, spelling, council.name)
            self.delivery_bodies.update(s for form in _split(row["delivery_bodies"]) for s in _apostrophes(form.lower()))
            places = _split(row["place_names"])
            listed = [] if row["ambiguous"] in ("yes", "no") else _split(row["ambiguous"])
            ambiguous = places if row["ambiguous"] == "yes" else listed
            kind = row["type"] if row["type"] in _GENERATED_FORMS and council.nation == "England" else "other"
            forms = _GENERATED_FORMS[kind] + _INITIALLED_FORMS.get(kind, [])
            for place in places:
                for spelling in _spellings(place):
                    _add(self.place_variants, spelling, council.name)
                    if place in ambiguous:
                        self.ambiguous_places.add(spelling)
                    if place in listed:
                        continue  # a town's own councils are not this one ("Hereford City Council")
                    generated += [(form.format(spelling).lower(), council.name, spelling if form == _NEUTRAL_FORM else "")
                                  for form in forms]
        for form, name, neutral_place in generated:
            if form not in explicit or (neutral_place and set(self.org_variants[form]) & set(self.place_variants[neutral_place])):
                _add(self.org_variants, form, name)

    def __len__(self) -> int:
        return len(self.councils)

    def get(self, name: str) -> Council | None:
        return self.councils.get(name)

    def pick(self, names: list[str], day: str | None) -> list[Council]:
        """Choose among councils sharing a variant, by the date the text is about.

        A variant can name several councils at once (a trust serving three) or
        one of several over time (Dorset County Council, then Dorset Council).
        Planned councils are only chosen when nothing else fits.
        """
        rows = [self.councils[n] for n in names]
        if len(rows) == 1:
            return rows
        if day:
            valid = [c for c in rows if c.valid_on(day)]
            if valid:
                return valid
        existing = [c for c in rows if c.status != "planned"] or rows
        current = [c for c in existing if c.status == "current"]
        return current or [max(existing, key=lambda c: c.valid_to)]


def _spellings(place: str) -> list[str]:
    """A place name with each connective written spaced, hyphenated or half
    and half: "Kingston upon Thames" -> "Kingston-upon-Thames", "Kingston-upon Thames"."""
    parts = _CONNECTIVES.split(place)
    if len(parts) == 1:
        return [place]
    words, gaps = parts[::4], parts[2::4]
    options = [[(" ", " "), ("-", "-"), ("-", " "), (" ", "-")]] * len(gaps)
    spellings = [place]
    for choice in product(*options):
        spelled = words[0]
        for (left, right), gap, word in zip(choice, gaps, words[1:]):
            spelled += f"{left}{gap}{right}{word}"
        if spelled not in spellings:
            spellings.append(spelled)
    return spellings


def _apostrophes(form: str) -> list[str]:
    """"Birmingham Children's Trust" is also written with a curly apostrophe."""
    return [form, form.replace("'", "’")] if "'" in form else [form]


def _split(field: str) -> list[str]:
    return [part.strip() for part in field.split(";") if part.strip()]


def _add(index: dict[str, list[str]], key: str, name: str) -> None:
    names = index.setdefault(key, [])
    if name not in names:
        names.append(name)


@lru_cache(maxsize=None)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """One gazetteer per file for the whole process: components share it, read-only."""
    return Gazetteer(path)
