"""Fill translations into a catalog from a JSON file of {English: translation}.

python scripts/update_catalog.py                       # add new messages (empty)
python scripts/translate.py FILE.json                  # fill the Vietnamese ones; prints what is still missing
python scripts/translate.py FILE.json --locale ja      # the same for ko, ja or zh (the investor pages' messages)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ("vi", "ko", "ja", "zh")


def main(path: Path, locale: Annotated[str, typer.Option(help="vi, ko, ja or zh")] = "vi") -> None:
    if locale not in LOCALES:
        raise typer.BadParameter(f"choose one of {', '.join(LOCALES)}", param_hint="--locale")
    po = ROOT / "src" / "corridor" / "locale" / locale / "LC_MESSAGES" / "corridor.po"
    translations = json.loads(path.read_text(encoding="utf-8"))
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    for message in catalog:
        if message.id and not message.string and translations.get(message.id):
            message.string = translations[message.id]
    with po.open("wb") as handle:
        write_po(handle, catalog, width=0, sort_output=True)
    missing = [m.id for m in catalog if m.id and not m.string]
    print(f"{locale}: still without a translation: {missing}")


if __name__ == "__main__":
    typer.run(main)
