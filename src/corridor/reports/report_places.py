"""Report sections on places: infrastructure (zones, network, travel-time maps), sustainability, supply chain."""

from __future__ import annotations

import datetime as dt
import statistics
import tomllib
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from corridor.documents import Cited, Figure, Inline, MapPoint, Paragraph, Source, Table, number, point_map, t
from corridor.errors import CorridorError
from corridor.i18n import mark
from corridor.reference.land import provinces_2025
from corridor.registry.labels import code_label
from corridor.registry.service import ListFilters
from corridor.registry.terms import term_label
from corridor.reports._text import NO_DATA

if TYPE_CHECKING:
    from corridor.matching.gaps import Gap
    from corridor.reports.report import ReportInputs

Block = Paragraph | Table | Figure
HUB_TITLES = {
    "deep_sea_port": mark("Travel time to the nearest deep-sea port (hours, truck)"),
    "airport": mark("Travel time to the nearest airport (hours, truck)"),
    "border_gate": mark("Travel time to the nearest border gate (hours, truck)"),
}
STATUSES = ("planned", "under_construction", "operating", "unknown")
SHIPMENTS = (("HYE", "PT_LH34"), ("HLG", "PT_LH34"), ("HYE", "BG_MC"), ("HPG", "BG_HN"))
MODES = ("truck", "rail", "barge", "multimodal")
MODE_LABELS = (mark("truck"), mark("rail"), mark("barge"), mark("multimodal"))
NO_EVIDENCE = mark("no evidence recorded")


def _registry_source(kind: str, corridor: str, records: Sequence[dict[str, Any]]) -> Source:
    """The registry as the source of a figure computed over many records, each of which cites its own source."""
    dates = sorted(str(r.get("as_of")) for r in records if r.get("as_of") and r.get("as_of") != "unknown")
    titles = {
        "zones": mark("Corridor registry: zone records of the corridor, each citing its own source"),
        "firms": mark("Corridor registry: firm records of the corridor, each citing its own source"),
        "nodes": mark("Corridor registry: transport node records, each citing its own source"),
    }
    return Source(titles[kind], f"/api/v1/{kind}?corridor={corridor}", dates[-1] if dates else "unknown")


def _localized(source: Source, lang: str) -> Source:
    return Source(t(source.title, lang), source.url, source.as_of)


def _count(value: int, source: Source) -> Cited:
    return Cited(str(value), (source,))


def _sum(values: list[float | None], lang: str, source: Source) -> Inline:
    known = [v for v in values if v is not None]
    if not known:
        return t(NO_DATA, lang)
    suffix = "" if len(known) == len(values) else f" ({len(known)}/{len(values)})"
    return Cited(number(sum(known), lang, 1) + suffix, (source,))


# -- 4. infrastructure ---------------------------------------------------------------------------------------------


def infrastructure_section(inputs: ReportInputs, corridor: str, lang: str) -> tuple[Block, ...]:
    zones = inputs.registry.list_records("zones", ListFilters(corridor=corridor)).items
    source = _localized(_registry_source("zones", corridor, zones), lang)
    blocks: list[Block] = [
        Paragraph.of(
            t(mark("Zones of the corridor by province and type. Land figures add the zones that state them; "
                   "(k/n) says how many of the n zones had a figure. Occupancy is weighted by leasable land."), lang)
        ),
        _zone_table(zones, lang, source),
        _status_table(zones, lang, source),
    ]  # fmt: skip
    blocks.extend(_network(inputs, corridor, lang))
    blocks.extend(_travel_maps(inputs, zones, lang, source))
    return tuple(blocks)


def _zone_table(zones: list[dict[str, Any]], lang: str, source: Source) -> Table:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for zone in zones:
        groups[(_province_of(zone, lang), zone["type"] or t(NO_DATA, lang))].append(zone)
    rows = []
    for (province, zone_type), members in sorted(groups.items()):
        rows.append((
            province, zone_type, _count(len(members), source),
            _sum([z["area_ha"] for z in members], lang, source),
            _sum([z["leasable_ha"] for z in members], lang, source),
            _sum([z["available_ha"] for z in members], lang, source),
            _occupancy(members, lang, source),
        ))  # fmt: skip
    headings = (mark("Province"), mark("Type"), mark("Zones"), mark("Total area (ha)"), mark("Leasable (ha)"),
                mark("Available (ha)"), mark("Occupancy (%)"))  # fmt: skip
    header = tuple(t(h, lang) for h in headings)
    return Table(t(mark("Zones by province and type"), lang), header, tuple(rows), (False, False, *([True] * 5)))


def _province_of(zone: dict[str, Any], lang: str) -> str:
    return str((zone["province"] or {}).get("name") or t(NO_DATA, lang))


