"""Indicator series on 2025 or pre-2025 boundaries: which figures add up, which are weighted, which are refused.

The 1 July 2025 merger joined provinces (Hải Dương into Hải Phòng, Thái Bình into Hưng Yên...). A merged
province's series before the merger is rebuilt from its parts, by rule:
- additive indicators (GRDP, registered FDI, exports) are summed, and only when every part has a figure;
- GRDP growth is weighted by each part's GRDP at current prices of the year before (the shares a chain-linked
  volume index uses); without those weights it is refused;
- scores, ranks and per-capita figures (PCI, PGI, GRDP per capita without population) are refused: the answer
  says so and shows the parts.
A province the merger left whole keeps its figures as they are. Conflicting figures of the same year are kept: the
most final one is used (official > preliminary > statistics-office estimate > estimate > early estimate > compiled),
the others travel with it as alternatives. No SQL here: the registry hands the facts in.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from corridor.i18n import Message, mark

__all__ = [
    "ADDITIVE",
    "INDICATORS",
    "REFUSED",
    "WEIGHTED",
    "Fact",
    "IndicatorDef",
    "Merger",
    "Point",
    "definition_of",
    "series_on_2025_boundaries",
    "series_on_pre2025_boundaries",
]

ADDITIVE, WEIGHTED, REFUSED = "additive", "weighted", "refused"


@dataclass(frozen=True)
class IndicatorDef:
    key: str
    label: str  # English, in the catalog
    unit: str
    rule: str  # additive, weighted or refused
    aliases: tuple[tuple[str, str, float], ...]  # (name as stored, unit as stored, factor to `unit`)
    weight: str | None = None  # key of the weighting indicator (previous year)
    why_refused: str = ""


INDICATORS: tuple[IndicatorDef, ...] = (
    IndicatorDef("grdp_current", mark("GRDP at current prices"), "billion VND", ADDITIVE,
                 (("GRDP current prices", "billion VND", 1.0), ("GRDP (current prices)", "billion VND", 1.0))),
    IndicatorDef("grdp_constant_2010", mark("GRDP at constant 2010 prices"), "billion VND", ADDITIVE,
                 (("GRDP constant 2010 prices", "billion VND", 1.0),)),
    IndicatorDef("grdp_growth", mark("GRDP growth"), "%", WEIGHTED, (("GRDP growth", "%", 1.0),),
                 weight="grdp_current"),
    IndicatorDef("grdp_per_capita", mark("GRDP per capita"), "million VND", REFUSED,
                 (("GRDP per capita", "million VND", 1.0),),
                 why_refused=mark("a per-capita figure needs each part's population, which the sources lack")),
    IndicatorDef("grdp_per_capita_usd", mark("GRDP per capita (USD)"), "USD", REFUSED,
                 (("GRDP per capita", "USD", 1.0),),
                 why_refused=mark("a per-capita figure needs each part's population, which the sources lack")),
    IndicatorDef("fdi_registered", mark("Registered FDI"), "million USD", ADDITIVE,
                 (("FDI registered", "million USD", 1.0), ("FDI attracted (registered)", "million USD", 1.0))),
    IndicatorDef("exports", mark("Exports"), "million USD", ADDITIVE,
                 (("Exports", "million USD", 1.0), ("Exports", "billion USD", 1000.0))),
    IndicatorDef("pci", mark("PCI score"), "points", REFUSED, (("PCI", "points", 1.0),),
                 why_refused=mark("a PCI score is measured per province: scores of two provinces do not combine")),
    IndicatorDef("pci_rank", mark("PCI rank"), "rank of 63", REFUSED, (("PCI rank", "rank of 63", 1.0),),
                 why_refused=mark("a rank does not combine: it belongs to the province that was ranked")),
    IndicatorDef("pgi_rank", mark("PGI rank"), "rank of 63", REFUSED, (("PGI rank", "rank of 63", 1.0),),
                 why_refused=mark("a rank does not combine: it belongs to the province that was ranked")),
)  # fmt: skip
# The sub-indices' names as stored (labels of indicators without a definition of their own), for the catalog.
SUB_INDICES = (
    mark("PCI: Entry costs"),
    mark("PCI: Access to land"),
    mark("PCI: Transparency"),
    mark("PCI: Time costs"),
    mark("PCI: Informal charges"),
    mark("PCI: Policy bias (fair competition)"),
    mark("PCI: Proactivity"),
    mark("PCI: Business support policy"),
    mark("PCI: Labor policy (training)"),
    mark("PCI: Law & order (legal institutions)"),
    mark("PCI: Entry costs rank"),
    mark("PCI: Access to land rank"),
    mark("PCI: Transparency rank"),
    mark("PCI: Time costs rank"),
    mark("PCI: Informal charges rank"),
    mark("PCI: Policy bias (fair competition) rank"),
    mark("PCI: Proactivity rank"),
    mark("PCI: Business support policy rank"),
    mark("PCI: Labor policy (training) rank"),
    mark("PCI: Law & order (legal institutions) rank"),
    mark("PGI"),
)
_SUB_INDEX = re.compile(r"^PCI: (?P<name>.+)$")
_NO_RULE = mark("no rule says how this indicator combines across provinces")
_BY_ALIAS = {(name, unit): (d, factor) for d in INDICATORS for name, unit, factor in d.aliases}
_BY_KEY = {d.key: d for d in INDICATORS}

# How final a status is: lower is more final. Statuses are the sources' own words, matched by keyword.
_STATUS_ORDER = (
    ("official", 0), ("revised", 0), ("final", 0), ("preliminary", 1), ("statistics office", 2), ("gso", 2),
    ("early estimate", 4), ("lower bound", 5), ("estimate", 3), ("compiled", 6), ("weak", 6), ("wikipedia", 6),
)  # fmt: skip


@dataclass(frozen=True)
class Fact:
    """One source's figure for a locality and year, as stored."""

    locality_id: str
    year: int | None
    indicator: str
    value: float
    unit: str
    status: str | None
    source_title: str
    source_url: str
    as_of: str
    note: str | None = None


