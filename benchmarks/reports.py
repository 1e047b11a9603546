"""Score report PDFs against a peer scraper's extraction, and time them.

    python benchmarks/reports.py FOLDER [--peer FOLDER/peer_extraction.csv]

FOLDER holds Ofsted children's services inspection PDFs; the peer CSV (columns
file, urn, inspector_name, inspection_start_date, inspection_end_date and one
column per judgement) is what another tool extracted from them. Blank and
``data_unreadable`` cells are the peer's failures, not facts, and are skipped.
Reports: grades the peer found that our record has with the same judgement;
pre-2018 reports with an overall judgement; council, inspection dates and lead
inspector right (the peer's names compared without case, with the hyphens its
PDF reader broke rejoined: "Paula Thomson -Jones"); seconds per report (read +
NLP + record, one process). --verbose names each report's misses and the
pre-2018 reports without an overall judgement.
"""
from __future__ import annotations

import argparse
import csv
import re
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

from extractor import Extractor
from extractor.documents import DocumentError
from extractor.gazetteer import Gazetteer

COLUMNS = {"overall_effectiveness_grade": "overall effectiveness", "impact_of_leaders_grade": "leadership",
           "help_and_protection_grade": "help and protection", "in_care_grade": "children in care",
           "care_leavers_grade": "care leavers"}
NOT_GRADES = {"", "data_unreadable", "inspection_pre_dates_judgement", "not_reported_post_reform", "not_applicable",
              "none"}


def iso(day: str) -> str | None:
    for fmt in ("%d/%m/%Y", "%d/%m/%y"):
        try:
            return datetime.strptime(day, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def peer_name(name: str) -> str:
    """The peer's name with the hyphen its PDF reader broke rejoined, for a comparison without case."""
    return re.sub(r"\s+-\s*", "-", name.strip()).casefold()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--peer")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    folder = Path(args.folder)
    peer_path = Path(args.peer) if args.peer else folder / "peer_extraction.csv"
    rows = list(csv.DictReader(open(peer_path, encoding="utf-8")))
    by_urn = {c.ofsted_urn: c for c in Gazetteer().councils.values() if c.ofsted_urn}
    extractor = Extractor()
    extractor.extract(folder / rows[0]["file"])  # warm up
    grades = grades_ok = old = old_ok = 0
    old_missing = []
    checks = {"council": [0, 0], "dates": [0, 0], "inspector": [0, 0]}
    seconds = []
    unreadable = []
    for row in rows:
        start = time.perf_counter()
        try:
            record = extractor.extract(folder / row["file"])
        except DocumentError as error:  # counted apart: a readable report is what is scored
            unreadable.append(error)
            continue
        seconds.append(time.perf_counter() - start)
        current = {(r.judgement, r.rating) for r in record.ratings if r.status == "current"}
        problems = []
        for column, judgement in COLUMNS.items():
            grade = row[column].strip().lower()
            if grade in NOT_GRADES:
                continue
            grades += 1
            if (judgement, grade) in current:
                grades_ok += 1
            else:
                problems.append(f"missing {judgement}={grade}")
        year = int(row["file"].rsplit("-", 1)[-1][:4])
        if year < 2018:
            old += 1
            has_overall = any(j == "overall effectiveness" for j, _ in current)
            old_ok += has_overall
            old_missing += [] if has_overall else [row["file"]]
        council = by_urn.get(row["urn"])
        if council:  # the council of the time counts: North Yorkshire County Council in 2014
            checks["council"][1] += 1
            ok = council.la_code in {c.la_code for c in record.councils}
            checks["council"][0] += ok
            problems += [] if ok else [f"council {council.name}"]
        if row["inspection_start_date"]:
            checks["dates"][1] += 1
            span = (iso(row["inspection_start_date"]), iso(row["inspection_end_date"]))
            ok = any((d.value, d.end_value) == span and d.role == "inspection" for d in record.dates)
            checks["dates"][0] += ok
            problems += [] if ok else [f"dates {span}"]
        if row["inspector_name"]:
            checks["inspector"][1] += 1
            ok = any(o.name.casefold() == peer_name(row["inspector_name"]) for o in record.officials)
            checks["inspector"][0] += ok
            problems += [] if ok else [f"inspector {row['inspector_name']}"]
        if args.verbose and problems:
            print(row["file"], "; ".join(problems))
    for error in unreadable:
        print(f"unreadable: {error}")
    if args.verbose:
        for name in old_missing:
            print(f"pre-2018, no overall judgement: {name}")
    print(f"reports: {len(rows)} ({len(unreadable)} unreadable); seconds per report: median {statistics.median(seconds):.2f}, "
          f"max {max(seconds):.2f}")
    print(f"peer grades found with the same judgement: {grades_ok}/{grades} ({grades_ok / max(grades, 1):.1%})")
    print(f"pre-2018 reports with an overall judgement: {old_ok}/{old} ({old_ok / max(old, 1):.1%})")
    for name, (ok, total) in checks.items():
        print(f"{name} right (where the peer has one): {ok}/{total} ({ok / max(total, 1):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
