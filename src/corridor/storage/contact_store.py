"""Contact consents of matched firms (table `contact_consents` of migration 0006); each acceptance is logged."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from corridor.storage import tables as t
from corridor.storage.database import begin_write
from corridor.storage.write_log import WriteEntry, append_write

__all__ = ["SqlContactStore"]

_C = t.contact_consents.c


class SqlContactStore:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def accept_contact(self, need_id: str, offer_id: str, firm_id: str, accepted_by: str) -> None:
        """Record the firm's acceptance (accepting twice changes nothing)."""
        now = dt.datetime.now(dt.UTC)
        with begin_write(self.engine) as conn:
            held = conn.execute(
                sa.select(_C.firm_id).where(_C.need_id == need_id, _C.offer_id == offer_id, _C.firm_id == firm_id)
            ).first()
            if held:
                return
            conn.execute(
                t.contact_consents.insert().values(
                    need_id=need_id, offer_id=offer_id, firm_id=firm_id, accepted_by=accepted_by, accepted_at=now
                )
            )
            detail = {"need": need_id, "offer": offer_id, "firm": firm_id}
            append_write(conn, WriteEntry("contact_accept", "contact_consents", accepted_by, [firm_id], detail), now)

    def accepted_firms(self, need_id: str, offer_id: str) -> frozenset[str]:
        query = sa.select(_C.firm_id).where(_C.need_id == need_id, _C.offer_id == offer_id)
        with self.engine.connect() as conn:
            return frozenset(str(firm) for (firm,) in conn.execute(query))
