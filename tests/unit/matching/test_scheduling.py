"""Forum scheduling on small events: rules, optimal value, explanations, agendas, bad input."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from corridor.cli.main import app
from corridor.errors import CorridorError
from corridor.matching.agenda import write_schedule
from corridor.matching.scheduling import event_from_dict, solve

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))
from scheduling import check_rules, synthetic_event


def _event(**overrides: Any) -> dict[str, Any]:
    event = {
        "name": "Diễn đàn kết nối cung ứng",
        "date": "2026-12-10",
        "location": "Hải Phòng",
        "tables": 1,
        "slots": [{"id": "S1", "start": "09:00", "end": "09:20"}, {"id": "S2", "start": "09:20", "end": "09:40"}],
        "participants": [
            {"id": "lg", "name": "LG Display", "firm": "LG Display Vietnam", "language": "en"},
            {"id": "a", "name": "Nguyễn Văn A", "firm": "Cơ khí A", "available": ["S1"]},
            {"id": "b", "name": "Trần Thị B", "firm": "Bao bì B"},
            {"id": "c", "name": "Lê C", "firm": "Khuôn C", "available": ["S2"]},
        ],
        "requests": [
            {"a": "lg", "b": "a", "priority": 5, "value": 0.9},
            {"a": "lg", "b": "b", "priority": 2, "value": 0.5},
            {"a": "b", "b": "lg", "priority": 1, "value": 0.1},  # the same pair again: merged, the best kept
            {"a": "lg", "b": "c", "priority": 4, "value": 0.8},
            {"a": "a", "b": "c", "priority": 3, "value": 0.5},
        ],
    }
    event.update(overrides)
    return event


def test_a_small_event_gets_its_best_schedule_and_reasons() -> None:
    schedule = solve(event_from_dict(_event(), "forum.toml"))
    check_rules(schedule)
    held = {(m.request.a, m.request.b, m.slot.id) for m in schedule.meetings}
    # One table: LG meets A in S1 (the only slot A can) and C in S2 (the only slot C can); B loses.
    assert held == {("a", "lg", "S1"), ("c", "lg", "S2")}
    assert schedule.status == "optimal" and schedule.gap == 0
    reasons = {(r.a, r.b): why for r, why in schedule.unscheduled}
    assert reasons[("a", "c")] == "no slot where both are available"
    assert "higher total value" in reasons[("b", "lg")]
    assert len(schedule.event.requests) == 4


def test_agendas_in_html_and_ics(tmp_path: Path) -> None:
    schedule = solve(event_from_dict(_event(), "forum.toml"))
    write_schedule(schedule, tmp_path)
    lg = (tmp_path / "agendas" / "lg.html").read_text(encoding="utf-8")
    assert "Meeting agenda of LG Display" in lg and "Nguyễn Văn A" in lg and "09:00–09:20" in lg
    assert "Thursday, December 10, 2026" in lg
    a = (tmp_path / "agendas" / "a.html").read_text(encoding="utf-8")
    assert "Lịch gặp của Nguyễn Văn A" in a and "10 tháng 12, 2026" in a
    ics = (tmp_path / "agendas" / "lg.ics").read_text(encoding="utf-8")
    assert ics.count("BEGIN:VEVENT") == 2 and "DTSTART;TZID=Asia/Ho_Chi_Minh:20261210T090000" in ics
    assert (tmp_path / "unscheduled.csv").read_text(encoding="utf-8").count("\n") == 3


def test_ics_agendas_carry_what_rfc_5545_requires(tmp_path: Path) -> None:
    write_schedule(solve(event_from_dict(_event(), "forum.toml")), tmp_path)
    calendar = Calendar.from_ical((tmp_path / "agendas" / "lg.ics").read_bytes())
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    zones = {str(z["TZID"]) for z in calendar.walk("VTIMEZONE")}
    assert zones == {"Asia/Ho_Chi_Minh"}
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    for event in events:
        for name in ("UID", "DTSTAMP", "DTSTART", "DTEND"):
            assert name in event, name
        assert event["DTSTAMP"].dt.utcoffset().total_seconds() == 0  # DTSTAMP is in UTC
        assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
        assert event["DTSTART"].dt.utcoffset().total_seconds() == 7 * 3600
    assert events[0]["DTSTART"].dt.isoformat() == "2026-12-10T09:00:00+07:00"


def test_the_issue_scale_keeps_every_rule() -> None:
    # A generous wall-clock limit: the solver stops when optimal (about 5 s here), the limit only guards a
    # machine that is busy with other work.
    schedule = solve(event_from_dict(synthetic_event(300, 16, 1500, 60), "synthetic"), time_limit_s=120)
    check_rules(schedule)
    assert len(schedule.meetings) == 960  # 60 tables x 16 slots, all filled
    assert schedule.gap < 0.001


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"tables": 0}, "'tables' must be a whole number"),
        ({"date": "10/12/2026"}, "needs 'date'"),
        ({"requests": [{"a": "lg", "b": "zz"}]}, "request 1: unknown participant(s) 'zz'"),
        ({"requests": [{"a": "qq", "b": "zz"}]}, "unknown participant(s) 'qq', 'zz'; every ID must be listed"),
        ({"requests": ["lg-a"]}, "request 1: expected a table with 'a' and 'b'"),
        ({"requests": [{"a": "lg", "b": "lg"}]}, "must be two different participants"),
        ({"requests": [{"a": "lg", "b": "a", "priority": 9}]}, "priority 1-5"),
        ({"participants": [{"id": "x", "available": ["S9"]}]}, "unknown slots S9"),
        ({"slots": [{"id": "S1", "start": "10:00", "end": "09:00"}]}, "each ending after it starts"),
    ],
)
def test_bad_events_are_refused(change: dict[str, Any], fragment: str) -> None:
    with pytest.raises(CorridorError) as caught:
        event_from_dict(_event(**change), "forum.toml")
    assert fragment in caught.value.render("en")


def test_schedule_names_an_unknown_participant_and_exits_non_zero(tmp_path: Path) -> None:
    event = tmp_path / "forum.json"
    event.write_text(json.dumps(_event(requests=[{"a": "lg", "b": "ghost"}])), encoding="utf-8")
    for lang, said in (("en", "unknown participant(s) 'ghost'"), ("vi", "không có người tham dự 'ghost'")):
        result = CliRunner().invoke(
            app, ["--lang", lang, "schedule", str(event), "--out", str(tmp_path / "out")], env={"COLUMNS": "250"}
        )
        assert result.exit_code != 0 and said in result.stderr
        assert not (tmp_path / "out").exists()


def test_schedule_help_names_the_solver() -> None:
    for lang, said in (("en", "HiGHS MILP solver"), ("vi", "bộ giải MILP HiGHS")):
        result = CliRunner().invoke(app, ["--lang", lang, "schedule", "--help"], env={"COLUMNS": "250"})
        assert result.exit_code == 0 and said in " ".join(result.stdout.split()), lang
