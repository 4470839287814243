"""Reading a file of registrations (CSV or XLSX, one participant a row), all or nothing: every bad cell is named
with its file, row and column and what was expected, and then nothing is registered."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corridor.errors import ImportRejected, RowError
from corridor.events.models import EventDefinition
from corridor.i18n import mark
from corridor.registry.validation import RawTable

__all__ = ["COLUMNS", "NewRegistration", "registrations_from_table"]

COLUMNS = ("organisation", "firm_id", "person", "role", "email", "languages", "sessions", "province")
REQUIRED = ("organisation", "person", "email")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class NewRegistration:
    """A registration as asked: `firm_id` names a registry firm; without it, the organisation is looked up by
    name and, when unknown, proposed as a new firm (with `province`) through moderation."""

    organisation: str
    person: str
    email: str
    role: str = ""
    languages: tuple[str, ...] = ("vi",)
    sessions: tuple[str, ...] = ()
    firm_id: str = ""
    province: str = ""


def registrations_from_table(table: RawTable, event: EventDefinition) -> list[NewRegistration]:
    """Every row checked; ImportRejected lists all errors when any."""
    errors: list[RowError] = []
    unknown = [h for h in table.headers if h not in COLUMNS]
    for header in unknown:
        errors.append(RowError(table.file_name, 1, header, header, mark("one of the columns {columns}"), _cols()))
    missing = [c for c in REQUIRED if c not in table.headers]
    for column in missing:
        errors.append(RowError(table.file_name, 1, column, "", mark("a column named '{column}'"), {"column": column}))
    found = [] if missing else [_row(table.file_name, n, row, event, errors) for n, row in table.rows]
    _check_unique_emails(table.file_name, found, errors)
    if errors:
        raise ImportRejected(table.file_name, errors)
    return [r for _, r in found if r is not None]


def _cols() -> dict[str, str]:
    return {"columns": ", ".join(COLUMNS)}


def _row(
    file: str, number: int, row: dict[str, str], event: EventDefinition, errors: list[RowError]
) -> tuple[int, NewRegistration | None]:
    cells = {key: (row.get(key) or "").strip() for key in COLUMNS}
    before = len(errors)
    for column in REQUIRED:
        if not cells[column]:
            errors.append(RowError(file, number, column, "", mark("a value (it is required)")))
    if cells["email"] and not _EMAIL.match(cells["email"]):
        errors.append(RowError(file, number, "email", cells["email"], mark("an e-mail address such as ten@example.vn")))
    languages = tuple(_split(cells["languages"])) or ("vi",)
    if any(lang not in {"vi", "en"} for lang in languages):
        errors.append(RowError(file, number, "languages", cells["languages"], mark("vi, en or both (separated by ;)")))
    sessions = tuple(_split(cells["sessions"]))
    known = {s.id for s in event.sessions}
    for session in (s for s in sessions if s not in known):
        expected = mark("sessions of the event's programme: {sessions}")
        errors.append(RowError(file, number, "sessions", session, expected, {"sessions": ", ".join(sorted(known))}))
    if len(errors) > before:
        return number, None
    registration = NewRegistration(
        organisation=cells["organisation"],
        person=cells["person"],
        email=cells["email"].lower(),
        role=cells["role"],
        languages=languages,
        sessions=sessions,
        firm_id=cells["firm_id"],
        province=cells["province"],
    )
    return number, registration


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,]", text) if part.strip()]


def _check_unique_emails(file: str, found: list[tuple[int, NewRegistration | None]], errors: list[RowError]) -> None:
    seen: dict[str, int] = {}
    for number, registration in found:
        if registration is None:
            continue
        if registration.email in seen:
            expected = mark("one row per person (this address is on row {row} too)")
            errors.append(
                RowError(file, number, "email", registration.email, expected, {"row": seen[registration.email]})
            )
        seen.setdefault(registration.email, number)