@dataclass(frozen=True)
class Merger:
    """The 2025 units of the report and their pre-2025 parts (one part: the province was left whole)."""

    parts: Mapping[str, Sequence[str]]
    names: Mapping[str, str] = field(default_factory=dict)  # unit ID -> name, for the reasons readers see

    def name(self, unit_id: str) -> str:
        return self.names.get(unit_id, unit_id)


@dataclass(frozen=True)
class Point:
    """One value of a series, with how it was made; `value` None means it could not be given (see `reason`)."""

    locality_id: str
    indicator: str  # definition key, or the stored name for an indicator without a definition
    label: str
    year: int
    value: float | None
    unit: str
    method: str  # reported, sum, weighted, refused, incomplete
    used: tuple[Fact, ...] = ()  # the figures the value rests on
    alternatives: tuple[Fact, ...] = ()  # conflicting figures of the same parts and year, not used
    weights: tuple[Fact, ...] = ()  # for a weighted value, the weights (previous year)
    reason: Message | None = None
    parts: tuple[Fact, ...] = field(default=())  # for a refused or incomplete value, what each part reported


def definition_of(fact: Fact) -> tuple[IndicatorDef, float]:
    """The indicator a stored fact is a figure of, and the factor to its unit; unknown names get their own."""
    found = _BY_ALIAS.get((fact.indicator, fact.unit))
    if found:
        return found
    sub = _SUB_INDEX.match(fact.indicator)
    why = mark("a PCI sub-index is a score: scores of two provinces do not combine") if sub else _NO_RULE
    key = f"{fact.indicator} [{fact.unit}]"
    return IndicatorDef(key, fact.indicator, fact.unit, REFUSED, ((fact.indicator, fact.unit, 1.0),), None, why), 1.0


def status_rank(status: str | None) -> int:
    text = (status or "").lower()
    return next((rank for word, rank in _STATUS_ORDER if word in text), 3)


def _preferred(facts: Sequence[Fact]) -> tuple[Fact, tuple[Fact, ...]]:
    """The most final figure (then the newest as-of date), and the others as alternatives."""
    ordered = sorted(facts, key=lambda f: (status_rank(f.status), _negated(f.as_of), f.source_title))
    return ordered[0], tuple(ordered[1:])


def _negated(as_of: str) -> tuple[int, ...]:
    return tuple(-int(n) for n in re.findall(r"\d+", as_of)) or (0,)


_Key = tuple[str, str, int]  # (locality, indicator key, year)


def _grouped(facts: Iterable[Fact]) -> tuple[dict[_Key, list[tuple[Fact, float]]], dict[str, IndicatorDef]]:
    groups: dict[_Key, list[tuple[Fact, float]]] = defaultdict(list)
    definitions: dict[str, IndicatorDef] = {}
    for fact in facts:
        if fact.year is None:
            continue
        definition, factor = definition_of(fact)
        definitions[definition.key] = definition
        groups[(fact.locality_id, definition.key, fact.year)].append((fact, factor))
    return groups, definitions


