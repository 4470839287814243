"""Separating maintainers' curation remarks from the notes the public sees.

The curated research files mix two kinds of remark in one note: what a reader should know ("phase 1 land
clearance 86 ha") and how the record was made or what is left to check ("secondary source (thesis excerpt);
verify", "github DuongNhuICE/imap layers/...js (commit e8febe1)", "fills BG_LC"). The data and the database keep
the whole note (export and import stay a round trip); public fields (API, pages) show only the clauses that carry
no curation marker. The rule: a note is cut into clauses at top-level ';' and '. ' (not inside brackets), and a
clause is dropped when it matches one of `_CURATION_MARKERS`.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["public_note", "public_status_note", "public_value"]

_CURATION_MARKERS = re.compile(
    "|".join(
        (
            r"\bverify\b",
            r"\bcheck\b",
            r"\bward table\b",
            r"\bgithub\b",
            r"\bcommit [0-9a-f]{6,}",
            r"\bPyPI\b",
            r"\bthesis\b",
            r"\bround[- ]\d",
            r"\bCONFLICT\b",
            r"\[source dates",
            r"\bfills\b",
            r"\b[\w./-]+\.(?:csv|js|py|md|json|geojson|xlsx)\b",  # a repository path
            r"\b[a-z]+_[a-z0-9_]+\b",  # a raw field key, e.g. name_vi, industrial_zones
            r"\b[A-Z]{2,}_[A-Z0-9_]+\b",  # an internal record id, e.g. BG_LC, HY_BQL
        )
    ),
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"\s*\(([^()]*)\)")
_KEEP_CASE = re.compile(r"\b[A-Z]{2,}_[A-Z0-9_]+\b")


# Notes are read far more often than written, and the same few hundred come back on every list: cache the cut.
@lru_cache(maxsize=32_768)
def public_note(note: str | None) -> str | None:
    """`note` without its curation clauses; None when nothing public is left."""
    if not note:
        return None
    kept = [clause for clause in _clauses(note) if not _is_curation(clause)]
    text = "; ".join(kept).strip(" ;.")
    return text or None


def public_status_note(note: str | None, status: str | None) -> str | None:
    """The status as the source words it, unless it only repeats the status code ('operating')."""
    shown = public_note(note)
    if shown is None or shown.strip().lower().replace(" ", "_") == (status or ""):
        return None
    return shown


@lru_cache(maxsize=32_768)
def public_value(value: str | None) -> str | None:
    """A short value without its bracketed curation remarks: 'real estate (verify)' -> 'real estate'."""
    if not value:
        return value
    kept = _BRACKETED.sub(lambda m: "" if _is_curation(m[1]) else m[0], value)
    return kept.strip() or None


def _is_curation(clause: str) -> bool:
    return bool(_CURATION_MARKERS.search(clause) or _KEEP_CASE.search(clause))


def _clauses(note: str) -> list[str]:
    """Cut at ';' and '. ' outside brackets: 'a (b; c); d. e' -> ['a (b; c)', 'd', 'e']."""
    clauses: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(note):
        depth += (ch in "([") - (ch in ")]")
        ends = ch == ";" or (ch == "." and note[i + 1 : i + 2] in (" ", ""))
        if depth <= 0 and ends:
            clauses.append(note[start:i].strip())
            start = i + 1
    clauses.append(note[start:].strip())
    return [c for c in clauses if c]
