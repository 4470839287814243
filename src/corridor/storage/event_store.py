"""Forums in the database: events, registrations, meeting requests, meetings, papers and reviews; every write goes
through `begin_write` and appends to the write log (kind 'events', the event's ID as the record)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from corridor.errors import Conflict
from corridor.events.definition import event_to_dict, stored_event
from corridor.events.models import EventDefinition, MeetingRequest, Paper, Registration, Review, ScheduledMeeting
from corridor.events.registrations import NewRegistration
from corridor.events.service import PlacedMeeting
from corridor.i18n import mark
from corridor.storage import tables as t
from corridor.storage.database import begin_write
from corridor.storage.write_log import WriteEntry, append_write

__all__ = ["SqlEventStore"]

ALREADY_REGISTERED = mark("{email} is registered for this event already")


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    return value if value is None or value.tzinfo else value.replace(tzinfo=dt.UTC)


def _log(conn: sa.Connection, action: str, actor: str, event_id: str, **detail: Any) -> None:
    append_write(conn, WriteEntry(action, "events", actor, [event_id], detail))


def _registration(row: Any) -> Registration:
    return Registration(
        id=row["id"],
        event_id=row["event_id"],
        organisation=row["organisation"],
        person=row["person"],
        role=row["role"],
        languages=tuple(row["languages"]),
        email=row["email"],
        firm_id=row["firm_id"],
        proposal_id=row["proposal_id"],
        sessions=tuple(row["sessions"]),
        status=row["status"],
        registered_by=row["registered_by"],
        checked_in_at=_aware(row["checked_in_at"]),
    )


def _request(row: Any) -> MeetingRequest:
    return MeetingRequest(
        id=row["id"],
        event_id=row["event_id"],
        from_id=row["from_id"],
        to_id=row["to_id"],
        priority=row["priority"],
        value=row["value"],
        reasons=tuple(row["reasons"]),
        status=row["status"],
        requested_by=row["requested_by"],
        requested_at=_aware(row["requested_at"]),
    )


def _meeting(row: Any) -> ScheduledMeeting:
    return ScheduledMeeting(
        id=row["id"],
        event_id=row["event_id"],
        request_id=row["request_id"],
        slot_id=row["slot_id"],
        table=row["table_no"],
        status=row["status"],
        attendance=row["attendance"],
        follow_up=row["follow_up"],
        note=row["note"],
    )


class SqlEventStore:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    # -- events -------------------------------------------------------------------------------------------------

    def add_event(self, event: EventDefinition, actor: str) -> None:
        now = dt.datetime.now(dt.UTC)
        with begin_write(self.engine) as conn:
            values = {"id": event.id, "name": event.name, "starts_on": event.starts_on.isoformat()}
            conn.execute(
                t.events.insert().values(**values, definition=event_to_dict(event), created_at=now, created_by=actor)
            )
            _log(conn, "event_create", actor, event.id)

    def event(self, event_id: str) -> EventDefinition | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.events.c.definition).where(t.events.c.id == event_id)).first()
        return stored_event(row[0]) if row else None

    def events(self) -> list[EventDefinition]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.events.c.definition).order_by(t.events.c.starts_on, t.events.c.id))
            return [stored_event(row[0]) for row in rows]

    # -- registrations ------------------------------------------------------------------------------------------

    def add_registrations(
        self, event_id: str, rows: Sequence[tuple[NewRegistration, str, int | None]], actor: str
    ) -> list[Registration]:
        now = dt.datetime.now(dt.UTC)
        r = t.event_registrations
        with begin_write(self.engine) as conn:
            taken = set(conn.execute(sa.select(r.c.email).where(r.c.event_id == event_id)).scalars())
            ids = []
            for new, firm_id, proposal_id in rows:
                if new.email in taken:
                    raise Conflict(ALREADY_REGISTERED, email=new.email)
                taken.add(new.email)
                inserted = conn.execute(
                    r.insert().values(
                        event_id=event_id,
                        organisation=new.organisation,
                        person=new.person,
                        role=new.role,
                        languages=list(new.languages),
                        email=new.email,
                        firm_id=firm_id,
                        proposal_id=proposal_id,
                        sessions=list(new.sessions),
                        status="pending",
                        registered_by=actor,
                        registered_at=now,
                    )
                )
                ids.append(int(inserted.inserted_primary_key[0]))  # type: ignore[index]
            _log(conn, "event_register", actor, event_id, registrations=len(ids))
            found = conn.execute(sa.select(r).where(r.c.id.in_(ids)).order_by(r.c.id)).mappings()
            return [_registration(row) for row in found]

    def registrations(self, event_id: str) -> list[Registration]:
        r = t.event_registrations
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(r).where(r.c.event_id == event_id).order_by(r.c.id)).mappings()
            return [_registration(row) for row in rows]

    def _update_registration(self, registration_id: int, action: str, actor: str, **values: Any) -> Registration:
        r = t.event_registrations
        with begin_write(self.engine) as conn:
            conn.execute(r.update().where(r.c.id == registration_id).values(**values))
            row = conn.execute(sa.select(r).where(r.c.id == registration_id)).mappings().one()
            _log(conn, action, actor, row["event_id"], registration=registration_id)
            return _registration(row)

    def decide_registration(self, registration_id: int, status: str, actor: str) -> Registration:
        """Approve or reject; a rejected participant's open requests and confirmed meetings are cancelled with it
        (in the same transaction), so their slots and tables are free for the next re-plan."""
        now = dt.datetime.now(dt.UTC)
        r, q, m = t.event_registrations, t.event_requests, t.event_meetings
        with begin_write(self.engine) as conn:
            conn.execute(
                r.update().where(r.c.id == registration_id).values(status=status, decided_by=actor, decided_at=now)
            )
            if status == "rejected":
                theirs = sa.or_(q.c.from_id == registration_id, q.c.to_id == registration_id)
                open_ids = list(
                    conn.execute(sa.select(q.c.id).where(theirs, q.c.status.in_(["pending", "accepted"]))).scalars()
                )
                conn.execute(
                    q.update()
                    .where(q.c.id.in_(open_ids))
                    .values(status="cancelled", answered_by=actor, answered_at=now)
                )
                conn.execute(
                    m.update()
                    .where(m.c.request_id.in_(open_ids), m.c.status == "confirmed")
                    .values(status="cancelled", updated_by=actor, updated_at=now)
                )
            row = conn.execute(sa.select(r).where(r.c.id == registration_id)).mappings().one()
            _log(conn, "event_decide", actor, row["event_id"], registration=registration_id, status=status)
            return _registration(row)

    def check_in(self, registration_id: int, actor: str) -> Registration:
        return self._update_registration(
            registration_id, "event_check_in", actor, checked_in_at=dt.datetime.now(dt.UTC)
        )

    def firm_history(self, firm_id: str) -> list[tuple[EventDefinition, Registration]]:
        r = t.event_registrations
        query = (
            sa.select(r, t.events.c.definition)
            .join(t.events, t.events.c.id == r.c.event_id)
            .where(r.c.firm_id == firm_id)
            .order_by(t.events.c.starts_on.desc(), r.c.id)
        )
        with self.engine.connect() as conn:
            return [(stored_event(row["definition"]), _registration(row)) for row in conn.execute(query).mappings()]

    # -- requests and meetings ------------------------------------------------------------------------------------

    def add_request(self, request: MeetingRequest, actor: str) -> MeetingRequest:
        q = t.event_requests
        with begin_write(self.engine) as conn:
            inserted = conn.execute(
                q.insert().values(
                    event_id=request.event_id,
                    from_id=request.from_id,
                    to_id=request.to_id,
                    priority=request.priority,
                    value=request.value,
                    reasons=list(request.reasons),
                    status="pending",
                    requested_by=actor,
                    requested_at=dt.datetime.now(dt.UTC),
                )
            )
            request_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]
            _log(conn, "event_request", actor, request.event_id, request=request_id)
            return _request(conn.execute(sa.select(q).where(q.c.id == request_id)).mappings().one())

    def requests(self, event_id: str) -> list[MeetingRequest]:
        q = t.event_requests
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(q).where(q.c.event_id == event_id).order_by(q.c.id)).mappings()
            return [_request(row) for row in rows]

    def answer_request(self, request_id: int, status: str, actor: str) -> MeetingRequest:
        """Accept, decline or cancel; cancelling also cancels its confirmed meeting (the slot is free again)."""
        q, m = t.event_requests, t.event_meetings
        now = dt.datetime.now(dt.UTC)
        with begin_write(self.engine) as conn:
            conn.execute(
                q.update().where(q.c.id == request_id).values(status=status, answered_by=actor, answered_at=now)
            )
            if status == "cancelled":
                conn.execute(
                    m.update()
                    .where(m.c.request_id == request_id, m.c.status == "confirmed")
                    .values(status="cancelled", updated_by=actor, updated_at=now)
                )
            row = conn.execute(sa.select(q).where(q.c.id == request_id)).mappings().one()
            _log(conn, f"event_request_{status}", actor, row["event_id"], request=request_id)
            return _request(row)

    def meetings(self, event_id: str) -> list[ScheduledMeeting]:
        m = t.event_meetings
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(m).where(m.c.event_id == event_id).order_by(m.c.id)).mappings()
            return [_meeting(row) for row in rows]

    def add_meetings(self, event_id: str, placed: Sequence[PlacedMeeting], actor: str) -> list[ScheduledMeeting]:
        m = t.event_meetings
        now = dt.datetime.now(dt.UTC)
        rows = [
            {
                "event_id": event_id,
                "request_id": p.request_id,
                "slot_id": p.slot_id,
                "table_no": p.table,
                "status": "confirmed",
                "note": "",
                "scheduled_at": now,
                "updated_by": actor,
                "updated_at": now,
            }
            for p in placed
        ]
        with begin_write(self.engine) as conn:
            if rows:
                conn.execute(m.insert(), rows)
            _log(conn, "event_schedule", actor, event_id, meetings=len(rows))
        return self.meetings(event_id)

    def record_meeting(
        self, meeting_id: int, attendance: str | None, follow_up: str | None, note: str, actor: str
    ) -> ScheduledMeeting:
        m = t.event_meetings
        values: dict[str, Any] = {"updated_by": actor, "updated_at": dt.datetime.now(dt.UTC)}
        values.update({k: v for k, v in (("attendance", attendance), ("follow_up", follow_up)) if v is not None})
        if note:
            values["note"] = note
        with begin_write(self.engine) as conn:
            conn.execute(m.update().where(m.c.id == meeting_id).values(**values))
            row = conn.execute(sa.select(m).where(m.c.id == meeting_id)).mappings().one()
            _log(conn, "event_meeting_record", actor, row["event_id"], meeting=meeting_id)
            return _meeting(row)

    # -- papers -----------------------------------------------------------------------------------------------------

    def add_paper(self, paper: Paper, pdf: bytes, actor: str) -> Paper:
        p = t.event_papers
        with begin_write(self.engine) as conn:
            inserted = conn.execute(
                p.insert().values(
                    event_id=paper.event_id,
                    title=paper.title,
                    abstract=paper.abstract,
                    author=paper.author,
                    author_organisation=paper.author_organisation,
                    file_name=paper.file_name,
                    pdf=pdf,
                    size_bytes=len(pdf),
                    status="submitted",
                    submitted_by=actor,
                    submitted_at=paper.submitted_at,
                )
            )
            paper_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]
            _log(conn, "paper_submit", actor, paper.event_id, paper=paper_id)
        return next(found for found in self.papers(paper.event_id) if found.id == paper_id)

    def papers(self, event_id: str) -> list[Paper]:
        p, r = t.event_papers, t.event_reviews
        columns = [c for c in p.c if c.name != "pdf"]
        with self.engine.connect() as conn:
            rows = list(conn.execute(sa.select(*columns).where(p.c.event_id == event_id).order_by(p.c.id)).mappings())
            ids = [row["id"] for row in rows]
            reviews = conn.execute(sa.select(r).where(r.c.paper_id.in_(ids)).order_by(r.c.reviewer)).mappings()
            by_paper: dict[int, list[Review]] = {}
            for row in reviews:
                review = Review(
                    row["paper_id"], row["reviewer"], row["score"], row["comment"], _aware(row["reviewed_at"])
                )
                by_paper.setdefault(row["paper_id"], []).append(review)
        return [_paper(row, tuple(by_paper.get(row["id"], ()))) for row in rows]

    def paper_pdf(self, paper_id: int) -> bytes:
        p = t.event_papers
        with self.engine.connect() as conn:
            return bytes(conn.execute(sa.select(p.c.pdf).where(p.c.id == paper_id)).scalar_one())

    def assign_reviewer(self, event_id: str, paper_id: int, reviewer: str, actor: str) -> None:
        r = t.event_reviews
        with begin_write(self.engine) as conn:
            known = conn.execute(sa.select(r.c.reviewer).where(r.c.paper_id == paper_id, r.c.reviewer == reviewer))
            if known.first() is None:
                now = dt.datetime.now(dt.UTC)
                conn.execute(
                    r.insert().values(paper_id=paper_id, reviewer=reviewer, assigned_by=actor, assigned_at=now)
                )
            _log(conn, "paper_assign", actor, event_id, paper=paper_id)

    def save_review(self, event_id: str, review: Review) -> None:
        r = t.event_reviews
        with begin_write(self.engine) as conn:
            conn.execute(
                r.update()
                .where(r.c.paper_id == review.paper_id, r.c.reviewer == review.reviewer)
                .values(score=review.score, comment=review.comment, reviewed_at=dt.datetime.now(dt.UTC))
            )
            _log(conn, "paper_review", review.reviewer, event_id, paper=review.paper_id)

    def decide_paper(self, event_id: str, paper_id: int, status: str, actor: str) -> None:
        p = t.event_papers
        with begin_write(self.engine) as conn:
            now = dt.datetime.now(dt.UTC)
            conn.execute(p.update().where(p.c.id == paper_id).values(status=status, decided_by=actor, decided_at=now))
            _log(conn, "paper_decide", actor, event_id, paper=paper_id, status=status)


def _paper(row: Any, reviews: tuple[Review, ...]) -> Paper:
    return Paper(
        id=row["id"],
        event_id=row["event_id"],
        title=row["title"],
        abstract=row["abstract"],
        author=row["author"],
        author_organisation=row["author_organisation"],
        file_name=row["file_name"],
        size_bytes=row["size_bytes"],
        submitted_by=row["submitted_by"],
        submitted_at=_aware(row["submitted_at"]) or dt.datetime.now(dt.UTC),
        status=row["status"],
        reviews=reviews,
    )
