"""Contributing in the portal: the edit form of a zone or firm (a direct edit for its owner, a proposal for anyone
else signed in), the moderation queue, and the contributor's own proposals."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from corridor.accounts import Principal, Proposal, authorize
from corridor.accounts.claims import MAX_EVIDENCE
from corridor.errors import Conflict, EditRejected, InvalidInput, NotFound, RowError
from corridor.http.auth import CSRF_FIELD, Actor, FormCsrf
from corridor.http.deps import CorridorApp
from corridor.http.lang import request_lang
from corridor.i18n import Message, mark, translate
from corridor.registry.columns import EXCHANGE_CATEGORIES, ROLES, STATUSES, ZONE_TYPES
from corridor.registry.models import SourceRef
from corridor.web.render import render

__all__ = ["EDITABLE_FIELDS", "router"]

router = APIRouter(include_in_schema=False)

# The facts each form offers, in the order shown (the zone manager's form: land, utilities, contacts, status).
EDITABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "zones": (
        "occupancy_pct",
        "leasable_ha",
        "leased_ha",
        "available_ha",
        "power_supply",
        "water_supply",
        "wastewater",
        "board_contact",
        "status",
        "status_note",
        "developer",
        "address",
    ),
    "firms": (
        "address",
        "role",
        "sector",
        "products_vi",
        "products_en",
        "hs_codes",
        "certifications",
        "employees",
        "investment_usd",
        "tax_code",
    ),
    # a firm's needs and offers (their owner edits them; the firm page lists them)
    "needs": ("text_vi", "text_en", "category", "hs_codes", "quantity", "unit", "certifications", "place", "deadline"),
    "offers": (
        "text_vi",
        "text_en",
        "category",
        "hs_codes",
        "quantity",
        "unit",
        "capacity",
        "lead_time_days",
        "certifications",
        "place",
    ),
}
CHOICES = {"status": STATUSES, "role": ROLES, "category": EXCHANGE_CATEGORIES}
SOURCE_FIELDS = ("source_title", "source_url", "source_date")
FIELD_PROBLEM = mark("{field}: got '{value}'; expected {expected}")
NO_SUCH_FORM = mark("Records of kind '{kind}' have no edit form; use zones, firms, needs or offers")


def _form_kind(kind: str, *, new: bool = False) -> str:
    if kind not in (NEW_RECORD_FIELDS if new else EDITABLE_FIELDS):
        raise NotFound(NO_SUCH_FORM, kind=kind)
    return kind


def _field_text(value: Any) -> str:
    """A stored value as the form shows it and as an edit would state it again."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def _current_texts(corridor: CorridorApp, kind: str, record_id: str) -> dict[str, str]:
    current = corridor.registry.current_fields(kind, record_id)
    return {key: _field_text(current.get(key)) for key in EDITABLE_FIELDS[kind]}


async def submitted_form(request: Request) -> dict[str, str]:
    """The posted fields as text (file fields, which no edit form has, are left out)."""
    form = await request.form()
    return {key: value.strip() for key, value in form.items() if isinstance(value, str) and key != CSRF_FIELD}


SubmittedForm = Annotated[dict[str, str], Depends(submitted_form)]


def _mode(corridor: CorridorApp, principal: Principal, kind: str, record_id: str) -> str:
    """'edit' for the record's owner or an administrator, 'propose' for anyone else allowed to propose."""
    return "edit" if corridor.moderation.may_edit(principal, kind, record_id) else "propose"


def _edit_page(
    request: Request,
    corridor: CorridorApp,
    principal: Principal,
    kind: str,
    record: dict[str, Any],
    values: dict[str, str],
    problems: list[str] | None = None,
    bad_fields: frozenset[str] = frozenset(),
) -> Response:
    return render(
        request,
        "edit.html",
        status_code=422 if problems else 200,
        kind=kind,
        record=record,
        shown_name=record.get("name") or record.get("text_vi") or record.get("text_en") or record["id"],
        back=_record_page(kind, record).partition("#")[0],
        fields=EDITABLE_FIELDS[kind],
        choices=CHOICES,
        values=values,
        problems=problems or [],
        bad_fields=bad_fields,
        mode=_mode(corridor, principal, kind, record["id"]),
    )


def _login_redirect(request: Request) -> Response:
    return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)


