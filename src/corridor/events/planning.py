"""From an event's registrations and accepted requests to the scheduler's problem, and back.

A participant is free in a meeting slot unless it overlaps a programme session she attends; accepted requests
are what the scheduler may place; meetings already confirmed are handed to it as fixed, so a re-plan after a
cancellation or a late request never moves them (corridor.matching.scheduling.solve).
"""

from __future__ import annotations

from collections.abc import Sequence

from corridor.events.models import EventDefinition, MeetingRequest, Registration, ScheduledMeeting
from corridor.matching.scheduling import Event, Meeting, Participant, Request, Slot

__all__ = ["blocked_slots", "fixed_meetings", "scheduling_event"]


def blocked_slots(event: EventDefinition, registration: Registration) -> frozenset[str]:
    """Meeting slots that overlap a session the participant attends."""
    attended = [s for s in event.sessions if s.id in registration.sessions]
    return frozenset(
        slot.id for slot in event.slots for s in attended if slot.start < s.ends_at and s.starts_at < slot.end
    )


def scheduling_event(
    event: EventDefinition, registrations: Sequence[Registration], requests: Sequence[MeetingRequest]
) -> Event:
    """The scheduler's event: approved participants (free outside their sessions) and accepted requests."""
    approved = {r.id: r for r in registrations if r.status == "approved"}
    all_slots = frozenset(s.id for s in event.slots)
    participants = {
        r.participant_id: Participant(
            r.participant_id, r.person, r.organisation, r.language, all_slots - blocked_slots(event, r), r.email
        )
        for r in approved.values()
    }
    asked: dict[tuple[str, str], Request] = {}
    for stored in requests:
        if stored.status == "accepted" and stored.from_id in approved and stored.to_id in approved:
            request = _request(stored)
            known = asked.get((request.a, request.b))
            if known is None or request.weight > known.weight:  # asked both ways: one meeting, the higher weight
                asked[(request.a, request.b)] = request
    return Event(event.name, event.venue, event.tables, event.slots, participants, tuple(asked.values()))


def _request(request: MeetingRequest) -> Request:
    a, b = sorted((f"r{request.from_id}", f"r{request.to_id}"))
    return Request(a, b, request.priority, request.value, "match" if request.reasons else "request")


def fixed_meetings(
    event: EventDefinition, meetings: Sequence[ScheduledMeeting], requests: Sequence[MeetingRequest]
) -> list[Meeting]:
    """The confirmed meetings as the scheduler sees them (kept where they are)."""
    by_id = {q.id: q for q in requests}
    slots: dict[str, Slot] = {s.id: s for s in event.slots}
    return [
        Meeting(_request(by_id[m.request_id]), slots[m.slot_id], m.table)
        for m in meetings
        if m.status == "confirmed" and m.request_id in by_id
    ]


def request_of(requests: Sequence[MeetingRequest], meeting: Meeting) -> MeetingRequest:
    """The stored request a placed meeting answers."""
    pair = {meeting.request.a, meeting.request.b}
    return next(q for q in requests if {f"r{q.from_id}", f"r{q.to_id}"} == pair and q.status == "accepted")
