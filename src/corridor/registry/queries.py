"""What a caller can ask of the registry's views: text, equality filters, minimums, code prefixes, paging."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["RecordQuery"]


@dataclass
class RecordQuery:
    text: str | None = None  # words matched against folded names (case and diacritics ignored)
    # Other ways of writing the same search (a foreign place name in Vietnamese): a record matching the words of
    # any one of them, or of `text`, is found.
    text_alternatives: tuple[str, ...] = ()
    ids: list[str] | None = None
    equals: dict[str, list[str]] = field(default_factory=dict)  # column -> allowed values
    at_least: dict[str, float] = field(default_factory=dict)  # column -> minimum
    code_prefix: dict[str, str] = field(default_factory=dict)  # ;-list column -> code prefix (VSIC, HS)
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat (WGS 84)
    sort: str | None = None  # column name, '-' prefix for descending
    limit: int | None = None
    offset: int = 0
