"""What an event achieved: requests and their answers, meetings held and missed, follow-ups by stage, and the
same per sector and per locality of the participants' firms (unknown when the registry does not say)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from corridor.events.models import FOLLOW_UPS, MeetingRequest, Registration, ScheduledMeeting

__all__ = ["Outcomes", "count_outcomes"]

UNKNOWN = "unknown"


@dataclass(frozen=True)
class Outcomes:
    registrations: int
    approved: int
    checked_in: int
    requests: int
    accepted: int
    declined: int
    pending: int
    cancelled: int
    meetings: int
    held: int
    no_shows: int
    not_recorded: int
    follow_ups: dict[str, int]
    by_sector: dict[str, dict[str, int]] = field(default_factory=dict)
    by_locality: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def acceptance_rate(self) -> float | None:
        """Accepted among answered requests; None before any answer (never 0 for 'no data')."""
        answered = self.accepted + self.declined
        return self.accepted / answered if answered else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "registrations": self.registrations,
            "approved": self.approved,
            "checked_in": self.checked_in,
            "requests": {
                "total": self.requests,
                "accepted": self.accepted,
                "declined": self.declined,
                "pending": self.pending,
                "cancelled": self.cancelled,
                "acceptance_rate": None if self.acceptance_rate is None else round(self.acceptance_rate, 4),
            },
            "meetings": {
                "scheduled": self.meetings,
                "held": self.held,
                "no_show": self.no_shows,
                "not_recorded": self.not_recorded,
            },
            "follow_ups": self.follow_ups,
            "by_sector": self.by_sector,
            "by_locality": self.by_locality,
        }


def count_outcomes(
    registrations: Sequence[Registration],
    requests: Sequence[MeetingRequest],
    meetings: Sequence[ScheduledMeeting],
    describe: Callable[[Registration], tuple[str | None, str | None]],
) -> Outcomes:
    """`describe` gives a registration's (sector, locality name) from the registry, None where unknown."""
    statuses = Counter(q.status for q in requests)
    live = [m for m in meetings if m.status == "confirmed"]
    attendance = Counter(m.attendance for m in live)
    return Outcomes(
        registrations=len(registrations),
        approved=sum(r.status == "approved" for r in registrations),
        checked_in=sum(r.checked_in_at is not None for r in registrations),
        requests=len(requests),
        accepted=statuses["accepted"],
        declined=statuses["declined"],
        pending=statuses["pending"],
        cancelled=statuses["cancelled"],
        meetings=len(live),
        held=attendance["held"],
        no_shows=attendance["no-show"],
        not_recorded=attendance[None],
        follow_ups=_stages(live),
        by_sector=_grouped(registrations, requests, live, lambda r: describe(r)[0]),
        by_locality=_grouped(registrations, requests, live, lambda r: describe(r)[1]),
    )


def _stages(meetings: Sequence[ScheduledMeeting]) -> dict[str, int]:
    counted = Counter(m.follow_up for m in meetings if m.follow_up)
    return {stage: counted[stage] for stage in FOLLOW_UPS}


def _grouped(
    registrations: Sequence[Registration],
    requests: Sequence[MeetingRequest],
    meetings: Sequence[ScheduledMeeting],
    group_of: Callable[[Registration], str | None],
) -> dict[str, dict[str, int]]:
    """Per group: participants, requests sent, meetings held and follow-ups past 'nothing' (each side counts)."""
    group = {r.id: group_of(r) or UNKNOWN for r in registrations}
    table: dict[str, Counter[str]] = {}

    def add(key: str, what: str) -> None:
        table.setdefault(key, Counter())[what] += 1

    for registration in registrations:
        add(group[registration.id], "participants")
    by_request = {q.id: q for q in requests}
    for asked in requests:
        add(group.get(asked.from_id, UNKNOWN), "requests")
    for meeting in meetings:
        request = by_request.get(meeting.request_id)
        if request is None:
            continue
        for side in (request.from_id, request.to_id):
            if meeting.attendance == "held":
                add(group.get(side, UNKNOWN), "held")
            if meeting.follow_up and meeting.follow_up != "nothing":
                add(group.get(side, UNKNOWN), "followed_up")
    keys = ("participants", "requests", "held", "followed_up")
    return {name: {k: counts[k] for k in keys} for name, counts in sorted(table.items())}
