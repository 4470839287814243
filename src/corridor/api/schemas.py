"""The public JSON of the REST API and OGC API as typed models: the OpenAPI document is generated from them.

They describe what corridor.registry.public and the other services return (docs/json.md is the prose of the
same contract, and tests/api/test_json_contract.py checks that the two name the same fields). Every model
forbids fields it does not declare, so an answer with an undeclared field fails the schemathesis test
instead of drifting silently. `null` means unknown; fields with `| None` are always present.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

Item = TypeVar("Item")


class Public(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


# -- shared pieces -------------------------------------------------------------------------------------------


class Unit(Public):
    """An administrative unit: province (before or after the 1 July 2025 merger) or foreign locality."""

    id: str
    name: str


class Location(Public):
    lat: float | None
    lon: float | None
    precision: Literal["site", "approximate", "ward", "district", "province", "unknown"]
    note: str | None = Field(description="how the point was made")


class Source(Public):
    title: str
    url: str | None
    as_of: str = Field(description="date the source speaks for: YYYY[-MM[-DD]] or 'unknown'")
    loaded_at: str
    loaded_by: str
    states: dict[str, Any] = Field(description="the fields this source states")
    current_for: list[str] = Field(description="the fields this source supplies now")


# -- zones, firms, nodes, needs, offers ----------------------------------------------------------------------


class Flags(Public):
    high_tech: bool | None
    specialised: bool | None
    eco: bool | None


class Utilities(Public):
    power: str | None
    water: str | None
    wastewater: str | None


class Zone(Public):
    """An industrial park (KCN), economic zone (KKT) or industrial cluster (CCN)."""

    id: str
    name: str
    name_en: str | None
    type: Literal["KCN", "KKT", "CCN"]
    kkt_kind: Literal["coastal", "border_gate"] | None
    flags: Flags
    parent_zone: str | None
    province: Unit | None = Field(description="the province on the as-of date")
    province_2025: Unit | None
    province_pre2025: Unit | None
    address: str | None
    status: Literal["planned", "under_construction", "operating", "unknown"]
    status_note: str | None
    developer: str | None
    established: str | None
    target_industries: str | None
    target_vsic: list[str]
    area_ha: float | None
    area_ha_max: float | None
    industrial_area_ha: float | None
    leasable_ha: float | None
    occupancy_pct: float | None
    leased_ha: float | None
    available_ha: float | None
    available_basis: Literal["sourced", "derived"] | None
    available_derivation: str | None
    utilities: Utilities
    board_contact: str | None
    location: Location
    notes: str | None
    as_of: str
    updated_at: str
    updated_by: str


class ZoneFirm(Public):
    id: str
    name: str
    role: str


class ZoneDetail(Zone):
    sources: list[Source]
    firms: list[ZoneFirm]


class FirmLocation(Public):
    lat: float | None
    lon: float | None


class Firm(Public):
    id: str
    name: str
    tax_code: str | None
    origin_country: str | None
    province: Unit | None
    zone: str | None = Field(description="ID of the zone the firm is in")
    address: str | None
    role: Literal["lead_firm", "supplier", "logistics_provider", "developer", "unknown"]
    sector: str | None
    vsic: list[str]
    products_vi: str | None
    products_en: str | None
    hs_codes: list[str]
    certifications: list[str]
    certifications_unverified: list[str]
    employees: int | None
    investment_usd: float | None
    year: int | None
    location: FirmLocation
    notes: str | None
    as_of: str
    updated_at: str
    updated_by: str


class FirmDetail(Firm):
    sources: list[Source]


class Node(Public):
    """Infrastructure: seaport, terminal, berth, airport, border gate, rail station, ICD, town, bridge."""

    id: str
    name: str
    type: str
    status: str
    province: Unit | None
    location: Location
    attributes: str | None = Field(description="key=value text from the source")
    notes: str | None
    as_of: str
    updated_at: str
    updated_by: str


class NodeDetail(Node):
    sources: list[Source]


class Exchange(Public):
    id: str
    firm: str = Field(description="ID of the firm that posts it")
    text_vi: str | None
    text_en: str | None
    category: str | None
    hs_codes: list[str]
    vsic: list[str]
    quantity: float | None
    unit: str | None
    certifications: list[str]
    certifications_unverified: list[str]
    place: Unit | None
    notes: str | None
    as_of: str
    updated_at: str
    updated_by: str


class Need(Exchange):
    """What a firm buys."""

    deadline: str | None


class Offer(Exchange):
    """What a firm supplies."""

    capacity: float | None
    lead_time_days: int | None


class PageLinks(Public):
    self: str
    next: str | None
    prev: str | None


class Page(Public, Generic[Item]):
    """One page of a list, with the total that matched and links to the pages around it."""

    total: int
    limit: int | None
    offset: int
    notes: list[str] = Field(description="how the filters were read, e.g. a pre-2025 province's successor")
    items: list[Item]
    links: PageLinks


class ZonePage(Page[Zone]):
    pass


class FirmPage(Page[Firm]):
    pass


class NodePage(Page[Node]):
    pass


class NeedPage(Page[Need]):
    pass


class OfferPage(Page[Offer]):
    pass


# -- GeoJSON -------------------------------------------------------------------------------------------------


class Point(Public):
    type: Literal["Point"]
    coordinates: list[float] = Field(min_length=2, max_length=2, description="lon, lat (WGS 84)")


class Feature(Public):
    """A record as a GeoJSON Feature: flat properties, a Point where the location is known."""

    type: Literal["Feature"]
    id: str
    geometry: Point | None
    properties: dict[str, Any]


class FeatureCollection(Public):
    type: Literal["FeatureCollection"]
    numberMatched: int  # noqa: N815 (OGC API names)
    numberReturned: int  # noqa: N815
    features: list[Feature]


class LineString(Public):
    type: Literal["LineString"]
    coordinates: list[list[float]]


class NetworkLinkProperties(Public):
    name: str | None
    mode: str
    link_class: str = Field(alias="class")
    status: str
    length_km: float
    length_basis: str
    geometry: str | None
    opened_year: int | None
    planned_year: int | None
    source: str | None


class NetworkLink(Public):
    type: Literal["Feature"]
    id: str
    geometry: LineString
    properties: NetworkLinkProperties


class Network(Public):
    type: Literal["FeatureCollection"]
    features: list[NetworkLink]
    network_version: str = Field(description="fingerprint of the network: changes whenever a node or link changes")
    attribution: str | None = Field(description="credit of the road and railway linework (ODbL / CC BY-SA)")


# -- indicators, localities, search --------------------------------------------------------------------------


class IndicatorSource(Public):
    title: str
    url: str | None
    as_of: str


class Indicator(Public):
    locality: Unit
    year: int | None
    indicator: str
    value: float
    unit: str
    note: str | None
    status: str | None = Field(description="how final the figure is, as its source says (estimate, preliminary...)")
    source: IndicatorSource


class IndicatorFact(Public):
    """One source's figure behind a series point."""

    locality: Unit
    year: int | None
    value: float
    unit: str
    status: str | None
    source: IndicatorSource


