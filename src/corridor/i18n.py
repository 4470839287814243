"""The portal's languages: gettext catalogs (Babel .po files) keyed by the English message.

Vietnamese and English hold every message. Korean, Japanese and Chinese (simplified characters) hold the messages
of the investor pages (see corridor.i18n_catalog.INVESTOR_SOURCES and docs/adr/0018-five-languages.md); any other
message falls back to English in them.
"""

from __future__ import annotations

import array
import gettext
import io
import re
import struct
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "FULL_LANGUAGES",
    "INVESTOR_LANGUAGES",
    "LANGUAGES",
    "Message",
    "mark",
    "render_all",
    "translate",
    "translations",
]

FULL_LANGUAGES = ("vi", "en")  # every message translated (the CLI, mails, the API's messages)
INVESTOR_LANGUAGES = ("ko", "ja", "zh")  # the investor pages translated, the rest in English
LANGUAGES = FULL_LANGUAGES + INVESTOR_LANGUAGES
DOMAIN = "corridor"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog for `lang`, compiled in memory from the shipped .po file (English is the identity)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    po_path = resources.files("corridor") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.is_file():
        return gettext.NullTranslations()
    messages = po_messages(po_path.read_text(encoding="utf-8"))
    catalog = gettext.GNUTranslations(io.BytesIO(mo_bytes(messages)))
    if lang in INVESTOR_LANGUAGES:
        catalog.add_fallback(translations("en"))  # a message outside the investor pages reads as in English
    return catalog


# Reading the .po file here rather than with Babel saves every command ~50 ms (importing Babel and its locale
# data, then parsing): the catalogs use single messages only (no plurals, no contexts), which po_messages reads
# as Babel's write_mo keeps them; tests/unit/test_i18n_catalog_reader.py checks both agree on the shipped files.
_PO_ESCAPE = re.compile(r'\\([\\trn"])')
_PO_ESCAPED = {"n": "\n", "t": "\t", "r": "\r"}


def _po_string(quoted: str) -> str:
    """'"Hello \\"you\\"\\n"' -> 'Hello "you"' + newline."""
    return _PO_ESCAPE.sub(lambda m: _PO_ESCAPED.get(m.group(1), m.group(1)), quoted.strip()[1:-1])


def po_messages(po_text: str) -> dict[str, str]:
    """msgid -> msgstr of a .po file's translated entries that are not fuzzy, and its header."""
    messages: dict[str, str] = {}
    for entry in re.split(r"\n\s*\n", po_text):
        fields = _po_fields(entry)
        if "msgid_plural" in fields or "msgctxt" in fields:
            raise ValueError("plural and context messages need Babel's reader: corridor.i18n reads single ones")
        msgid, msgstr = fields.get("msgid"), fields.get("msgstr", "")
        if msgid is not None and (msgid == "" or (msgstr and "fuzzy" not in fields["flags"])):
            messages[msgid] = msgstr
    return messages


def _po_fields(entry: str) -> dict[str, str]:
    """One entry's keywords (msgid, msgstr...) with their joined strings, and its flags; obsolete ones are empty."""
    fields = {"flags": ""}
    current = ""
    for raw_line in entry.splitlines():
        line = raw_line.strip()
        if line.startswith("#,"):
            fields["flags"] += line[2:]
        elif line.startswith('"') and current:
            fields[current] += _po_string(line)
        elif line and not line.startswith("#"):
            current, _, quoted = line.partition(" ")
            fields[current] = _po_string(quoted)
    return fields


def mo_bytes(messages: dict[str, str]) -> bytes:
    """A GNU .mo file of `messages` (the layout of CPython's Tools/i18n/msgfmt.py), for gettext to read."""
    keys = sorted(messages)
    ids = strs = b""
    offsets: list[int] = []
    for key in keys:
        encoded_id, encoded_str = key.encode(), messages[key].encode()
        offsets += [len(ids), len(encoded_id), len(strs), len(encoded_str)]
        ids += encoded_id + b"\0"
        strs += encoded_str + b"\0"
    key_start = 7 * 4 + 16 * len(keys)
    value_start = key_start + len(ids)
    key_table: list[int] = []
    value_table: list[int] = []
    for at in range(0, len(offsets), 4):
        id_offset, id_length, str_offset, str_length = offsets[at : at + 4]
        key_table += [id_length, id_offset + key_start]
        value_table += [str_length, str_offset + value_start]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + len(keys) * 8, 0, 0)
    return header + array.array("i", key_table + value_table).tobytes() + ids + strs


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
