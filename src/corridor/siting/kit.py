"""The joint investment-promotion kit: one document for a shortlist, in any of the five languages.

`build_kit` ranks the zones for a brief (the same ranking as `corridor sites`) and hands corridor.documents a
`Document`: a cover co-branded with the localities of the shortlisted zones, a corridor overview (localities,
the shortlist on one map, key travel times), then one section per zone (facts with their sources and as-of dates,
a map of the zone and its nearest hubs, network travel times, rank and per-criterion contributions, incentives with
their legal articles, the management board's contacts). The kit's own words are translated; the data's words
(names, notes, sources) stay in Vietnamese or English, and the kit says so. Unknown is written "unknown".
A brief that no zone meets gets no kit: `NotApplicable`, pointing to `corridor sites` for every zone's reason.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from corridor.documents import (
    Cited,
    Document,
    Figure,
    Inline,
    MapPoint,
    Paragraph,
    Section,
    Source,
    Table,
    layout_labels,
    number,
    point_map,
    t,
)
from corridor.errors import NotApplicable, NotFound
from corridor.i18n import mark
from corridor.reference.land import provinces_2025
from corridor.reference.loading import CORRIDORS
from corridor.registry.labels import code_label
from corridor.registry.service import ListFilters
from corridor.siting.brief import Brief
from corridor.siting.bundled import Board
from corridor.siting.explain import Ranking
from corridor.siting.incentives import IncentiveFinding
from corridor.siting.inquiries import focal_boards
from corridor.siting.service import HUB_OF, SitingService

__all__ = ["KIT_FORMATS", "brief_summary", "build_kit", "kit_document", "kit_filename"]

KIT_FORMATS = ("pdf", "html")
NO_ZONE = mark(
    "No zone meets the brief, so there is no kit to make ({filtered} zones set aside); "
    "`corridor sites` or the /sites page lists each zone's reason"
)
UNKNOWN = mark("unknown")
SET_ASIDE = mark("Zone '{name}' is set aside by this brief: {reason}")
NO_SUCH_ZONE = mark("No zone '{name}'")
HUB_LABELS = {
    "deep_sea_port": mark("Nearest deep-sea port"),
    "airport": mark("Nearest airport"),
    "border_gate": mark("Nearest border gate"),
}
_NETWORK_DOC = "docs/logistics.md"
_BOARDS_DOC = "src/corridor/data/siting/boards.csv"


def kit_filename(lang: str, fmt: str, today: dt.date | None = None) -> str:
    return f"corridor-kit-{lang}-{(today or dt.date.today()).isoformat()}.{fmt}"


# -- the document -------------------------------------------------------------------------------------------------


def build_kit(
    siting: SitingService,
    brief: Brief,
    *,
    lang: str,
    top: int = 4,
    method: str = "weighted",
    weights: Mapping[str, Any] | None = None,
    today: dt.date | None = None,
    zones: Sequence[str] = (),
) -> Document:
    """The kit of the `top` best zones for `brief`, or of the `zones` the investor chose (by ID, in rank order), in
    `lang` (vi, en, ko, ja or zh)."""
    today = today or dt.date.today()
    everything = len(siting.registry.list_records("zones", ListFilters()).items) if zones else top
    ranking = siting.rank(brief, method=method, weights=weights, top=everything, today=today, draws=0)
    if zones:
        ranking = dataclasses.replace(ranking, results=_chosen(ranking, zones))
    return kit_document(siting, ranking, lang=lang, today=today)


def _chosen(ranking: Ranking, zones: Sequence[str]) -> list[dict[str, Any]]:
    """The ranked zones among `zones`; a chosen zone the brief sets aside, or no zone at all, is refused."""
    reasons = {facts.id: reason for facts, reason in ranking.filtered}
    ranked = {zone["id"] for zone in ranking.results}
    for zone_id in zones:
        if zone_id in reasons:
            raise NotApplicable(SET_ASIDE, name=zone_id, reason=reasons[zone_id])
        if zone_id not in ranked:
            raise NotFound(NO_SUCH_ZONE, name=zone_id)
    return [zone for zone in ranking.results if zone["id"] in set(zones)]


def kit_document(siting: SitingService, ranking: Ranking, *, lang: str, today: dt.date | None = None) -> Document:
    """The kit of the zones `ranking` shows (the ranking is the expensive part: the benchmark times both)."""
    today = today or dt.date.today()
    brief = ranking.brief
    if not ranking.results:
        raise NotApplicable(NO_ZONE, filtered=len(ranking.filtered))
    records = {z["id"]: siting.registry.show("zones", z["id"]) for z in ranking.results}
    localities = list(dict.fromkeys(z["province"] for z in ranking.results if z["province"]))
    corridors = _corridors(siting, [z["id"] for z in ranking.results], lang)
    network = Source(t(mark("Corridor freight network: travel times by truck computed by the logistics service; "
                            "its links cite their own sources"), lang), _NETWORK_DOC, today.isoformat())  # fmt: skip
    overview = Section(
        t(mark("The corridor and the shortlist"), lang),
        _overview(ranking, localities, corridors, siting, network, lang),
        key="overview",
    )
    zones = tuple(
        Section(
            t(mark("{zone} (rank {rank})"), lang, zone=zone["name"], rank=zone["rank"]),
            _zone_blocks(zone, records[zone["id"]], ranking, siting, network, lang),
            key=f"zone-{zone['id']}",
        )
        for zone in ranking.results
    )
    about = Section(t(mark("About this kit"), lang), _about(ranking, lang), key="about")
    return Document(
        t(mark("Joint investment-promotion kit"), lang),
        " · ".join(corridors) or t(UNKNOWN, lang),
        lang,
        t(mark("Prepared on {date} from the Corridor database"), lang, date=today.isoformat()),
        layout_labels(lang),
        (overview, *zones, about),
        _cover_lines(brief, localities, lang),
    )


def _corridors(siting: SitingService, zone_ids: Sequence[str], lang: str) -> list[str]:
    """The names of the corridors the shortlisted zones lie in (vi in Vietnamese, else the English name)."""
    names = []
    for corridor_id, (name_vi, name_en, *_rest) in CORRIDORS.items():
        members = {z["id"] for z in siting.registry.list_records("zones", ListFilters(corridor=corridor_id)).items}
        if members & set(zone_ids):
            names.append(str(name_vi if lang == "vi" else name_en))
    return names


def _cover_lines(brief: Brief, localities: Sequence[str], lang: str) -> tuple[str, ...]:
    return (
        t(mark("Presented jointly by the localities of the shortlisted zones: {names}"), lang,
          names=", ".join(localities) or t(UNKNOWN, lang)),
        t(mark("The project: {summary}"), lang, summary=brief_summary(brief, lang)),
        t(mark("Names, notes and sources are given as recorded, in Vietnamese or English."), lang),
    )  # fmt: skip


def brief_summary(brief: Brief, lang: str) -> str:
    """One line: the sector as the investor wrote it, the land, the start and the connections asked for."""
    parts = [brief.sector, f"{number(brief.land_ha, lang, 1)} ha"]
    if brief.start_date:
        parts.append(t(mark("start {date}"), lang, date=brief.start_date.isoformat()))
    wanted = {
        "export_deep_sea": mark("exports by deep-sea port"),
        "air_freight": mark("air freight"),
        "china_trade": mark("trade with China (border gates)"),
        "green_required": mark("eco-industrial park"),
    }
    parts.extend(t(label, lang) for flag, label in wanted.items() if getattr(brief, flag))
    return "; ".join(parts)


# -- overview -----------------------------------------------------------------------------------------------------


def _overview(
    ranking: Ranking, localities: list[str], corridors: list[str], siting: SitingService, network: Source, lang: str
) -> tuple[Paragraph | Table | Figure, ...]:
    intro = Paragraph.of(
        t(mark("{count} zones of {corridors} fit the brief best, in {localities}. {feasible} zones met its hard "
               "requirements; {filtered} were set aside."), lang, count=len(ranking.results),
          corridors=", ".join(corridors) or t(UNKNOWN, lang), localities=", ".join(localities),
          feasible=ranking.feasible_count, filtered=len(ranking.filtered))
    )  # fmt: skip
    blocks: list[Paragraph | Table | Figure] = [intro]
    placed = [z for z in ranking.results if z["location"]["lat"] is not None]
    if placed:
        points = [MapPoint(z["location"]["lon"], z["location"]["lat"], float(z["rank"]), z["name"]) for z in placed]
        image = point_map(provinces_2025(), points, t(mark("rank"), lang), t(UNKNOWN, lang), lang, _bbox(points),
                          size_in=(7, 4.6), annotate=True)  # fmt: skip
        caption = t(mark("The shortlisted zones (colour and label: rank)"), lang)
        blocks.append(Figure(caption, image, caption, (_boundary_source(lang),)))
    unplaced = [z["name"] for z in ranking.results if z["location"]["lat"] is None]
    if unplaced:
        blocks.append(Paragraph.of(t(mark("Not on the map (location unknown): {names}"), lang,
                                     names=", ".join(unplaced))))  # fmt: skip
    blocks.append(_travel_overview(ranking, network, lang))
    return tuple(blocks)


def _travel_overview(ranking: Ranking, network: Source, lang: str) -> Table:
    rows = []
    for zone in ranking.results:
        cells: list[Inline] = [f"{zone['rank']}. {zone['name']}"]
        for criterion in HUB_OF:
            hub = zone["criteria"][criterion]["evidence"]
            cells.append(Cited(f"{number(hub['duration_h'], lang, 1)} h ({hub['name']})", (network,)) if hub
                         else t(UNKNOWN, lang))  # fmt: skip
        rows.append(tuple(cells))
    header = (t(mark("Zone"), lang), *(t(HUB_LABELS[hub], lang) for hub in HUB_OF.values()))
    caption = t(mark("Key travel times by road over the corridor's network (hours)"), lang)
    return Table(caption, header, tuple(rows), (False, True, True, True))


# -- one zone -----------------------------------------------------------------------------------------------------


def _zone_blocks(
    zone: dict[str, Any],
    record: dict[str, Any],
    ranking: Ranking,
    siting: SitingService,
    network: Source,
    lang: str,
) -> tuple[Paragraph | Table | Figure, ...]:
    blocks: list[Paragraph | Table | Figure] = [_facts(zone, record, lang)]
    blocks.extend(_zone_map(zone, siting, lang))
    blocks.append(_travel(zone, network, lang))
    blocks.extend(_ranking_blocks(zone, ranking, lang))
    blocks.append(_incentives(zone, lang))
    blocks.append(_contacts(zone, record, lang))
    return tuple(blocks)


def _field_sources(record: Mapping[str, Any]) -> dict[str, Source]:
    """Field -> the source that states it now (title, address, as-of date)."""
    return {
        name: Source(s["title"], s["url"] or "-", s["as_of"] or "unknown")
        for s in record["sources"]
        for name in s["current_for"]
    }


def _cited(text: str | None, fields: Iterable[str], sources: Mapping[str, Source], lang: str) -> Inline:
    """`text` with the sources of `fields`; "unknown" (never 0) when there is no value."""
    if text is None:
        return t(UNKNOWN, lang)
    found = tuple(dict.fromkeys(sources[f] for f in fields if f in sources))
    return Cited(text, found) if found else text


def _ha(value: float | None, lang: str) -> str | None:
    return None if value is None else f"{number(value, lang, 1)} ha"


def _facts(zone: dict[str, Any], record: dict[str, Any], lang: str) -> Table:
    sources = _field_sources(record)
    former = (record.get("province_pre2025") or {}).get("name")
    current = (record.get("province_2025") or {}).get("name")
    locality = f"{current} ({former})" if current and former and former != current else current or former
    available = _ha(record["available_ha"], lang)
    if available and record.get("available_basis") == "derived":
        available += " — " + t(mark("derived: {how}"), lang, how=record.get("available_derivation") or "")
    occupancy = record["occupancy_pct"]
    rows: list[tuple[Inline, Inline]] = [
        (t(mark("Type"), lang), _cited(code_label("zone_type", record["type"], lang), ("zone_type",), sources, lang)),
        (t(mark("Locality"), lang), _cited(locality, ("province",), sources, lang)),
        (t(mark("Total area"), lang), _cited(_ha(record["area_ha"], lang), ("area_ha",), sources, lang)),
        (t(mark("Leasable land"), lang), _cited(_ha(record["leasable_ha"], lang), ("leasable_ha",), sources, lang)),
        (t(mark("Land still available"), lang),
         _cited(available, ("available_ha", "leasable_ha", "occupancy_pct"), sources, lang)),
        (t(mark("Occupancy"), lang),
         _cited(None if occupancy is None else f"{number(occupancy, lang, 1)} %", ("occupancy_pct",), sources, lang)),
        (t(mark("Land rent"), lang), _rent(zone["criteria"]["rent_usd_m2"]["evidence"], lang)),
        (t(mark("Status"), lang), _cited(code_label("status", record["status"], lang), ("status",), sources, lang)),
    ]  # fmt: skip
    if record["status"] is None or record["status"] == "unknown":
        rows[-1] = (rows[-1][0], t(UNKNOWN, lang))
    header = (t(mark("Fact"), lang), t(mark("Value (source and as-of date in the note)"), lang))
    return Table(t(mark("Facts about {zone}"), lang, zone=zone["name"]), header, tuple(rows), (False, False))


def _rent(evidence: Mapping[str, Any] | None, lang: str) -> Inline:
    if not evidence:
        return t(UNKNOWN, lang)
    low, high = evidence["low_usd_m2"], evidence["high_usd_m2"]
    shown = number(low, lang, 1) if low == high else f"{number(low, lang, 1)}–{number(high, lang, 1)}"
    scope = t(mark("the zone's own figure") if evidence["scope"] == "zone" else mark("the province's figure"), lang)
    source = Source(evidence["source_title"], evidence["source_url"] or "-", evidence["as_of"] or "unknown")
    return Cited(f"{shown} {evidence['unit']} ({scope})", (source,))


def _zone_map(zone: dict[str, Any], siting: SitingService, lang: str) -> list[Figure]:
    """The zone and its nearest deep-sea port, airport and border gate, coloured by travel hours from the zone."""
    if zone["location"]["lat"] is None:
        return []
    points = [MapPoint(zone["location"]["lon"], zone["location"]["lat"], 0.0, zone["name"])]
    for criterion in HUB_OF:
        hub = zone["criteria"][criterion]["evidence"]
        node = siting.logistics.base.nodes.get(hub["id"]) if hub else None
        if node is not None and node.located:
            assert node.lon is not None and node.lat is not None
            points.append(MapPoint(node.lon, node.lat, float(hub["duration_h"]), hub["name"]))
    hours = t(mark("hours from the zone"), lang)
    image = point_map(provinces_2025(), points, hours, t(UNKNOWN, lang), lang, _bbox(points), size_in=(7, 4.4),
                      annotate=True)  # fmt: skip
    caption = t(mark("{zone} and its nearest deep-sea port, airport and border gate"), lang, zone=zone["name"])
    return [Figure(caption, image, caption, (_boundary_source(lang),))]


def _travel(zone: dict[str, Any], network: Source, lang: str) -> Table:
    rows = []
    for criterion, hub_class in HUB_OF.items():
        hub = zone["criteria"][criterion]["evidence"]
        if hub:
            cells: tuple[Inline, ...] = (
                t(HUB_LABELS[hub_class], lang), hub["name"],
                Cited(number(hub["duration_h"], lang, 1), (network,)),
                Cited(number(hub["distance_km"], lang, 1), (network,)),
            )  # fmt: skip
        else:
            cells = (t(HUB_LABELS[hub_class], lang), t(UNKNOWN, lang), t(UNKNOWN, lang), t(UNKNOWN, lang))
        rows.append(cells)
    header = (t(mark("Hub"), lang), t(mark("Name"), lang), t(mark("Hours"), lang), t(mark("km"), lang))
    caption = t(mark("Travel times by road over the network, as the ranking uses them"), lang)
    return Table(caption, header, tuple(rows), (False, False, True, True))


def _ranking_blocks(zone: dict[str, Any], ranking: Ranking, lang: str) -> list[Paragraph | Table]:
    total = sum(ranking.weights.values())
    rows = []
    for criterion in ranking.criteria:
        weight = ranking.weights[criterion.id] / total if total else 0.0
        if weight <= 0:
            continue
        value = zone["criteria"][criterion.id]
        shown = _value(value["value"], criterion.unit, lang) if value["known"] else t(UNKNOWN, lang)
        rows.append((t(criterion.label, lang), shown, f"{number(weight * 100, lang, 0)} %",
                     number(zone["contributions"][criterion.id], lang, 3)))  # fmt: skip
    header = (t(mark("Criterion"), lang), t(mark("Value"), lang), t(mark("Weight"), lang),
              t(mark("Contribution"), lang))  # fmt: skip
    caption = t(mark("Rank {rank} of {feasible}: score {score}, the sum of the contributions"), lang,
                rank=zone["rank"], feasible=ranking.feasible_count, score=number(zone["score"], lang, 3))  # fmt: skip
    unknown = t(mark("{share} % of the score rests on unknown data, scored as neutral (0.5), never as zero."), lang,
                share=number(zone["unknown_share"] * 100, lang, 0))  # fmt: skip
    blocks: list[Paragraph | Table] = [Table(caption, header, tuple(rows), (False, False, True, True)),
                                       Paragraph.of(unknown)]  # fmt: skip
    if zone["lacks"]:
        lacks = "; ".join(m.render(lang) for m in zone["lacks"])
        blocks.append(Paragraph.of(t(mark("What the zone lacks or does not state: {lacks}"), lang, lacks=lacks)))
    return blocks


def _value(value: float, unit: str, lang: str) -> str:
    return number(value, lang, 2) if unit == "0-1" else f"{number(value, lang, 1)} {unit}"


def _incentives(zone: dict[str, Any], lang: str) -> Table:
    findings: list[IncentiveFinding] = zone["incentives"]
    rows = tuple(_incentive_row(f, lang) for f in findings)
    if not rows:
        rows = ((t(mark("none found for this location"), lang), "", "", ""),)
    header = (t(mark("Legal basis"), lang), t(mark("What it grants"), lang), t(mark("Effective from"), lang),
              t(mark("Applies?"), lang))  # fmt: skip
    return Table(t(mark("Incentives by location, with their legal articles"), lang), header, rows)


def _incentive_row(finding: IncentiveFinding, lang: str) -> tuple[Inline, ...]:
    rule = finding.rule
    source = Source(rule.get("source_title") or rule.get("legal_basis") or "-", rule.get("source_url") or "-",
                    rule.get("effective_from") or "unknown")  # fmt: skip
    return (
        Cited(rule.get("legal_basis") or t(UNKNOWN, lang), (source,)),
        rule.get("grants") or t(UNKNOWN, lang),
        rule.get("effective_from") or t(UNKNOWN, lang),
        finding.status.render(lang),
    )


def _contacts(zone: dict[str, Any], record: dict[str, Any], lang: str) -> Table:
    board = focal_boards().get(zone["province"] or "")
    name = t(mark("Management board"), lang)
    if board is None:
        rows: tuple[tuple[Inline, ...], ...] = ((name, t(UNKNOWN, lang)),)
    else:
        rows = tuple((label, _contact(value, board, lang)) for label, value in _board_fields(board, lang))
    if record.get("board_contact"):
        rows += ((t(mark("Contact stated for the zone"), lang), str(record["board_contact"])),)
    header = (t(mark("Contact"), lang), t(mark("Details"), lang))
    return Table(t(mark("Who to contact: the management board"), lang), header, rows, (False, False))


def _board_fields(board: Board, lang: str) -> list[tuple[str, str]]:
    names = " / ".join(n for n in (board.name_vi, board.name_en) if n)
    return [
        (t(mark("Management board"), lang), names),
        (t(mark("Address"), lang), board.address),
        (t(mark("Phone"), lang), board.phone),
        (t(mark("E-mail"), lang), board.email),
        (t(mark("Website"), lang), board.website),
    ]


def _contact(value: str, board: Board, lang: str) -> Inline:
    if not value:
        return t(UNKNOWN, lang)
    url = board.source_url.split(" | ")[0] if board.source_url else _BOARDS_DOC
    return Cited(
        value, (Source(t(mark("Management boards of the corridor (research round 7)"), lang), url, "unknown"),)
    )


# -- about --------------------------------------------------------------------------------------------------------


def _about(ranking: Ranking, lang: str) -> tuple[Paragraph, ...]:
    method = t(mark("SPOTIS (no rank reversal)") if ranking.method == "spotis" else mark("weighted sum"), lang)
    texts = (
        t(mark("The zones were ranked for the brief by {method} over the criteria above, after hard filters "
               "(land, status and timing, sector, utilities, rent budget, excluded localities). Each criterion's "
               "contribution is its weight times the zone's normalised value; they add up to the score."), lang,
          method=method),
        t(mark("Unknown data is written \"unknown\": it is a gap in the research, not a finding against the zone. "
               "Management boards can fill in their zones' figures and contacts on the portal."), lang),
        t(mark("The kit's own words are translated; names, notes, legal articles and source titles are given as "
               "recorded, in Vietnamese or English."), lang),
    )  # fmt: skip
    return tuple(Paragraph.of(text) for text in texts)


# -- maps ---------------------------------------------------------------------------------------------------------


def _boundary_source(lang: str) -> Source:
    title = t(mark("Boundaries of the 34 provinces of 2025 (TaliaCao/Vietnam-Shape-Map, from Open Development "
                   "Vietnam; bundled with Corridor, see SOURCES.md)"), lang)  # fmt: skip
    return Source(title, "https://github.com/TaliaCao/Vietnam-Shape-Map", "2025-11-29")


def _bbox(points: Sequence[MapPoint]) -> tuple[float, float, float, float]:
    lons, lats = [p.lon for p in points], [p.lat for p in points]
    margin_lon = max(0.25, (max(lons) - min(lons)) * 0.15)
    margin_lat = max(0.2, (max(lats) - min(lats)) * 0.15)
    return (min(lons) - margin_lon, min(lats) - margin_lat, max(lons) + margin_lon, max(lats) + margin_lat)