class SeriesPoint(Public):
    """One value of a series on the chosen boundaries; `value` null means it could not be given (see `reason`)."""

    locality: Unit
    indicator: str = Field(description="indicator key (grdp_current, grdp_growth, exports, pci...)")
    label: str
    year: int
    value: float | None
    unit: str
    method: Literal["reported", "sum", "weighted", "refused", "incomplete"]
    reason: str | None
    used: list[IndicatorFact] = Field(description="the figures the value rests on")
    weights: list[IndicatorFact] = Field(description="weights of a weighted value (previous-year GRDP)")
    parts: list[IndicatorFact] = Field(description="what each part reported, when the value is refused")
    alternatives: list[IndicatorFact] = Field(description="conflicting figures of the same year, not used")


class Indicators(Public):
    total: int
    items: list[Indicator]
    boundaries: Literal["2025", "pre2025"]
    note: str | None
    series: list[SeriesPoint]
    totals: list[SeriesPoint] = Field(description="corridor totals of additive indicators (2025 boundaries)")


class Locality(Public):
    id: str
    name: str
    name_en: str
    official_name: str
    country: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    successors: list[str] = Field(description="IDs of the units it became")


class Localities(Public):
    total: int
    items: list[Locality]


class SearchHit(Public):
    id: str
    name: str


class SearchHits(Public):
    total: int
    items: list[SearchHit]


class SearchResults(Public):
    zones: SearchHits
    firms: SearchHits
    nodes: SearchHits


# -- logistics -----------------------------------------------------------------------------------------------


class Place(Public):
    id: str
    name: str
    kind: str


class LegEnd(Public):
    id: str
    name: str


