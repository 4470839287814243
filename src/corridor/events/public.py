"""The public JSON of forums (docs/json.md, 'Event' and after): what the API answers and the pages show."""

from __future__ import annotations

from typing import Any

from corridor.events.definition import event_to_dict
from corridor.events.models import EventDefinition, MeetingRequest, Paper, Registration, ScheduledMeeting
from corridor.events.suggestions import Suggestion
from corridor.i18n import render_all

__all__ = [
    "event_json",
    "meeting_json",
    "paper_json",
    "registration_json",
    "request_json",
    "suggestion_json",
]


def event_json(event: EventDefinition, papers: list[Paper] | None = None) -> dict[str, Any]:
    """The event with its programme and exhibitors; `papers`: the accepted ones (the proceedings' contents)."""
    return {**event_to_dict(event), "papers": [paper_json(p) for p in papers or []]}


def registration_json(registration: Registration) -> dict[str, Any]:
    return {
        "id": registration.id,
        "event": registration.event_id,
        "organisation": registration.organisation,
        "firm_id": registration.firm_id,
        "proposal": registration.proposal_id,
        "person": registration.person,
        "role": registration.role,
        "email": registration.email,
        "languages": list(registration.languages),
        "sessions": list(registration.sessions),
        "status": registration.status,
        "checked_in_at": registration.checked_in_at.isoformat() if registration.checked_in_at else None,
    }


def request_json(request: MeetingRequest) -> dict[str, Any]:
    return {
        "id": request.id,
        "event": request.event_id,
        "from": request.from_id,
        "to": request.to_id,
        "priority": request.priority,
        "value": request.value,
        "reasons": list(request.reasons),
        "status": request.status,
    }


def meeting_json(event: EventDefinition, meeting: ScheduledMeeting) -> dict[str, Any]:
    slot = next(s for s in event.slots if s.id == meeting.slot_id)
    return {
        "id": meeting.id,
        "request": meeting.request_id,
        "slot": meeting.slot_id,
        "start": slot.start.isoformat(),
        "end": slot.end.isoformat(),
        "table": meeting.table,
        "status": meeting.status,
        "attendance": meeting.attendance,
        "follow_up": meeting.follow_up,
        "note": meeting.note,
    }


def paper_json(paper: Paper, *, with_reviews: bool = False) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": paper.id,
        "title": paper.title,
        "abstract": paper.abstract,
        "author": paper.author,
        "organisation": paper.author_organisation,
        "file_name": paper.file_name,
        "size_bytes": paper.size_bytes,
        "status": paper.status,
    }
    if with_reviews:
        found["reviews"] = [{"reviewer": r.reviewer, "score": r.score, "comment": r.comment} for r in paper.reviews]
    return found


def suggestion_json(suggestion: Suggestion, lang: str) -> dict[str, Any]:
    return {
        "registration": suggestion.registration.id,
        "organisation": suggestion.registration.organisation,
        "firm_id": suggestion.registration.firm_id,
        "score": round(suggestion.score, 4),
        "reasons": render_all(suggestion.reasons, lang),
        "matched": list(suggestion.matched),
    }
