"""REST API for investors: `/api/v1/sites` ranks the zones for a brief; `/api/v1/inquiries` sends one inquiry to
the boards of a shortlist, follows it by its private token, lets boards set their status, and gives
administrators the dashboard. The typed answers below are the JSON contract (docs/json.md, "Site ranking")."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi import Path as FastApiPath
from fastapi.responses import Response
from pydantic import Field

from corridor.api.openapi import answers, lang_param
from corridor.api.schemas import Public
from corridor.bootstrap import App
from corridor.http.auth import Actor, check_csrf
from corridor.http.deps import CorridorApp
from corridor.http.lang import request_lang
from corridor.siting import brief_from_dict
from corridor.siting.inquiries import Inquiry

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["siting"], dependencies=[Depends(lang_param)])


# -- the ranking ---------------------------------------------------------------------------------------------


class SiteRequest(Public):
    brief: dict[str, Any] = Field(
        description="the brief (docs/examples/brief.json): sector and land_ha required; see docs/json.md",
        examples=[{"sector": "electronics assembly", "land_ha": 10, "export_deep_sea": True}],
    )
    weights: dict[str, float] | None = Field(default=None, description="criterion -> points (0-100)")
    method: Literal["weighted", "spotis"] = "weighted"
    top: int = Field(default=10, ge=1, le=500)


class SiteCriterion(Public):
    id: str
    label: str
    unit: str
    benefit: bool
    bounds: list[float]


class SectorMatch(Public):
    text: str
    vsic_division: str
    vsic_name: str
    firm_sector: str | None
    similarity: float | None
    alternatives: list[str]


class CriterionValue(Public):
    label: str
    value: float | None = Field(description="raw value; null = no data (never 0)")
    unit: str
    known: bool
    shown: str
    normalised: float = Field(description="0-1, 1 best; an unknown value is scored at 0.5")
    evidence: Any = Field(description="what the value rests on: the hub, the rent's source, the tenants...")


class Incentive(Public):
    rule_id: str
    status: str
    regime: str | None
    instrument: str | None
    grants: str | None
    legal_basis: str | None
    document_number: str | None
    effective_from: str | None
    status_note: str | None
    source_title: str | None
    source_url: str | None


class Robustness(Public):
    same_rank_share: float
    top_three_share: float
    rank_p5: float
    rank_p95: float


class ZonePoint(Public):
    lat: float | None
    lon: float | None


class RankedZone(Public):
    id: str
    name: str
    rank: int
    score: float
    contributions: dict[str, float]
    unknown_share: float
    filtered_out_reason: None
    robustness: Robustness | None
    criteria: dict[str, CriterionValue]
    lacks: list[str]
    incentives: list[Incentive]
    province: str | None
    province_pre2025: str | None
    location: ZonePoint


class SetAsideZone(Public):
    id: str
    name: str
    rank: None
    score: None
    filtered_out_reason: str


class WeightChange(Public):
    weight_points: float
    change_pct: float | None
    weight_share_after: float | None
    swaps: list[str]


class Reorder(Public):
    criterion: str
    weight_points: float
    increase: WeightChange | None
    decrease: WeightChange | None


class RankingRobustness(Public):
    draws: int
    spread: float
    reorder_top_three: list[Reorder]


class SiteRanking(Public):
    method: Literal["weighted", "spotis"]
    profile: str
    brief: dict[str, Any]
    sector: SectorMatch | None
    weights: dict[str, float]
    criteria: list[SiteCriterion]
    feasible: int
    results: list[RankedZone]
    filtered_out: list[SetAsideZone]
    robustness: RankingRobustness
    project_incentives: list[Incentive]


@router.post(
    "/sites",
    summary="Rank the zones for an investor's brief, every rank explained (no account needed)",
    response_model=SiteRanking,
    responses=answers(400, 503),
)
def rank_sites(corridor: CorridorApp, request: Request, body: SiteRequest) -> dict[str, Any]:
    """Hard filters first (each zone set aside with its reason), then the weighted sum or SPOTIS over the
    criteria; an infeasible brief gives an empty `results` and every zone in `filtered_out`."""
    brief = brief_from_dict(body.brief)
    ranking = corridor.siting().rank(brief, method=body.method, weights=body.weights, top=body.top)
    return ranking.as_dict(request_lang(request))


# -- the promotion kit ---------------------------------------------------------------------------------------

KIT_TYPES = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}
KIT_ANSWER = {
    "description": "the kit as a file (Content-Disposition: attachment; filename=corridor-kit-LANG-DATE.pdf)",
    "content": {
        "application/pdf": {"schema": {"type": "string", "format": "binary"}},
        "text/html": {"schema": {"type": "string"}},
    },
}


class KitRequest(SiteRequest):
    top: int = Field(default=4, ge=1, le=20, description="zones in the kit")
    zones: list[str] = Field(default=[], max_length=20, description="zone IDs to put in the kit instead of the top")


@router.post(
    "/sites/kit",
    summary="The joint promotion kit of the best zones for a brief, as PDF/A or HTML (no account needed)",
    response_class=Response,
    responses=answers(400, 422, 503, ok=KIT_ANSWER),
)
def promotion_kit(
    corridor: CorridorApp,
    request: Request,
    body: KitRequest,
    file_format: Annotated[Literal["pdf", "html"], Query(alias="format", description="pdf or html")] = "pdf",
) -> Response:
    """The kit is written in `?lang=` (vi, en, ko, ja or zh): its own words translated, the data's names and notes
    as recorded. A brief that no zone meets answers 422 (see /api/v1/sites for each zone's reason)."""
    from corridor.documents import render_html, render_pdf
    from corridor.siting.kit import build_kit, kit_filename

    lang = request_lang(request)
    brief = brief_from_dict(body.brief)
    siting, chosen = corridor.siting(), body.zones
    document = build_kit(siting, brief, lang=lang, top=body.top, method=body.method, weights=body.weights, zones=chosen)
    data = render_pdf(document) if file_format == "pdf" else render_html(document).encode("utf-8")
    disposition = f'attachment; filename="{kit_filename(lang, file_format)}"'
    return Response(data, media_type=KIT_TYPES[file_format], headers={"Content-Disposition": disposition})


# -- inquiries -----------------------------------------------------------------------------------------------


class InquiryRequest(Public):
    zones: list[str] = Field(description="the shortlist: 1 to 10 zone IDs", max_length=10)
    message: str = Field(max_length=2000)
    brief: dict[str, Any] = Field(default_factory=dict, description="the brief the shortlist came from")


class StatusRequest(Public):
    status: Literal["received", "answered", "site_visit", "closed"]
    note: str = Field(default="", max_length=2000)


class InquiryZone(Public):
    id: str
    name: str


class InquiryRecipient(Public):
    board_id: str
    board: str
    province: str
    zones: list[str]
    status: Literal["received", "answered", "site_visit", "closed"]
    status_label: str
    status_at: str | None
    response_hours: float | None = Field(description="hours from the inquiry to the board's first response")
    note: str | None
    email_on_record: bool
    email_note: str | None


class NotReached(Public):
    zone: str
    province: str
    reason: str


class InquiryPublic(Public):
    id: int
    created_at: str
    message: str
    zones: list[InquiryZone]
    recipients: list[InquiryRecipient]
    not_reached: list[NotReached]
    notices: list[str]


class InquirySent(InquiryPublic):
    token: str = Field(description="the private key of the follow link; shown once, never stored")
    link: str


class BoardStatsPublic(Public):
    board_id: str
    board_name: str
    inquiries: int
    open: int
    answered: int
    median_response_hours: float | None
    mean_response_hours: float | None


class Dashboard(Public):
    boards: list[BoardStatsPublic]
    open: list[InquiryPublic]


def _names(corridor: App, zone_ids: Any) -> dict[str, str]:
    names = {}
    for zone_id in zone_ids:
        row = corridor.registry.view_row("zones", zone_id)
        names[zone_id] = str(row["name_vi"]) if row else zone_id
    return names


def inquiry_json(corridor: App, inquiry: Inquiry, lang: str) -> dict[str, Any]:
    return inquiry.as_dict(lang, _names(corridor, inquiry.zone_ids))


@router.post(
    "/inquiries",
    summary="Send one inquiry about a shortlist to the management boards of its zones (investors)",
    response_model=InquirySent,
    responses=answers(400, 401, 403, 404, 503),
)
def send_inquiry(corridor: CorridorApp, request: Request, principal: Actor, body: InquiryRequest) -> dict[str, Any]:
    """Needs an API token or a session cookie with X-CSRF-Token (policy action `inquiry.create`). The answer
    holds the private follow link once: keep it."""
    check_csrf(request, corridor, None)
    inquiry, token = corridor.inquiries.send(principal, body.zones, body.message, body.brief)
    link = corridor.inquiries.link(token)
    return inquiry_json(corridor, inquiry, request_lang(request)) | {"token": token, "link": link}


@router.get(
    "/inquiries/dashboard",
    summary="Open inquiries and response times per board (administrators)",
    response_model=Dashboard,
    responses=answers(401, 403, 503),
)
def inquiry_dashboard(corridor: CorridorApp, request: Request, principal: Actor) -> dict[str, Any]:
    found = corridor.inquiries.dashboard(principal)
    lang = request_lang(request)
    return {"boards": found["boards"], "open": [inquiry_json(corridor, i, lang) for i in found["open"]]}


@router.get(
    "/inquiries/{token}",
    summary="An inquiry by its private token: each board's status and response time (no account needed)",
    response_model=InquiryPublic,
    responses=answers(404, 503),
)
def follow_inquiry(token: str, corridor: CorridorApp, request: Request) -> dict[str, Any]:
    return inquiry_json(corridor, corridor.inquiries.follow(token), request_lang(request))


@router.post(
    "/inquiries/{inquiry_id}/boards/{board_id}/status",
    summary="A board's status on an inquiry (its zone managers, provincial agencies, administrators)",
    response_model=InquiryPublic,
    responses=answers(400, 401, 403, 404, 503),
)
def set_inquiry_status(
    inquiry_id: Annotated[int, FastApiPath(ge=1, le=2**31 - 1)],
    board_id: str,
    corridor: CorridorApp,
    request: Request,
    principal: Actor,
    body: Annotated[StatusRequest, Body()],
) -> dict[str, Any]:
    """Policy action `inquiry.answer` on a zone of the inquiry that this board answers for."""
    check_csrf(request, corridor, None)
    inquiry, notices = corridor.inquiries.update_status(principal, inquiry_id, board_id, body.status, body.note)
    answer = inquiry_json(corridor, inquiry, request_lang(request))
    answer["notices"] = [n.render(request_lang(request)) for n in notices]
    return answer
