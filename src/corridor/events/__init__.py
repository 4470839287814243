"""The corridor's forums: events, programme, papers, registrations, B2B meetings and their outcomes."""

from corridor.events.models import (
    EventDefinition,
    Exhibitor,
    MeetingRequest,
    Paper,
    Registration,
    Review,
    ScheduledMeeting,
    Session,
)
from corridor.events.service import Events, EventStore

__all__ = [
    "EventDefinition",
    "EventStore",
    "Events",
    "Exhibitor",
    "MeetingRequest",
    "Paper",
    "Registration",
    "Review",
    "ScheduledMeeting",
    "Session",
]
