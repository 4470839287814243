"""The moderation queue: changes by anyone but a record's owner or an administrator wait as proposals.

A proposal is checked like the edit it asks for when it is made (a moderator never publishes what cannot be
written); publishing writes that edit with the contributor as its author and the proposal's source, so the
record's history names who proposed it. A rejection carries a reason, which the contributor sees.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol

from corridor.accounts.models import Principal, Target
from corridor.accounts.policy import NOT_SIGNED_IN, authorize, is_allowed, may, scope_type
from corridor.accounts.targets import import_targets, record_target
from corridor.errors import Conflict, InvalidInput, NotFound, Unauthenticated
from corridor.i18n import mark
from corridor.registry.models import SourceRef
from corridor.registry.service import EditResult, PreparedWrite, Registry

__all__ = ["EDIT_ACTIONS", "Decision", "FieldDiff", "Moderation", "ModerationStore", "Proposal", "edit_action"]

# The policy action that lets a user write a kind of record directly (without a proposal).
EDIT_ACTIONS = {"zones": "zone.edit", "firms": "firm.edit", "needs": "need.edit", "offers": "offer.edit"}
STATUSES = (mark("pending"), mark("published"), mark("rejected"))

NO_PROPOSAL = mark("No proposal has the ID {id}")
ALREADY_DECIDED = mark("Proposal {id} was already {status}")
NEED_REASON = mark("Give the reason for the rejection; the contributor will read it")
BAD_STATUS = mark("'{status}' is not a proposal status; use pending, published or rejected")
NEW_KINDS = ("zones", "firms")
NOT_NEW_KIND = mark("Only new zones and firms are proposed here, not '{kind}'")
NOT_EDITABLE = mark("Records of kind '{kind}' are not edited here; use zones, firms, needs or offers")


@dataclass(frozen=True)
class Proposal:
    """A change waiting for (or past) moderation; `proposed_by` is the contributor's e-mail address.

    `record_id` is empty for a proposed new record (its fields hold the whole import row)."""

    id: int
    kind: str
    record_id: str
    fields: dict[str, str]
    source: SourceRef
    proposed_by: str
    proposed_at: dt.datetime
    status: str = "pending"
    decided_by: str | None = None
    decided_at: dt.datetime | None = None
    reason: str | None = None
    write_id: int | None = None


@dataclass(frozen=True)
class FieldDiff:
    """One proposed field: the record's value now and the proposed one."""

    field: str
    current: Any
    proposed: str


@dataclass(frozen=True)
class Decision:
    status: str
    decided_by: str
    reason: str | None = None
    write_id: int | None = None
    decided_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


class ModerationStore(Protocol):
    def add_proposal(
        self, kind: str, record_id: str, fields: dict[str, str], source: SourceRef, proposed_by: str
    ) -> Proposal: ...
    def proposal(self, proposal_id: int) -> Proposal | None: ...
    def proposals(self, status: str | None = None, proposed_by: str | None = None) -> list[Proposal]: ...
    def decide_proposal(self, proposal_id: int, decision: Decision) -> Proposal: ...
    def publish_proposal(self, proposal_id: int, write: PreparedWrite, decision: Decision) -> Proposal: ...


def edit_action(kind: str) -> str:
    if kind not in EDIT_ACTIONS:
        raise InvalidInput(NOT_EDITABLE, kind=kind)
    return EDIT_ACTIONS[kind]


def check_status(status: str | None) -> str | None:
    if status is not None and status not in STATUSES:
        raise InvalidInput(BAD_STATUS, status=status)
    return status


