"""Forum pages: the list of events, an event's public page (programme, exhibitors, proceedings), registration, a
participant's page (suggested partners, requests, agenda, follow-ups) and the call for papers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from corridor.accounts import authorize
from corridor.bootstrap import App
from corridor.events import EventDefinition, Registration
from corridor.events.registrations import NewRegistration
from corridor.http.auth import Actor, FormCsrf
from corridor.http.deps import CorridorApp
from corridor.http.lang import request_lang
from corridor.matching.agenda import agenda_ics
from corridor.registry.service import ListFilters
from corridor.web.render import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]


def _to_login(path: str) -> RedirectResponse:
    return RedirectResponse(f"/login?next={path}", status_code=303)


def _exhibitors(corridor: App, event: EventDefinition) -> list[tuple[Any, str]]:
    """(exhibitor, its registry name) for the event page's booth list."""
    found = []
    for exhibitor in event.exhibitors:
        row = corridor.registry.view_row(exhibitor.kind, exhibitor.record_id) or {}
        found.append((exhibitor, str(row.get("name") or exhibitor.record_id)))
    return found


@router.get("/events")
def event_list(request: Request, corridor: CorridorApp) -> Response:
    return render(request, "events.html", events=corridor.events.events())


@router.get("/events/{event_id}")
def event_page(request: Request, corridor: CorridorApp, principal: Actor, event_id: str) -> Response:
    events = corridor.events
    event = events.event(event_id)
    mine = [] if principal.is_anonymous else events.own_registrations(principal, event_id)
    return render(
        request,
        "event.html",
        event=event,
        exhibitors=_exhibitors(corridor, event),
        papers=events.papers.accepted(event_id),
        organiser=events.may_organise(principal, event),
        mine=mine,
        reviewing=[] if principal.is_anonymous else events.papers.to_review(principal, event_id),
        firms=corridor.registry.list_records("firms", ListFilters()).items if not principal.is_anonymous else [],
    )


@router.post("/events/{event_id}/register", dependencies=[FormCsrf])
def register(
    corridor: CorridorApp,
    principal: Actor,
    event_id: str,
    organisation: Text,
    person: Text,
    email: Text,
    role: Text = "",
    firm_id: Text = "",
    province: Text = "",
    languages: Annotated[list[str] | None, Form()] = None,
    sessions: Annotated[list[str] | None, Form()] = None,
) -> Response:
    if principal.is_anonymous:
        return _to_login(f"/events/{event_id}")
    row = NewRegistration(
        organisation.strip(), person.strip(), email.strip().lower(), role.strip(),
        tuple(languages or ["vi"]), tuple(sessions or []), firm_id.strip(), province.strip(),
    )  # fmt: skip
    corridor.events.register(principal, event_id, [row])
    return RedirectResponse(f"/events/{event_id}/me", status_code=303)


def _agenda_rows(
    corridor: App, event: EventDefinition, me: Registration, people: dict[int, Registration]
) -> list[dict[str, Any]]:
    """My confirmed meetings, in time order: slot, table, partner, and the meeting's record."""
    requests = {q.id: q for q in corridor.events.requests(event.id)}
    slots = {s.id: s for s in event.slots}
    rows = []
    for meeting in corridor.events.meetings(event.id):
        asked = requests.get(meeting.request_id)
        if meeting.status != "confirmed" or asked is None or me.id not in {asked.from_id, asked.to_id}:
            continue
        partner = people[asked.to_id if asked.from_id == me.id else asked.from_id]
        rows.append({"meeting": meeting, "slot": slots[meeting.slot_id], "partner": partner})
    return sorted(rows, key=lambda row: row["slot"].start)


@router.get("/events/{event_id}/me")
def participant_page(request: Request, corridor: CorridorApp, principal: Actor, event_id: str) -> Response:
    """The signed-in person's registrations: suggestions, requests, agenda, follow-ups."""
    if principal.is_anonymous:
        return _to_login(f"/events/{event_id}/me")
    events = corridor.events
    event = events.event(event_id)
    people = {r.id: r for r in events.registrations(event_id)}
    mine = events.own_registrations(principal, event_id)
    requests = events.requests(event_id)
    sections = []
    for me in mine:
        ready = me.status == "approved"
        sections.append(
            {
                "me": me,
                "suggestions": events.suggestions(corridor.matching(), event_id, me.id) if ready else [],
                "received": [q for q in requests if q.to_id == me.id],
                "sent": [q for q in requests if q.from_id == me.id],
                "agenda": _agenda_rows(corridor, event, me, people) if ready else [],
                "others": [r for r in people.values() if r.id != me.id and r.status == "approved"],
            }
        )
    return render(request, "event_me.html", event=event, sections=sections, people=people)


