"""Finding duplicates among stored records: blocking candidates cheaply, then scoring them (registry.resolution).

Blocking keeps the pairs to score small enough for a registry of 100k firms: a candidate shares a distinctive
name word (legal forms and "Việt Nam" removed) or the 10-digit root of a tax code. Storage narrows by the same keys
in SQL for one check; imports and the review list index every record once in memory (`CandidateIndex`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from corridor.i18n import Message
from corridor.reference.admin import AdminIndex
from corridor.registry.resolution import Band, FirmFields, Resolution, compare_firms, firm_name_tokens

__all__ = [
    "RESOLVED_KINDS",
    "BlockingKeys",
    "CandidateIndex",
    "Duplicate",
    "DuplicatePair",
    "blocking_keys",
    "current_province",
    "fields_from_row",
    "rank_candidates",
    "review_pairs",
]

RESOLVED_KINDS = ("firms", "zones")
# A word in more records than this says little (e.g. "electronics"): it blocks only when a name has no rarer one.
_COMMON_WORD_RECORDS = 2_000


@dataclass(frozen=True)
class BlockingKeys:
    words: frozenset[str]
    tax_root: str | None  # first 10 digits of the MST


@dataclass(frozen=True)
class Duplicate:
    """A stored record that may be the same as a candidate."""

    record_id: str
    name: str
    score: float
    band: Band
    reasons: list[Message] = field(default_factory=list)


@dataclass(frozen=True)
class DuplicatePair:
    """Two stored records that may be one (the review list)."""

    kind: str
    first_id: str
    first_name: str
    second_id: str
    second_name: str
    score: float
    band: Band
    reasons: list[Message] = field(default_factory=list)


def blocking_keys(fields: FirmFields) -> BlockingKeys:
    digits = "".join(ch for ch in fields.tax_code or "" if ch.isdigit())
    words = {word for word in firm_name_tokens(fields.name) if len(word) >= 2}
    return BlockingKeys(frozenset(words), digits[:10] if len(digits) >= 10 else None)


def current_province(named: str | None, admin: AdminIndex) -> str | None:
    """The 2025 province ID for a province ID or name (pre-2025 names map to their successor); None if unknown."""
    if not named:
        return None
    unit = admin.units.get(named)
    if unit is None:
        resolved = admin.resolve(named, dt.date.today())
        unit = resolved.unit if resolved else None
    return admin.current_and_former(unit)[0] if unit else None


def fields_from_row(kind: str, row: Mapping[str, Any]) -> FirmFields:
    """What resolution compares, from a view row of firms or zones."""
    if kind == "zones":
        names = " ".join(part for part in (row.get("name_vi"), row.get("name_en") and f"({row['name_en']})") if part)
        return FirmFields(names, None, row.get("province_id"), None, None, row.get("lat"), row.get("lon"))
    return FirmFields(
        row["name"], row.get("tax_code"), row.get("province_id"), row.get("zone_id"), row.get("address"),
        row.get("lat"), row.get("lon"),
    )  # fmt: skip


def rank_candidates(
    kind: str, fields: FirmFields, rows: Iterable[Mapping[str, Any]], limit: int = 10
) -> list[Duplicate]:
    """The rows in the merge or review band, best first."""
    found = []
    for row in rows:
        result = compare_firms(fields, fields_from_row(kind, row))
        if result.band != "distinct":
            found.append(_duplicate(kind, row, result))
    return sorted(found, key=lambda d: (-d.score, d.record_id))[:limit]


def _duplicate(kind: str, row: Mapping[str, Any], result: Resolution) -> Duplicate:
    name = row["name_vi"] if kind == "zones" else row["name"]
    return Duplicate(row["id"], name, result.score, result.band, result.reasons)


class CandidateIndex:
    """Every stored record of a kind, indexed by name word and tax-code root (built once per import)."""

    def __init__(self, kind: str, rows: Iterable[Mapping[str, Any]]) -> None:
        self.kind = kind
        self.rows = {row["id"]: row for row in rows}
        self._by_word: dict[str, set[str]] = defaultdict(set)
        self._by_tax_root: dict[str, set[str]] = defaultdict(set)
        for record_id, row in self.rows.items():
            keys = blocking_keys(fields_from_row(kind, row))
            for word in keys.words:
                self._by_word[word].add(record_id)
            if keys.tax_root:
                self._by_tax_root[keys.tax_root].add(record_id)

    def candidate_ids(self, fields: FirmFields) -> set[str]:
        keys = blocking_keys(fields)
        blocks = sorted((self._by_word.get(word, set()) for word in keys.words), key=len)
        rare = [block for block in blocks if len(block) <= _COMMON_WORD_RECORDS] or blocks[:1]
        found = set().union(*rare) if rare else set()
        return found | (self._by_tax_root.get(keys.tax_root, set()) if keys.tax_root else set())

    def duplicates(self, fields: FirmFields, exclude: str | None = None, limit: int = 10) -> list[Duplicate]:
        rows = (self.rows[i] for i in sorted(self.candidate_ids(fields)) if i != exclude)
        return rank_candidates(self.kind, fields, rows, limit)


def review_pairs(index: CandidateIndex) -> list[DuplicatePair]:
    """Pairs of stored records in the merge or review band, each pair once, best first."""
    pairs = []
    for record_id, row in index.rows.items():
        for found in index.duplicates(fields_from_row(index.kind, row), exclude=record_id, limit=50):
            if record_id < found.record_id:
                name = row["name_vi"] if index.kind == "zones" else row["name"]
                pairs.append(
                    DuplicatePair(
                        index.kind,
                        record_id,
                        name,
                        found.record_id,
                        found.name,
                        found.score,
                        found.band,
                        found.reasons,
                    )
                )
    return sorted(pairs, key=lambda p: (-p.score, p.first_id, p.second_id))
