"""Every message a person can see has a Vietnamese translation with the same format fields, and every message of
the investor pages a Korean, Japanese and Chinese one (corridor.i18n_catalog.INVESTOR_SOURCES)."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from corridor.i18n import INVESTOR_LANGUAGES, LANGUAGES, Message, render_all, translate
from corridor.i18n_catalog import extract_investor_messages, extract_messages

SOURCE = Path(__file__).resolve().parents[2] / "src" / "corridor"
PO = SOURCE / "locale" / "vi" / "LC_MESSAGES" / "corridor.po"


def _catalog(locale: str) -> Catalog:
    with (SOURCE / "locale" / locale / "LC_MESSAGES" / "corridor.po").open("rb") as handle:
        return read_po(handle, locale=locale)


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


@pytest.mark.parametrize("locale", INVESTOR_LANGUAGES)
def test_every_message_of_the_investor_pages_is_translated(locale: str) -> None:
    catalog = _catalog(locale)
    investor = extract_investor_messages(SOURCE)
    untranslated = [m.id for m in investor if m.id and not (catalog.get(m.id) and catalog[m.id].string)]
    assert len(investor) > 300
    assert untranslated == [], f"run scripts/update_catalog.py {locale} --missing {locale}.json and translate these"


@pytest.mark.parametrize("locale", INVESTOR_LANGUAGES)
def test_investor_translations_keep_the_format_fields_and_are_not_english(locale: str) -> None:
    for message in _catalog(locale):
        if message.id and message.string:
            assert _format_fields(str(message.string)) == _format_fields(str(message.id)), message.id
            assert message.string != message.id or len(str(message.id)) <= 5, message.id  # 'PCB', 'ICD' stay


def test_five_languages_and_english_outside_the_investor_pages() -> None:
    assert LANGUAGES == ("vi", "en", "ko", "ja", "zh")
    assert (translate("unknown", "ko"), translate("unknown", "ja"), translate("unknown", "zh")) == (
        "알 수 없음",
        "不明",
        "未知",
    )
    assert translate("area_ha", "ja") == "面積 (ha)"
    # A message outside the investor pages (the route page's) falls back to English.
    assert translate("Freight routes", "ko") == translate("Freight routes", "en") == "Freight routes"
    assert translate("Freight routes", "vi") != "Freight routes"
