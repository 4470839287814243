"""Firms claim their profiles (as on Open Supply Hub): a claim with evidence is reviewed by an agency of the firm's
locality or an administrator; an approved claimant gets the firm role on the firm and edits it directly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from corridor.accounts.models import Grant, Principal, Target
from corridor.accounts.moderation import Decision
from corridor.accounts.policy import authorize, is_allowed, may, scope_type
from corridor.accounts.targets import RecordLookup, record_target
from corridor.errors import Conflict, InvalidInput, NotFound, Unauthenticated
from corridor.i18n import mark

__all__ = ["MAX_EVIDENCE", "STATUSES", "Claim", "ClaimStore", "Claims"]

STATUSES = (mark("pending"), mark("approved"), mark("rejected"))

MAX_EVIDENCE = 2000
NO_CLAIM = mark("No claim has the ID {id}")
CLAIM_DECIDED = mark("Claim {id} was already {status}")
NEED_EVIDENCE = mark(
    "Say why you speak for the firm (your position, an official e-mail or document), up to {max} characters"
)
ALREADY_CLAIMED = mark("You have already claimed {firm}; a moderator will decide")
NO_FIRM = mark("No firm matches '{name}'")
NEED_CLAIM_REASON = mark("Give the reason for the rejection; the claimant will read it")
NOT_SIGNED_IN = mark("Sign in or send an API token to do this ({action})")


@dataclass(frozen=True)
class Claim:
    """A claim of a firm's profile by a signed-in user (`user_email`), with her evidence and its decision."""

    id: int
    firm_id: str
    user_email: str
    evidence: str
    requested_at: dt.datetime
    status: str = "pending"
    decided_by: str | None = None
    decided_at: dt.datetime | None = None
    reason: str | None = None


class ClaimStore(Protocol):
    def add_claim(self, firm_id: str, user_id: int, evidence: str, actor: str) -> Claim: ...
    def claim(self, claim_id: int) -> Claim | None: ...
    def claims(self, status: str | None = None, user_email: str | None = None) -> list[Claim]: ...
    def decide_claim(self, claim_id: int, decision: Decision) -> Claim: ...
    def approve_claim(self, claim_id: int, decision: Decision, email: str, grant: Grant) -> Claim: ...


class Granting(Protocol):
    """Checks the grant an approval gives (the claim store writes it with the decision)."""

    def check_grant(self, grant: Grant) -> Grant: ...


class Claims:
    def __init__(self, store: ClaimStore, lookup: RecordLookup, accounts: Granting) -> None:
        self._store = store
        self._lookup = lookup
        self._accounts = accounts

    def _target(self, firm_id: str) -> Target:
        return record_target("firms", firm_id, self._lookup)

    def may_request(self, principal: Principal, firm_id: str) -> bool:
        """Whether the firm's page offers her to claim it (not to its owner, who edits it already)."""
        target = self._target(firm_id)
        return may(principal, "claim.request", target) and not may(principal, "firm.edit", target)

    def request(self, principal: Principal, firm_id: str, evidence: str) -> Claim:
        if self._lookup.view_row("firms", firm_id) is None:
            raise NotFound(NO_FIRM, name=firm_id)
        authorize(principal, "claim.request", self._target(firm_id))
        if not evidence.strip() or len(evidence) > MAX_EVIDENCE:
            raise InvalidInput(NEED_EVIDENCE, max=MAX_EVIDENCE)
        mine = self._store.claims("pending", principal.actor)
        if any(claim.firm_id == firm_id for claim in mine):
            raise Conflict(ALREADY_CLAIMED, firm=firm_id)
        return self._store.add_claim(firm_id, principal.user_id or 0, evidence.strip(), principal.actor)

    def reviews_anything(self, principal: Principal) -> bool:
        return not principal.is_anonymous and any(
            is_allowed(g.role, scope_type(g.scope), "claim.review") for g in principal.grants
        )

    def queue(self, principal: Principal, status: str | None = "pending") -> list[Claim]:
        if not self.reviews_anything(principal):
            authorize(principal, "claim.review")
        found = self._store.claims(status)
        return [c for c in found if may(principal, "claim.review", self._target(c.firm_id))]

    def of_claimant(self, principal: Principal) -> list[Claim]:
        if principal.is_anonymous:
            raise Unauthenticated(NOT_SIGNED_IN, action="claim.request")
        return sorted(self._store.claims(user_email=principal.actor), key=lambda c: c.id, reverse=True)

    def approve(self, principal: Principal, claim_id: int) -> Claim:
        """The claimant becomes the firm's owner: role firm over firm:<ID>."""
        claim = self._pending(principal, claim_id)
        grant = self._accounts.check_grant(Grant("firm", f"firm:{claim.firm_id}"))
        # The claim's decision and the grant are written in one transaction: never an approved claim without
        # its owner's role, nor a role whose claim stayed pending.
        return self._store.approve_claim(claim_id, Decision("approved", principal.actor), claim.user_email, grant)

    def reject(self, principal: Principal, claim_id: int, reason: str) -> Claim:
        if not reason.strip():
            raise InvalidInput(NEED_CLAIM_REASON)
        self._pending(principal, claim_id)
        return self._store.decide_claim(claim_id, Decision("rejected", principal.actor, reason=reason.strip()))

    def _pending(self, principal: Principal, claim_id: int) -> Claim:
        claim = self._store.claim(claim_id)
        if claim is None:
            raise NotFound(NO_CLAIM, id=claim_id)
        authorize(principal, "claim.review", self._target(claim.firm_id))
        if claim.status != "pending":
            raise Conflict(CLAIM_DECIDED, id=claim_id, status=claim.status)
        return claim
