"""REST API for contributing: edit a record, propose a change, the moderation queue, firms' claims.

Every route needs an API token or a session cookie with its CSRF token (header X-CSRF-Token); the policy decides:
`zone.edit`/`firm.edit`/`need.edit`/`offer.edit` write at once, `record.propose` queues a proposal,
`proposal.moderate` publishes or rejects in the moderator's scope.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from corridor.accounts import Proposal
from corridor.accounts.claims import Claim
from corridor.accounts.contacts import PairContact
from corridor.api import schemas
from corridor.api.openapi import answers, lang_param
from corridor.http.auth import Actor, check_csrf
from corridor.http.deps import CorridorApp
from corridor.registry.models import SourceRef
from corridor.registry.service import EditResult

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["contributing"], dependencies=[Depends(lang_param)])
EditKind = Literal["zones", "firms", "needs", "offers"]


def proposal_json(proposal: Proposal) -> dict[str, Any]:
    source = proposal.source
    return {
        "id": proposal.id,
        "kind": proposal.kind,
        "record_id": proposal.record_id or None,
        "fields": proposal.fields,
        "source": {"title": source.title, "url": source.url or None, "as_of": source.as_of},
        "proposed_by": proposal.proposed_by,
        "proposed_at": proposal.proposed_at.isoformat(),
        "status": proposal.status,
        "decided_by": proposal.decided_by,
        "decided_at": proposal.decided_at.isoformat() if proposal.decided_at else None,
        "reason": proposal.reason,
        "write": proposal.write_id,
    }


def _edit_json(done: EditResult) -> dict[str, Any]:
    changes = [{"field": c.field, "old": c.old, "new": c.new} for c in done.changes]
    return {"write": done.write_id, "changes": changes}


def _source(body: schemas.EditRequest) -> SourceRef:
    return SourceRef(body.source_title, body.source_url, body.as_of)


@router.post(
    "/{kind}/{record_id}/edit",
    summary="Change some fields of a record with a source (its owner, its locality's agency, an administrator)",
    response_model=schemas.EditDone,
    responses=answers(400, 401, 403, 404, 422),
)
def edit_record(
    kind: EditKind, record_id: str, body: schemas.EditRequest, request: Request, corridor: CorridorApp, who: Actor
) -> Any:
    """Written at once under the caller's e-mail address, if the policy gives her the kind's edit action on the
    record (`zone.edit`, `firm.edit`, `need.edit`, `offer.edit`); anyone else sends POST /proposals instead.
    A bad value refuses the whole change (422) and nothing is written."""
    check_csrf(request, corridor, None)
    return _edit_json(corridor.moderation.edit(who, kind, record_id, body.fields, _source(body)))


@router.post(
    "/proposals",
    summary="Propose a change to a record, for a moderator to publish or reject",
    response_model=schemas.ProposalPublic,
    responses=answers(400, 401, 403, 404, 422),
)
def propose(body: schemas.ProposalRequest, request: Request, corridor: CorridorApp, who: Actor) -> Any:
    """A change to `record_id`, checked as the edit would be; without `record_id`, a new zone or firm whose fields
    are its import row (its ID is made from its name). Nothing is written to the registry until it is published."""
    check_csrf(request, corridor, None)
    if body.record_id is None:
        return proposal_json(corridor.moderation.propose_new(who, body.kind, body.fields, _source(body)))
    proposal = corridor.moderation.propose(who, body.kind, body.record_id, body.fields, _source(body))
    return proposal_json(proposal)


@router.get(
    "/proposals",
    summary="The moderation queue in the caller's scope, or (mine=true) the caller's own proposals",
    response_model=list[schemas.ProposalPublic],
    responses=answers(400, 401, 403),
)
def list_proposals(
    corridor: CorridorApp,
    who: Actor,
    status: Annotated[Literal["pending", "published", "rejected"] | None, Query()] = "pending",
    mine: bool = False,
) -> Any:
    if mine:
        found = [p for p in corridor.moderation.of_contributor(who) if status is None or p.status == status]
    else:
        found = corridor.moderation.queue(who, status)
    return [proposal_json(p) for p in found]


@router.post(
    "/proposals/{proposal_id}/publish",
    summary="Publish a proposal: its change is written with the contributor as author and its source",
    response_model=schemas.ProposalPublic,
    responses=answers(400, 401, 403, 404, 409, 422),
)
def publish(proposal_id: int, request: Request, corridor: CorridorApp, who: Actor) -> Any:
    check_csrf(request, corridor, None)
    return proposal_json(corridor.moderation.publish(who, proposal_id))


@router.post(
    "/proposals/{proposal_id}/reject",
    summary="Reject a proposal with a reason the contributor reads",
    response_model=schemas.ProposalPublic,
    responses=answers(400, 401, 403, 404, 409),
)
def reject(proposal_id: int, body: schemas.RejectRequest, request: Request, corridor: CorridorApp, who: Actor) -> Any:
    check_csrf(request, corridor, None)
    return proposal_json(corridor.moderation.reject(who, proposal_id, body.reason))


def claim_json(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "firm_id": claim.firm_id,
        "user_email": claim.user_email,
        "evidence": claim.evidence,
        "requested_at": claim.requested_at.isoformat(),
        "status": claim.status,
        "decided_by": claim.decided_by,
        "decided_at": claim.decided_at.isoformat() if claim.decided_at else None,
        "reason": claim.reason,
    }


@router.post(
    "/firms/{firm_id}/claim",
    summary="Claim a firm's profile, with evidence; once approved the claimant edits the firm directly",
    response_model=schemas.ClaimPublic,
    responses=answers(400, 401, 403, 404, 409),
)
def claim_firm(firm_id: str, body: schemas.ClaimRequest, request: Request, corridor: CorridorApp, who: Actor) -> Any:
    check_csrf(request, corridor, None)
    return claim_json(corridor.claims.request(who, firm_id, body.evidence))


@router.get(
    "/claims",
    summary="Claims to review in the caller's scope, or (mine=true) the caller's own claims",
    response_model=list[schemas.ClaimPublic],
    responses=answers(400, 401, 403),
)
def list_claims(
    corridor: CorridorApp,
    who: Actor,
    status: Annotated[Literal["pending", "approved", "rejected"] | None, Query()] = "pending",
    mine: bool = False,
) -> Any:
    if mine:
        found = [c for c in corridor.claims.of_claimant(who) if status is None or c.status == status]
    else:
        found = corridor.claims.queue(who, status)
    return [claim_json(c) for c in found]


@router.post(
    "/claims/{claim_id}/approve",
    summary="Approve a claim: the claimant gets the firm role on the firm",
    response_model=schemas.ClaimPublic,
    responses=answers(400, 401, 403, 404, 409),
)
def approve_claim(claim_id: int, request: Request, corridor: CorridorApp, who: Actor) -> Any:
    check_csrf(request, corridor, None)
    return claim_json(corridor.claims.approve(who, claim_id))


@router.post(
    "/claims/{claim_id}/reject",
    summary="Reject a claim with a reason the claimant reads",
    response_model=schemas.ClaimPublic,
    responses=answers(400, 401, 403, 404, 409),
)
def reject_claim(
    claim_id: int, body: schemas.RejectRequest, request: Request, corridor: CorridorApp, who: Actor
) -> Any:
    check_csrf(request, corridor, None)
    return claim_json(corridor.claims.reject(who, claim_id, body.reason))


def pair_json(pair: PairContact) -> dict[str, Any]:
    other = pair.other
    shown = None
    if other is not None:
        people = [{"name": name, "email": email} for name, email in other.people]
        shown = {"firm_id": other.firm_id, "name": other.name, "address": other.address, "people": people}
    return {
        "need_id": pair.need_id,
        "offer_id": pair.offer_id,
        "need_firm": pair.need_firm,
        "offer_firm": pair.offer_firm,
        "accepted": sorted(pair.accepted),
        "other": shown,
    }


@router.get(
    "/matches/{need_id}/{offer_id}/contact",
    summary="A need-offer pair for one of its firms: who accepted contact, and the other's details once both did",
    response_model=schemas.MatchContact,
    responses=answers(400, 401, 403, 404),
)
def match_contact(need_id: str, offer_id: str, corridor: CorridorApp, who: Actor) -> Any:
    return pair_json(corridor.contacts.pair(who, need_id, offer_id))


@router.post(
    "/matches/{need_id}/{offer_id}/accept",
    summary="Accept contact for a need-offer pair, as the owner of one of its firms",
    response_model=schemas.MatchContact,
    responses=answers(400, 401, 403, 404),
)
def accept_contact(need_id: str, offer_id: str, request: Request, corridor: CorridorApp, who: Actor) -> Any:
    check_csrf(request, corridor, None)
    return pair_json(corridor.contacts.accept(who, need_id, offer_id))
