"""B2B planning of a forum: sessions block slots, no double booking, confirmed meetings never move on a re-plan."""

from __future__ import annotations

from collections import Counter

import pytest

from corridor.errors import InvalidInput
from corridor.events.definition import event_from_dict
from corridor.events.models import MeetingRequest, Registration, ScheduledMeeting
from corridor.events.planning import blocked_slots, fixed_meetings, scheduling_event
from corridor.matching.scheduling import Meeting, Schedule, solve

EVENT = {
    "id": "t",
    "name": "Test forum",
    "date": "2026-12-10",
    "location": "Hải Phòng",
    "tables": 2,
    "slots": [
        {"id": "S1", "start": "09:00", "end": "09:20"},
        {"id": "S2", "start": "09:20", "end": "09:40"},
        {"id": "S3", "start": "09:40", "end": "10:00"},
    ],
    "sessions": [{"id": "P1", "title": "Opening", "start": "09:10", "end": "09:30"}],
}


def _registration(n: int, sessions: tuple[str, ...] = ()) -> Registration:
    return Registration(
        n, "t", f"Org {n}", f"Person {n}", "", ("vi",), f"p{n}@example.vn", sessions=sessions, status="approved"
    )


def _asked(n: int, a: int, b: int, priority: int = 3) -> MeetingRequest:
    return MeetingRequest(n, "t", a, b, priority, 0.5, (), "accepted")


def _check(schedule: Schedule) -> None:
    busy = Counter((p, m.slot.id) for m in schedule.meetings for p in (m.request.a, m.request.b))
    tables = Counter((m.slot.id, m.table) for m in schedule.meetings)
    assert max(busy.values(), default=1) == 1 and max(tables.values(), default=1) == 1
    for m in schedule.meetings:
        for p in (m.request.a, m.request.b):
            assert m.slot.id in schedule.event.participants[p].available


def test_a_session_blocks_every_slot_it_overlaps() -> None:
    event = event_from_dict(EVENT, "t")
    assert blocked_slots(event, _registration(1, ("P1",))) == {"S1", "S2"}
    assert blocked_slots(event, _registration(2)) == set()


def test_no_meeting_in_a_slot_the_person_attends_a_session_and_no_double_booking() -> None:
    event = event_from_dict(EVENT, "t")
    people = [_registration(1, ("P1",)), _registration(2), _registration(3), _registration(4)]
    asked = [_asked(1, 1, 2, 5), _asked(2, 1, 3, 4), _asked(3, 2, 3), _asked(4, 3, 4), _asked(5, 2, 4)]
    schedule = solve(scheduling_event(event, people, asked))
    _check(schedule)
    assert [m.slot.id for m in schedule.agenda("r1")] == ["S3"]  # free only after the session
    assert schedule.status == "optimal"


def test_a_request_asked_both_ways_is_one_meeting() -> None:
    event = event_from_dict(EVENT, "t")
    problem = scheduling_event(event, [_registration(1), _registration(2)], [_asked(1, 1, 2), _asked(2, 2, 1, 5)])
    assert len(problem.requests) == 1 and problem.requests[0].priority == 5


def test_a_re_plan_keeps_confirmed_meetings_where_they_are() -> None:
    event = event_from_dict(EVENT, "t")
    people = [_registration(n) for n in range(1, 6)]
    asked = [_asked(1, 1, 2), _asked(2, 3, 4), _asked(3, 1, 3)]
    confirmed = [ScheduledMeeting(1, "t", 1, "S2", 2), ScheduledMeeting(2, "t", 2, "S1", 1)]
    late = [*asked, _asked(4, 1, 5, 5), _asked(5, 2, 5, 5)]
    fixed = fixed_meetings(event, confirmed, late)
    schedule = solve(scheduling_event(event, people, late), fixed=fixed)
    _check(schedule)
    kept = {(m.request.a, m.request.b): (m.slot.id, m.table) for m in schedule.meetings}
    assert kept[("r1", "r2")] == ("S2", 2) and kept[("r3", "r4")] == ("S1", 1)
    assert {("r1", "r5"), ("r2", "r5"), ("r1", "r3")} <= set(kept)


def test_confirmed_meetings_that_clash_are_refused() -> None:
    event = event_from_dict(EVENT, "t")
    people = [_registration(n) for n in range(1, 4)]
    asked = [_asked(1, 1, 2), _asked(2, 1, 3)]
    problem = scheduling_event(event, people, asked)
    slot = event.slots[0]
    clash = [Meeting(problem.requests[0], slot, 1), Meeting(problem.requests[1], slot, 2)]
    with pytest.raises(InvalidInput):
        solve(problem, fixed=clash)


def test_event_file_errors_name_the_entry() -> None:
    with pytest.raises(InvalidInput) as error:
        event_from_dict({**EVENT, "sessions": [{"id": "P1", "title": "x", "start": "10:00", "end": "09:00"}]}, "e.toml")
    assert "e.toml, session 1" in str(error.value)
    with pytest.raises(InvalidInput, match="'id'"):
        event_from_dict({**EVENT, "id": "../admin"}, "e.toml")
    with pytest.raises(InvalidInput, match="corridor import"):
        event_from_dict({**EVENT, "participants": [{"id": "a"}]}, "forum.toml")
    first = event_from_dict(EVENT, "t").slots[0].start
    assert (first.hour, first.minute, str(first.tzinfo)) == (9, 0, "Asia/Ho_Chi_Minh")
