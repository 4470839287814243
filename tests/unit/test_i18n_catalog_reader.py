"""corridor.i18n reads the .po catalogs itself (without Babel, for start-up time): it must find what Babel does."""

from __future__ import annotations

import gettext
import io
from importlib import resources

import pytest
from babel.messages.pofile import read_po

from corridor.i18n import LANGUAGES, mo_bytes, po_messages, translations


def _babel_messages(lang: str) -> dict[str, str]:
    """What Babel's write_mo puts in the compiled catalog: translated entries that are not fuzzy."""
    po_path = resources.files("corridor") / "locale" / lang / "LC_MESSAGES" / "corridor.po"
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=lang)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}  # type: ignore[misc]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_shipped_catalogs_read_as_babel_reads_them(lang: str) -> None:
    po_path = resources.files("corridor") / "locale" / lang / "LC_MESSAGES" / "corridor.po"
    ours = po_messages(po_path.read_text(encoding="utf-8"))
    babels = _babel_messages(lang)
    assert {k: v for k, v in ours.items() if k} == babels
    # English is mostly the identity; ko/ja/zh hold the investor pages' messages.
    assert len(babels) > {"vi": 500, "en": 50}.get(lang, 400)
    for message_id, text in babels.items():
        assert translations(lang).gettext(message_id) == text
    assert translations(lang).charset() == "utf-8"


def test_escapes_fuzzy_entries_and_obsolete_ones() -> None:
    po = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        '#, python-brace-format\nmsgid "Say \\"{x}\\""\nmsgstr ""\n"Nói \\"{x}\\"\\n"\n"tiếp\\t\\\\"\n\n'
        '#, fuzzy\nmsgid "Guess"\nmsgstr "Đoán"\n\n'
        'msgid "Untranslated"\nmsgstr ""\n\n'
        '#~ msgid "Gone"\n#~ msgstr "Mất"\n'
    )
    messages = po_messages(po)
    assert messages == {"": "Content-Type: text/plain; charset=utf-8\n", 'Say "{x}"': 'Nói "{x}"\ntiếp\t\\'}
    assert gettext.GNUTranslations(io.BytesIO(mo_bytes(messages))).gettext('Say "{x}"') == 'Nói "{x}"\ntiếp\t\\'


def test_plural_messages_are_refused() -> None:
    with pytest.raises(ValueError, match="plural"):
        po_messages('msgid "a file"\nmsgid_plural "files"\nmsgstr[0] "tệp"\n')
