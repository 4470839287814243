"""Accuracy of the brief's sector matching (corridor.siting.sector) on labelled briefs in five languages.

tests/data/siting_sector_briefs.csv: 20 project descriptions written by hand in English for the corridor's
typical investors (electronics, garments, cars, tyres, chemicals, food, logistics...), each labelled with its VSIC
2018 division from the bundled list, then translated by hand into Vietnamese, Korean, Japanese and Chinese (the
same 20 projects per language: 100 briefs). Prints top-1 and top-3 accuracy of the division per language.
Note: the way divisions are matched (their own and their groups' names) was chosen on this same set; there is no
held-out set, so the figures are optimistic.

    python benchmarks/siting_sector.py
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from pathlib import Path

from corridor.matching.encoder import E5Encoder
from corridor.siting.sector import SectorResolver

BRIEFS = Path(__file__).resolve().parents[1] / "tests" / "data" / "siting_sector_briefs.csv"


def accuracy(rows: list[dict[str, str]], resolver: SectorResolver) -> dict[str, tuple[int, int, int]]:
    """language -> (briefs, right at top 1, right within the top 3)."""
    counts: dict[str, Counter[str]] = {}
    for row in rows:
        found = resolver.resolve(row["text"])
        tally = counts.setdefault(row["lang"], Counter())
        tally["n"] += 1
        tally["top1"] += found.division == row["vsic_division"]
        tally["top3"] += row["vsic_division"] in (found.division, *found.alternatives)
    return {lang: (c["n"], c["top1"], c["top3"]) for lang, c in counts.items()}


def main() -> None:
    with BRIEFS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    started = time.perf_counter()
    resolver = SectorResolver(E5Encoder(), [])
    found = accuracy(rows, resolver)
    seconds = time.perf_counter() - started
    print(f"{len(rows)} labelled briefs, model {resolver.encoder.name}, {seconds:.1f} s")
    for lang, (n, top1, top3) in found.items():
        print(f"{lang}: top-1 {top1}/{n} = {top1 / n:.0%}, top-3 {top3}/{n} = {top3 / n:.0%}")
    total = sum(n for n, _, _ in found.values())
    top1, top3 = sum(t for _, t, _ in found.values()), sum(t for _, _, t in found.values())
    print(f"all: top-1 {top1 / total:.0%}, top-3 {top3 / total:.0%}")


if __name__ == "__main__":
    main()
