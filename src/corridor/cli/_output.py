"""Printing records as a table, JSON or CSV, and errors in the user's language."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from rich.cells import cell_len
from rich.console import Console

from corridor.i18n import translate
from corridor.registry.formulas import neutralise_cell

COLUMN_GAP = "  "


def console() -> Console:
    """A console for standard output. Messages are never broken into lines (the terminal wraps them), so that a
    URL or a path in a message stays whole when copied or searched."""
    return Console(soft_wrap=True)


def err_console() -> Console:
    return Console(stderr=True, soft_wrap=True)


def unknown(lang: str) -> str:
    return translate("unknown", lang)


# (thousands, decimal) separators of CLDR's vi_VN and en_US, as Babel's format_decimal uses them
_SEPARATORS = {"vi": (".", ","), "en": (",", ".")}
_HUNDREDTHS = Decimal("0.01")


def format_number(value: float | None, lang: str) -> str:
    """1234.567 -> '1.234,57' (vi) or '1,234.57' (en): what Babel writes for the pattern '#,##0.##' (rounding
    half to even on the decimal text), without importing Babel and its locale data on every command (~30 ms);
    tests/cli/test_cli_language.py checks it against Babel."""
    if value is None:
        return unknown(lang)
    rounded = Decimal(str(value)).quantize(_HUNDREDTHS, rounding=ROUND_HALF_EVEN)
    whole, _, fraction = f"{rounded:,f}".partition(".")
    thousands, point = _SEPARATORS.get(lang, _SEPARATORS["en"])
    fraction = fraction.rstrip("0")
    return whole.replace(",", thousands) + (point + fraction if fraction else "")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: neutralise_cell(row.get(c)) for c in columns})  # text that is never a formula


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Rows as aligned plain-text columns under a title, a header and a rule.

    Plain text rather than a Rich table: rendering 162 zones with Rich took about 0.3 s, half of what a listing
    may cost (benchmarks/cli.py); plain columns print at once and read well in `grep` and `less` too.
    """
    widths = [max(cell_len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = [title] if title else []
    for cells in (headers, ["-" * w for w in widths], *rows):
        padded = (str(cell) + " " * (width - cell_len(str(cell))) for cell, width in zip(cells, widths, strict=True))
        lines.append(COLUMN_GAP.join(padded).rstrip())
    sys.stdout.write("\n".join(lines) + "\n")
