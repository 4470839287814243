"""Reading an event's description (EVENT.toml, the forum file of `corridor schedule` grown by a programme):
every error names the entry at fault."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from corridor.errors import InvalidInput
from corridor.events.models import EventDefinition, Exhibitor, Session
from corridor.i18n import Message, mark
from corridor.matching.scheduling import Slot
from corridor.reference.names import slugify

__all__ = ["event_from_dict", "event_to_dict"]

BAD_FIELD = mark("{where}: '{field}' {expected}")
BAD_ENTRY = mark("{where}, {what} {n}: {expected}")
PARTICIPANTS_ELSEWHERE = mark(
    "{where}: participants and requests are not part of an event file; register participants with "
    "'corridor import FILE --kind registrations --event ID' (they are registry firms or organisations)"
)
LANGUAGES = ("vi", "en")
_EVENT_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def event_from_dict(data: Mapping[str, Any], where: str) -> EventDefinition:
    """A checked event: name, dates, venue, organisers, languages, tables, slots, sessions and exhibitors."""
    if data.get("participants") or data.get("requests"):
        raise InvalidInput(PARTICIPANTS_ELSEWHERE, where=where)
    name = _text(data, "name", where)
    starts_on = _date(data, "date", where)
    ends_on = _date(data, "end_date", where) if "end_date" in data else starts_on
    if ends_on < starts_on:
        raise InvalidInput(BAD_FIELD, where=where, field="end_date", expected=Message("must not be before 'date'"))
    zone = _zone(data, where)
    tables = data.get("tables")
    if not isinstance(tables, int) or isinstance(tables, bool) or tables < 1:
        raise InvalidInput(
            BAD_FIELD, where=where, field="tables", expected=Message("must be a whole number of at least 1")
        )
    languages = tuple(_texts(data, "languages", where) or LANGUAGES)
    if any(lang not in LANGUAGES for lang in languages):
        raise InvalidInput(BAD_FIELD, where=where, field="languages", expected=Message("must list vi and/or en"))
    slots = _slots(data.get("slots"), starts_on, ends_on, zone, where)
    event_id = str(data.get("id") or slugify(name))
    if not _EVENT_ID.fullmatch(event_id):
        expected = Message("must be lower-case letters, digits and hyphens (it is part of the event's web address)")
        raise InvalidInput(BAD_FIELD, where=where, field="id", expected=expected)
    return EventDefinition(
        id=event_id,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        venue=str(data.get("venue") or data.get("location") or ""),
        timezone=zone.key,
        organisers=tuple(_texts(data, "organisers", where)),
        languages=languages,
        tables=tables,
        slots=slots,
        sessions=_sessions(data.get("sessions", []), starts_on, ends_on, zone, where),
        exhibitors=_exhibitors(data.get("exhibitors", []), where),
        province=str(data.get("province", "")),
        source=str(data.get("source", "")),
    )


def _text(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(BAD_FIELD, where=where, field=key, expected=Message("is needed, as text"))
    return value.strip()


def _texts(data: Mapping[str, Any], key: str, where: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InvalidInput(BAD_FIELD, where=where, field=key, expected=Message("must be a list of texts"))
    return [v.strip() for v in value]


def _date(data: Mapping[str, Any], key: str, where: str) -> dt.date:
    value = data.get(key)
    try:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError as error:
        expected = Message("must be a date as YYYY-MM-DD")
        raise InvalidInput(BAD_FIELD, where=where, field=key, expected=expected) from error


def _zone(data: Mapping[str, Any], where: str) -> ZoneInfo:
    try:
        return ZoneInfo(str(data.get("timezone", "Asia/Ho_Chi_Minh")))
    except (ZoneInfoNotFoundError, ValueError) as error:
        expected = Message("must be a time zone such as Asia/Ho_Chi_Minh")
        raise InvalidInput(BAD_FIELD, where=where, field="timezone", expected=expected) from error


def _span(
    row: Any, first: dt.date, last: dt.date, zone: ZoneInfo, where: str, what: str, n: int
) -> tuple[dt.datetime, dt.datetime]:
    """The start and end of a slot or session: its 'date' (default: the event's first day), 'start', 'end'."""
    try:
        day = dt.date.fromisoformat(str(row.get("date", first.isoformat())))
        start = dt.datetime.combine(day, dt.time.fromisoformat(str(row["start"])), zone)
        end = dt.datetime.combine(day, dt.time.fromisoformat(str(row["end"])), zone)
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        expected = Message("needs 'start' and 'end' as HH:MM (and 'date' as YYYY-MM-DD on another day)")
        raise InvalidInput(BAD_ENTRY, where=where, what=what, n=n, expected=expected) from error
    if end <= start or not first <= day <= last:
        expected = Message("must end after it starts, on a day of the event")
        raise InvalidInput(BAD_ENTRY, where=where, what=what, n=n, expected=expected)
    return start, end


def _slots(rows: Any, first: dt.date, last: dt.date, zone: ZoneInfo, where: str) -> tuple[Slot, ...]:
    if not isinstance(rows, list) or not rows:
        raise InvalidInput(BAD_FIELD, where=where, field="slots", expected=Message("must list the meeting slots"))
    slots = []
    for n, row in enumerate(rows, start=1):
        start, end = _span(row, first, last, zone, where, "slot", n)
        slots.append(Slot(str(row.get("id") or f"S{n}"), start, end))
    if len({s.id for s in slots}) != len(slots):
        raise InvalidInput(BAD_FIELD, where=where, field="slots", expected=Message("must have unique IDs"))
    return tuple(slots)


def _sessions(rows: Any, first: dt.date, last: dt.date, zone: ZoneInfo, where: str) -> tuple[Session, ...]:
    if not isinstance(rows, list):
        raise InvalidInput(BAD_FIELD, where=where, field="sessions", expected=Message("must be a list"))
    sessions = []
    for n, row in enumerate(rows, start=1):
        start, end = _span(row, first, last, zone, where, "session", n)
        title = row.get("title")
        if not isinstance(title, str) or not title.strip():
            raise InvalidInput(BAD_ENTRY, where=where, what="session", n=n, expected=Message("needs a 'title'"))
        speakers = row.get("speakers", [])
        if not isinstance(speakers, list):
            raise InvalidInput(BAD_ENTRY, where=where, what="session", n=n, expected=Message("'speakers' is a list"))
        sessions.append(
            Session(
                str(row.get("id") or f"P{n}"),
                title.strip(),
                start,
                end,
                str(row.get("room", "")),
                tuple(map(str, speakers)),
            )
        )
    if len({s.id for s in sessions}) != len(sessions):
        raise InvalidInput(BAD_FIELD, where=where, field="sessions", expected=Message("must have unique IDs"))
    return tuple(sessions)


def _exhibitors(rows: Any, where: str) -> tuple[Exhibitor, ...]:
    if not isinstance(rows, list):
        raise InvalidInput(BAD_FIELD, where=where, field="exhibitors", expected=Message("must be a list"))
    found = []
    for n, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or row.get("kind") not in {"zones", "firms"} or not row.get("id"):
            expected = Message("needs 'kind' (zones or firms) and the registry 'id'")
            raise InvalidInput(BAD_ENTRY, where=where, what="exhibitor", n=n, expected=expected)
        found.append(Exhibitor(str(row["kind"]), str(row["id"]), str(row.get("booth", ""))))
    return tuple(found)


def event_to_dict(event: EventDefinition) -> dict[str, Any]:
    """The event as stored and as the API answers it (times in ISO 8601 with the event's offset)."""
    return {
        "id": event.id,
        "name": event.name,
        "date": event.starts_on.isoformat(),
        "end_date": event.ends_on.isoformat(),
        "venue": event.venue,
        "timezone": event.timezone,
        "organisers": list(event.organisers),
        "languages": list(event.languages),
        "tables": event.tables,
        "province": event.province,
        "localities": list(event.localities),
        "source": event.source,
        "slots": [_span_dict(s.id, s.start, s.end) for s in event.slots],
        "sessions": [
            {**_span_dict(s.id, s.starts_at, s.ends_at), "title": s.title, "room": s.room, "speakers": list(s.speakers)}
            for s in event.sessions
        ],
        "exhibitors": [{"kind": e.kind, "id": e.record_id, "booth": e.booth} for e in event.exhibitors],
    }


def _span_dict(ident: str, start: dt.datetime, end: dt.datetime) -> dict[str, str]:
    return {"id": ident, "date": start.date().isoformat(), "start": f"{start:%H:%M}", "end": f"{end:%H:%M}"}


def stored_event(data: Mapping[str, Any]) -> EventDefinition:
    """An event read back from storage (written by event_to_dict, so already checked)."""
    event = event_from_dict({k: v for k, v in data.items() if k != "localities"}, str(data.get("id", "")))
    return EventDefinition(**{**event.__dict__, "localities": tuple(data.get("localities", ()))})