class Leg(Public):
    kind: Literal["link", "access", "transfer", "border"] = Field(
        description="access: the first or last mile between a place off the network and the node it joins"
    )
    mode: str
    from_: LegEnd = Field(alias="from")
    to: LegEnd
    distance_km: float
    duration_h: float
    cost_vnd: float
    co2e_kg: float
    basis: str = Field(description="sourced, estimated, assumption or scenario")
    link: str | None
    link_name: str | None
    source: str | None
    toll_known: bool | None
    geometry: Literal["schematic", "linework"] | None = Field(
        description="linework: drawn along the real road or railway (coordinates); schematic: a straight line"
    )
    coordinates: list[list[float]] | None = Field(description="[lon, lat] points in travel order (linework legs)")
    note: str | None = Field(description="the assumption an estimated length rests on, or a correction of the data")


class Totals(Public):
    distance_km: float
    duration_h: float
    cost_vnd: float
    co2e_kg: float


class Route(Public):
    origin: Place
    destination: Place
    profile: str
    optimize: str
    year: int
    cargo_t: float
    scenario: str | None
    legs: list[Leg]
    totals: Totals
    notes: list[str]
    network_version: str = Field(description="fingerprint of the network the route was found on")
    attribution: str | None = Field(description="credit of the road and railway linework (ODbL / CC BY-SA)")


class Alternative(Public):
    optimize: Literal["time", "cost", "co2"]
    dominates: bool = Field(description="no worse than the others on time, cost and CO2e, and better on one")
    route: Route


class Alternatives(Public):
    origin: Place
    destination: Place
    profile: str
    year: int
    cargo_t: float
    scenario: str | None
    dominant: Literal["time", "cost", "co2"] | None = Field(description="the objective whose route dominates")
    same_route: bool = Field(description="the three objectives give the same route")
    alternatives: list[Alternative]


class Hub(Public):
    id: str
    name: str
    duration_h: float
    distance_km: float
    estimated: bool


class HubMatrixRow(Public):
    zone: str
    zone_name: str
    hub: str
    hub_name: str
    hub_class: str
    duration_h: float
    distance_km: float
    estimated: bool
    nearest_of_class: bool


class HubMatrix(Public):
    version: str = Field(description="network version . parameters version . profile . year: the ETag")
    network_version: str
    parameters_version: str
    profile: str
    year: int
    rows: list[HubMatrixRow]


class ZoneHubs(Public):
    zone: str
    hubs: dict[str, Hub | None] | None = Field(description="deep_sea_port, airport, border_gate, rail_terminal")
    profile: str
    note: str | None


# -- matching and imports ------------------------------------------------------------------------------------


class MatchedItem(Public):
    id: str
    text: str


class MatchResult(Public):
    firm_id: str
    name: str
    score: float
    matched_item: MatchedItem
    travel_h: float | None
    signals: dict[str, float | None]
    reasons: list[str]


class Matches(Public):
    ranking: Literal["suppliers", "buyers"]
    model: str
    weights_version: str
    results: list[MatchResult]


class AutoMerged(Public):
    """A new firm folded into a stored one: resolution scored them in the merge band."""

    kept_id: str
    merged_id: str
    score: float


class PossibleDuplicate(Public):
    """A new firm created, but possibly a stored one (review band): `corridor duplicates list`."""

    record_id: str
    existing_id: str
    existing_name: str
    score: float


class ImportSummary(Public):
    kind: str
    file: str
    rows: int
    added: int
    unchanged: int
    dry_run: bool
    merged: list[AutoMerged] = []
    to_review: list[PossibleDuplicate] = []


# -- errors --------------------------------------------------------------------------------------------------


class HistorySource(Public):
    title: str
    url: str | None
    as_of: str = Field(description="date the source speaks for: YYYY[-MM[-DD]]")


class FieldChange(Public):
    field: str
    old: Any = Field(description="the record's value before the write (null: not stated)")
    new: Any = Field(description="the record's value after the write (null: not stated)")


class Withdrawn(Public):
    write: int = Field(description="the withdraw or revert write")
    at: str
    by: str
    reason: str


class HistoryStatement(Public):
    id: int = Field(description="the statement's ID (corridor withdraw ID)")
    source: HistorySource
    states: dict[str, Any] = Field(description="the fields this source states")
    loaded_at: str
    loaded_by: str
    withdrawn: Withdrawn | None = Field(description="null: still used by the record")


