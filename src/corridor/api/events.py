"""REST API of the corridor's forums (/api/v1/events): events and programme, registrations, B2B meeting requests,
the scheduler, agendas (.ics), the day's records and outcomes, the call for papers and the proceedings.

Reading an event, its accepted papers and proceedings needs no account; everything else needs an API token or a
session cookie (with X-CSRF-Token) and the policy's action: `event.organise` (organisers), `event.register`,
`event.meet` (a participant's own requests and follow-ups), `event.submit_paper`, `event.review_paper`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from corridor.accounts import authorize
from corridor.api import event_schemas as s
from corridor.api import schemas
from corridor.api.openapi import answers, content, lang_param
from corridor.bootstrap import App
from corridor.errors import ImportRejected
from corridor.events.definition import event_from_dict
from corridor.events.public import (
    event_json,
    meeting_json,
    paper_json,
    registration_json,
    request_json,
    suggestion_json,
)
from corridor.events.registrations import NewRegistration, registrations_from_table
from corridor.http.auth import Actor, check_csrf
from corridor.http.deps import CorridorApp
from corridor.http.lang import request_lang
from corridor.matching.agenda import agenda_ics
from corridor.registry.files import read_table
from corridor.registry.limits import check_declared_type, copy_upload, upload_file_name

__all__ = ["router"]

router = APIRouter(prefix="/api/v1/events", tags=["events"], dependencies=[Depends(lang_param)])
WRITE = answers(400, 401, 403, 404, 409, 422)
READ_PRIVATE = answers(400, 401, 403, 404)


def _event(corridor: App, event_id: str) -> dict[str, Any]:
    events = corridor.events
    return event_json(events.event(event_id), events.papers.accepted(event_id))


@router.get("", summary="Every event, soonest first", response_model=list[s.EventPublic], responses=answers(400))
def list_events(corridor: CorridorApp) -> Any:
    return [event_json(e, corridor.events.papers.accepted(e.id)) for e in corridor.events.events()]


@router.post("", summary="Create an event (organisers)", response_model=s.EventPublic, responses=WRITE)
def create_event(body: dict[str, Any], request: Request, corridor: CorridorApp, who: Actor) -> Any:
    """The body is the event file as JSON (docs/examples/event.toml): name, date, venue, slots, sessions..."""
    check_csrf(request, corridor, None)
    if who.is_anonymous:
        authorize(who, "event.organise")
    created = corridor.events.create(who, event_from_dict(body, "body"))
    return _event(corridor, created.id)


@router.get("/{event_id}", summary="An event: programme, exhibitors, accepted papers", response_model=s.EventPublic,
            responses=answers(400, 404))  # fmt: skip
def get_event(event_id: str, corridor: CorridorApp) -> Any:
    return _event(corridor, event_id)


# -- registrations ----------------------------------------------------------------------------------------------


@router.post("/{event_id}/registrations", summary="Register a participant (pending the organisers' approval)",
             response_model=s.RegistrationPublic, responses=WRITE)  # fmt: skip
def register(event_id: str, body: s.RegistrationRequest, request: Request, corridor: CorridorApp, who: Actor) -> Any:
    """An organisation the registry lacks is proposed as a new firm to the moderators (see /proposals)."""
    check_csrf(request, corridor, None)
    row = NewRegistration(
        body.organisation.strip(), body.person.strip(), body.email.strip().lower(), body.role.strip(),
        tuple(body.languages), tuple(body.sessions), body.firm_id.strip(), body.province.strip(),
    )  # fmt: skip
    return registration_json(corridor.events.register(who, event_id, [row])[0])


@router.post(
    "/{event_id}/registrations/import",
    summary="Register participants from a CSV or XLSX file, all or nothing (organisers)",
    response_model=list[s.RegistrationPublic],
    responses={
        **answers(400, 401, 403, 404, 409, 413, 415),
        422: {"model": schemas.ImportRefused, "description": "the file has errors; nothing was written"},
    },
)
def import_registrations(  # not async: reading the file and writing run in a worker thread
    event_id: str,
    request: Request,
    corridor: CorridorApp,
    who: Actor,
    file: Annotated[UploadFile, File(description="as for `corridor import FILE --kind registrations --event ID`")],
) -> Any:
    """Every row is checked before anything is written; a refused file lists every bad cell (row, column)."""
    check_csrf(request, corridor, None)
    events = corridor.events
    authorize(who, "event.organise", events.target(events.event(event_id)))
    name = upload_file_name(file.filename)
    check_declared_type(name, file.content_type)
    limits = corridor.registry.limits
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        copy_upload(file.file, path, limits, name)
        try:
            rows = registrations_from_table(read_table(path, limits), events.event(event_id))
        except ImportRejected as rejected:
            return _refused(rejected, request_lang(request))
    return [registration_json(r) for r in events.register(who, event_id, rows)]


def _refused(rejected: ImportRejected, lang: str) -> JSONResponse:
    rows = [{"row": e.row, "column": e.column, "value": e.value, "message": e.render(lang)} for e in rejected.errors]
    message = rejected.render(lang).splitlines()[0]
    return JSONResponse(status_code=422, content={"error": {"status": 422, "message": message, "rows": rows}})


@router.get("/{event_id}/registrations", summary="Registrations (organisers: all; others: their own)",
            response_model=list[s.RegistrationPublic], responses=READ_PRIVATE)  # fmt: skip
def registrations(event_id: str, corridor: CorridorApp, who: Actor) -> Any:
    events = corridor.events
    event = events.event(event_id)
    if events.may_organise(who, event):
        return [registration_json(r) for r in events.registrations(event_id)]
    authorize(who, "event.register", events.target(event))
    return [registration_json(r) for r in events.own_registrations(who, event_id)]


def _decide(approve: bool):  # type: ignore[no-untyped-def]
    def decide(event_id: str, registration_id: int, request: Request, corridor: CorridorApp, who: Actor) -> Any:
        check_csrf(request, corridor, None)
        return registration_json(corridor.events.decide(who, event_id, registration_id, approve))

    return decide


router.post("/{event_id}/registrations/{registration_id}/approve", summary="Approve a registration (organisers)",
            response_model=s.RegistrationPublic, responses=WRITE)(_decide(True))  # fmt: skip
router.post("/{event_id}/registrations/{registration_id}/reject", summary="Reject a registration (organisers)",
            response_model=s.RegistrationPublic, responses=WRITE)(_decide(False))  # fmt: skip


@router.post("/{event_id}/registrations/{registration_id}/check-in", summary="Check a participant in (organisers)",
             response_model=s.RegistrationPublic, responses=WRITE)  # fmt: skip
def check_in(event_id: str, registration_id: int, request: Request, corridor: CorridorApp, who: Actor) -> Any:
    check_csrf(request, corridor, None)
    return registration_json(corridor.events.check_in(who, event_id, registration_id))


@router.get("/{event_id}/registrations/{registration_id}/suggestions",
            summary="Suggested partners of a participant, with the reasons (matching and supply gaps)",
            response_model=list[s.SuggestionPublic], responses=answers(400, 404))  # fmt: skip
def suggestions(event_id: str, registration_id: int, request: Request, corridor: CorridorApp) -> Any:
    found = corridor.events.suggestions(corridor.matching(), event_id, registration_id)
    return [suggestion_json(x, request_lang(request)) for x in found]


# -- meetings ---------------------------------------------------------------------------------------------------


@router.post("/{event_id}/requests", summary="Ask another participant for a meeting",
             response_model=s.RequestPublic, responses=WRITE)  # fmt: skip
def ask(event_id: str, body: s.MeetingAsk, request: Request, corridor: CorridorApp, who: Actor) -> Any:
    check_csrf(request, corridor, None)
    asked = corridor.events.ask(who, event_id, body.from_, body.to, priority=body.priority, reasons=body.reasons)
    return request_json(asked)


@router.get("/{event_id}/requests", summary="Meeting requests (organisers)", response_model=list[s.RequestPublic],
            responses=READ_PRIVATE)  # fmt: skip
def list_requests(event_id: str, corridor: CorridorApp, who: Actor) -> Any:
    events = corridor.events
    authorize(who, "event.organise", events.target(events.event(event_id)))
    return [request_json(q) for q in events.requests(event_id)]


def _answer(how: str):  # type: ignore[no-untyped-def]
    def answer(event_id: str, request_id: int, request: Request, corridor: CorridorApp, who: Actor) -> Any:
        check_csrf(request, corridor, None)
        events = corridor.events
        if how == "cancel":
            return request_json(events.cancel(who, event_id, request_id))
        return request_json(events.answer(who, event_id, request_id, accept=how == "accept"))

    return answer


for _how, _what in (("accept", "Accept"), ("decline", "Decline"), ("cancel", "Cancel")):
    router.post(f"/{{event_id}}/requests/{{request_id}}/{_how}", summary=f"{_what} a meeting request",
                response_model=s.RequestPublic, responses=WRITE)(_answer(_how))  # fmt: skip


@router.post("/{event_id}/schedule", summary="Place accepted requests around the confirmed meetings (organisers)",
             response_model=s.ScheduleDone, responses=WRITE)  # fmt: skip
def schedule(event_id: str, request: Request, corridor: CorridorApp, who: Actor) -> Any:
    check_csrf(request, corridor, None)
    done = corridor.events.schedule(who, event_id)
    return {"status": done.status, "gap": round(done.gap, 6), "solve_s": round(done.solve_s, 3),
            "meetings": len(done.meetings), "unplaced": len(done.unscheduled)}  # fmt: skip


@router.get("/{event_id}/meetings", summary="Scheduled meetings (organisers)", response_model=list[s.MeetingPublic],
            responses=READ_PRIVATE)  # fmt: skip
def meetings(event_id: str, corridor: CorridorApp, who: Actor) -> Any:
    events = corridor.events
    event = events.event(event_id)
    authorize(who, "event.organise", events.target(event))
    return [meeting_json(event, m) for m in events.meetings(event_id)]


@router.post("/{event_id}/meetings/{meeting_id}", summary="Record attendance (organisers) or the follow-up",
             response_model=s.MeetingPublic, responses=WRITE)  # fmt: skip
def record(event_id: str, meeting_id: int, body: s.MeetingRecord, request: Request, corridor: CorridorApp,
           who: Actor) -> Any:  # fmt: skip
    check_csrf(request, corridor, None)
    events = corridor.events
    done = events.record(who, event_id, meeting_id, attendance=body.attendance, follow_up=body.follow_up,
                         note=body.note)  # fmt: skip
    return meeting_json(events.event(event_id), done)


@router.get("/{event_id}/agendas/{registration_id}.ics", summary="A participant's agenda as iCalendar",
            response_class=Response,
            responses={**READ_PRIVATE, 200: content({"text/calendar": None}, "RFC 5545 calendar")})  # fmt: skip
def agenda(event_id: str, registration_id: int, request: Request, corridor: CorridorApp, who: Actor) -> Response:
    """For the participant herself and the organisers, in her language (or ?lang=)."""
    events = corridor.events
    registration = events.registration(event_id, registration_id)
    if who.is_anonymous or who.actor not in {registration.registered_by, registration.email}:
        authorize(who, "event.organise", events.target(events.event(event_id)))
    asked = request.query_params.get("lang")
    lang = asked if asked in {"vi", "en"} else registration.language
    body = agenda_ics(events.current_schedule(event_id), registration.participant_id, lang)
    return Response(body, media_type="text/calendar")


@router.get("/{event_id}/outcomes", summary="Requests, acceptance, meetings held, follow-ups (organisers)",
            response_model=s.Outcomes, responses=READ_PRIVATE)  # fmt: skip
def outcomes(event_id: str, corridor: CorridorApp, who: Actor) -> Any:
    return corridor.events.outcomes(who, event_id).as_dict()


# -- papers -----------------------------------------------------------------------------------------------------


@router.post("/{event_id}/papers", summary="Submit a paper (PDF, within the upload limit)",
             response_model=s.PaperPublic, responses=answers(400, 401, 403, 404, 413, 415, 422))  # fmt: skip
def submit_paper(
    event_id: str,
    request: Request,
    corridor: CorridorApp,
    who: Actor,
    title: Annotated[str, Form()],
    abstract: Annotated[str, Form()],
    author: Annotated[str, Form()],
    organisation: Annotated[str, Form()],
    file: Annotated[UploadFile, File(description="the paper as a PDF")],
) -> Any:
    check_csrf(request, corridor, None)
    if who.is_anonymous:  # before reading the upload
        authorize(who, "event.submit_paper")
    data = file.file.read(corridor.events.papers.max_bytes + 1)
    paper = corridor.events.papers.submit(
        who, event_id, title=title, abstract=abstract, author=author, organisation=organisation,
        file_name=file.filename or "paper.pdf", data=data,
    )  # fmt: skip
    return paper_json(paper)


@router.get("/{event_id}/papers", summary="Papers with reviews (organisers)", response_model=list[s.PaperReviewed],
            responses=READ_PRIVATE)  # fmt: skip
def papers(event_id: str, corridor: CorridorApp, who: Actor) -> Any:
    events = corridor.events
    authorize(who, "event.organise", events.target(events.event(event_id)))
    return [paper_json(p, with_reviews=True) for p in events.papers.papers(event_id)]


@router.post("/{event_id}/papers/{paper_id}/reviewers", summary="Assign a reviewer (organisers)",
             response_model=s.PaperReviewed, responses=WRITE)  # fmt: skip
def assign(event_id: str, paper_id: int, body: s.ReviewerRequest, request: Request, corridor: CorridorApp,
           who: Actor) -> Any:  # fmt: skip
    check_csrf(request, corridor, None)
    return paper_json(corridor.events.papers.assign(who, event_id, paper_id, body.reviewer), with_reviews=True)


@router.post("/{event_id}/papers/{paper_id}/review", summary="Score and comment a paper (its assigned reviewers)",
             response_model=s.PaperPublic, responses=WRITE)  # fmt: skip
def review(event_id: str, paper_id: int, body: s.ReviewRequest, request: Request, corridor: CorridorApp,
           who: Actor) -> Any:  # fmt: skip
    check_csrf(request, corridor, None)
    return paper_json(corridor.events.papers.review(who, event_id, paper_id, body.score, body.comment))


@router.post("/{event_id}/papers/{paper_id}/decision", summary="Accept or reject a paper (organisers)",
             response_model=s.PaperReviewed, responses=WRITE)  # fmt: skip
def decide_paper(event_id: str, paper_id: int, body: s.DecisionRequest, request: Request, corridor: CorridorApp,
                 who: Actor) -> Any:  # fmt: skip
    check_csrf(request, corridor, None)
    return paper_json(corridor.events.papers.decide(who, event_id, paper_id, body.decision), with_reviews=True)


@router.get("/{event_id}/papers/{paper_id}.pdf", summary="A paper's PDF (accepted: everyone)",
            response_class=Response,
            responses={**READ_PRIVATE, 200: content({"application/pdf": None}, "the PDF")})  # fmt: skip
def paper_pdf(event_id: str, paper_id: int, corridor: CorridorApp, who: Actor) -> Response:
    _, data = corridor.events.papers.pdf(who, event_id, paper_id)
    return Response(data, media_type="application/pdf")


ZIP_ANSWER = content({"application/zip": None}, "PDFs, index.html, index.csv")


@router.get("/{event_id}/proceedings.zip", summary="The proceedings: accepted papers with a table of contents",
            response_class=Response, responses={**answers(400, 404), 200: ZIP_ANSWER})  # fmt: skip
def proceedings(event_id: str, request: Request, corridor: CorridorApp) -> Response:
    data = corridor.events.papers.proceedings(event_id, request_lang(request))
    headers = {"Content-Disposition": f'attachment; filename="{event_id}-proceedings.zip"'}
    return Response(data, media_type="application/zip", headers=headers)
