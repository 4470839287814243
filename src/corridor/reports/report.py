"""The sub-regional economic report: seven sections built from the database, in Vietnamese or English.

`build_report` reads the indicators, the registry, the freight network and the linkage analysis and hands
corridor.documents a `Document`; every figure in it is cited (source and as-of date), unknown is "no data".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from corridor.documents import (
    Cited,
    Document,
    Figure,
    Inline,
    Paragraph,
    Section,
    Table,
    layout_labels,
    line_chart,
    number,
    t,
)
from corridor.i18n import mark, translate
from corridor.reference.loading import CORRIDORS
from corridor.reports._text import NO_DATA, cited_fact, cited_point, place_name, sources_of
from corridor.reports.indicators import Fact, Point, series_on_pre2025_boundaries
from corridor.reports.report_places import infrastructure_section, supply_chain_section, sustainability_section
from corridor.reports.service import IndicatorService, Series

if TYPE_CHECKING:
    from corridor.logistics import LogisticsService
    from corridor.matching.gaps import Gap
    from corridor.registry.service import Registry

__all__ = ["ReportInputs", "build_report"]

ECONOMY = ("grdp_current", "grdp_growth", "grdp_per_capita", "fdi_registered", "exports")
SUMMARY = ("grdp_current", "grdp_growth", "fdi_registered", "exports", "pci")
_TITLES = {
    "summary": mark("Summary"),
    "economy": mark("Economy"),
    "business": mark("Business environment"),
    "infrastructure": mark("Infrastructure"),
    "sustainability": mark("Sustainability"),
    "supply_chain": mark("Supply-chain linkage"),
    "methods": mark("Methods and sources"),
}


class ReportInputs(Protocol):
    """What the report reads (the application object satisfies it)."""

    @property
    def registry(self) -> Registry: ...
    @property
    def indicators(self) -> IndicatorService: ...
    def logistics(self) -> LogisticsService: ...


def build_report(
    inputs: ReportInputs,
    *,
    corridor: str = "vehec",
    year: int | None = None,
    lang: str = "vi",
    gaps: Sequence[Gap] | None = None,
) -> Document:
    """The report of `corridor` for `year` (default: the latest with GRDP figures); `gaps` from
    corridor.matching.gaps.find_gaps (they need the text encoder; without them the report says so)."""
    series = inputs.indicators.series(corridor=corridor, boundaries="2025")
    facts = inputs.indicators.facts()
    olds = [old for parts in inputs.indicators.corridor_merger(corridor).parts.values() for old in parts]
    old_points = [p for p in series_on_pre2025_boundaries(facts) if p.locality_id in olds]
    chosen = year or _latest_year(series)
    names = {**series.localities, **(series.unit_names or {})}
    admin = inputs.registry.admin_index()
    for old in olds:
        names.setdefault(old, admin.label(old, dt.date.today()))
    names = {unit: place_name(name, lang) for unit, name in names.items()}
    corridor_name = str(CORRIDORS[corridor][0 if lang == "vi" else 1])
    places = (
        infrastructure_section(inputs, corridor, lang),
        sustainability_section(inputs, corridor, lang),
        supply_chain_section(inputs, corridor, lang, gaps),
    )
    sections = (
        Section(t(_TITLES["summary"], lang), _summary(series, chosen, corridor_name, lang), key="summary"),
        Section(t(_TITLES["economy"], lang), _economy(series, old_points, names, chosen, lang), key="economy"),
        Section(t(_TITLES["business"], lang), _business(old_points, olds, names, chosen, lang), key="business"),
        Section(t(_TITLES["infrastructure"], lang), places[0], key="infrastructure"),
        Section(t(_TITLES["sustainability"], lang), places[1], key="sustainability"),
        Section(t(_TITLES["supply_chain"], lang), places[2], key="supply_chain"),
        Section(t(_TITLES["methods"], lang), _methods(series, old_points, olds, names, chosen, lang), key="methods"),
    )  # fmt: skip
    today = dt.date.today().isoformat()
    return Document(
        t(mark("Sub-regional economic report"), lang),
        corridor_name,
        lang,
        t(mark("Year {year}; generated on {date} from the Corridor database"), lang, year=chosen, date=today),
        layout_labels(lang),
        sections,
        (t(mark("Every figure carries a note: its source and the date it stands at."), lang),),
    )


def _latest_year(series: Series) -> int:
    years = [p.year for p in series.points if p.indicator == "grdp_current" and p.value is not None]
    return max(years) if years else dt.date.today().year - 1


def _find(points: list[Point], locality: str, key: str, year: int) -> Point | None:
    return next((p for p in points if (p.locality_id, p.indicator, p.year) == (locality, key, year)), None)


# -- 1. summary ------------------------------------------------------------------------------------------------


def _summary(series: Series, year: int, corridor_name: str, lang: str) -> tuple[Paragraph | Table, ...]:
    intro = Paragraph.of(
        t(mark("This report describes the {corridor} in {year}, on the provinces formed by the 2025 merger: "
               "{names}."), lang, corridor=corridor_name, year=year, names=", ".join(series.localities.values())),
    )  # fmt: skip
    header = (
        t(mark("Locality"), lang),
        *(f"{t(_label(series, k), lang)} ({t(_unit(series, k), lang)})" for k in SUMMARY),
        t(mark("GRDP change on the year before (%)"), lang),
    )
    rows = []
    for locality, name in series.localities.items():
        cells = [cited_point(_find(series.points, locality, k, year), lang) for k in SUMMARY]
        rows.append((name, *cells, _change(series.points, locality, year, lang)))
    total = _find(series.totals, "corridor", "grdp_current", year)
    rows.append(
        (t(mark("corridor total"), lang), cited_point(total, lang), *([t(NO_DATA, lang)] * (len(SUMMARY) - 1)),
         _change(series.totals, "corridor", year, lang))
    )  # fmt: skip
    table = Table(
        t(mark("Key figures of {year} on 2025 boundaries"), lang, year=year), header, tuple(rows),
        (False, *([True] * (len(SUMMARY) + 1))),
    )  # fmt: skip
    note = Paragraph.of(
        t(mark("A merged province has a figure only where the rule of its indicator allows it (see Methods); "
               "a figure that cannot be given reads \"no data\" or \"not combined\", never zero."), lang)
    )  # fmt: skip
    return intro, table, note


def _label(series: Series, key: str) -> str:
    return next((p.label for p in series.points if p.indicator == key), key)


def _unit(series: Series, key: str) -> str:
    return next((p.unit for p in series.points if p.indicator == key), "")


def _change(points: list[Point], locality: str, year: int, lang: str) -> Inline:
    now, before = _find(points, locality, "grdp_current", year), _find(points, locality, "grdp_current", year - 1)
    if not now or not before or now.value is None or before.value is None or before.value == 0:
        return t(NO_DATA, lang)
    change = (now.value / before.value - 1) * 100
    return Cited(number(change, lang, 1), sources_of((*now.used, *before.used)))


# -- 2. economy ------------------------------------------------------------------------------------------------


def _economy(
    series: Series, old_points: list[Point], names: dict[str, str], year: int, lang: str
) -> tuple[Paragraph | Table | Figure, ...]:
    blocks: list[Paragraph | Table | Figure] = [
        Paragraph.of(
            t(mark("The tables give each province on 2025 boundaries and, below it, the former provinces it was made "
                   "of; the charts draw the former provinces' own series. The database holds no national figure "
                   "for these indicators, so no comparison with the nation is drawn."), lang)
        )
    ]  # fmt: skip
    years = list(range(year - 4, year + 1))
    for key in ECONOMY:
        label, unit = t(_label(series, key), lang), t(_unit(series, key), lang)
        rows = []
        for locality, name in series.localities.items():
            rows.append((name, *(cited_point(_find(series.points, locality, key, y), lang) for y in years)))
            for old in _parts_of(series, locality):
                if old != locality and len(_parts_of(series, locality)) > 1:
                    cells = (cited_point(_find(old_points, old, key, y), lang) for y in years)
                    rows.append(("– " + names.get(old, old), *cells))
        caption = t(mark("{indicator} ({unit}), {first}–{last}"), lang, indicator=label, unit=unit,
                    first=years[0], last=years[-1])  # fmt: skip
        header = (t(mark("Locality"), lang), *(str(y) for y in years))
        blocks.append(Table(caption, header, tuple(rows), (False, *([True] * len(years)))))
        blocks.extend(_economy_chart(old_points, key, label, unit, names, lang))
    return tuple(blocks)


def _parts_of(series: Series, locality: str) -> list[str]:
    parts = {f.locality_id for p in series.points if p.locality_id == locality for f in (*p.used, *p.parts)}
    return sorted(parts)


def _economy_chart(
    points: list[Point], key: str, label: str, unit: str, names: dict[str, str], lang: str
) -> list[Figure]:
    by_locality: dict[str, list[tuple[int, float | None]]] = defaultdict(list)
    used: list[Fact] = []
    for point in sorted((p for p in points if p.indicator == key and p.value is not None), key=lambda p: p.year):
        by_locality[names.get(point.locality_id, point.locality_id)].append((point.year, point.value))
        used.extend(point.used)
    if not by_locality:
        return []
    image = line_chart(by_locality, unit, lang)
    caption = t(mark("{indicator} by former province ({unit})"), lang, indicator=label, unit=unit)
    return [Figure(caption, image, caption, sources_of(used))]


# -- 3. business environment ------------------------------------------------------------------------------------


def _business(
    points: list[Point], olds: list[str], names: dict[str, str], year: int, lang: str
) -> tuple[Paragraph | Table | Figure, ...]:
    years = list(range(year - 7, year + 1))
    rows = []
    for old in olds:
        cells = []
        for y in years:
            score, rank = _find(points, old, "pci", y), _find(points, old, "pci_rank", y)
            cells.append(_score_rank(score, rank, lang))
        rows.append((names.get(old, old), *cells))
    header = (t(mark("Former province"), lang), *(str(y) for y in years))
    table = Table(
        t(mark("PCI score (rank among the provinces)"), lang), header, tuple(rows), (False, *([True] * len(years)))
    )
    blocks: list[Paragraph | Table | Figure] = [
        Paragraph.of(t(mark("The Provincial Competitiveness Index (PCI, VCCI) was published for the former "
                            "provinces until its 2024 edition; a score or rank is never combined across "
                            "provinces."), lang)),
        table,
    ]  # fmt: skip
    blocks.extend(_economy_chart(points, "pci", t(mark("PCI score"), lang), t(mark("points"), lang), names, lang))
    blocks.append(_sub_indices(points, olds, names, lang))
    missing = [names.get(o, o) for o in olds if not any(p.locality_id == o and p.indicator == "pci" for p in points)]
    gaps = [f"{names.get(o, o)}: {', '.join(str(y) for y in years if not _find(points, o, 'pci', y))}" for o in olds]
    text = t(mark("Years without a PCI score in the database: {gaps}."), lang, gaps="; ".join(gaps))
    if missing:
        text += " " + t(mark("No PCI score at all for {names}."), lang, names=", ".join(missing))
    blocks.append(Paragraph.of(text))
    return tuple(blocks)


def _score_rank(score: Point | None, rank: Point | None, lang: str) -> Inline:
    if score is None and rank is None:
        return t(NO_DATA, lang)
    text = number(score.value, lang) if score and score.value is not None else t(NO_DATA, lang)
    if rank and rank.value is not None:
        text += f" ({number(rank.value, lang, 0)})"
    return Cited(text, sources_of((*(score.used if score else ()), *(rank.used if rank else ()))))


def _sub_indices(points: list[Point], olds: list[str], names: dict[str, str], lang: str) -> Table:
    subs = [p for p in points if p.indicator.startswith("PCI: ") and p.value is not None]
    latest = {o: max((p.year for p in subs if p.locality_id == o), default=None) for o in olds}
    components = sorted({p.label.removeprefix("PCI: ") for p in subs})
    header = (
        t(mark("Sub-index"), lang),
        *(f"{names.get(o, o)} ({y})" if y else names.get(o, o) for o, y in latest.items()),
    )
    rows = []
    for component in components:
        cells = []
        for old, y in latest.items():
            found = next(
                (p for p in subs if p.locality_id == old and p.year == y and p.label == f"PCI: {component}"), None
            )
            cells.append(cited_fact(found.used[0], lang) if found else t(NO_DATA, lang))
        label = "PCI: " + component
        rows.append((translate(label, lang).removeprefix("PCI: "), *cells))
    caption = t(mark("PCI sub-indices, latest year with sub-indices in the database (points)"), lang)
    return Table(caption, header, tuple(rows), (False, *([True] * len(latest))))


# -- 7. methods and sources -------------------------------------------------------------------------------------


def _methods(
    series: Series, old_points: list[Point], olds: list[str], names: dict[str, str], year: int, lang: str
) -> tuple[Paragraph | Table, ...]:
    rules = [
        mark("Boundaries. Provinces are those formed by the 2025 merger. Additive indicators (GRDP, registered FDI, "
             "exports) of a merged province are the sum of its former provinces, given only when every former "
             "province has a figure. GRDP growth is weighted by each former province's GRDP at current prices of "
             "the year before; without those weights it is not combined. Scores, ranks and per-capita figures are "
             "never combined: the former provinces' own figures are shown instead."),
        mark("Conflicting figures. When sources disagree, the most final figure is used (official, then preliminary, "
             "then statistics-office estimates, estimates, early estimates and compilations); the others are listed "
             "below beside it."),
        mark("Derived figures. Changes on the year before, land totals, occupancy weighted by leasable land, travel "
             "times and CO2e are computed by Corridor from the cited figures; each cites what it was computed from."),
    ]  # fmt: skip
    blocks: list[Paragraph | Table] = [Paragraph.of(t(rule, lang)) for rule in rules]
    blocks.append(_conflicts(old_points, names, lang))
    blocks.append(_missing(old_points, olds, names, year, lang))
    return tuple(blocks)


def _conflicts(points: list[Point], names: dict[str, str], lang: str) -> Table:
    rows = []
    for point in (p for p in points if p.alternatives):
        used = point.used[0]
        others = [cited_fact(f, lang) for f in point.alternatives]
        rows.append((names.get(point.locality_id, point.locality_id), t(point.label, lang), str(point.year),
                     cited_fact(used, lang), *_joined(others, lang)))  # fmt: skip
    header = (t(mark("Former province"), lang), t(mark("Indicator"), lang), t(mark("Year"), lang),
              t(mark("Figure used"), lang), t(mark("Other figures"), lang))  # fmt: skip
    return Table(
        t(mark("Conflicting figures, side by side"), lang), header, tuple(rows), (False, False, False, True, True)
    )


def _joined(cells: Sequence[Inline], lang: str) -> tuple[Inline]:
    """Several cited figures in one cell: the first carries the cell; the rest follow as their own cited runs."""
    texts = [c for c in cells if isinstance(c, Cited)]
    if not texts:
        return (t(NO_DATA, lang),)
    joined = Cited("; ".join(c.text for c in texts), tuple(dict.fromkeys(s for c in texts for s in c.sources)))
    return (joined,)


def _missing(points: list[Point], olds: list[str], names: dict[str, str], year: int, lang: str) -> Table:
    years = range(year - 4, year + 1)
    rows = []
    for key in (*ECONOMY, "pci"):
        label = next((p.label for p in points if p.indicator == key), key)
        for old in olds:
            lacking = [str(y) for y in years if not _find(points, old, key, y)]
            if lacking:
                rows.append((t(label, lang), names.get(old, old), ", ".join(lacking)))
    header = (t(mark("Indicator"), lang), t(mark("Former province"), lang), t(mark("Years with no data"), lang))
    caption = t(mark("What is missing, {first}–{last}"), lang, first=years[0], last=years[-1])
    return Table(caption, header, tuple(rows), (False, False, False))