def _occupancy(zones: list[dict[str, Any]], lang: str, source: Source) -> Inline:
    both = [z for z in zones if z["leasable_ha"] and z["occupancy_pct"] is not None]
    if not both:
        return t(NO_DATA, lang)
    weight = sum(z["leasable_ha"] for z in both)
    value = sum(z["leasable_ha"] * z["occupancy_pct"] for z in both) / weight
    return Cited(f"{number(value, lang, 1)} ({len(both)}/{len(zones)})", (source,))


def _status_table(zones: list[dict[str, Any]], lang: str, source: Source) -> Table:
    counts = Counter((z["type"] or t(NO_DATA, lang), z["status"] or "unknown") for z in zones)
    types = sorted({k[0] for k in counts})
    rows = tuple((zone_type, *(_count(counts.get((zone_type, s), 0), source) for s in STATUSES)) for zone_type in types)
    header = (t(mark("Type"), lang), *(code_label("status", s, lang) for s in STATUSES))
    return Table(t(mark("Zones by status"), lang), header, rows, (False, *([True] * len(STATUSES))))


def _network(inputs: ReportInputs, corridor: str, lang: str) -> list[Block]:
    nodes = inputs.registry.list_records("nodes", ListFilters(corridor=corridor)).items
    source = _localized(_registry_source("nodes", corridor, nodes), lang)
    counts = Counter(n["type"] for n in nodes)
    rows = tuple((t(kind, lang), _count(n, source)) for kind, n in sorted(counts.items()))
    header = (t(mark("Node type"), lang), t(mark("Nodes"), lang))
    text = t(mark("The transport network of the corridor in the registry: ports, airports, border gates, stations "
                  "and the links between them (see the route planner for journeys)."), lang)  # fmt: skip
    return [Paragraph.of(text), Table(t(mark("Transport nodes by type"), lang), header, rows, (False, True))]


def _travel_maps(inputs: ReportInputs, zones: list[dict[str, Any]], lang: str, zone_source: Source) -> list[Block]:
    placed = [z for z in zones if z["location"]["lat"] is not None]
    logistics = inputs.logistics()
    try:
        hubs = logistics.nearest_hubs([z["id"] for z in placed])
    except CorridorError as error:
        return [Paragraph.of(t(mark("Travel times could not be computed: {reason}"), lang, reason=error.render(lang)))]
    year = logistics.params.year if hasattr(logistics.params, "year") else dt.date.today().year
    source = Source(
        t(mark("Corridor freight network: travel times computed by the logistics service (truck, {year}); "
               "the network's links cite their own sources"), lang, year=year),
        "docs/logistics.md", dt.date.today().isoformat(),
    )  # fmt: skip
    boundaries = provinces_2025()
    bbox = _bbox(placed)
    figures: list[Block] = []
    for hub_class, title in HUB_TITLES.items():
        points = [MapPoint(z["location"]["lon"], z["location"]["lat"], _hours(hubs, z["id"], hub_class), z["name"])
                  for z in placed]  # fmt: skip
        image = point_map(boundaries, points, t(mark("hours"), lang), t(NO_DATA, lang), lang, bbox)
        figures.append(Figure(t(title, lang), image, t(title, lang), (source,)))
    figures.append(_hub_table(placed, hubs, lang, source))
    unplaced = len(zones) - len(placed)
    text = t(mark("Zones without a known location are not on the maps: "), lang)
    figures.append(Paragraph.of(text, _count(unplaced, zone_source), "."))
    return figures


def _hours(hubs: dict[str, dict[str, dict[str, Any] | None]], zone_id: str, hub_class: str) -> float | None:
    found = hubs.get(zone_id, {}).get(hub_class)
    return float(found["duration_h"]) if found else None


def _hub_table(placed: list[dict[str, Any]], hubs: dict[str, Any], lang: str, source: Source) -> Table:
    by_province: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for zone in placed:
        by_province[_province_of(zone, lang)].append(zone)
    rows = []
    for province, members in sorted(by_province.items()):
        cells: list[Inline] = [province, _count(len(members), source)]
        for hub_class in HUB_TITLES:
            values = [v for v in (_hours(hubs, z["id"], hub_class) for z in members) if v is not None]
            cells.append(Cited(number(statistics.median(values), lang, 1), (source,)) if values else t(NO_DATA, lang))
        rows.append(tuple(cells))
    header = tuple(t(h, lang) for h in (mark("Province"), mark("Zones on the map"), mark("Deep-sea port (h)"),
                                        mark("Airport (h)"), mark("Border gate (h)")))  # fmt: skip
    caption = t(mark("Median travel time from the zones to the nearest hubs"), lang)
    return Table(caption, header, tuple(rows), (False, True, True, True, True))


