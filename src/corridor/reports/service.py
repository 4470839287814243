"""Indicator series of a corridor or a locality on 2025 or pre-2025 boundaries, for the API, CLI and pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from corridor.errors import InvalidInput, NotFound
from corridor.i18n import Message, translate
from corridor.reference.admin import MERGER_DATE, AdminIndex
from corridor.reference.loading import CORRIDORS
from corridor.reports.indicators import (
    ADDITIVE,
    Fact,
    Merger,
    Point,
    definition_of,
    series_on_2025_boundaries,
    series_on_pre2025_boundaries,
)

__all__ = ["BOUNDARIES", "IndicatorService", "Series", "point_json"]

BOUNDARIES = ("2025", "pre2025")


class IndicatorSource(Protocol):
    """What the report needs from the registry."""

    def indicators(self, locality: str | None = None, as_of: dt.date | None = None) -> list[dict[str, Any]]: ...
    def indicator_units(self, locality: str, as_of: dt.date | None = None) -> set[str]: ...
    def admin_index(self) -> AdminIndex: ...


@dataclass(frozen=True)
class Series:
    """The answer: which boundaries, which localities (id -> name), their points, and the corridor totals."""

    boundaries: str
    corridor: str
    localities: dict[str, str]
    points: list[Point]
    totals: list[Point]
    note: Message | None = None
    unit_names: dict[str, str] | None = None  # every unit a figure behind a point belongs to


def _names(admin: AdminIndex, ids: Iterable[str]) -> dict[str, str]:
    today = dt.date.today()
    return {i: admin.label(i, today) if i in admin.units else i for i in ids}


def _fact_units(points: list[Point]) -> set[str]:
    return {f.locality_id for p in points for f in (*p.used, *p.parts, *p.weights, *p.alternatives)}


def _fact(row: dict[str, Any]) -> Fact:
    source = row["source"]
    return Fact(
        row["locality"]["id"], row["year"], row["indicator"], float(row["value"]), row["unit"], row.get("status"),
        source["title"], source["url"] or "", source["as_of"], row.get("note"),
    )  # fmt: skip


class IndicatorService:
    def __init__(self, registry: IndicatorSource) -> None:
        self._registry = registry

    def facts(self) -> list[Fact]:
        return [_fact(row) for row in self._registry.indicators()]

    def corridor_merger(self, corridor: str) -> Merger:
        """The corridor's 2025 provinces and the pre-2025 provinces each was made of."""
        if corridor not in CORRIDORS:
            raise NotFound("No corridor '{name}' on {date}", name=corridor, date=dt.date.today().isoformat())
        admin = self._registry.admin_index()
        new_ids = [f"VN-{int(code):02d}-2025" for code in CORRIDORS[corridor][3] if code.isdigit()]
        parts = {new_id: list(admin.predecessors.get(new_id, [])) for new_id in new_ids}
        return Merger(parts, _names(admin, [*parts, *(p for ps in parts.values() for p in ps)]))

    def series(
        self,
        *,
        corridor: str = "vehec",
        locality: str | None = None,
        indicator: str | None = None,
        boundaries: str | None = None,
    ) -> Series:
        """Series of the corridor's provinces (or of one locality), one indicator or all."""
        if boundaries is not None and boundaries not in BOUNDARIES:
            raise InvalidInput("Boundaries must be 2025 or pre2025, not '{value}'", value=boundaries)
        admin = self._registry.admin_index()
        merger = self.corridor_merger(corridor)
        note = None
        if locality:
            merger, boundaries, note = self._locality_merger(locality, boundaries, admin)
        chosen = boundaries or "2025"
        facts = [f for f in self.facts() if indicator is None or _matches(f, indicator)]
        if indicator and not facts:
            raise NotFound("No indicator '{name}'", name=indicator)
        if chosen == "2025":
            points = series_on_2025_boundaries(facts, merger)
            totals = corridor_totals(points, list(merger.parts)) if not locality else []
        else:
            olds = {old for parts in merger.parts.values() for old in parts}
            points = [p for p in series_on_pre2025_boundaries(facts) if p.locality_id in olds]
            totals = []
        ids = sorted({p.locality_id for p in points} | (set(merger.parts) if chosen == "2025" else set()))
        return Series(chosen, corridor, _names(admin, ids), points, totals, note, _names(admin, _fact_units(points)))

    def _locality_merger(
        self, locality: str, boundaries: str | None, admin: AdminIndex
    ) -> tuple[Merger, str, Message | None]:
        """One locality: an old name means its own figures unless the 2025 boundaries are asked for."""
        resolution = admin.resolve(locality, dt.date.today())
        if resolution is None:
            close = ", ".join(admin.close_matches(locality)) or "-"
            raise NotFound("No province or locality '{name}' (close matches: {close})", name=locality, close=close)
        unit = resolution.unit
        if unit.is_pre2025:
            successors = admin.successors.get(unit.id, [])
            if boundaries == "2025" and successors:
                new_id = successors[0]
                note = Message("{old} is part of {new} since {date}: showing {new}", old=unit.name,
                               new=admin.units[new_id].name, date=MERGER_DATE.isoformat())  # fmt: skip
                parts = list(admin.predecessors.get(new_id, []))
                return Merger({new_id: parts}, _names(admin, [new_id, *parts])), "2025", note
            return Merger({unit.id: [unit.id]}), boundaries or "pre2025", None
        parts = list(admin.predecessors.get(unit.id, [])) or [unit.id]
        return Merger({unit.id: parts}, _names(admin, [unit.id, *parts])), boundaries or "2025", None