class HistoryChange(Public):
    write: int = Field(description="the write-log entry (corridor revert ID)")
    at: str
    by: str = Field(description="who wrote")
    action: Literal["import", "edit", "withdraw", "revert"]
    reason: str | None
    reverted_write: int | None
    sources: list[HistorySource]
    fields: list[FieldChange] = Field(description="the record's fields that changed: old -> new")
    statements: list[HistoryStatement] = Field(description="the statements the write added or withdrew")


class History(Public):
    kind: Literal["zones", "firms", "nodes", "needs", "offers"]
    id: str
    changes: list[HistoryChange] = Field(description="newest first")


# -- contributing: edits, proposals and their moderation ------------------------------------------------------


class EditRequest(Public):
    """A change to one record with its source (the fields are import columns, values as in an import file)."""

    fields: dict[str, str] = Field(description='column -> new value, e.g. {"occupancy_pct": "92"}')
    source_title: str = Field(description="the source of the change (required)")
    source_url: str = Field(description="where the source can be read (required)")
    as_of: str = Field(description="date the source speaks for: YYYY[-MM[-DD]], not in the future")


class ProposalRequest(EditRequest):
    kind: Literal["zones", "firms", "needs", "offers"]
    record_id: str | None = Field(
        default=None, description="the record the change is for; null: a new zone or firm (fields: its import row)"
    )


class RejectRequest(Public):
    reason: str = Field(description="why it is rejected; the contributor reads it")


class ProposalPublic(Public):
    id: int
    kind: str
    record_id: str | None = Field(description="null: a new record is proposed")
    fields: dict[str, str] = Field(description="column -> proposed value")
    source: HistorySource
    proposed_by: str = Field(description="the contributor's e-mail address")
    proposed_at: str
    status: Literal["pending", "published", "rejected"]
    decided_by: str | None
    decided_at: str | None
    reason: str | None = Field(description="why it was rejected (shown to the contributor)")
    write: int | None = Field(description="the write that published it (see the record's history)")


class ClaimRequest(Public):
    evidence: str = Field(description="why the claimant speaks for the firm (position, official e-mail, document)")


class ClaimPublic(Public):
    id: int
    firm_id: str
    user_email: str = Field(description="the claimant")
    evidence: str
    requested_at: str
    status: Literal["pending", "approved", "rejected"]
    decided_by: str | None
    decided_at: str | None
    reason: str | None = Field(description="why it was rejected (shown to the claimant)")


class ContactPerson(Public):
    name: str
    email: str


class FirmContact(Public):
    firm_id: str
    name: str
    address: str | None
    people: list[ContactPerson] = Field(description="the firm's owners in Corridor: name and e-mail")


class MatchContact(Public):
    """A need-offer pair as one of its firms sees it; `other` stays null until both firms accept."""

    need_id: str
    offer_id: str
    need_firm: str
    offer_firm: str
    accepted: list[str] = Field(description="the firms of the pair that accepted contact")
    other: FirmContact | None = Field(description="the other firm's contact details, once both accepted")


class EditDone(Public):
    """An edit written at once: its write (see the record's history) and what changed."""

    write: int = Field(description="the write-log entry (corridor revert ID)")
    changes: list[FieldChange] = Field(description="the record's fields that changed: old -> new")


class ErrorDetail(Public):
    status: int
    message: str = Field(description="in the caller's language (?lang=vi|en)")


class Error(Public):
    """Every error of /api and /ogc."""

    error: ErrorDetail


class RowProblem(Public):
    row: int
    column: str
    value: str
    message: str


class ImportErrorDetail(ErrorDetail):
    rows: list[RowProblem] = Field(description="every bad cell of the file")


class ImportRefused(Public):
    """A refused import: nothing was written."""

    error: ImportErrorDetail


# -- OGC API - Features --------------------------------------------------------------------------------------


class Link(Public):
    href: str
    rel: str
    type: str
    title: str | None = None


class Landing(Public):
    title: str
    description: str
    links: list[Link]


class Conformance(Public):
    conformsTo: list[str]  # noqa: N815


class SpatialExtent(Public):
    bbox: list[list[float]]
    crs: str


class Extent(Public):
    spatial: SpatialExtent


class Collection(Public):
    id: str
    title: str
    description: str
    itemType: str  # noqa: N815
    crs: list[str]
    extent: Extent
    links: list[Link]


class Collections(Public):
    collections: list[Collection]
    links: list[Link]


class OgcFeature(Feature):
    links: list[Link]


class OgcFeatureCollection(FeatureCollection):
    links: list[Link]
