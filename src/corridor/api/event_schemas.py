"""Typed answers and requests of /api/v1/events (forums); docs/json.md describes the same fields."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from corridor.api.schemas import Public


class SlotPublic(Public):
    id: str
    date: str
    start: str = Field(description="HH:MM, local time of the event")
    end: str


class SessionPublic(SlotPublic):
    title: str
    room: str
    speakers: list[str]


class ExhibitorPublic(Public):
    kind: Literal["zones", "firms"]
    id: str = Field(description="the registry record; its page is /zones/{id} or /firms/{id}")
    booth: str


class PaperPublic(Public):
    id: int
    title: str
    abstract: str
    author: str
    organisation: str
    file_name: str
    size_bytes: int
    status: Literal["submitted", "accepted", "rejected"]


class ReviewPublic(Public):
    reviewer: str
    score: int | None
    comment: str


class PaperReviewed(PaperPublic):
    reviews: list[ReviewPublic]


class EventPublic(Public):
    id: str
    name: str
    date: str = Field(description="first day, YYYY-MM-DD")
    end_date: str
    venue: str
    timezone: str
    organisers: list[str]
    languages: list[str]
    tables: int
    province: str
    localities: list[str] = Field(description="admin unit IDs whose agencies organise it")
    source: str
    slots: list[SlotPublic]
    sessions: list[SessionPublic]
    exhibitors: list[ExhibitorPublic]
    papers: list[PaperPublic] = Field(description="accepted papers: the proceedings")


class RegistrationPublic(Public):
    id: int
    event: str
    organisation: str
    firm_id: str | None
    proposal: int | None = Field(description="the proposal of a new organisation, waiting for moderation")
    person: str
    role: str
    email: str
    languages: list[str]
    sessions: list[str]
    status: Literal["pending", "approved", "rejected"]
    checked_in_at: str | None


class RequestPublic(Public):
    id: int
    event: str
    from_: int = Field(alias="from")
    to: int
    priority: int
    value: float
    reasons: list[str]
    status: Literal["pending", "accepted", "declined", "cancelled"]


class MeetingPublic(Public):
    id: int
    request: int
    slot: str
    start: str
    end: str
    table: int
    status: Literal["confirmed", "cancelled"]
    attendance: Literal["held", "no-show"] | None
    follow_up: Literal["nothing", "contact made", "quote sent", "contract"] | None
    note: str


class SuggestionPublic(Public):
    registration: int
    organisation: str
    firm_id: str | None
    score: float
    reasons: list[str]
    matched: list[str] = Field(description="the needs, offers or gap inputs it answers, as the firms wrote them")


class ScheduleDone(Public):
    status: str = Field(description="optimal, or feasible (time limit) with the gap")
    gap: float
    solve_s: float
    meetings: int = Field(description="confirmed meetings after this run, the kept ones included")
    unplaced: int = Field(description="accepted requests the slots could not hold")


class Outcomes(Public):
    registrations: int
    approved: int
    checked_in: int
    requests: dict[str, float | int | None]
    meetings: dict[str, int]
    follow_ups: dict[str, int]
    by_sector: dict[str, dict[str, int]]
    by_locality: dict[str, dict[str, int]]


def _vietnamese() -> list[Literal["vi", "en"]]:
    return ["vi"]


class RegistrationRequest(Public):
    organisation: str = Field(min_length=1)
    person: str = Field(min_length=1)
    email: str = Field(min_length=3)
    firm_id: str = Field(default="", description="the registry firm; empty: looked up by name, else proposed")
    role: str = ""
    languages: list[Literal["vi", "en"]] = Field(default_factory=_vietnamese, min_length=1)
    sessions: list[str] = Field(default_factory=list)
    province: str = Field(default="", description="of a new organisation")


class MeetingAsk(Public):
    from_: int = Field(alias="from")
    to: int
    priority: int = Field(default=3, ge=1, le=5)
    reasons: list[str] = Field(default_factory=list)


class MeetingRecord(Public):
    attendance: Literal["held", "no-show"] | None = None
    follow_up: Literal["nothing", "contact made", "quote sent", "contract"] | None = None
    note: str = ""


class ReviewRequest(Public):
    score: int = Field(ge=1, le=5)
    comment: str = ""


class ReviewerRequest(Public):
    reviewer: str = Field(min_length=3, description="e-mail address")


class DecisionRequest(Public):
    decision: Literal["accepted", "rejected"]


EventDefinitionBody = dict[str, Any]
