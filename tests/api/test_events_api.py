"""/api/v1/events through HTTP: public reading, organisers' and participants' writes with their rights, agendas as
iCalendar, the call for papers with a PDF, the proceedings ZIP, outcomes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from icalendar import Calendar
from pypdf import PdfWriter

from corridor.bootstrap import App
from corridor.cli.files import read_table_file
from tests.factories import make_token

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "event.toml"
EVENT_ID = "vi-du-dien-dan-vehec"
ALL = ("event.organise", "event.register", "event.meet", "event.submit_paper", "event.review_paper")


def _pdf(pages: int = 2) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _person(app: App, email: str) -> dict[str, str]:
    return make_token(app, "investor", email=email, actions=ALL)


def _register(client: Any, headers: dict[str, str], email: str, firm: str) -> int:
    body = {"organisation": firm, "firm_id": firm, "person": email, "email": email, "languages": ["en"]}
    answer = client.post(f"/api/v1/events/{EVENT_ID}/registrations", json=body, headers=headers)
    assert answer.status_code == 200, answer.text
    return int(answer.json()["id"])


def test_an_event_through_the_api(client: Any, loaded_app: App) -> None:
    definition = read_table_file(EXAMPLE)
    assert client.post("/api/v1/events", json=definition).status_code == 401
    stranger = _person(loaded_app, "stranger@example.vn")
    assert client.post("/api/v1/events", json=definition, headers=stranger).status_code == 403
    admin = make_token(loaded_app, "admin", actions=ALL)
    created = client.post("/api/v1/events", json=definition, headers=admin)
    assert created.status_code == 200, created.text
    shown = client.get(f"/api/v1/events/{EVENT_ID}").json()
    assert shown["sessions"][0]["room"] == "Hội trường A" and shown["exhibitors"][1]["booth"] == "B4"
    one, two = _person(loaded_app, "a@example.vn"), _person(loaded_app, "b@example.vn")
    first = _register(client, one, "a@example.vn", "lg-display-vietnam-hai-phong")
    second = _register(client, two, "b@example.vn", "lg-innotek-vietnam-hai-phong")
    assert client.post(f"/api/v1/events/{EVENT_ID}/registrations/{first}/approve", headers=one).status_code == 403
    for registration in (first, second):
        approved = client.post(f"/api/v1/events/{EVENT_ID}/registrations/{registration}/approve", headers=admin)
        assert approved.json()["status"] == "approved"
    asked = client.post(f"/api/v1/events/{EVENT_ID}/requests", json={"from": first, "to": second}, headers=one)
    assert asked.status_code == 200, asked.text
    request_id = asked.json()["id"]
    assert client.post(f"/api/v1/events/{EVENT_ID}/requests/{request_id}/accept", headers=one).status_code == 403
    assert client.post(f"/api/v1/events/{EVENT_ID}/requests/{request_id}/accept", headers=two).status_code == 200
    done = client.post(f"/api/v1/events/{EVENT_ID}/schedule", headers=admin).json()
    assert done["meetings"] == 1 and done["status"] == "optimal"
    ics = client.get(f"/api/v1/events/{EVENT_ID}/agendas/{first}.ics", headers=one)
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    (meeting,) = Calendar.from_ical(ics.content).walk("VEVENT")
    assert "Business meeting" in str(meeting["SUMMARY"])  # the participant's language: en
    # session P1 (08:00-09:10) blocks S1 (09:00) for the first participant: S2 or S3 (next day, 14:00)
    assert meeting.decoded("DTSTART").strftime("%H:%M") in {"09:20", "14:00"}
    assert client.get(f"/api/v1/events/{EVENT_ID}/agendas/{first}.ics", headers=two).status_code == 403
    meetings = client.get(f"/api/v1/events/{EVENT_ID}/meetings", headers=admin).json()
    held = {"attendance": "held"}
    assert (
        client.post(f"/api/v1/events/{EVENT_ID}/meetings/{meetings[0]['id']}", json=held, headers=one).status_code
        == 403
    )
    client.post(f"/api/v1/events/{EVENT_ID}/meetings/{meetings[0]['id']}", json=held, headers=admin)
    contract = {"follow_up": "contract"}
    assert (
        client.post(f"/api/v1/events/{EVENT_ID}/meetings/{meetings[0]['id']}", json=contract, headers=two).status_code
        == 200
    )
    outcomes = client.get(f"/api/v1/events/{EVENT_ID}/outcomes", headers=admin).json()
    assert outcomes["meetings"]["held"] == 1 and outcomes["follow_ups"]["contract"] == 1
    assert client.get(f"/api/v1/events/{EVENT_ID}/outcomes").status_code == 401


def test_a_registrations_file_through_the_api_is_all_or_nothing(client: Any, loaded_app: App) -> None:
    admin = make_token(loaded_app, "admin", actions=(*ALL, "record.propose"))  # a new organisation is proposed
    client.post("/api/v1/events", json=read_table_file(EXAMPLE), headers=admin)
    good = (EXAMPLE.parent / "registrations.csv").read_bytes()
    bad = good + b"Org C,,Person C,,not-an-address,fr,P9,\n"
    url = f"/api/v1/events/{EVENT_ID}/registrations/import?lang=en"
    refused = client.post(url, files={"file": ("r.csv", bad, "text/csv")}, headers=admin)
    assert refused.status_code == 422
    assert {(r["row"], r["column"]) for r in refused.json()["error"]["rows"]} == {
        (4, "email"),
        (4, "languages"),
        (4, "sessions"),
    }
    assert client.get(f"/api/v1/events/{EVENT_ID}/registrations", headers=admin).json() == []
    person = _person(loaded_app, "someone@example.vn")
    assert client.post(url, files={"file": ("r.csv", good, "text/csv")}, headers=person).status_code == 403
    answer = client.post(url, files={"file": ("r.csv", good, "text/csv")}, headers=admin)
    assert answer.status_code == 200, answer.text
    done = answer.json()
    assert [r["status"] for r in done] == ["pending", "pending"] and done[1]["proposal"] is not None


def test_papers_reviews_and_proceedings(client: Any, loaded_app: App) -> None:
    admin = make_token(loaded_app, "admin", actions=ALL)
    client.post("/api/v1/events", json=read_table_file(EXAMPLE), headers=admin)
    author = _person(loaded_app, "author@example.vn")
    form = {"title": "Logistics of the corridor", "abstract": "A study.", "author": "A. Author", "organisation": "Uni"}
    refused = client.post(
        f"/api/v1/events/{EVENT_ID}/papers", data=form, files={"file": ("p.pdf", b"not a pdf", "application/pdf")},
        headers=author,
    )  # fmt: skip
    assert refused.status_code == 415
    sent = client.post(
        f"/api/v1/events/{EVENT_ID}/papers", data=form, files={"file": ("p.pdf", _pdf(), "application/pdf")},
        headers=author,
    )  # fmt: skip
    assert sent.status_code == 200, sent.text
    paper = sent.json()["id"]
    reviewer = _person(loaded_app, "reviewer@example.vn")
    review = {"score": 4, "comment": "Clear."}
    assert (
        client.post(f"/api/v1/events/{EVENT_ID}/papers/{paper}/review", json=review, headers=reviewer).status_code
        == 403
    )
    client.post(
        f"/api/v1/events/{EVENT_ID}/papers/{paper}/reviewers", json={"reviewer": "reviewer@example.vn"}, headers=admin
    )
    assert (
        client.post(f"/api/v1/events/{EVENT_ID}/papers/{paper}/review", json=review, headers=reviewer).status_code
        == 200
    )
    assert client.get(f"/api/v1/events/{EVENT_ID}/papers/{paper}.pdf").status_code == 401  # not accepted yet
    decided = client.post(
        f"/api/v1/events/{EVENT_ID}/papers/{paper}/decision", json={"decision": "accepted"}, headers=admin
    )
    assert decided.json()["reviews"] == [{"reviewer": "reviewer@example.vn", "score": 4, "comment": "Clear."}]
    assert client.get(f"/api/v1/events/{EVENT_ID}").json()["papers"][0]["title"] == "Logistics of the corridor"
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/api/v1/events/{EVENT_ID}/proceedings.zip?lang=en").content))
    assert sorted(archive.namelist()) == ["01-logistics-of-the-corridor.pdf", "index.csv", "index.html"]
    assert archive.read("01-logistics-of-the-corridor.pdf") == _pdf()
    assert "Logistics of the corridor" in archive.read("index.html").decode()