class Moderation:
    """Direct edits by owners, proposals by everyone else signed in, and the moderators' decisions."""

    def __init__(self, store: ModerationStore, registry: Registry) -> None:
        self._store = store
        self._registry = registry

    def target(self, kind: str, record_id: str) -> Target:
        return record_target(kind, record_id, self._registry)

    def _proposal_target(self, proposal: Proposal) -> Target:
        """A correction's record as it is now; a new record's zone, firm and localities as the proposal states."""
        if proposal.record_id:
            return self.target(proposal.kind, proposal.record_id)
        statement = self._registry.check_new_record(proposal.kind, proposal.fields, proposal.source)
        return import_targets(proposal.kind, [statement], self._registry)[0]

    def may_edit(self, principal: Principal, kind: str, record_id: str) -> bool:
        return may(principal, edit_action(kind), self.target(kind, record_id))

    def may_propose(self, principal: Principal, kind: str, record_id: str) -> bool:
        return may(principal, "record.propose", self.target(kind, record_id))

    def check_may_propose(self, principal: Principal, kind: str, record_id: str) -> None:
        authorize(principal, "record.propose", self.target(kind, record_id))

    def edit(
        self, principal: Principal, kind: str, record_id: str, changes: dict[str, str], source: SourceRef
    ) -> EditResult:
        """An owner's (or administrator's) edit, written at once under her e-mail address."""
        authorize(principal, edit_action(kind), self.target(kind, record_id))
        return self._registry.edit_record(kind, record_id, changes, source, principal.actor)

    def propose(
        self, principal: Principal, kind: str, record_id: str, changes: dict[str, str], source: SourceRef
    ) -> Proposal:
        """A change for the moderators, checked as the edit would be; nothing is written to the record."""
        edit_action(kind)
        authorize(principal, "record.propose", self.target(kind, record_id))
        self._registry.check_edit(kind, record_id, changes, source)
        return self._store.add_proposal(kind, record_id, changes, source, principal.actor)

    def propose_new(self, principal: Principal, kind: str, fields: dict[str, str], source: SourceRef) -> Proposal:
        """A new zone or firm for the moderators, checked as its import row would be; nothing else is written."""
        if principal.is_anonymous:
            authorize(principal, "record.propose")  # 401 before anything is read from the request
        if kind not in NEW_KINDS:
            raise InvalidInput(NOT_NEW_KIND, kind=kind)
        statement = self._registry.check_new_record(kind, fields, source)
        authorize(principal, "record.propose", import_targets(kind, [statement], self._registry)[0])
        return self._store.add_proposal(kind, "", fields, source, principal.actor)

    def edit_or_propose(
        self, principal: Principal, kind: str, record_id: str, changes: dict[str, str], source: SourceRef
    ) -> EditResult | Proposal:
        """What a form sends: a direct edit where the policy allows it, else a proposal (401/403 if neither)."""
        if not principal.is_anonymous and self.may_edit(principal, kind, record_id):
            return self.edit(principal, kind, record_id, changes, source)
        return self.propose(principal, kind, record_id, changes, source)

    def proposal(self, proposal_id: int) -> Proposal:
        found = self._store.proposal(proposal_id)
        if found is None:
            raise NotFound(NO_PROPOSAL, id=proposal_id)
        return found

    def queue(self, principal: Principal, status: str | None = "pending") -> list[Proposal]:
        """The proposals this moderator may decide (all of them for an administrator), oldest first."""
        if not self.moderates_anything(principal):
            authorize(principal, "proposal.moderate")  # 401 for nobody, 403 for a user who moderates nothing
        found = self._store.proposals(check_status(status))
        return [p for p in found if may(principal, "proposal.moderate", self._proposal_target(p))]

    def moderates_anything(self, principal: Principal) -> bool:
        """Whether one of the user's grants lets her moderate somewhere (the queue's link is shown to her)."""
        if principal.is_anonymous:
            return False
        return any(is_allowed(g.role, scope_type(g.scope), "proposal.moderate") for g in principal.grants)

    def of_contributor(self, principal: Principal) -> list[Proposal]:
        """The user's own proposals, newest first, with their status and any rejection's reason."""
        if principal.is_anonymous:
            raise Unauthenticated(NOT_SIGNED_IN, action="record.propose")
        return sorted(self._store.proposals(proposed_by=principal.actor), key=lambda p: p.id, reverse=True)

    def diff(self, proposal: Proposal) -> list[FieldDiff]:
        if not proposal.record_id:
            return [FieldDiff(key, None, value) for key, value in proposal.fields.items()]
        current = self._registry.current_fields(proposal.kind, proposal.record_id)
        return [FieldDiff(key, current.get(key), value) for key, value in proposal.fields.items()]

    def publish(self, principal: Principal, proposal_id: int) -> Proposal:
        """Write the proposed edit with the contributor as author and the proposal's source."""
        proposal = self._pending(principal, proposal_id)
        if proposal.record_id:
            write = self._registry.prepare_edit(
                proposal.kind, proposal.record_id, proposal.fields, proposal.source, proposal.proposed_by
            )
        else:
            write = self._registry.prepare_new_record(
                proposal.kind, proposal.fields, proposal.source, proposal.proposed_by
            )
        # The store checks the proposal is still pending, writes the edit and decides it in one transaction:
        # two moderators publishing at once write it once, and the second gets Conflict.
        return self._store.publish_proposal(proposal_id, write, Decision("published", principal.actor))

    def reject(self, principal: Principal, proposal_id: int, reason: str) -> Proposal:
        if not reason.strip():
            raise InvalidInput(NEED_REASON)
        self._pending(principal, proposal_id)
        return self._store.decide_proposal(proposal_id, Decision("rejected", principal.actor, reason=reason.strip()))

    def _pending(self, principal: Principal, proposal_id: int) -> Proposal:
        proposal = self.proposal(proposal_id)
        authorize(principal, "proposal.moderate", self._proposal_target(proposal))
        if proposal.status != "pending":
            raise Conflict(ALREADY_DECIDED, id=proposal_id, status=proposal.status)
        return proposal
