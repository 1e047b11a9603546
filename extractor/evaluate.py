"""Score records against gold annotations: precision, recall and F1 per field.

Gold files (``corpus/gold/*.json``) use the record's field names without
offsets (see ``corpus/GUIDELINES.md``). Facts are matched by what they mean, not
where they are: councils by GSS code, ratings by subject + grade + status,
dates by value and end value, counts by value and item, money by value and
currency, officials by name (and, for ``officials_role``, a role that shares
most of its words with the gold role).
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .api import Extractor
from .records import Record

FIELDS = ("councils", "ratings", "ratings_detail", "dates", "dates_role", "counts", "money", "officials",
          "officials_role", "authors", "published", "title")
_HONORIFICS = re.compile(r"^(?:cllr|councillor|mr|mrs|ms|miss|dr|prof|professor)\.?\s+", re.IGNORECASE)
_ROLE_STOPWORDS = {"the", "a", "an", "of", "for", "at", "and", "to", "in", "on", "with", "'s", "s"}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn


def body_score(gold: str, predicted: str) -> Score:
    """Bag-of-words overlap of an extracted body with the gold body, the measure
    article-extraction benchmarks use (order-free, so paragraph breaks and
    whitespace do not matter; boilerplate costs precision, lost text recall)."""
    def words(text: str) -> Counter:
        return Counter(re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower()))
    wanted, got = words(gold), words(predicted)
    common = sum((wanted & got).values())
    return Score(tp=common, fp=sum(got.values()) - common, fn=sum(wanted.values()) - common)


@dataclass
class DocumentResult:
    name: str
    scores: dict[str, Score]
    missed: dict[str, list] = field(default_factory=dict)
    spurious: dict[str, list] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


@dataclass
class Report:
    documents: list[DocumentResult]

    def totals(self) -> dict[str, Score]:
        totals = {name: Score() for name in FIELDS}
        for result in self.documents:
            for name, score in result.scores.items():
                totals[name].add(score)
        return totals

    def to_dict(self) -> dict:
        return {
            "documents": len(self.documents),
            "fields": {name: {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                              "tp": s.tp, "fp": s.fp, "fn": s.fn} for name, s in self.totals().items()},
        }

    def table(self) -> str:
        lines = [f"{'field':<16}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
        for name, s in self.totals().items():
            lines.append(f"{name:<16}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
        lines.append(f"({len(self.documents)} documents)")
        return "\n".join(lines)


def gold_pairs(path: str | Path) -> list[tuple[Path, Path]]:
    """(article, gold) pairs under a corpus folder (``articles/`` + ``gold/``) or a gold folder."""
    root = Path(path)
    gold_dir = root / "gold" if (root / "gold").is_dir() else root
    articles = root / "articles" if (root / "articles").is_dir() else gold_dir.parent / "articles"
    pairs = []
    for gold in sorted(gold_dir.glob("*.json")):
        matches = sorted(p for p in articles.glob(gold.stem + ".*") if p.suffix != ".json")
        if not matches:
            raise FileNotFoundError(f"no article for gold file {gold}")
        pairs.append((matches[0], gold))
    if not pairs:
        raise FileNotFoundError(f"no gold files under {root}")
    return pairs


def evaluate(path: str | Path, extractor: Extractor | None = None) -> Report:
    """Run the extractor over a gold corpus and score every field."""
    pairs = gold_pairs(path)
    extractor = extractor or Extractor()
    records = extractor.extract_many(article for article, _ in pairs)
    results = []
    for (article, gold_path), record in zip(pairs, records):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        results.append(score_record(gold, record, name=article.name))
    return Report(results)


def score_record(gold: dict, record: Record, name: str = "") -> DocumentResult:
    predicted = record.to_dict()
    result = DocumentResult(name=name, scores={}, errors=[e["message"] for e in predicted["errors"]])
    comparisons: dict[str, tuple[list, list, Callable]] = {
        "councils": (gold.get("councils", []), predicted["councils"], _same_council),
        "ratings": (gold.get("ratings", []), predicted["ratings"], _same_rating),
        "ratings_detail": (gold.get("ratings", []), predicted["ratings"], _same_rating_detail),
        "dates": (gold.get("dates", []), predicted["dates"], _same_date),
        "dates_role": (gold.get("dates", []), predicted["dates"], _same_date_role),
        "counts": (gold.get("counts", []), predicted["counts"], _same_count),
        "money": (gold.get("money", []), predicted["money"], _same_money),
        "officials": (gold.get("officials", []), predicted["officials"], _same_person),
        "officials_role": (gold.get("officials", []), predicted["officials"], _same_official),
        "authors": (gold.get("authors", []), predicted["authors"], lambda g, p: _name_key(g) == _name_key(p)),
        "published": (_listed(gold.get("published")), _listed(predicted["published"]), lambda g, p: g == p),
        "title": (_listed(gold.get("title")), _listed(predicted["title"]), lambda g, p: _text_key(g) == _text_key(p)),
    }
    for field_name, (gold_items, predicted_items, same) in comparisons.items():
        score, missed, spurious = match(gold_items, predicted_items, same)
        result.scores[field_name] = score
        if missed:
            result.missed[field_name] = missed
        if spurious:
            result.spurious[field_name] = spurious
    return result


def match(gold: list, predicted: list, same: Callable[[object, object], bool]) -> tuple[Score, list, list]:
    """Greedy one-to-one matching; duplicates on either side count once."""
    gold = _unique(gold, same)
    predicted = _unique(predicted, same)
    unmatched = list(predicted)
    missed = []
    tp = 0
    for item in gold:
        for candidate in unmatched:
            if same(item, candidate):
                unmatched.remove(candidate)
                tp += 1
                break
        else:
            missed.append(item)
    return Score(tp=tp, fp=len(unmatched), fn=len(missed)), missed, unmatched


def _unique(items: Iterable, same: Callable) -> list:
    out: list = []
    for item in items:
        if not any(same(item, seen) for seen in out):
            out.append(item)
    return out


def _listed(value: object) -> list:
    return [] if value in (None, "") else [value]


def _text_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def _name_key(name: str) -> str:
    return _HONORIFICS.sub("", _text_key(name)).strip(" .,")


def _subject_key(name: str) -> str:
    key = re.sub(r"[^\w\s]", "", _text_key(name).replace("'s", "s"))
    return re.sub(r"^the\s+", "", key).strip()


def _same_council(g: dict, p: dict) -> bool:
    if g.get("gss_code") and p.get("gss_code"):
        return g["gss_code"] == p["gss_code"]
    return _subject_key(g["name"]) == _subject_key(p["name"])


def _same_subject(g: dict, p: dict) -> bool:
    if g.get("gss_code") and p.get("gss_code"):
        return g["gss_code"] == p["gss_code"]
    a, b = _subject_key(g["subject"]), _subject_key(p["subject"])
    return a == b or (len(a) > 6 and len(b) > 6 and (a in b or b in a))


def _same_rating(g: dict, p: dict) -> bool:
    return _same_subject(g, p) and g["rating"] == p["rating"] and g["status"] == p["status"]


def _same_rating_detail(g: dict, p: dict) -> bool:
    return _same_rating(g, p) and g.get("judgement") == p.get("judgement") and g.get("year") == p.get("year")


def _same_date(g: dict, p: dict) -> bool:
    return g["value"] == p["value"] and g.get("end_value") == p.get("end_value")


def _same_date_role(g: dict, p: dict) -> bool:
    return _same_date(g, p) and g.get("role") == p.get("role")


def _same_count(g: dict, p: dict) -> bool:
    return float(g["value"]) == float(p["value"]) and _text_key(g["item"]) == _text_key(p["item"])


def _same_money(g: dict, p: dict) -> bool:
    return abs(float(g["value"]) - float(p["value"])) < 0.005 and g["currency"] == p["currency"]


def _same_person(g: dict, p: dict) -> bool:
    return _name_key(g["name"]) == _name_key(p["name"])


def _role_words(role: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", _text_key(role or "")) if w not in _ROLE_STOPWORDS}


def _same_official(g: dict, p: dict) -> bool:
    """Same person, and roles sharing at least half their content words."""
    if not _same_person(g, p):
        return False
    a, b = _role_words(g.get("role")), _role_words(p.get("role"))
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= 0.5 and len(a & b) / max(len(a), len(b)) >= 0.34
