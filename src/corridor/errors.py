"""Errors a user can see: each carries an English message id and its parameters, rendered per language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from corridor.i18n import mark, translate

__all__ = ["CorridorError", "ImportRejected", "NotFound", "RowError"]


class CorridorError(Exception):
    """Base of every error Corridor shows to a person; `render(lang)` gives the message in vi or en."""

    def __init__(self, message_id: str, **params: Any) -> None:
        super().__init__(message_id.format(**params))
        self.message_id = message_id
        self.params = params

    def render(self, lang: str = "en") -> str:
        return translate(self.message_id, lang).format(**self.params)


class NotFound(CorridorError):
    """A named record (zone, firm, node, locality) does not exist."""


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

    def __init__(self, file: str, errors: list[RowError]) -> None:
        super().__init__(mark("{file}: {count} error(s); nothing was imported"), file=file, count=len(errors))
        self.errors = errors

    def render(self, lang: str = "en") -> str:
        head = super().render(lang)
        return "\n".join([head, *(f"  - {e.render(lang)}" for e in self.errors)])
