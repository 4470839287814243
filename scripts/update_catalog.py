"""Refresh the catalogs from the source: new messages are added (empty), messages no longer used are dropped,
translations are kept. Vietnamese holds every message; Korean, Japanese and Chinese hold the messages of the
investor pages (corridor.i18n_catalog.INVESTOR_SOURCES). Fill the empty ones, then run the tests
(tests/unit/test_i18n.py fails while any of them lacks a translation).

python scripts/update_catalog.py                       # vi, ko, ja and zh; prints what each lacks
python scripts/update_catalog.py ko                    # one locale
python scripts/update_catalog.py ko --missing ko.json  # and write what ko lacks as {English: ""} to fill in
python scripts/translate.py ko.json --locale ko        # then fill them in
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from corridor.cli._help import help_texts
from corridor.cli.main import app
from corridor.i18n import INVESTOR_LANGUAGES
from corridor.i18n_catalog import extract_investor_messages, extract_messages

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "corridor"
UPDATED = ("vi", *INVESTOR_LANGUAGES)


def po_path(locale: str) -> Path:
    return SOURCE / "locale" / locale / "LC_MESSAGES" / "corridor.po"


def messages_for(locale: str) -> Catalog:
    """What `locale` must translate: every message (vi), or those of the investor pages (ko, ja, zh)."""
    if locale in INVESTOR_LANGUAGES:
        return extract_investor_messages(SOURCE)
    template = extract_messages(SOURCE)
    for text in help_texts(typer.main.get_command(app)):  # --help texts (docstrings, help=) are messages too
        template.add(text)
    return template


def update(locale: str) -> list[str]:
    """Refresh the locale's catalog; the message ids it still lacks."""
    path = po_path(locale)
    if path.is_file():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=locale)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = Catalog(locale=locale, project="corridor")
    catalog.update(messages_for(locale), no_fuzzy_matching=True)
    catalog.obsolete.clear()
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0, omit_header=False, sort_output=True)
    missing = [str(m.id) for m in catalog if m.id and not m.string]
    print(f"{locale}: {len(catalog)} messages, {len(missing)} without a translation")
    return missing


def main(
    locales: Annotated[list[str] | None, typer.Argument(help="vi, ko, ja, zh (default: all four)")] = None,
    missing: Annotated[Path | None, typer.Option(help="write what the (one) locale lacks as {English: ''}")] = None,
) -> None:
    chosen = locales or list(UPDATED)
    unknown = [locale for locale in chosen if locale not in UPDATED]
    if unknown or (missing and len(chosen) != 1):
        raise typer.BadParameter(f"choose locales among {', '.join(UPDATED)} (one with --missing)")
    for locale in chosen:
        lacking = update(locale)
        if missing:
            missing.write_text(json.dumps(dict.fromkeys(lacking, ""), ensure_ascii=False, indent=1), encoding="utf-8")
            print(f"{len(lacking)} messages to translate written to {missing}")


if __name__ == "__main__":
    typer.run(main)
