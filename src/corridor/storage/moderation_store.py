"""The moderation queue and firms' claims (tables `proposals` and `claims` of migration 0006), each write logged."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import sqlalchemy as sa

from corridor.accounts.claims import CLAIM_DECIDED, NO_CLAIM, Claim
from corridor.accounts.models import Grant
from corridor.accounts.moderation import ALREADY_DECIDED, NO_PROPOSAL, Decision, Proposal
from corridor.errors import Conflict, NotFound
from corridor.registry.models import SourceRef
from corridor.registry.service import PreparedWrite
from corridor.storage import tables as t
from corridor.storage.account_store import add_grant_in
from corridor.storage.database import begin_write
from corridor.storage.registry_store import SqlRegistry
from corridor.storage.write_log import WriteEntry, append_write

__all__ = ["SqlClaimStore", "SqlModerationStore"]

_P = t.proposals.c


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite returns naive datetimes: they were written in UTC."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _proposal(row: Any) -> Proposal:
    return Proposal(
        id=row.id,
        kind=row.kind,
        record_id=row.record_id or "",
        fields={str(k): str(v) for k, v in dict(row.fields).items()},
        source=SourceRef(row.source_title, row.source_url, row.as_of),
        proposed_by=row.proposed_by,
        proposed_at=_utc(row.proposed_at) or dt.datetime.now(dt.UTC),
        status=row.status,
        decided_by=row.decided_by,
        decided_at=_utc(row.decided_at),
        reason=row.reason,
        write_id=row.write_id,
    )


class SqlModerationStore:
    def __init__(self, engine: sa.Engine, registry: SqlRegistry) -> None:
        self.engine = engine
        self._registry = registry

    def add_proposal(
        self, kind: str, record_id: str, fields: dict[str, str], source: SourceRef, proposed_by: str
    ) -> Proposal:
        now = dt.datetime.now(dt.UTC)
        with begin_write(self.engine) as conn:
            proposal_id = conn.execute(
                t.proposals.insert().values(
                    kind=kind,
                    record_id=record_id,
                    fields=fields,
                    source_title=source.title,
                    source_url=source.url,
                    as_of=source.as_of,
                    proposed_by=proposed_by,
                    proposed_at=now,
                )
            ).inserted_primary_key[0]  # type: ignore[index]
            # logged under kind "proposals", not the record's, so that the record's history shows only real changes
            detail = {"kind": kind, "record": record_id, "fields": sorted(fields)}
            append_write(conn, WriteEntry("propose", "proposals", proposed_by, [str(proposal_id)], detail), now)
            return self._read(conn, int(proposal_id))

    def proposal(self, proposal_id: int) -> Proposal | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.proposals).where(_P.id == proposal_id)).first()
        return _proposal(row) if row else None

    def proposals(self, status: str | None = None, proposed_by: str | None = None) -> list[Proposal]:
        query = sa.select(t.proposals).order_by(_P.id)
        if status is not None:
            query = query.where(_P.status == status)
        if proposed_by is not None:
            query = query.where(_P.proposed_by == proposed_by)
        with self.engine.connect() as conn:
            return [_proposal(row) for row in conn.execute(query)]

    def decide_proposal(self, proposal_id: int, decision: Decision) -> Proposal:
        """Mark a pending proposal published or rejected; Conflict if someone decided it meanwhile."""
        with begin_write(self.engine) as conn:
            _take_pending_proposal(conn, proposal_id, decision)
            return _record_proposal_decision(conn, proposal_id, decision)

    def publish_proposal(self, proposal_id: int, write: PreparedWrite, decision: Decision) -> Proposal:
        """Write the proposal's edit (or new record) and mark it published, all in one transaction; Conflict
        (and nothing written) if someone decided it meanwhile."""
        with begin_write(self.engine) as conn:
            _take_pending_proposal(conn, proposal_id, decision)
            if write.is_edit:
                write_id, _ = self._registry.write_edit_in(conn, write.kind, write.statement, write.actor)
            else:
                write_id = self._registry.write_new_record_in(
                    conn, write.kind, write.file_name, write.statement, write.actor
                )
            return _record_proposal_decision(conn, proposal_id, replace(decision, write_id=write_id))

    @staticmethod
    def _read(conn: sa.Connection, proposal_id: int) -> Proposal:
        return _read_proposal(conn, proposal_id)


def _read_proposal(conn: sa.Connection, proposal_id: int) -> Proposal:
    row = conn.execute(sa.select(t.proposals).where(_P.id == proposal_id)).first()
    if row is None:
        raise NotFound(NO_PROPOSAL, id=proposal_id)
    return _proposal(row)


def _take_pending_proposal(conn: sa.Connection, proposal_id: int, decision: Decision) -> None:
    """Mark the proposal decided if it is still pending, else Conflict. On PostgreSQL the UPDATE locks the row
    until commit (a second moderator's UPDATE waits, then finds it decided); SQLite holds its write lock from
    BEGIN IMMEDIATE. Either way the check and the writes after it see the same proposal."""
    decided = conn.execute(
        t.proposals.update()
        .where(_P.id == proposal_id, _P.status == "pending")
        .values(status=decision.status, decided_by=decision.decided_by, decided_at=decision.decided_at)
    ).rowcount
    if not decided:
        found = _read_proposal(conn, proposal_id)
        raise Conflict(ALREADY_DECIDED, id=proposal_id, status=found.status)


def _record_proposal_decision(conn: sa.Connection, proposal_id: int, decision: Decision) -> Proposal:
    """The decision's reason and write (an edit's ID once it is written) on the proposal, and its log entry."""
    conn.execute(
        t.proposals.update().where(_P.id == proposal_id).values(reason=decision.reason, write_id=decision.write_id)
    )
    detail = {"status": decision.status, "reason": decision.reason, "write": decision.write_id}
    entry = WriteEntry("proposal_decide", "proposals", decision.decided_by, [str(proposal_id)], detail)
    append_write(conn, entry, decision.decided_at)
    return _read_proposal(conn, proposal_id)


_C = t.claims.c


def _claim(row: Any) -> Claim:
    return Claim(
        id=row.id,
        firm_id=row.firm_id,
        user_email=row.email,
        evidence=row.evidence,
        requested_at=_utc(row.requested_at) or dt.datetime.now(dt.UTC),
        status=row.status,
        decided_by=row.decided_by,
        decided_at=_utc(row.decided_at),
        reason=row.reason,
    )


_CLAIMS = sa.select(t.claims, t.users.c.email).join(t.users, t.users.c.id == _C.user_id)


class SqlClaimStore:
    """Firms' claims (table `claims` of migration 0006); each request and decision is logged."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def add_claim(self, firm_id: str, user_id: int, evidence: str, actor: str) -> Claim:
        now = dt.datetime.now(dt.UTC)
        with begin_write(self.engine) as conn:
            claim_id = conn.execute(
                t.claims.insert().values(firm_id=firm_id, user_id=user_id, evidence=evidence, requested_at=now)
            ).inserted_primary_key[0]  # type: ignore[index]
            append_write(conn, WriteEntry("claim", "claims", actor, [str(claim_id)], {"firm": firm_id}), now)
            return self._read(conn, int(claim_id))

    def claim(self, claim_id: int) -> Claim | None:
        with self.engine.connect() as conn:
            row = conn.execute(_CLAIMS.where(_C.id == claim_id)).first()
        return _claim(row) if row else None

    def claims(self, status: str | None = None, user_email: str | None = None) -> list[Claim]:
        query = _CLAIMS.order_by(_C.id)
        if status is not None:
            query = query.where(_C.status == status)
        if user_email is not None:
            query = query.where(t.users.c.email == user_email)
        with self.engine.connect() as conn:
            return [_claim(row) for row in conn.execute(query)]

    def decide_claim(self, claim_id: int, decision: Decision) -> Claim:
        """Approve or reject a pending claim; Conflict if someone decided it meanwhile."""
        with begin_write(self.engine) as conn:
            return self._decide_claim_in(conn, claim_id, decision)

    def approve_claim(self, claim_id: int, decision: Decision, email: str, grant: Grant) -> Claim:
        """Approve a pending claim and give the claimant her grant in one transaction (both or neither)."""
        with begin_write(self.engine) as conn:
            decided = self._decide_claim_in(conn, claim_id, decision)
            add_grant_in(conn, email, grant, decision.decided_by, decision.decided_at)
            return decided

    def _decide_claim_in(self, conn: sa.Connection, claim_id: int, decision: Decision) -> Claim:
        decided = conn.execute(
            t.claims.update()
            .where(_C.id == claim_id, _C.status == "pending")
            .values(
                status=decision.status,
                decided_by=decision.decided_by,
                decided_at=decision.decided_at,
                reason=decision.reason,
            )
        ).rowcount
        found = self._read(conn, claim_id)
        if not decided:
            raise Conflict(CLAIM_DECIDED, id=claim_id, status=found.status)
        detail = {"status": decision.status, "reason": decision.reason, "firm": found.firm_id}
        entry = WriteEntry("claim_decide", "claims", decision.decided_by, [str(claim_id)], detail)
        append_write(conn, entry, decision.decided_at)
        return found

    @staticmethod
    def _read(conn: sa.Connection, claim_id: int) -> Claim:
        row = conn.execute(_CLAIMS.where(_C.id == claim_id)).first()
        if row is None:
            raise NotFound(NO_CLAIM, id=claim_id)
        return _claim(row)
