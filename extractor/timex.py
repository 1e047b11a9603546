"""Calendar expressions: find them in text and normalise them with dateparser.

The small English model tags dates unevenly (it splits "between 14 September
and 8 October" in two and misses many year-less days), so explicit calendar
forms are found here by patterns built from ``models/dates.json``; dateparser
(always ``languages=['en']``, never ``search_dates``) turns each one into a
date, and the granularity is what the text wrote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

from .resources import load_json, resolve

_PARSER_SETTINGS = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"}


@dataclass
class Timex:
    """One date or date range found in text, with ISO values at its granularity."""

    start: int
    end: int
    text: str
    value: str
    end_value: str | None
    granularity: str
    inferred_year: bool = False  # the year came from context, not the text
    relative: bool = False  # "April last year": the year is counted from the text's date, not written


@dataclass
class _Atom:
    start: int
    end: int
    day: int | None
    month: int | None
    year: int | None
    text: str
    end_day: int | None = None  # "May 20 and 21"
    end_year: int | None = None  # "2015-16"

    @property
    def granularity(self) -> str:
        return "day" if self.day else "month" if self.month else "year"


def parse_calendar_date(text: str) -> str | None:
    """A full calendar date (day, month and year) as ISO, or None.

    Used for header lines such as "Friday, November 27, 2015" or "12/03/2019".
    """
    if not re.search(r"\d", text):
        return None
    parsed = _dateparse(text, None, ("day", "month", "year"))
    return parsed.date().isoformat() if parsed else None


@lru_cache(maxsize=4096)
def _dateparse(text: str, base: date | None, parts: tuple[str, ...] = ()) -> datetime | None:
    settings = dict(_PARSER_SETTINGS)
    if parts:
        settings["REQUIRE_PARTS"] = list(parts)
    if base:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    try:
        return dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None


class TimexFinder:
    """Finds explicit calendar dates and ranges in running text."""

    def __init__(self, path: str | None = None) -> None:
        vocab = load_json(resolve(path, "dates.json"))
        # title case as written in prose, capitals as in datelines ("10 JUN 2014")
        self.months: dict[str, int] = {**vocab["months"], **{m.upper(): n for m, n in vocab["months"].items()}}
        self.weekdays: dict[str, int] = {**vocab["weekdays"], **{w.upper(): n for w, n in vocab["weekdays"].items()}}
        self.relative_phrases: dict[str, dict] = vocab["relative"]
        self.relative_month_cues: dict[str, int] = vocab["relative_month_cues"]
        self.not_year_before = set(vocab["not_year_before"])
        low, high = vocab["year_range"]
        self.year_range = range(low, high + 1)
        full = [m for m in self.months if m.title() in _MONTH_NAMES]
        short = [m for m in self.months if m.title() not in _MONTH_NAMES]
        mon = "|".join(sorted(full, key=len, reverse=True)) + "|(?:" + "|".join(sorted(short, key=len, reverse=True)) + r")\.?"
        wd = "|".join(sorted(self.weekdays, key=len, reverse=True))
        day = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
        year = r"(?P<{0}>(?:19|20)\d\d)(?!\d)"
        mon_g = r"(?P<{0}>" + mon + r")"
        self._atom = re.compile(
            "|".join([
                r"(?P<num>\b(?P<nd>[0-3]?\d)/(?P<nm>[01]?\d)/(?P<ny>(?:19|20)?\d\d)\b)",
                r"(?P<iso>\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)",
                r"(?P<fy>\b" + year.format("fy1") + r"\s?(?:-|–|/)\s?(?P<fy2>(?:19|20)?\d\d)\b)",
                r"(?P<dmy>\b(?:(?:" + wd + r"),?\s+(?:the\s+)?)?" + day.format("dd") + r"(?:\s+of)?\s+"
                + mon_g.format("dm") + r"(?:,?\s+" + year.format("dy") + r")?)",
                r"(?P<mdd>\b" + mon_g.format("rm") + r"\s+" + day.format("rd1") + r"\s*(?:-|–|to|and)\s*"
                + day.format("rd2") + r"\b(?:,?\s+" + year.format("ry") + r")?)",
                r"(?P<mdy>\b(?:(?:" + wd + r"),?\s+)?" + mon_g.format("mm") + r"\s+" + day.format("md")
                + r"\b(?!\s*(?:-|–|to)\s*\d)(?:,?\s+" + year.format("my") + r")?)",
                r"(?P<myr>\b" + mon_g.format("ym") + r",?\s+" + year.format("yy") + r")",
                r"(?P<year>\b" + year.format("yr") + r"(?!['’]?s\b))",  # not a decade: "the 1980s"
                r"(?P<mon>\b" + mon_g.format("om") + r"(?![\w']))",
            ])
        )
        connectors = "|".join(re.escape(c) for c in vocab["range_connectors"])
        self._connector = re.compile(r"\s*(?:" + connectors + r")\s*")
        self._opener = re.compile(r"(?:\b(?:" + "|".join(vocab["range_openers"]) + r")\s+)$", re.IGNORECASE)
        self._left_day = re.compile(r"(?:\b(?P<open>between|from)\s+)?\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|—|to|and|until)\s*$",
                                    re.IGNORECASE)
        cues = sorted(vocab["bare_month_cues"], key=len, reverse=True)
        relative_cues = "|".join(vocab["relative_month_cues"])
        self._relative_year = re.compile(rf"\s+(?:of\s+)?({relative_cues})\s+year\b", re.IGNORECASE)
        self._list_gap = re.compile(r"\s*(?:,|and|or|,\s*and)\s*")
        self._month_cue = re.compile(r"(?:\b(?:" + "|".join(re.escape(c) for c in cues) + r")\s*)$", re.IGNORECASE)

    # -- finding ---------------------------------------------------------------

    def find(self, text: str, base: date | None) -> list[Timex]:
        """All calendar dates in ``text``; year-less ones take their year from
        ``base`` (the publication date) or, failing that, the nearest stated year."""
        atoms = self._atoms(text)
        years = [a for a in atoms if a.year]
        found: list[Timex] = []
        index = 0
        while index < len(atoms):
            atom = atoms[index]
            nxt = atoms[index + 1] if index + 1 < len(atoms) else None
            if nxt and self._joins(text, atom, nxt):
                timex = self._range(text, atom, nxt, base, years)
                index += 2
            else:
                listed = bool(found) and found[-1].granularity == "month" and bool(
                    self._list_gap.fullmatch(text[found[-1].end:atom.start]))
                timex = self._single(text, atom, base, years, listed)
                index += 1
            if timex:
                found.append(timex)
        return found

    def _atoms(self, text: str) -> list[_Atom]:
        atoms = []
        for m in self._atom.finditer(text):
            g = m.groupdict()
            start, end = m.start(), m.end()
            if g["num"]:
                year = int(g["ny"]) if len(g["ny"]) == 4 else 2000 + int(g["ny"])
                atom = _Atom(start, end, int(g["nd"]), int(g["nm"]), year, m.group())
            elif g["iso"]:
                atom = _Atom(start, end, int(g["id"]), int(g["im"]), int(g["iy"]), m.group())
            elif g["fy"]:
                atom = self._financial_year(m)
                if atom is None:
                    first = int(g["fy1"])
                    atom = _Atom(start, start + 4, None, None, first, g["fy1"]) if first in self.year_range else None
            elif g["dmy"]:
                atom = _Atom(start, end, int(g["dd"]), self.months[g["dm"].rstrip(".")], _int(g["dy"]), m.group())
            elif g["mdd"]:
                month = self.months[g["rm"].rstrip(".")]
                atom = _Atom(start, end, int(g["rd1"]), month, _int(g["ry"]), m.group(), end_day=int(g["rd2"]))
            elif g["mdy"]:
                atom = _Atom(start, end, int(g["md"]), self.months[g["mm"].rstrip(".")], _int(g["my"]), m.group())
            elif g["myr"]:
                atom = _Atom(start, end, None, self.months[g["ym"].rstrip(".")], int(g["yy"]), m.group())
            elif g["year"]:
                atom = self._bare_year(text, m)
            else:
                atom = self._bare_month(text, m)
            if atom and (atom.year is None or atom.year in self.year_range):
                atoms.append(atom)
        return atoms

    def _financial_year(self, m: re.Match) -> _Atom | None:
        first, second = int(m.group("fy1")), m.group("fy2")
        last = int(second) if len(second) == 4 else (first // 100) * 100 + int(second)
        if not 0 < last - first <= 10:
            return None
        return _Atom(m.start(), m.end(), None, None, first, m.group(), end_year=last)

    def _bare_year(self, text: str, m: re.Match) -> _Atom | None:
        before = text[max(0, m.start() - 12):m.start()].split()
        if before and (before[-1] in self.not_year_before or before[-1].endswith(("£", "$", "€"))):
            return None
        if text[m.end():m.end() + 1] in ("%", "£"):
            return None
        return _Atom(m.start(), m.end(), None, None, int(m.group("yr")), m.group())

    def _bare_month(self, text: str, m: re.Match) -> _Atom:
        """A month with no day or year; kept only as part of a range or after a
        cue such as "in" or "since" (see ``_single``)."""
        return _Atom(m.start(), m.end(), None, self.months[m.group("om").rstrip(".")], None, m.group())

    def _joins(self, text: str, left: _Atom, right: _Atom) -> bool:
        gap = text[left.end:right.start]
        if not self._connector.fullmatch(gap) or left.granularity != right.granularity and left.year and not left.month:
            return False
        if gap.strip() == "and":
            return bool(self._opener.search(text[:left.start]))
        return True

    # -- normalising -----------------------------------------------------------

    def _single(self, text: str, atom: _Atom, base: date | None, years: list[_Atom], listed: bool = False) -> Timex | None:
        start = atom.start
        left_day = self._left_day.search(text[max(0, start - 24):start]) if atom.day and atom.month else None
        if left_day:
            start = start - (len(text[max(0, start - 24):start]) - left_day.start())
            left = _Atom(start, start, int(left_day.group("day")), atom.month, atom.year, "")
            return self._range(text, left, atom, base, years, start=start)
        if atom.month is None and atom.year is None:
            return None
        end = atom.end
        year = atom.year
        relative = self._relative_year.match(text, atom.end) if not year else None
        shift = self.relative_month_cues[relative.group(1).lower()] if relative else 0
        if relative and base:  # "April last year"; "January this year" is as good as written
            year, end = base.year + shift, relative.end()
        elif atom.month and not atom.day and not year and not listed \
                and not self._month_cue.search(text[max(0, atom.start - 20):atom.start]):
            return None
        inferred = year is None
        year = year or self._context_year(atom, base, years)
        if year is None:
            return None
        value = self._iso(atom.day, atom.month, year)
        if value is None:
            return None
        end_value = str(atom.end_year) if atom.end_year else None
        if atom.end_day:
            end_value = self._iso(atom.end_day, atom.month, year)
        return Timex(atom.start, end, text[atom.start:end], value, end_value, atom.granularity, inferred,
                     relative=bool(relative) and (shift != 0 or base is None))

    def _range(self, text: str, left: _Atom, right: _Atom, base: date | None, years: list[_Atom],
               start: int | None = None) -> Timex | None:
        right_year = right.year or self._context_year(right, base, years)
        if right_year is None:
            return None
        if left.day and not left.month and right.month:
            left.month = right.month
        left_year = left.year or right_year
        if not left.year and left.month and right.month and left.month > right.month:
            left_year -= 1  # "December to February 2020"
        value = self._iso(left.day, left.month, left_year)
        end_value = self._iso(right.day, right.month, right_year)
        if value is None or end_value is None or value > end_value:
            return None
        if start is None:
            start = left.start
            opener = self._opener.search(text[max(0, start - 10):start])
            if opener:
                start -= len(opener.group())
        return Timex(start, right.end, text[start:right.end], value, end_value, left.granularity, not right.year)

    def _context_year(self, atom: _Atom, base: date | None, years: list[_Atom]) -> int | None:
        if base:
            return base.year
        before = [a.year for a in years if a.end <= atom.start]
        after = [a.year for a in years if a.start >= atom.end]
        return before[-1] if before else after[0] if after else None

    @staticmethod
    def _iso(day: int | None, month: int | None, year: int) -> str | None:
        """ISO at the written granularity, or None for a day the calendar lacks
        (31 June). The parts are already numbers, so the calendar checks them:
        dateparser would re-read a string built from them, at 2 ms a call."""
        if month is None:
            return str(year)
        if not 1 <= month <= 12:
            return None
        if not day:
            return f"{year:04d}-{month:02d}"
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None

    @staticmethod
    def shift_years(timex: Timex, years: int) -> Timex:
        """The same year-less date ``years`` later (earlier when negative):
        "between 14 and 18 December" in a story published in January, told in
        the past tense, is the December before."""
        def move(value: str | None) -> str | None:
            return None if value is None else f"{int(value[:4]) + years:04d}{value[4:]}"
        return Timex(timex.start, timex.end, timex.text, move(timex.value), move(timex.end_value),
                     timex.granularity, timex.inferred_year, timex.relative)

    # -- relative phrases --------------------------------------------------------

    def relative(self, phrase: str, base: date | None, future: bool = False) -> tuple[str, str] | None:
        """Resolve "last year", "yesterday", "on Tuesday", "last March" against
        ``base``; returns (value, granularity) or None when not exact."""
        if base is None:
            return None
        words = re.sub(r"^(?:(?:on|in|the|during|since|by|early|late|mid|the end of|the start of)\s+)+", "",
                       phrase.strip(), flags=re.IGNORECASE)
        words = re.sub(r"\s*['’]s$", "", words)  # "last year's inspection"
        key = words.lower()
        if key in self.relative_phrases:
            rule = self.relative_phrases[key]
            if rule["granularity"] == "day":
                return (base + timedelta(days=rule["days"])).isoformat(), "day"
            if rule["granularity"] == "year":
                return str(base.year + rule["years"]), "year"
            month_index = base.year * 12 + base.month - 1 + rule["months"]
            return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month"
        if words in self.weekdays:  # the nearest such day on or before publication (after, for future events)
            offset = (base.weekday() - self.weekdays[words]) % 7
            day = base + timedelta(days=(7 - offset) % 7 or 7 if future else -offset)
            return day.isoformat(), "day"
        parts = words.split()
        if len(parts) == 2 and parts[0].lower() in self.relative_month_cues and parts[1] in self.months:
            month = self.months[parts[1]]
            shift = self.relative_month_cues[parts[0].lower()]
            year = base.year + (shift if shift else 0)
            if shift == -1 and month < base.month:
                year = base.year
            return f"{year:04d}-{month:02d}", "month"
        return None


_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"]


def _int(value: str | None) -> int | None:
    return int(value) if value else None
