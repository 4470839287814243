"""Use cases of a forum: create and read events, register participants, ask for and answer B2B meetings, schedule
them around confirmed ones, record the day (check-in, attendance, follow-up), and count the outcomes.

Every write is authorized here against the policy table (corridor.accounts.policy): organisers are the holders of
`event.organise` over the venue's locality (and administrators); a participant's own requests and follow-ups need
`event.meet` and her own registration (or the organiser's action).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from corridor.accounts.models import Principal, Target
from corridor.accounts.policy import authorize, may
from corridor.errors import Conflict, Forbidden, InvalidInput, NotFound
from corridor.events.models import (
    ATTENDANCE,
    FOLLOW_UPS,
    EventDefinition,
    MeetingRequest,
    Registration,
    ScheduledMeeting,
)
from corridor.events.outcomes import Outcomes, count_outcomes
from corridor.events.planning import fixed_meetings, request_of, scheduling_event
from corridor.events.registrations import NewRegistration
from corridor.events.reviewing import CallForPapers, PaperStore
from corridor.events.suggestions import Suggestion, suggest_partners
from corridor.i18n import mark
from corridor.matching.scheduling import Schedule, solve
from corridor.matching.service import MatchingService
from corridor.registry.models import SourceRef
from corridor.registry.service import Registry

__all__ = ["EventStore", "Events", "PlacedMeeting"]

NO_EVENT = mark("No event has the ID {id}")
EVENT_EXISTS = mark("An event with the ID {id} exists already")
NO_REGISTRATION = mark("Registration {id} is not one of event {event}")
NO_REQUEST = mark("Meeting request {id} is not one of event {event}")
NO_MEETING = mark("Meeting {id} is not one of event {event}")
NOT_YOURS = mark("{who} may only act for her own registration")
NOT_APPROVED = mark("Both participants must be approved before a meeting is asked ({id} is {status})")
SAME_PARTICIPANT = mark("A participant cannot ask herself for a meeting")
ALREADY_ASKED = mark("This meeting was asked already (request {id})")
NOT_PENDING = mark("Request {id} is {status}; only a pending request is answered")
BAD_CHOICE = mark("'{value}' is not one of {choices}")
NO_EXHIBITOR = mark("Exhibitor {n}: the registry has no {kind} with the ID '{id}'")
NO_PROVINCE = mark("'{name}' is not a province or city the registry knows")
NO_FIRM = mark("Row {row}: the registry has no firm with the ID '{id}'")


@dataclass(frozen=True)
class PlacedMeeting:
    request_id: int
    slot_id: str
    table: int


class EventStore(Protocol):
    def add_event(self, event: EventDefinition, actor: str) -> None: ...
    def event(self, event_id: str) -> EventDefinition | None: ...
    def events(self) -> list[EventDefinition]: ...
    def add_registrations(
        self, event_id: str, rows: Sequence[tuple[NewRegistration, str, int | None]], actor: str
    ) -> list[Registration]: ...
    def registrations(self, event_id: str) -> list[Registration]: ...
    def decide_registration(self, registration_id: int, status: str, actor: str) -> Registration: ...
    def check_in(self, registration_id: int, actor: str) -> Registration: ...
    def add_request(self, request: MeetingRequest, actor: str) -> MeetingRequest: ...
    def requests(self, event_id: str) -> list[MeetingRequest]: ...
    def answer_request(self, request_id: int, status: str, actor: str) -> MeetingRequest: ...
    def meetings(self, event_id: str) -> list[ScheduledMeeting]: ...
    def add_meetings(self, event_id: str, placed: Sequence[PlacedMeeting], actor: str) -> list[ScheduledMeeting]: ...
    def record_meeting(
        self, meeting_id: int, attendance: str | None, follow_up: str | None, note: str, actor: str
    ) -> ScheduledMeeting: ...
    def firm_history(self, firm_id: str) -> list[tuple[EventDefinition, Registration]]: ...


class FullStore(EventStore, PaperStore, Protocol):
    """Events and their papers, kept together."""


class Proposer(Protocol):
    """What registering a new organisation needs from moderation: a proposal of a new firm."""

    def propose_new(self, principal: Principal, kind: str, fields: dict[str, str], source: SourceRef) -> Any: ...


def _choice(value: str | None, choices: Sequence[str]) -> str | None:
    if value is not None and value not in choices:
        raise InvalidInput(BAD_CHOICE, value=value, choices=", ".join(choices))
    return value


class Events:
    def __init__(self, store: FullStore, registry: Registry, proposer: Proposer) -> None:
        self._store = store
        self._registry = registry
        self._proposer = proposer
        self.papers = CallForPapers(store, self.event, self.target, registry.limits.max_bytes)

    # -- events -------------------------------------------------------------------------------------------------

    def target(self, event: EventDefinition) -> Target:
        return Target(localities=frozenset(event.localities), label=f"event {event.id}")

    def create(self, principal: Principal, event: EventDefinition) -> EventDefinition:
        """Store a checked event: its exhibitors must be registry records; its province gives its organisers."""
        localities = self._localities(event)
        event = EventDefinition(**{**event.__dict__, "localities": localities})
        authorize(principal, "event.organise", self.target(event))
        for n, exhibitor in enumerate(event.exhibitors, start=1):
            if not self._registry.exists(exhibitor.kind, exhibitor.record_id):
                raise InvalidInput(NO_EXHIBITOR, n=n, kind=exhibitor.kind, id=exhibitor.record_id)
        if self._store.event(event.id) is not None:
            raise Conflict(EVENT_EXISTS, id=event.id)
        self._store.add_event(event, principal.actor)
        return event

    def _localities(self, event: EventDefinition) -> tuple[str, ...]:
        if not event.province:
            return ()
        admin = self._registry.admin_index()
        found = admin.resolve(event.province, event.starts_on)
        if found is None:
            raise InvalidInput(NO_PROVINCE, name=event.province)
        units = {found.unit.id, *admin.successors.get(found.unit.id, []), *admin.predecessors.get(found.unit.id, [])}
        return tuple(sorted(units))

    def event(self, event_id: str) -> EventDefinition:
        found = self._store.event(event_id)
        if found is None:
            raise NotFound(NO_EVENT, id=event_id)
        return found

    def events(self) -> list[EventDefinition]:
        return sorted(self._store.events(), key=lambda e: (e.starts_on, e.id))

    def may_organise(self, principal: Principal, event: EventDefinition) -> bool:
        return may(principal, "event.organise", self.target(event))

    def _organise(self, principal: Principal, event_id: str) -> EventDefinition:
        event = self.event(event_id)
        authorize(principal, "event.organise", self.target(event))
        return event

    # -- registrations ------------------------------------------------------------------------------------------

    def register(self, principal: Principal, event_id: str, rows: Sequence[NewRegistration]) -> list[Registration]:
        """Registrations (pending until an organiser approves); an organisation the registry lacks is proposed
        as a new firm through moderation, and the registration waits on that proposal."""
        event = self.event(event_id)
        authorize(principal, "event.register", self.target(event))
        resolved = [self._participant_firm(principal, event, n, row) for n, row in enumerate(rows, start=1)]
        return self._store.add_registrations(event.id, resolved, principal.actor)

    def _participant_firm(
        self, principal: Principal, event: EventDefinition, n: int, row: NewRegistration
    ) -> tuple[NewRegistration, str, int | None]:
        if row.firm_id:
            if not self._registry.exists("firms", row.firm_id):
                raise NotFound(NO_FIRM, row=n, id=row.firm_id)
            return row, row.firm_id, None
        known = self._registry.find_firm_by_name(row.organisation)
        if known is not None:
            return row, known, None
        fields = {"name": row.organisation, **({"province": row.province} if row.province else {})}
        source = SourceRef(f"{event.name}: {row.person}", "", dt.date.today().isoformat())
        proposal = self._proposer.propose_new(principal, "firms", fields, source)
        return row, self._registry.check_new_record("firms", fields, source).record_id, int(proposal.id)

    def registrations(self, event_id: str) -> list[Registration]:
        return self._store.registrations(self.event(event_id).id)

    def registration(self, event_id: str, registration_id: int) -> Registration:
        found = [r for r in self.registrations(event_id) if r.id == registration_id]
        if not found:
            raise NotFound(NO_REGISTRATION, id=registration_id, event=event_id)
        return found[0]

    def own_registrations(self, principal: Principal, event_id: str) -> list[Registration]:
        return [r for r in self.registrations(event_id) if principal.actor in {r.registered_by, r.email}]

    def decide(self, principal: Principal, event_id: str, registration_id: int, approve: bool) -> Registration:
        self._organise(principal, event_id)
        self.registration(event_id, registration_id)
        return self._store.decide_registration(registration_id, "approved" if approve else "rejected", principal.actor)

    def check_in(self, principal: Principal, event_id: str, registration_id: int) -> Registration:
        self._organise(principal, event_id)
        self.registration(event_id, registration_id)
        return self._store.check_in(registration_id, principal.actor)

    def _acting_for(self, principal: Principal, event: EventDefinition, registration: Registration) -> None:
        """The participant herself (who registered, or the person registered) or an organiser."""
        if self.may_organise(principal, event):
            return
        authorize(principal, "event.meet", self.target(event))
        if principal.actor not in {registration.registered_by, registration.email}:
            raise Forbidden(NOT_YOURS, who=principal.actor)

    # -- meeting requests ---------------------------------------------------------------------------------------

    def ask(
        self,
        principal: Principal,
        event_id: str,
        from_id: int,
        to_id: int,
        *,
        priority: int = 3,
        value: float = 0.5,
        reasons: Sequence[str] = (),
    ) -> MeetingRequest:
        event = self.event(event_id)
        asking, asked = self.registration(event_id, from_id), self.registration(event_id, to_id)
        self._acting_for(principal, event, asking)
        if from_id == to_id:
            raise InvalidInput(SAME_PARTICIPANT)
        for registration in (asking, asked):
            if registration.status != "approved":
                raise InvalidInput(NOT_APPROVED, id=registration.id, status=registration.status)
        if not 1 <= priority <= 5 or not 0 <= value <= 1:
            raise InvalidInput(mark("priority 1-5 and value 0-1 expected"))
        for known in self._store.requests(event_id):
            if {known.from_id, known.to_id} == {from_id, to_id} and known.status in {"pending", "accepted"}:
                raise Conflict(ALREADY_ASKED, id=known.id)
        request = MeetingRequest(0, event_id, from_id, to_id, priority, value, tuple(reasons))
        return self._store.add_request(request, principal.actor)

    def requests(self, event_id: str) -> list[MeetingRequest]:
        return self._store.requests(self.event(event_id).id)

    def _request(self, event_id: str, request_id: int) -> MeetingRequest:
        found = [q for q in self.requests(event_id) if q.id == request_id]
        if not found:
            raise NotFound(NO_REQUEST, id=request_id, event=event_id)
        return found[0]

    def answer(self, principal: Principal, event_id: str, request_id: int, accept: bool) -> MeetingRequest:
        """The asked participant accepts or declines a pending request."""
        event, request = self.event(event_id), self._request(event_id, request_id)
        self._acting_for(principal, event, self.registration(event_id, request.to_id))
        if request.status != "pending":
            raise Conflict(NOT_PENDING, id=request_id, status=request.status)
        return self._store.answer_request(request_id, "accepted" if accept else "declined", principal.actor)

    def cancel(self, principal: Principal, event_id: str, request_id: int) -> MeetingRequest:
        """Either participant (or an organiser) cancels; its meeting, if placed, is cancelled and its slot freed."""
        event, request = self.event(event_id), self._request(event_id, request_id)
        if not self.may_organise(principal, event):
            sides = [self.registration(event_id, i) for i in (request.from_id, request.to_id)]
            if not any(principal.actor in {s.registered_by, s.email} for s in sides):
                self._acting_for(principal, event, sides[0])
        if request.status in {"declined", "cancelled"}:
            raise Conflict(NOT_PENDING, id=request_id, status=request.status)
        return self._store.answer_request(request_id, "cancelled", principal.actor)

    # -- scheduling -----------------------------------------------------------------------------------------------

    def schedule(self, principal: Principal, event_id: str, time_limit_s: float = 8.0) -> Schedule:
        """Place accepted requests not yet met around the confirmed meetings, which never move; the new ones are
        confirmed in turn (their agendas go out)."""
        event = self._organise(principal, event_id)
        registrations, requests = self._store.registrations(event_id), self._store.requests(event_id)
        fixed = fixed_meetings(event, self._store.meetings(event_id), requests)
        planned = solve(scheduling_event(event, registrations, requests), time_limit_s, fixed)
        kept = {(m.request.a, m.request.b, m.slot.id) for m in fixed}
        new = [m for m in planned.meetings if (m.request.a, m.request.b, m.slot.id) not in kept]
        placed = [PlacedMeeting(request_of(requests, m).id, m.slot.id, m.table) for m in new]
        self._store.add_meetings(event_id, placed, principal.actor)
        return planned

    def current_schedule(self, event_id: str) -> Schedule:
        """The confirmed meetings as a schedule (for agendas), without solving anything."""
        event = self.event(event_id)
        registrations, requests = self._store.registrations(event_id), self._store.requests(event_id)
        problem = scheduling_event(event, registrations, requests)
        meetings = fixed_meetings(event, self._store.meetings(event_id), requests)
        return Schedule(problem, meetings, [], "confirmed", 0, 0.0, 0.0)

    def meetings(self, event_id: str) -> list[ScheduledMeeting]:
        return self._store.meetings(self.event(event_id).id)

    def record(
        self,
        principal: Principal,
        event_id: str,
        meeting_id: int,
        *,
        attendance: str | None = None,
        follow_up: str | None = None,
        note: str = "",
    ) -> ScheduledMeeting:
        """Attendance (organisers, on the day) or the follow-up (either participant, or an organiser)."""
        event = self.event(event_id)
        found = [m for m in self._store.meetings(event_id) if m.id == meeting_id]
        if not found:
            raise NotFound(NO_MEETING, id=meeting_id, event=event_id)
        _choice(attendance, ATTENDANCE)
        _choice(follow_up, FOLLOW_UPS)
        if attendance is not None:
            authorize(principal, "event.organise", self.target(event))
        elif not self.may_organise(principal, event):
            request = self._request(event_id, found[0].request_id)
            sides = [self.registration(event_id, i) for i in (request.from_id, request.to_id)]
            mine = [s for s in sides if principal.actor in {s.registered_by, s.email}]
            self._acting_for(principal, event, mine[0] if mine else sides[0])
        return self._store.record_meeting(meeting_id, attendance, follow_up, note.strip(), principal.actor)

    # -- outcomes ------------------------------------------------------------------------------------------------

    def outcomes(self, principal: Principal, event_id: str) -> Outcomes:
        self._organise(principal, event_id)
        admin = self._registry.admin_index()

        def describe(registration: Registration) -> tuple[str | None, str | None]:
            firm = self._registry.view_row("firms", registration.firm_id or "") or {}
            unit = admin.units.get(str(firm.get("province_id") or ""))
            return firm.get("sector"), unit.name if unit else None

        return count_outcomes(
            self._store.registrations(event_id),
            self._store.requests(event_id),
            self._store.meetings(event_id),
            describe,
        )

    def suggestions(self, matching: MatchingService, event_id: str, registration_id: int) -> list[Suggestion]:
        """Partners for one participant, with reasons (public data only: needs, offers, gaps)."""
        registrations = self.registrations(event_id)
        me = self.registration(event_id, registration_id)
        return suggest_partners(matching, me, registrations)

    def firm_history(self, firm_id: str) -> list[tuple[EventDefinition, Registration]]:
        """The events a firm registered for (its forum history, shown on its page)."""
        return self._store.firm_history(firm_id)
