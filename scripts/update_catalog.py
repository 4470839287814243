"""Refresh src/corridor/locale/vi/LC_MESSAGES/corridor.po from the source: new messages are added (empty),
messages no longer used are dropped, translations are kept. Fill the empty ones, then run the tests
(tests/unit/test_i18n.py fails while any message lacks a Vietnamese translation)."""

from __future__ import annotations

from pathlib import Path

import typer
from babel.messages.pofile import read_po, write_po

from corridor.cli._help import help_texts
from corridor.cli.main import app
from corridor.i18n_catalog import extract_messages

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "src" / "corridor" / "locale" / "vi" / "LC_MESSAGES" / "corridor.po"


def main() -> None:
    template = extract_messages(ROOT / "src" / "corridor")
    for text in help_texts(typer.main.get_command(app)):  # --help texts (docstrings, help=) are messages too
        template.add(text)
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="vi")
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    with PO.open("wb") as handle:
        write_po(handle, catalog, width=0, omit_header=False, sort_output=True)
    missing = [m.id for m in catalog if m.id and not m.string]
    print(f"{len(catalog)} messages, {len(missing)} without a translation")


if __name__ == "__main__":
    main()