def _matches(fact: Fact, wanted: str) -> bool:
    definition, _ = definition_of(fact)
    text = wanted.strip().casefold()
    return text in {definition.key.casefold(), definition.label.casefold(), fact.indicator.casefold()}


def corridor_totals(points: list[Point], members: list[str]) -> list[Point]:
    """Additive indicators summed over the corridor's provinces, for years where every province has a figure."""
    by_key: dict[tuple[str, int], dict[str, Point]] = {}
    for point in points:
        by_key.setdefault((point.indicator, point.year), {})[point.locality_id] = point
    totals = []
    for (key, year), found in sorted(by_key.items()):
        first = next(iter(found.values()))
        if _rule(first) != ADDITIVE:
            continue
        complete = all(m in found and found[m].value is not None for m in members)
        value = sum(found[m].value or 0.0 for m in members) if complete else None
        used = tuple(f for p in found.values() for f in p.used)
        reason = None if complete else Message("Not totalled: not every province has a figure for this year")
        totals.append(Point("corridor", key, first.label, year, value, first.unit, "sum" if complete else "incomplete",
                            used, reason=reason))  # fmt: skip
    return totals


def _rule(point: Point) -> str:
    from corridor.reports.indicators import INDICATORS

    return next((d.rule for d in INDICATORS if d.key == point.indicator), "")


def _fact_json(fact: Fact, names: dict[str, str]) -> dict[str, Any]:
    return {
        "locality": {"id": fact.locality_id, "name": names.get(fact.locality_id, fact.locality_id)},
        "year": fact.year,
        "value": fact.value,
        "unit": fact.unit,
        "status": fact.status,
        "source": {"title": fact.source_title, "url": fact.source_url or None, "as_of": fact.as_of},
    }


def point_json(point: Point, names: dict[str, str], lang: str) -> dict[str, Any]:
    """A point as JSON: value (null when not given), method, reason, and the figures behind it."""
    return {
        "locality": {"id": point.locality_id, "name": names.get(point.locality_id, point.locality_id)},
        "indicator": point.indicator,
        "label": translate(point.label, lang),
        "year": point.year,
        "value": point.value,
        "unit": point.unit,
        "method": point.method,
        "reason": point.reason.render(lang) if point.reason else None,
        "used": [_fact_json(f, names) for f in point.used],
        "weights": [_fact_json(f, names) for f in point.weights],
        "parts": [_fact_json(f, names) for f in point.parts],
        "alternatives": [_fact_json(f, names) for f in point.alternatives],
    }