def _bbox(zones: list[dict[str, Any]]) -> tuple[float, float, float, float]:
    if not zones:
        return (105.3, 20.3, 108.1, 22.7)
    lons = [z["location"]["lon"] for z in zones]
    lats = [z["location"]["lat"] for z in zones]
    return (min(lons) - 0.3, min(lats) - 0.25, max(lons) + 0.3, max(lats) + 0.25)


# -- 5. sustainability -----------------------------------------------------------------------------------------------


@cache
def _criteria() -> dict[str, Any]:
    text = (resources.files("corridor") / "reports" / "eip_criteria.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def sustainability_section(inputs: ReportInputs, corridor: str, lang: str) -> tuple[Block, ...]:
    criteria = _criteria()
    decree = Source(criteria["source"]["title"], criteria["source"]["url"], criteria["source"]["as_of"])
    zones = inputs.registry.list_records("zones", ListFilters(corridor=corridor)).items
    firms = inputs.registry.list_records("firms", ListFilters(corridor=corridor)).items
    zone_source = _localized(_registry_source("zones", corridor, zones), lang)
    firm_source = _localized(_registry_source("firms", corridor, firms), lang)
    label, article, short = ("label_vi", "article_vi", "short_vi") if lang == "vi" else ("label", "article", "short")
    listing = Table(
        t(mark("Criteria of an eco-industrial park (Decree 35/2022/ND-CP) checked in this report"), lang),
        (t(mark("Criterion"), lang), t(mark("Article"), lang)),
        tuple((Cited(c[label], (decree,)), Cited(c[article], (decree,))) for c in criteria["criteria"]),
        (False, False),
    )
    parks = [z for z in zones if z["type"] == "KCN" and z["status"] == "operating"]
    iso = _iso14001_by_zone(firms)
    rows = []
    for park in sorted(parks, key=lambda z: z["name"]):
        cells = [_evidence(c["evidence"], park, iso, lang, zone_source, firm_source) for c in criteria["criteria"]]
        rows.append((park["name"], *cells))
    header = (t(mark("Operating industrial park"), lang), *(c[short] for c in criteria["criteria"]))
    checklist = Table(t(mark("Eco-industrial park checklist: evidence per criterion"), lang), header, tuple(rows))
    intro = Paragraph.of(
        t(mark("Each operating industrial park is checked against the criteria the registry can speak to. Where no "
               "record holds evidence, the cell says so: that is a gap in the data, not a finding against the park."),
          lang)
    )  # fmt: skip
    return (intro, listing, checklist, *_certifications(firms, lang, firm_source), *_co2e(inputs, lang))


def _iso14001_by_zone(firms: list[dict[str, Any]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for firm in firms:
        held = [*(firm.get("certifications") or []), *(firm.get("certifications_unverified") or [])]
        if firm.get("zone") and any("14001" in str(c) for c in held):
            found[firm["zone"]].append(firm["name"])
    return found


def _evidence(kind: str, park: dict[str, Any], iso: dict[str, list[str]], lang: str, zs: Source, fs: Source) -> Inline:
    if kind == "wastewater" and park["utilities"]["wastewater"]:
        return Cited(str(park["utilities"]["wastewater"]), (zs,))
    if kind == "eco_flag" and park["flags"]["eco"]:
        return Cited(t(mark("named an eco-industrial park by a source"), lang), (zs,))
    if kind == "iso14001" and iso.get(park["id"]):
        return Cited(t(mark("ISO 14001: {firms}"), lang, firms=", ".join(iso[park["id"]])), (fs,))
    return t(NO_EVIDENCE, lang)


def _certifications(firms: list[dict[str, Any]], lang: str, source: Source) -> list[Block]:
    counts: Counter[str] = Counter()
    for firm in firms:
        for cert in {*(firm.get("certifications") or []), *(firm.get("certifications_unverified") or [])}:
            counts[str(cert)] += 1
    if not counts:
        return [
            Paragraph.of(t(mark("Green certifications: no firm record of the corridor states a certification."), lang))
        ]
    rows = tuple((name, _count(n, source)) for name, n in counts.most_common())
    header = (t(mark("Certification"), lang), t(mark("Firms"), lang))
    return [Table(t(mark("Certifications stated by the corridor's firms"), lang), header, rows, (False, True))]


def _co2e(inputs: ReportInputs, lang: str) -> list[Block]:
    logistics = inputs.logistics()
    params = logistics.params
    source = Source(
        t(mark("Corridor logistics parameters: CO2e per tonne-km by mode (assumed intensities, to be calibrated); "
               "method: {method}"), lang, method=params.co2e_method),
        "src/corridor/logistics/parameters.toml", params.version,
    )  # fmt: skip
    rows = []
    why_not: dict[str, list[str]] = {}  # the reason a route was not found -> the shipments and modes it hit
    for origin, destination in SHIPMENTS:
        names = f"{logistics.base.nodes[origin].name} → {logistics.base.nodes[destination].name}"
        cells: list[Inline] = []
        for profile, mode_label in zip(MODES, MODE_LABELS, strict=True):
            try:
                route = logistics.route(origin, destination, profile=profile, optimize="time")
            except CorridorError as error:
                cells.append(t(mark("no route"), lang))
                why_not.setdefault(error.render(lang), []).append(f"{names} ({t(mode_label, lang)})")
                continue
            cells.append(Cited(number(route.total("co2e_kg"), lang, 0), (source,)))
        rows.append((names, *cells))
    header = (t(mark("Shipment (one 40-ft container)"), lang), *(t(m, lang) for m in MODE_LABELS))
    caption = t(mark("CO2e of typical corridor shipments by mode (kg CO2e, fastest route of each mode)"), lang)
    intro = t(mark("The intensities per tonne-km are assumptions of the parameter file, not measured values; "
                   "the figures compare modes, they do not report emissions."), lang)  # fmt: skip
    blocks: list[Block] = [Paragraph.of(intro), Table(caption, header, tuple(rows), (False, *([True] * len(MODES))))]
    if why_not:
        reasons = tuple((reason, "; ".join(hit)) for reason, hit in why_not.items())
        header = (t(mark("Why no route was found"), lang), t(mark("Shipments and modes"), lang))
        blocks.append(Table(t(mark("Shipments without a route, and why"), lang), header, reasons, (False, False)))
    return blocks


# -- 6. supply chain -------------------------------------------------------------------------------------------------


def supply_chain_section(
    inputs: ReportInputs, corridor: str, lang: str, gaps: Sequence[Gap] | None = None
) -> tuple[Block, ...]:
    from corridor.matching.relatedness import related_sectors

    firms = inputs.registry.list_records("firms", ListFilters(corridor=corridor)).items
    source = _localized(_registry_source("firms", corridor, firms), lang)
    leads = [f for f in firms if f["role"] == "lead_firm"]
    by_sector = Counter((_term(f["sector"], lang), _term(f["origin_country"], lang)) for f in leads)
    lead_rows = tuple((s, o, _count(n, source)) for (s, o), n in sorted(by_sector.items(), key=lambda i: (-i[1], i[0])))
    suppliers = Counter(_term(f["sector"], lang) for f in firms if f["role"] == "supplier")
    supplier_rows = tuple((s, _count(n, source)) for s, n in suppliers.most_common())
    related = related_sectors(
        {"sector": f["sector"], "zone": f["zone"], "locality": (f["province"] or {}).get("name")} for f in firms
    )
    related_rows = tuple(
        (r.locality, r.sector, Cited(number(r.density, lang, 2), (source,)),
         ", ".join(s for s, _ in r.related_strong[:3]))
        for r in related[:12]
    )  # fmt: skip
    return (
        Paragraph.of(t(mark("Lead firms by sector and origin, their suppliers in the registry, and the sectors "
                            "the corridor lacks although it is strong in related ones (relatedness by "
                            "co-location)."), lang)),
        Table(t(mark("Lead firms by sector and origin"), lang),
              (t(mark("Sector"), lang), t(mark("Origin"), lang), t(mark("Lead firms"), lang)), lead_rows,
              (False, False, True)),
        Table(t(mark("Suppliers by sector"), lang), (t(mark("Sector"), lang), t(mark("Suppliers"), lang)),
              supplier_rows, (False, True)),
        Table(t(mark("Related sectors the corridor lacks (densest first)"), lang),
              (t(mark("Locality"), lang), t(mark("Sector"), lang), t(mark("Density"), lang),
               t(mark("Strong related sectors"), lang)), related_rows, (False, False, True, False)),
        *_gaps_block(gaps, lang, source),
    )  # fmt: skip


def _term(text: str | None, lang: str) -> str:
    """A sector or country as recorded, in `lang` where it is a known term ('Japan' -> 'Nhật Bản'); else no data."""
    return term_label(text, lang) or t(NO_DATA, lang)


def _gaps_block(gaps: Sequence[Gap] | None, lang: str, source: Source) -> list[Block]:
    if gaps is None:
        return [Paragraph.of(t(mark("Supply gaps: not computed for this report."), lang))]
    rows = tuple((g.locality, g.input_text, _count(g.suppliers_within, source), _count(len(g.lead_firms), source))
                 for g in gaps[:12])  # fmt: skip
    header = tuple(
        t(h, lang) for h in (mark("Locality"), mark("Input"), mark("Suppliers within 3 h"), mark("Lead firms"))
    )
    return [Table(t(mark("Supply gaps: inputs of lead firms with fewest corridor suppliers"), lang), header, rows,
                  (False, False, True, True))]  # fmt: skip
