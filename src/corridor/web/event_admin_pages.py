"""Organisers' forum pages: create an event from its file, approve and check in participants, run the scheduler,
record attendance, assign reviewers and decide papers, and the outcome page."""

from __future__ import annotations

import tomllib
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from corridor.accounts import authorize
from corridor.errors import InvalidInput
from corridor.events.definition import event_from_dict
from corridor.http.auth import Actor, FormCsrf
from corridor.http.deps import CorridorApp
from corridor.i18n import mark
from corridor.web.render import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]
BAD_TOML = mark("The event file cannot be read: {reason}")


def _back(event_id: str) -> RedirectResponse:
    return RedirectResponse(f"/events/{event_id}/organise", status_code=303)


@router.get("/events/new")
def new_event_form(request: Request, principal: Actor) -> Response:
    if principal.is_anonymous:
        return RedirectResponse("/login?next=/events/new", status_code=303)
    return render(request, "event_new.html")


@router.post("/events/new", dependencies=[FormCsrf])
def create_event(corridor: CorridorApp, principal: Actor, definition: Text) -> Response:
    """The event file (TOML, as for `corridor events create`) pasted into the form."""
    if principal.is_anonymous:
        authorize(principal, "event.organise")
    try:
        data = tomllib.loads(definition)
    except tomllib.TOMLDecodeError as error:
        raise InvalidInput(BAD_TOML, reason=str(error)) from error
    created = corridor.events.create(principal, event_from_dict(data, "event.toml"))
    return _back(created.id)


@router.get("/events/{event_id}/organise")
def organiser_page(request: Request, corridor: CorridorApp, principal: Actor, event_id: str) -> Response:
    if principal.is_anonymous:
        return RedirectResponse(f"/login?next=/events/{event_id}/organise", status_code=303)
    events = corridor.events
    event = events.event(event_id)
    authorize(principal, "event.organise", events.target(event))
    registrations = events.registrations(event_id)
    people = {r.id: r for r in registrations}
    requests = {q.id: q for q in events.requests(event_id)}
    slots = {s.id: s for s in event.slots}
    meetings: list[dict[str, Any]] = [
        {"meeting": m, "slot": slots[m.slot_id], "a": people[requests[m.request_id].from_id],
         "b": people[requests[m.request_id].to_id]}
        for m in events.meetings(event_id) if m.status == "confirmed"
    ]  # fmt: skip
    meetings.sort(key=lambda row: (row["slot"].start, row["meeting"].table))
    return render(
        request,
        "event_organise.html",
        event=event,
        registrations=registrations,
        requests=list(requests.values()),
        meetings=meetings,
        papers=events.papers.papers(event_id),
        scheduled=request.query_params.get("scheduled"),
    )


@router.post("/events/{event_id}/registrations/{registration_id}", dependencies=[FormCsrf])
def decide_registration(
    corridor: CorridorApp, principal: Actor, event_id: str, registration_id: int, action: Text
) -> Response:
    events = corridor.events
    if action == "check-in":
        events.check_in(principal, event_id, registration_id)
    else:
        events.decide(principal, event_id, registration_id, approve=action == "approve")
    return _back(event_id)


@router.post("/events/{event_id}/schedule", dependencies=[FormCsrf])
def run_scheduler(corridor: CorridorApp, principal: Actor, event_id: str) -> Response:
    done = corridor.events.schedule(principal, event_id)
    return RedirectResponse(f"/events/{event_id}/organise?scheduled={len(done.meetings)}", status_code=303)


@router.post("/events/{event_id}/meetings/{meeting_id}/attendance", dependencies=[FormCsrf])
def attendance(corridor: CorridorApp, principal: Actor, event_id: str, meeting_id: int, attended: Text) -> Response:
    corridor.events.record(principal, event_id, meeting_id, attendance=attended)
    return _back(event_id)


@router.post("/events/{event_id}/papers/{paper_id}/reviewers", dependencies=[FormCsrf])
def assign_reviewer(corridor: CorridorApp, principal: Actor, event_id: str, paper_id: int, reviewer: Text) -> Response:
    corridor.events.papers.assign(principal, event_id, paper_id, reviewer)
    return _back(event_id)


@router.post("/events/{event_id}/papers/{paper_id}/decision", dependencies=[FormCsrf])
def decide_paper(corridor: CorridorApp, principal: Actor, event_id: str, paper_id: int, decision: Text) -> Response:
    corridor.events.papers.decide(principal, event_id, paper_id, decision)
    return _back(event_id)


@router.get("/events/{event_id}/outcomes")
def outcome_page(request: Request, corridor: CorridorApp, principal: Actor, event_id: str) -> Response:
    if principal.is_anonymous:
        return RedirectResponse(f"/login?next=/events/{event_id}/outcomes", status_code=303)
    events = corridor.events
    found: Any = events.outcomes(principal, event_id)
    return render(request, "event_outcomes.html", event=events.event(event_id), outcomes=found)
