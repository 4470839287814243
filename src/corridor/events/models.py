"""Plain records of a forum: the event and its programme, papers and reviews, registrations, meeting requests,
scheduled meetings with their attendance and follow-up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from corridor.i18n import mark
from corridor.matching.scheduling import Slot

__all__ = [
    "ATTENDANCE",
    "FOLLOW_UPS",
    "EventDefinition",
    "Exhibitor",
    "MeetingRequest",
    "Paper",
    "Registration",
    "Review",
    "ScheduledMeeting",
    "Session",
]

# What became of a meeting held at a forum, from the least to the most (the outcome page counts each stage).
FOLLOW_UPS = (mark("nothing"), mark("contact made"), mark("quote sent"), mark("contract"))
ATTENDANCE = (mark("held"), mark("no-show"))
PAPER_DECISIONS = (mark("accepted"), mark("rejected"))
# Statuses the pages show (translated there): registrations, meeting requests, papers.
STATUSES = (
    mark("pending"),
    mark("approved"),
    mark("rejected"),
    mark("accepted"),
    mark("declined"),
    mark("cancelled"),
    mark("submitted"),
)


@dataclass(frozen=True)
class Session:
    """A session of the programme: its time, room and speakers; registrants who attend it are not free then."""

    id: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    room: str = ""
    speakers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Exhibitor:
    """A park or firm of the registry with a booth (its page is linked from the event's)."""

    kind: str  # zones | firms
    record_id: str
    booth: str = ""


@dataclass(frozen=True)
class EventDefinition:
    """An event as its organisers describe it (EVENT.toml): who, when, where, the programme and the B2B slots."""

    id: str
    name: str
    starts_on: dt.date
    ends_on: dt.date
    venue: str
    timezone: str
    organisers: tuple[str, ...]
    languages: tuple[str, ...]
    tables: int
    slots: tuple[Slot, ...]
    sessions: tuple[Session, ...] = ()
    exhibitors: tuple[Exhibitor, ...] = ()
    province: str = ""  # the venue's province as written; its organisers are the agencies of that locality
    localities: tuple[str, ...] = ()  # admin unit IDs of that province (resolved when the event is created)
    source: str = ""  # where the programme comes from (a web page, a letter of invitation)


@dataclass(frozen=True)
class Registration:
    """A participant: a registry firm or organisation (a new one waits as a proposal), a person, role, languages."""

    id: int
    event_id: str
    organisation: str
    person: str
    role: str
    languages: tuple[str, ...]
    email: str
    firm_id: str | None = None
    proposal_id: int | None = None
    sessions: tuple[str, ...] = ()  # sessions the person attends: no meeting then
    status: str = "pending"  # pending | approved | rejected
    registered_by: str = ""
    checked_in_at: dt.datetime | None = None

    @property
    def participant_id(self) -> str:
        return f"r{self.id}"

    @property
    def language(self) -> str:
        return self.languages[0] if self.languages and self.languages[0] in {"vi", "en"} else "vi"


@dataclass(frozen=True)
class MeetingRequest:
    """One participant asks another for a B2B meeting; the other accepts or declines."""

    id: int
    event_id: str
    from_id: int  # registration IDs
    to_id: int
    priority: int = 3  # 1 (low) .. 5 (high)
    value: float = 0.5  # the match score when the suggestion came from matching
    reasons: tuple[str, ...] = ()
    status: str = "pending"  # pending | accepted | declined | cancelled
    requested_by: str = ""
    requested_at: dt.datetime | None = None


@dataclass(frozen=True)
class ScheduledMeeting:
    """A meeting the scheduler placed (confirmed: re-plans never move it), and what became of it."""

    id: int
    event_id: str
    request_id: int
    slot_id: str
    table: int
    status: str = "confirmed"  # confirmed | cancelled
    attendance: str | None = None  # held | no-show; None: not recorded yet
    follow_up: str | None = None  # one of FOLLOW_UPS; None: not recorded yet
    note: str = ""


@dataclass(frozen=True)
class Review:
    paper_id: int
    reviewer: str  # e-mail address
    score: int | None = None  # 1..5; None: not reviewed yet
    comment: str = ""
    reviewed_at: dt.datetime | None = None


@dataclass(frozen=True)
class Paper:
    """A submission to the call for papers (tham luận) with its PDF, reviews and decision."""

    id: int
    event_id: str
    title: str
    abstract: str
    author: str
    author_organisation: str
    file_name: str
    size_bytes: int
    submitted_by: str
    submitted_at: dt.datetime
    status: str = "submitted"  # submitted | accepted | rejected
    reviews: tuple[Review, ...] = field(default_factory=tuple)
