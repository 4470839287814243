"""Fill Vietnamese translations into the catalog from a JSON file of {English: Vietnamese}.

python scripts/update_catalog.py        # add new messages (empty)
python scripts/translate.py FILE.json   # fill them; prints what is still missing
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parents[1] / "src" / "corridor" / "locale" / "vi" / "LC_MESSAGES" / "corridor.po"


def main(path: Path) -> None:
    translations = json.loads(path.read_text(encoding="utf-8"))
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="vi")
    for message in catalog:
        if message.id and not message.string and message.id in translations:
            message.string = translations[message.id]
    with PO.open("wb") as handle:
        write_po(handle, catalog, width=0, sort_output=True)
    missing = [m.id for m in catalog if m.id and not m.string]
    print(f"still without a translation: {missing}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
