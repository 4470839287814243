"""Reading the pages' forms: a bad value becomes a message shown on the same page, never an error page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from corridor.i18n import Message

PAGE_SIZE = 25
MAX_COMPARED = 4


@dataclass
class FormProblems:
    """What was wrong with a submitted form: one message per field, in the order found."""

    messages: list[Message] = field(default_factory=list)
    fields: set[str] = field(default_factory=set)

    def add(self, name: str, message: Message) -> None:
        self.messages.append(message)
        self.fields.add(name)


def form_number(name: str, text: str | None, problems: FormProblems) -> float | None:
    """A number of hectares of at least 0 (comma or point as decimal mark); empty means 'any'."""
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = -1.0
    if not value >= 0:  # also refuses NaN, which compares false with everything
        problems.add(name, Message("Expected a number of hectares of at least 0, got '{value}'", value=text))
        return None
    return value


def form_date(name: str, text: str | None, problems: FormProblems) -> dt.date:
    """A date as YYYY-MM-DD; empty (or wrong, after saying so) means today."""
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        problems.add(name, Message("Expected a date as YYYY-MM-DD, got '{value}'", value=text))
        return dt.date.today()


def form_page(text: str | None, problems: FormProblems) -> int:
    """A page number from 1; a wrong one shows the first page."""
    if not text:
        return 1
    if not text.isdigit() or int(text) < 1:
        problems.add("page", Message("Expected a page number of at least 1, got '{value}'", value=text))
        return 1
    return int(text)


def compared_ids(ids: list[str] | None, problems: FormProblems) -> list[str]:
    """The zones to compare, at most MAX_COMPARED; choosing more says so instead of silently dropping some."""
    chosen = list(dict.fromkeys(i for i in (ids or []) if i))
    if len(chosen) > MAX_COMPARED:
        problems.add(
            "ids",
            Message(
                "You chose {n} zones; at most {max} can be compared side by side. "
                "The first {max} are shown: choose the ones you want below.",
                n=len(chosen),
                max=MAX_COMPARED,
            ),
        )
    return chosen[:MAX_COMPARED]
