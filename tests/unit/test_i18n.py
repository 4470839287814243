"""Every message a person can see has a Vietnamese translation with the same format fields."""

from __future__ import annotations

import string
from pathlib import Path

from babel.messages.pofile import read_po

from corridor.i18n import Message, render_all, translate
from corridor.i18n_catalog import extract_messages

SOURCE = Path(__file__).resolve().parents[2] / "src" / "corridor"
PO = SOURCE / "locale" / "vi" / "LC_MESSAGES" / "corridor.po"


def _format_fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_in_the_source_has_a_vietnamese_translation() -> None:
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="vi")
    untranslated = [m.id for m in extract_messages(SOURCE) if m.id and not (catalog.get(m.id) and catalog[m.id].string)]
    assert untranslated == [], "run scripts/update_catalog.py and translate these"


def test_translations_keep_the_format_fields() -> None:
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="vi")
    for message in catalog:
        if message.id:
            assert _format_fields(str(message.string)) == _format_fields(str(message.id)), message.id


def test_translate_picks_the_language() -> None:
    assert translate("unknown", "vi") == "không rõ"
    assert translate("unknown", "en") == "unknown"


def test_a_message_renders_in_the_reader_language_with_its_parameters() -> None:
    note = Message("{name} was not a unit on {date}", name="Hải Dương", date="2025-08-01")
    assert note.render("en") == "Hải Dương was not a unit on 2025-08-01"
    assert note.render("vi") != note.render("en") and "Hải Dương" in note.render("vi")
    assert render_all([note, "data as written"], "en") == [note.render("en"), "data as written"]
