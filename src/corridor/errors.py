"""Errors a user can see: each carries an English message id and its parameters, rendered per language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from corridor.i18n import Message, mark, translate

__all__ = [
    "BackupRefused",
    "Busy",
    "Conflict",
    "CorridorError",
    "EditRejected",
    "Forbidden",
    "ImportRejected",
    "InvalidInput",
    "NoRoute",
    "NotApplicable",
    "NotFound",
    "RowError",
    "TooManyRequests",
    "Unauthenticated",
    "Unavailable",
    "UnsupportedContent",
    "UploadTooLarge",
]


class CorridorError(Exception):
    """Base of every error Corridor shows to a person; `render(lang)` gives the message in vi or en.

    Each kind carries the HTTP status and the CLI exit code it is answered with, so that the edges translate it
    once and the same error reads the same everywhere. A plain CorridorError is invalid input.
    """

    http_status = 400
    exit_code = 1

    def __init__(self, message_id: str, **params: Any) -> None:
        self.message_id = message_id
        self.params = params
        super().__init__(Message(message_id, **params).render("en"))

    def render(self, lang: str = "en") -> str:
        return Message(self.message_id, **self.params).render(lang)


class InvalidInput(CorridorError):
    """The input is not acceptable as given (a bad option, an unknown profile, a malformed value)."""


class NotApplicable(InvalidInput):
    """A well-formed request that does not apply here: a filter or sort key the record kind does not have."""

    http_status = 422


class NotFound(CorridorError):
    """A named record (zone, firm, node, locality) does not exist."""

    http_status = 404
    exit_code = 3


class NoRoute(CorridorError):
    """Both places exist, but the network has no way between them under the chosen profile."""

    http_status = 422
    exit_code = 4


class Unauthenticated(CorridorError):
    """The request needs a signed-in user or an API token, and has neither (or an expired or revoked one)."""

    http_status = 401
    exit_code = 8


class Forbidden(CorridorError):
    """The user is known, but the policy table gives none of her roles this action on this record."""

    http_status = 403
    exit_code = 9


class TooManyRequests(CorridorError):
    """Too many sign-in attempts from one client address: try again after `retry_after_s` seconds."""

    http_status = 429
    exit_code = 10

    def __init__(self, message_id: str, *, retry_after_s: int, **params: Any) -> None:
        super().__init__(message_id, **params)
        self.retry_after_s = retry_after_s


class Conflict(CorridorError):
    """The write would duplicate something that must be unique (an e-mail address already registered)."""

    http_status = 409
    exit_code = 1


class Unavailable(CorridorError):
    """The database or another resource cannot serve the request now (not reachable, schema behind)."""

    http_status = 503
    exit_code = 5


class Busy(Unavailable):
    """Another write holds the database longer than a write may wait; nothing was written, try again."""

    exit_code = 6


class BackupRefused(CorridorError):
    """A backup file is damaged, of an unknown format or a newer schema, or its target is not empty; nothing was
    written."""

    http_status = 422
    exit_code = 7


class UploadTooLarge(CorridorError):
    """A file over an upload limit (bytes, rows, columns, or an archive that expands too far); nothing was read
    beyond the limit and nothing was written."""

    http_status = 413


class UnsupportedContent(CorridorError):
    """A file whose declared type or actual content does not match what its name says (a zip named .csv)."""

    http_status = 415


@dataclass(frozen=True)
class RowError:
    """One problem in one cell of an imported file: where it is, what was there, what was expected."""

    file: str
    row: int
    column: str
    value: str
    expected_id: str
    expected_params: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: str = "en") -> str:
        expected = translate(self.expected_id, lang).format(**self.expected_params)
        template = translate("{file}, row {row}, column '{column}': got '{value}'; expected {expected}", lang)
        return template.format(file=self.file, row=self.row, column=self.column, value=self.value, expected=expected)


class ImportRejected(CorridorError):
    """An import file failed validation; nothing was written. `errors` lists every bad cell."""

    http_status = 422

    def __init__(self, file: str, errors: list[RowError]) -> None:
        super().__init__(mark("{file}: {count} error(s); nothing was imported"), file=file, count=len(errors))
        self.errors = errors

    def render(self, lang: str = "en") -> str:
        head = super().render(lang)
        return "\n".join([head, *(f"  - {e.render(lang)}" for e in self.errors)])


class EditRejected(InvalidInput):
    """An edit of one record failed validation; nothing was written. `errors` lists every bad field."""

    http_status = 422

    def __init__(self, kind: Message | str, record_id: str, errors: list[RowError]) -> None:
        super().__init__(
            mark("{kind} {record}: {count} error(s); nothing was changed"),
            kind=kind,
            record=record_id,
            count=len(errors),
        )
        self.errors = errors

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: str = "en") -> str:
        head = super().render(lang)
        template = translate("field '{field}': got '{value}'; expected {expected}", lang)
        lines = [
            template.format(
                field=e.column, value=e.value, expected=translate(e.expected_id, lang).format(**e.expected_params)
            )
            for e in self.errors
        ]
        return "\n".join([head, *(f"  - {line}" for line in lines)])
