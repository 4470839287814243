"""A forum end to end through the service, on SQLite and PostGIS: create, register (a new organisation becomes a
proposal), approve, ask and answer, schedule, cancel and re-plan (confirmed meetings stay), record the day,
outcomes, agendas as valid iCalendar; and the rights of each side."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from corridor.accounts import Grant, Principal
from corridor.bootstrap import App, backup_database, open_app, restore_database
from corridor.errors import Conflict, Forbidden, ImportRejected, Unauthenticated, UnsupportedContent
from corridor.events.definition import event_from_dict
from corridor.events.registrations import NewRegistration, registrations_from_table
from corridor.matching.agenda import write_schedule
from corridor.registry.validation import RawTable
from corridor.settings import Settings
from tests.conftest import Backend

ADMIN = Principal(user_id=1, email="organiser@example.vn", grants=(Grant("admin"),))
EVENT = {
    "id": "forum-test",
    "name": "Forum test",
    "date": "2026-12-10",
    "location": "Hải Phòng",
    "province": "Hải Phòng",
    "tables": 1,
    "slots": [
        {"id": "S1", "start": "09:00", "end": "09:20"},
        {"id": "S2", "start": "09:20", "end": "09:40"},
    ],
    "sessions": [{"id": "P1", "title": "Opening", "start": "08:30", "end": "09:10", "room": "A"}],
    "exhibitors": [{"kind": "firms", "id": "lg-display-vietnam-hai-phong", "booth": "B4"}],
}


def _person(n: int) -> Principal:
    return Principal(user_id=100 + n, email=f"p{n}@example.vn")


def _new(n: int, **extra: str) -> NewRegistration:
    fields = {"organisation": f"Org {n}", "person": f"Person {n}", "email": f"p{n}@example.vn", **extra}
    return NewRegistration(**fields)  # type: ignore[arg-type]


def _forum(app: App) -> list[int]:
    events = app.events
    events.create(ADMIN, event_from_dict(EVENT, "t"))
    firms = ["lg-display-vietnam-hai-phong", "lg-electronics-vietnam-hai-phong", "lg-innotek-vietnam-hai-phong"]
    ids = []
    for n, firm in enumerate(firms, start=1):
        done = events.register(_person(n), "forum-test", [_new(n, firm_id=firm)])
        ids.append(done[0].id)
        events.decide(ADMIN, "forum-test", done[0].id, approve=True)
    return ids


def test_a_whole_forum_with_a_re_plan_that_keeps_confirmed_meetings(loaded_app: App, tmp_path: Path) -> None:
    events = loaded_app.events
    one, two, three = _forum(loaded_app)
    first = events.ask(_person(1), "forum-test", one, two, priority=5)
    second = events.ask(_person(3), "forum-test", three, two)
    events.answer(_person(2), "forum-test", first.id, accept=True)
    events.answer(_person(2), "forum-test", second.id, accept=True)
    planned = events.schedule(ADMIN, "forum-test")
    assert len(planned.meetings) == 2
    by_request = {m.request_id: m for m in events.meetings("forum-test")}
    assert by_request[first.id].slot_id == "S2"  # person 1 attends the opening until 09:10
    confirmed = by_request[second.id]
    # a late request by person 1 to person 3: S1 is blocked for 1 (session), S2 is taken (one table): unplaced
    late = events.ask(_person(1), "forum-test", one, three, priority=5)
    events.answer(_person(3), "forum-test", late.id, accept=True)
    events.cancel(_person(1), "forum-test", first.id)  # frees S2
    events.schedule(ADMIN, "forum-test")
    after = {m.request_id: m for m in events.meetings("forum-test") if m.status == "confirmed"}
    assert (after[second.id].slot_id, after[second.id].table) == (confirmed.slot_id, confirmed.table)
    assert after[late.id].slot_id == "S2" and first.id not in after
    events.check_in(ADMIN, "forum-test", one)
    events.record(ADMIN, "forum-test", after[late.id].id, attendance="held")
    events.record(ADMIN, "forum-test", after[second.id].id, attendance="no-show")
    events.record(_person(3), "forum-test", after[late.id].id, follow_up="quote sent", note="price list sent")
    outcomes = events.outcomes(ADMIN, "forum-test").as_dict()
    assert outcomes["requests"] == {
        "total": 3,
        "accepted": 2,
        "declined": 0,
        "pending": 0,
        "cancelled": 1,
        "acceptance_rate": 1.0,
    }
    assert outcomes["meetings"] == {"scheduled": 2, "held": 1, "no_show": 1, "not_recorded": 0}
    assert outcomes["follow_ups"]["quote sent"] == 1 and outcomes["checked_in"] == 1
    assert outcomes["by_locality"]["Hải Phòng"]["participants"] == 3
    written = write_schedule(events.current_schedule("forum-test"), tmp_path)
    ics = next(p for p in written if p.name == f"r{one}.ics")
    calendar = Calendar.from_ical(ics.read_bytes())
    meetings = list(calendar.walk("VEVENT"))
    assert len(meetings) == 1 and "Person 3" in str(meetings[0]["SUMMARY"])
    # RFC 5545: VERSION and PRODID on the calendar; UID, DTSTAMP, DTSTART on each event; a VTIMEZONE per TZID used
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert all(key in meetings[0] for key in ("UID", "DTSTAMP", "DTSTART", "DTEND", "LOCATION"))
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == [meetings[0]["DTSTART"].params["TZID"]]
    assert meetings[0].decoded("DTEND") > meetings[0].decoded("DTSTART")
    assert meetings[0].decoded("DTSTART").hour == 9 and meetings[0].decoded("DTSTART").minute == 20
    history = events.firm_history("lg-display-vietnam-hai-phong")
    assert [(e.id, r.status) for e, r in history] == [("forum-test", "approved")]
    events.decide(ADMIN, "forum-test", three, approve=False)  # a participant withdrawn: her meetings go with her
    assert {m.status for m in events.meetings("forum-test") if m.request_id in {second.id, late.id}} == {"cancelled"}
    assert events.schedule(ADMIN, "forum-test").meetings == []


def test_a_new_organisation_is_proposed_to_the_moderators(loaded_app: App) -> None:
    _forum(loaded_app)
    done = loaded_app.events.register(_person(9), "forum-test", [_new(9, province="Hải Phòng")])
    proposal = loaded_app.moderation.proposal(done[0].proposal_id or 0)
    assert proposal.kind == "firms" and proposal.fields["name"] == "Org 9" and proposal.status == "pending"
    assert done[0].firm_id and not loaded_app.registry.exists("firms", done[0].firm_id)


def test_rights_organisers_participants_and_strangers(loaded_app: App) -> None:
    one, two, _ = _forum(loaded_app)
    events = loaded_app.events
    with pytest.raises(Forbidden):
        events.schedule(_person(1), "forum-test")
    with pytest.raises(Forbidden):
        events.ask(_person(2), "forum-test", one, two)  # person 2 asks on behalf of person 1
    with pytest.raises(Unauthenticated):
        events.register(Principal.anonymous(), "forum-test", [_new(7)])
    agency = Principal(user_id=50, email="so@example.vn", grants=(Grant("agency", "locality:VN-31-2025"),))
    events.decide(agency, "forum-test", one, approve=True)  # the venue's agency organises
    elsewhere = Principal(user_id=51, email="ln@example.vn", grants=(Grant("agency", "locality:VN-01"),))
    with pytest.raises(Forbidden):
        events.decide(elsewhere, "forum-test", one, approve=True)
    with pytest.raises(Conflict):
        events.register(_person(1), "forum-test", [_new(1, firm_id="lg-display-vietnam-hai-phong")])


def test_a_registrations_file_is_all_or_nothing(loaded_app: App) -> None:
    _forum(loaded_app)
    event = loaded_app.events.event("forum-test")
    headers = ["organisation", "person", "email", "languages", "sessions"]
    rows = [
        (2, {"organisation": "A", "person": "X", "email": "x@example.vn", "languages": "vi", "sessions": "P1"}),
        (3, {"organisation": "B", "person": "Y", "email": "not-an-address", "languages": "fr", "sessions": "P9"}),
    ]
    with pytest.raises(ImportRejected) as rejected:
        registrations_from_table(RawTable("reg.csv", headers, rows), event)
    where = {(e.row, e.column) for e in rejected.value.errors}
    assert where == {(3, "email"), (3, "languages"), (3, "sessions")}
    assert "reg.csv, row 3, column 'email'" in rejected.value.render("en")
    assert len(loaded_app.events.registrations("forum-test")) == 3


def _pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_paper_s_pdf_survives_a_backup_and_restore(loaded_app: App, backend: Backend, tmp_path: Path) -> None:
    _forum(loaded_app)
    papers = loaded_app.events.papers
    paper = papers.submit(
        _person(1), "forum-test", title="T", abstract="A", author="Au", organisation="O", file_name="t.pdf", data=_pdf()
    )
    with pytest.raises(UnsupportedContent):
        papers.submit(_person(1), "forum-test", title="T", abstract="A", author="Au", organisation="O",
                      file_name="t.pdf", data=b"%PDF-1.7 broken")  # fmt: skip
    backup = tmp_path / "b.zip"
    backup_database(loaded_app.settings, backup)
    backend.counter += 1
    target = Settings(db_url=backend.databases.create(f"blank{backend.counter}"), lang="en", user="t")
    restore_database(target, backup)
    restored = open_app(target)
    try:
        assert restored.events.papers.pdf(ADMIN, "forum-test", paper.id)[1] == _pdf()
        assert [r.status for r in restored.events.registrations("forum-test")] == ["approved"] * 3
    finally:
        restored.store.engine.dispose()