def _reported(locality: str, definition: IndicatorDef, year: int, facts: list[tuple[Fact, float]]) -> Point:
    best, others = _preferred([f for f, _ in facts])
    factor = next(k for f, k in facts if f is best)
    return Point(locality, definition.key, definition.label, year, best.value * factor, definition.unit, "reported",
                 (best,), others)  # fmt: skip


def series_on_pre2025_boundaries(facts: Iterable[Fact]) -> list[Point]:
    """Every locality's own series, as reported (one value per year: the most final; the rest as alternatives)."""
    groups, definitions = _grouped(facts)
    return [_reported(loc, definitions[key], year, group) for (loc, key, year), group in sorted(groups.items())]


def series_on_2025_boundaries(facts: Iterable[Fact], merger: Merger) -> list[Point]:
    """The series of each 2025 unit in `merger`: its own figures, else its parts' combined by the rules above."""
    groups, definitions = _grouped(facts)
    points = []
    for new_id, parts in merger.parts.items():
        for key, definition in definitions.items():
            years = {y for (loc, k, y) in groups if k == key and (loc == new_id or loc in parts)}
            for year in sorted(years):
                own = groups.get((new_id, key, year))
                if own:
                    points.append(_reported(new_id, definition, year, own))
                elif len(parts) == 1:
                    points.append(_reported(new_id, definition, year, groups[(parts[0], key, year)]))
                else:
                    points.append(_combined(new_id, merger, definition, year, groups))
    return points


def _combined(
    new_id: str,
    merger: Merger,
    definition: IndicatorDef,
    year: int,
    groups: Mapping[_Key, list[tuple[Fact, float]]],
) -> Point:
    parts = merger.parts[new_id]
    chosen = {
        p: _reported(p, definition, year, groups[(p, definition.key, year)])
        for p in parts
        if (p, definition.key, year) in groups
    }
    shown = tuple(f for point in chosen.values() for f in point.used)
    others = tuple(f for point in chosen.values() for f in point.alternatives)
    base = Point(new_id, definition.key, definition.label, year, None, definition.unit, "refused", parts=shown,
                 alternatives=others)  # fmt: skip
    if definition.rule == REFUSED:
        return _with(base, reason=Message("Not combined: {why}", why=Message(definition.why_refused)))
    missing = [p for p in parts if p not in chosen]
    if missing:
        return _with(
            base,
            method="incomplete",
            reason=Message("Not combined: no figure for {parts}", parts=", ".join(merger.name(p) for p in missing)),
        )
    values = {p: point.value for p, point in chosen.items()}
    if definition.rule == ADDITIVE:
        return _with(
            base, value=_rounded(sum(v for v in values.values() if v is not None)), method="sum", used=shown, parts=()
        )
    return _weighted(base, definition, values, year, groups, shown, merger)


def _weighted(
    base: Point,
    definition: IndicatorDef,
    values: Mapping[str, float | None],
    year: int,
    groups: Mapping[_Key, list[tuple[Fact, float]]],
    shown: tuple[Fact, ...],
    merger: Merger,
) -> Point:
    weight_def = _BY_KEY[definition.weight or ""]
    weights = {p: groups.get((p, weight_def.key, year - 1)) for p in values}
    lacking = [p for p, w in weights.items() if not w]
    if lacking:
        names = ", ".join(merger.name(p) for p in lacking)
        why = Message("Not combined: no {weight} of {year} for {parts}, the weights of a growth rate",
                      weight=Message(weight_def.label), year=str(year - 1), parts=names)  # fmt: skip
        return _with(base, reason=why)
    chosen = {p: _reported(p, weight_def, year - 1, w) for p, w in weights.items() if w}
    total = sum(point.value or 0.0 for point in chosen.values())
    value = sum((values[p] or 0.0) * (chosen[p].value or 0.0) for p in values) / total
    used_weights = tuple(f for point in chosen.values() for f in point.used)
    return _with(base, value=_rounded(value), method="weighted", used=shown, weights=used_weights, parts=())


def _rounded(value: float) -> float:
    return round(value, 6)


def _with(point: Point, **changes: object) -> Point:
    from dataclasses import replace

    return replace(point, **changes)  # type: ignore[arg-type]