@router.get("/{kind}/{record_id}/edit")
def edit_form(request: Request, corridor: CorridorApp, principal: Actor, kind: str, record_id: str) -> Response:
    """The form, filled with the record's current facts; signing in first for anonymous visitors."""
    _form_kind(kind)
    record = corridor.registry.show(kind, record_id)
    if principal.is_anonymous:
        return _login_redirect(request)
    if not corridor.moderation.may_edit(principal, kind, record["id"]):
        corridor.moderation.check_may_propose(principal, kind, record["id"])
    values = {**_current_texts(corridor, kind, record["id"]), "source_url": "", "source_title": "", "source_date": ""}
    return _edit_page(request, corridor, principal, kind, record, values)


@router.post("/{kind}/{record_id}/edit", dependencies=[FormCsrf])
def save_edit(
    request: Request, corridor: CorridorApp, principal: Actor, kind: str, record_id: str, form: SubmittedForm
) -> Response:
    """Only the fields that differ from the record are sent; a refusal shows the form again, nothing written."""
    _form_kind(kind)
    record = corridor.registry.show(kind, record_id)
    current = _current_texts(corridor, kind, record["id"])
    changes = {key: form[key] for key in EDITABLE_FIELDS[kind] if key in form and form[key] != current[key]}
    source = SourceRef(form.get("source_title", ""), form.get("source_url", ""), form.get("source_date", ""))
    try:
        done = corridor.moderation.edit_or_propose(principal, kind, record["id"], changes, source)
    except EditRejected as rejected:
        problems = [_problem_text(error, request_lang(request)) for error in rejected.errors]
        bad = frozenset(error.column for error in rejected.errors)
        return _edit_page(request, corridor, principal, kind, record, form, problems, bad)
    except InvalidInput as refused:
        problem = refused.render(request_lang(request))
        return _edit_page(request, corridor, principal, kind, record, form, [problem])
    if isinstance(done, Proposal):
        return RedirectResponse("/me/proposals", status_code=303)
    return RedirectResponse(_record_page(kind, record), status_code=303)


def _record_page(kind: str, record: dict[str, Any]) -> str:
    """Where an edited record is shown: its page, or for a need or offer its firm's page."""
    if kind in {"needs", "offers"}:
        return f"/firms/{quote(str(record['firm']))}#h-{kind}"
    return f"/{kind}/{quote(record['id'])}#h-history"


def _problem_text(error: RowError, lang: str) -> str:
    expected = translate(error.expected_id, lang).format(**error.expected_params)
    field = translate(error.column, lang)
    return Message(FIELD_PROBLEM, field=field, value=error.value, expected=expected).render(lang)


@router.get("/moderation")
def moderation_page(request: Request, corridor: CorridorApp, principal: Actor) -> Response:
    """Pending proposals this moderator may decide, each with current -> proposed values."""
    if principal.is_anonymous:
        return _login_redirect(request)
    moderates = corridor.moderation.moderates_anything(principal)
    reviews = corridor.claims.reviews_anything(principal)
    if not (moderates or reviews):
        corridor.moderation.queue(principal)  # refuses: 403, she moderates nothing
    items = [(p, corridor.moderation.diff(p)) for p in corridor.moderation.queue(principal)] if moderates else []
    claims = corridor.claims.queue(principal) if reviews else []
    return render(request, "moderation.html", items=items, claims=claims, names=corridor.accounts.display_names())


@router.post("/moderation/{proposal_id}/publish", dependencies=[FormCsrf])
def publish(corridor: CorridorApp, principal: Actor, proposal_id: int) -> Response:
    corridor.moderation.publish(principal, proposal_id)
    return RedirectResponse("/moderation", status_code=303)


@router.post("/moderation/{proposal_id}/reject", dependencies=[FormCsrf])
def reject(corridor: CorridorApp, principal: Actor, proposal_id: int, reason: Annotated[str, Form()] = "") -> Response:
    corridor.moderation.reject(principal, proposal_id, reason)
    return RedirectResponse("/moderation", status_code=303)


@router.get("/me/proposals")
def my_proposals(request: Request, corridor: CorridorApp, principal: Actor) -> Response:
    """The contributor's proposals: pending, published (with the write) or rejected (with the reason)."""
    if principal.is_anonymous:
        return _login_redirect(request)
    return render(
        request,
        "my_proposals.html",
        proposals=corridor.moderation.of_contributor(principal),
        claims=corridor.claims.of_claimant(principal),
    )