@router.post("/events/{event_id}/requests", dependencies=[FormCsrf])
def ask(
    corridor: CorridorApp,
    principal: Actor,
    event_id: str,
    from_id: Annotated[int, Form()],
    to_id: Annotated[int, Form()],
    priority: Annotated[int, Form()] = 3,
    value: Annotated[float, Form()] = 0.5,
    reason: Text = "",
) -> Response:
    """A suggested partner's request carries its match score as the value the scheduler weighs."""
    reasons = [reason] if reason.strip() else []
    corridor.events.ask(principal, event_id, from_id, to_id, priority=priority, value=value, reasons=reasons)
    return RedirectResponse(f"/events/{event_id}/me", status_code=303)


@router.post("/events/{event_id}/requests/{request_id}", dependencies=[FormCsrf])
def answer(corridor: CorridorApp, principal: Actor, event_id: str, request_id: int, action: Text) -> Response:
    events = corridor.events
    if action == "cancel":
        events.cancel(principal, event_id, request_id)
    else:
        events.answer(principal, event_id, request_id, accept=action == "accept")
    return RedirectResponse(f"/events/{event_id}/me", status_code=303)


@router.post("/events/{event_id}/meetings/{meeting_id}/follow-up", dependencies=[FormCsrf])
def follow_up(
    corridor: CorridorApp, principal: Actor, event_id: str, meeting_id: int, stage: Text, note: Text = ""
) -> Response:
    corridor.events.record(principal, event_id, meeting_id, follow_up=stage, note=note)
    return RedirectResponse(f"/events/{event_id}/me", status_code=303)


@router.get("/events/{event_id}/agenda/{registration_id}.ics")
def agenda_file(
    request: Request, corridor: CorridorApp, principal: Actor, event_id: str, registration_id: int
) -> Response:
    events = corridor.events
    registration = events.registration(event_id, registration_id)
    if principal.actor not in {registration.registered_by, registration.email} or principal.is_anonymous:
        authorize(principal, "event.organise", events.target(events.event(event_id)))
    body = agenda_ics(events.current_schedule(event_id), registration.participant_id, registration.language)
    name = f"{event_id}-{registration_id}.ics"
    return Response(body, media_type="text/calendar", headers={"Content-Disposition": f'attachment; filename="{name}"'})


# -- call for papers -----------------------------------------------------------------------------------------------


@router.post("/events/{event_id}/papers", dependencies=[FormCsrf])
def submit_paper(
    corridor: CorridorApp,
    principal: Actor,
    event_id: str,
    title: Text,
    abstract: Text,
    author: Text,
    organisation: Text,
    file: Annotated[UploadFile, File()],
) -> Response:
    if principal.is_anonymous:
        return _to_login(f"/events/{event_id}")
    papers = corridor.events.papers
    data = file.file.read(papers.max_bytes + 1)
    papers.submit(
        principal, event_id, title=title, abstract=abstract, author=author, organisation=organisation,
        file_name=file.filename or "paper.pdf", data=data,
    )  # fmt: skip
    return RedirectResponse(f"/events/{event_id}?submitted=1", status_code=303)


@router.post("/events/{event_id}/papers/{paper_id}/review", dependencies=[FormCsrf])
def review_paper(
    corridor: CorridorApp,
    principal: Actor,
    event_id: str,
    paper_id: int,
    score: Annotated[int, Form()],
    comment: Text = "",
) -> Response:
    corridor.events.papers.review(principal, event_id, paper_id, score, comment)
    return RedirectResponse(f"/events/{event_id}", status_code=303)


@router.get("/events/{event_id}/papers/{paper_id}.pdf")
def paper_file(corridor: CorridorApp, principal: Actor, event_id: str, paper_id: int) -> Response:
    paper, data = corridor.events.papers.pdf(principal, event_id, paper_id)
    headers = {"Content-Disposition": f'inline; filename="paper-{paper.id}.pdf"'}
    return Response(data, media_type="application/pdf", headers=headers)


@router.get("/events/{event_id}/proceedings.zip")
def proceedings(request: Request, corridor: CorridorApp, event_id: str) -> Response:
    data = corridor.events.papers.proceedings(event_id, request_lang(request))
    headers = {"Content-Disposition": f'attachment; filename="{event_id}-proceedings.zip"'}
    return Response(data, media_type="application/zip", headers=headers)
