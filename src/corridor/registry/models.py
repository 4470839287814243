"""Plain records of the registry: sources, statements read from files, and the current views."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "AutoMerge",
    "ImportResult",
    "Observation",
    "PossibleDuplicate",
    "RecordDetail",
    "SourceRef",
    "Statement",
    "Withdrawal",
]


@dataclass(frozen=True)
class SourceRef:
    """Where a fact comes from: title, address and the date the source speaks for ('unknown' if undated)."""

    title: str
    url: str = ""
    as_of: str = "unknown"


@dataclass(frozen=True)
class Statement:
    """One validated row of an import: what one source says about one record."""

    row_number: int
    record_id: str
    fields: dict[str, Any]
    source: SourceRef


@dataclass(frozen=True)
class Observation:
    """A stored statement, with when and by whom it was loaded."""

    record_id: str
    fields: dict[str, Any]
    source: SourceRef
    source_id: int
    loaded_at: dt.datetime
    loaded_by: str
    order: int = 0  # storage insertion order (the observation's ID), the last tie-breaker
    withdrawn: Withdrawal | None = None  # set when read for history; views never see withdrawn statements


@dataclass(frozen=True)
class Withdrawal:
    """A statement taken out of the views (kept for history): by which write, who, when and why."""

    write_id: int
    at: dt.datetime
    by: str
    reason: str


@dataclass(frozen=True)
class AutoMerge:
    """A new record of an import folded into a stored one because resolution scored them in the merge band."""

    kept_id: str
    merged_id: str
    score: float


@dataclass(frozen=True)
class PossibleDuplicate:
    """A new record of an import that may be a stored one (review band): created, and listed for a person."""

    record_id: str
    existing_id: str
    existing_name: str
    score: float


@dataclass
class ImportResult:
    kind: str
    file_name: str
    rows: int
    added: int
    unchanged: int
    dry_run: bool
    records: list[str] = field(default_factory=list)
    merged: list[AutoMerge] = field(default_factory=list)
    to_review: list[PossibleDuplicate] = field(default_factory=list)


@dataclass(frozen=True)
class RecordDetail:
    """What a record's page needs, read at once: its view row (with the source list stored at write time), the
    names of the units it refers to, and for a zone the firms in it."""

    row: dict[str, Any]
    unit_names: dict[str, str]
    firms: list[dict[str, Any]] = field(default_factory=list)
