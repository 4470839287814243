"""Writing a forum schedule: the full schedule (CSV, JSON), unscheduled requests with reasons, and each
participant's agenda as HTML (Vietnamese or English) and as an iCalendar (.ics) file."""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
from pathlib import Path

from babel.dates import format_date
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from corridor.matching.scheduling import Meeting, Schedule
from corridor.registry.formulas import neutralise_text

__all__ = ["agenda_html", "agenda_ics", "write_schedule"]

_BABEL_LOCALES = {"vi": "vi_VN", "en": "en_US"}

TEXT = {
    "vi": {
        "title": "Lịch gặp của",
        "date": "Ngày",
        "time": "Thời gian",
        "table": "Bàn",
        "with": "Gặp",
        "firm": "Doanh nghiệp",
        "none": "Chưa có cuộc gặp nào được xếp.",
        "meeting": "Gặp gỡ giao thương",
        "at": "Bàn",
    },
    "en": {
        "title": "Meeting agenda of",
        "date": "Date",
        "time": "Time",
        "table": "Table",
        "with": "Meeting",
        "firm": "Firm",
        "none": "No meeting was scheduled.",
        "meeting": "Business meeting",
        "at": "Table",
    },
}


def write_schedule(schedule: Schedule, folder: Path, language: str | None = None) -> list[Path]:
    """Write every file into `folder`; `language` overrides each participant's own (vi or en)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "agendas").mkdir(exist_ok=True)
    written = [
        _write_csv(schedule, folder / "schedule.csv"),
        _write_json(schedule, folder / "schedule.json"),
        _write_unscheduled(schedule, folder / "unscheduled.csv"),
    ]
    for participant in schedule.event.participants.values():
        lang = language or participant.language
        html_path = folder / "agendas" / f"{_safe(participant.id)}.html"
        html_path.write_text(agenda_html(schedule, participant.id, lang), encoding="utf-8")
        ics_path = folder / "agendas" / f"{_safe(participant.id)}.ics"
        ics_path.write_bytes(agenda_ics(schedule, participant.id, lang))
        written += [html_path, ics_path]
    return written


def _safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in text)


def _other(meeting: Meeting, participant_id: str) -> str:
    return meeting.request.b if meeting.request.a == participant_id else meeting.request.a


def _write_csv(schedule: Schedule, path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["slot", "start", "end", "table", "participant_a", "participant_b", "priority", "value"])
        for m in schedule.meetings:
            writer.writerow(
                [
                    m.slot.id,
                    m.slot.start.isoformat(),
                    m.slot.end.isoformat(),
                    m.table,
                    neutralise_text(m.request.a),
                    neutralise_text(m.request.b),
                    m.request.priority,
                    m.request.value,
                ]
            )
    return path


def _write_json(schedule: Schedule, path: Path) -> Path:
    body = {
        "event": schedule.event.name,
        "status": schedule.status,
        "objective": schedule.objective,
        "best_bound": schedule.bound,
        "gap": round(schedule.gap, 6),
        "solve_s": round(schedule.solve_s, 3),
        "meetings": len(schedule.meetings),
        "requests": len(schedule.event.requests),
        "unscheduled": len(schedule.unscheduled),
    }
    path.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _write_unscheduled(schedule: Schedule, path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["participant_a", "participant_b", "priority", "value", "reason"])
        for request, reason in schedule.unscheduled:
            row = [neutralise_text(request.a), neutralise_text(request.b), request.priority, request.value]
            writer.writerow([*row, neutralise_text(reason)])
    return path


def agenda_html(schedule: Schedule, participant_id: str, lang: str) -> str:
    """One participant's meetings (date, time, table, partner, firm) as a standalone HTML page in `lang`."""
    text, people = TEXT[lang], schedule.event.participants
    participant, meetings = people[participant_id], schedule.agenda(participant_id)
    rows = "".join(
        f"<tr><td>{html.escape(_day(m.slot.start.date(), lang))}</td>"
        f"<td>{m.slot.start:%H:%M}–{m.slot.end:%H:%M}</td><td>{m.table}</td>"
        f"<td>{html.escape(people[_other(m, participant.id)].name)}</td>"
        f"<td>{html.escape(people[_other(m, participant.id)].firm)}</td></tr>"
        for m in meetings
    )
    table = (
        (
            f"<table><thead><tr><th>{text['date']}</th><th>{text['time']}</th><th>{text['table']}</th><th>{text['with']}</th>"
            f"<th>{text['firm']}</th></tr></thead><tbody>{rows}</tbody></table>"
        )
        if meetings
        else f"<p>{text['none']}</p>"
    )
    title = f"{text['title']} {html.escape(participant.name)}"
    day = html.escape(_event_day(schedule, lang))
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        "<style>body{font-family:sans-serif}td,th{border-bottom:1px solid #ccc;padding:4px 8px;text-align:left}"
        f"</style></head><body><h1>{title}</h1><p>{html.escape(schedule.event.name)} · "
        f'<time datetime="{schedule.event.slots[0].start.date().isoformat()}">{day}</time> · '
        f"{html.escape(schedule.event.location)}</p>{table}</body></html>"
    )


def _day(day: dt.date, lang: str) -> str:
    return str(format_date(day, format="medium", locale=_BABEL_LOCALES[lang]))


def _event_day(schedule: Schedule, lang: str) -> str:
    """The forum's day in words ('Thứ Năm, 10 tháng 12, 2026'): every slot is on the event's one date."""
    return str(format_date(schedule.event.slots[0].start.date(), format="full", locale=_BABEL_LOCALES[lang]))


def agenda_ics(schedule: Schedule, participant_id: str, lang: str) -> bytes:
    """One participant's meetings as an iCalendar file (RFC 5545), summaries in `lang`."""
    text, people = TEXT[lang], schedule.event.participants
    participant, meetings = people[participant_id], schedule.agenda(participant_id)
    calendar = Calendar()
    calendar.add("prodid", "-//Corridor//Forum schedule//VI")
    calendar.add("version", "2.0")
    # RFC 5545 3.6.1: every VEVENT carries DTSTAMP, the time the file was made (UTC).
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for meeting in meetings:
        other = people[_other(meeting, participant.id)]
        entry = CalendarEvent()
        entry.add("uid", f"{meeting.slot.id}-{meeting.request.a}-{meeting.request.b}@corridor")
        entry.add("summary", f"{text['meeting']}: {other.name} ({other.firm})")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", meeting.slot.start)
        entry.add("dtend", meeting.slot.end)
        entry.add("location", f"{schedule.event.location}, {text['at']} {meeting.table}")
        calendar.add_component(entry)
    # Times are local to the event (TZID); RFC 5545 3.2.19 wants a VTIMEZONE for each TZID used, built from tzdata.
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
