"""Building a record's current view from its observations: the newest source wins, field by field.

"Newest" is the source's as-of date (an undated source counts as oldest), then the load time. Older
statements stay stored and are listed as the record's sources; nothing is averaged or overwritten. Fields
that only make sense together (a point and its precision; a status and its wording) come from one source,
and a source that gives a point beats one that only names a coarser precision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from corridor.registry.models import Observation

__all__ = ["MergedRecord", "as_of_sort_key", "merge_observations", "ordered_observations", "source_list"]

LOCATION_FIELDS = ("lat", "lon", "precision", "location_note")
LINKED_FIELDS = (LOCATION_FIELDS, ("status", "status_note"), ("available_ha", "available_derivation"))
_GROUP_OF = {name: group for group in LINKED_FIELDS for name in group}


@dataclass(frozen=True)
class MergedRecord:
    fields: dict[str, Any]
    field_sources: dict[str, Observation]  # which observation each field came from
    headline: Observation  # the newest observation
    observations: list[Observation]  # all, newest first


def as_of_sort_key(as_of: str) -> str:
    """'2025-07' sorts after '2025' and before '2025-07-20'; 'unknown' sorts first."""
    return "" if as_of in {"", "unknown"} else as_of


def ordered_observations(observations: Iterable[Observation]) -> list[Observation]:
    """Most authoritative first."""
    return sorted(
        observations,
        key=lambda o: (as_of_sort_key(o.source.as_of), o.loaded_at, o.order),
        reverse=True,
    )


def merge_observations(observations: Iterable[Observation]) -> MergedRecord:
    ordered = ordered_observations(observations)
    merged: dict[str, Any] = {}
    sources: dict[str, Observation] = {}
    with_point = [o for o in ordered if not _is_empty(o.fields.get("lat"))]
    for observation in ordered:
        for key, value in observation.fields.items():
            if _is_empty(value) or key in sources:
                continue
            group = _GROUP_OF.get(key, (key,))
            chosen = with_point[0] if group is LOCATION_FIELDS and with_point else observation
            for name in group:
                sources[name] = chosen
                if not _is_empty(chosen.fields.get(name)):
                    merged[name] = chosen.fields[name]
    return MergedRecord(merged, sources, ordered[0], ordered)


def _is_empty(value: object) -> bool:
    return value is None or value == ""


def source_list(merged: MergedRecord) -> list[dict[str, Any]]:
    """Every source's statement, newest first, with the fields it supplies to the view now (public JSON)."""
    listed = []
    for observation in merged.observations:
        used = sorted(k for k, o in merged.field_sources.items() if o is observation)
        listed.append(
            {
                "title": observation.source.title,
                "url": observation.source.url or None,
                "as_of": observation.source.as_of,
                "loaded_at": observation.loaded_at.isoformat(),
                "loaded_by": observation.loaded_by,
                "states": observation.fields,
                "current_for": used,
            }
        )
    return listed
