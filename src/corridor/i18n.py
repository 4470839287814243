"""Vietnamese and English text: gettext catalogs (Babel .po files) keyed by the English message."""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

__all__ = ["LANGUAGES", "Message", "mark", "render_all", "translate", "translations"]

LANGUAGES = ("vi", "en")
DOMAIN = "corridor"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog for `lang`, compiled in memory from the shipped .po file (English is the identity)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    po_path = resources.files("corridor") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.is_file():
        return gettext.NullTranslations()
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def mark(message: str) -> str:
    """Mark a message for the catalog where it is translated later (e.g. a column name shown in a table)."""
    return message


def translate(message: str, lang: str) -> str:
    """`message` (English) in `lang`; falls back to English when the catalog lacks it."""
    return translations(lang).gettext(message)


class Message:
    """A text for people as a message id (the English text) with parameters, rendered in the reader's language.

    Domain code returns Messages (notes, reasons); the edges (API, pages, CLI) render them, so no English
    f-string reaches a Vietnamese page. A parameter may itself be a Message; format specs ({hours:.1f}) apply.
    """

    __slots__ = ("message_id", "params")

    def __init__(self, message_id: str, **params: Any) -> None:
        self.message_id = message_id
        self.params = params

    def render(self, lang: str) -> str:
        values = {k: _render_param(v, lang) for k, v in self.params.items()}
        return translate(self.message_id, lang).format(**values)

    def __str__(self) -> str:
        return self.render("en")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.message_id, self.params) == (other.message_id, other.params)

    def __hash__(self) -> int:
        return hash(self.message_id)

    def __repr__(self) -> str:
        return f"Message({self.message_id!r}, **{self.params!r})"


def _render_param(value: Any, lang: str) -> Any:
    """A Message in `lang`; a list or tuple of them as 'a, b, c' (e.g. the kinds a filter applies to)."""
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, list | tuple) and any(isinstance(v, Message) for v in value):
        return ", ".join(str(_render_param(v, lang)) for v in value)
    return value


def render_all(messages: Iterable[Message | str], lang: str) -> list[str]:
    """Each Message in `lang`; plain strings (data, not our words) pass through unchanged."""
    return [m.render(lang) if isinstance(m, Message) else m for m in messages]