@router.get("/firms/{firm_id}/claim")
def claim_form(request: Request, corridor: CorridorApp, principal: Actor, firm_id: str) -> Response:
    """Claiming a firm's profile: who you are and why you speak for it."""
    firm = corridor.registry.show("firms", firm_id)
    if principal.is_anonymous:
        return _login_redirect(request)
    authorize(principal, "claim.request", corridor.moderation.target("firms", firm["id"]))
    return render(request, "claim.html", firm=firm, evidence="", problem="", max_evidence=MAX_EVIDENCE)


@router.post("/firms/{firm_id}/claim", dependencies=[FormCsrf])
def claim_firm(
    request: Request, corridor: CorridorApp, principal: Actor, firm_id: str, evidence: Annotated[str, Form()] = ""
) -> Response:
    firm = corridor.registry.show("firms", firm_id)
    try:
        corridor.claims.request(principal, firm["id"], evidence)
    except (InvalidInput, Conflict) as refused:
        problem = refused.render(request_lang(request))
        page = render(request, "claim.html", firm=firm, evidence=evidence, problem=problem, max_evidence=MAX_EVIDENCE)
        page.status_code = refused.http_status
        return page
    return RedirectResponse("/me/proposals", status_code=303)


@router.post("/moderation/claims/{claim_id}/approve", dependencies=[FormCsrf])
def approve_claim(corridor: CorridorApp, principal: Actor, claim_id: int) -> Response:
    corridor.claims.approve(principal, claim_id)
    return RedirectResponse("/moderation", status_code=303)


@router.post("/moderation/claims/{claim_id}/reject", dependencies=[FormCsrf])
def reject_claim(
    corridor: CorridorApp, principal: Actor, claim_id: int, reason: Annotated[str, Form()] = ""
) -> Response:
    corridor.claims.reject(principal, claim_id, reason)
    return RedirectResponse("/moderation", status_code=303)


# What the "propose a new zone / firm" form asks (an import row: the name is required, the ID made from it).
NEW_RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "zones": (
        "name_vi",
        "name_en",
        "zone_type",
        "province",
        "address",
        "developer",
        "status",
        "area_ha",
        "occupancy_pct",
        "lat",
        "lon",
    ),
    "firms": ("name", "province", "zone", "address", "role", "sector", "products_vi", "products_en"),
}
NEW_CHOICES = {**CHOICES, "zone_type": ZONE_TYPES}


def _new_page(
    request: Request,
    kind: str,
    values: dict[str, str],
    problems: list[str] | None = None,
    bad_fields: frozenset[str] = frozenset(),
) -> Response:
    return render(
        request,
        "new_record.html",
        status_code=422 if problems else 200,
        kind=kind,
        fields=NEW_RECORD_FIELDS[kind],
        choices=NEW_CHOICES,
        values=values,
        problems=problems or [],
        bad_fields=bad_fields,
    )


@router.get("/{kind}/new")
def new_record_form(request: Request, corridor: CorridorApp, principal: Actor, kind: str) -> Response:
    _form_kind(kind, new=True)
    if principal.is_anonymous:
        return _login_redirect(request)
    return _new_page(request, kind, {})


@router.post("/{kind}/new", dependencies=[FormCsrf])
def propose_new_record(
    request: Request, corridor: CorridorApp, principal: Actor, kind: str, form: SubmittedForm
) -> Response:
    """A proposal for the moderators; a refusal shows the form again with what was expected, nothing stored."""
    _form_kind(kind, new=True)
    fields = {key: form[key] for key in NEW_RECORD_FIELDS[kind] if form.get(key)}
    source = SourceRef(form.get("source_title", ""), form.get("source_url", ""), form.get("source_date", ""))
    try:
        corridor.moderation.propose_new(principal, kind, fields, source)
    except EditRejected as rejected:
        problems = [_problem_text(error, request_lang(request)) for error in rejected.errors]
        return _new_page(request, kind, form, problems, frozenset(error.column for error in rejected.errors))
    except InvalidInput as refused:
        return _new_page(request, kind, form, [refused.render(request_lang(request))])
    return RedirectResponse("/me/proposals", status_code=303)
