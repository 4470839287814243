"""Printing records as a table, JSON or CSV, and errors in the user's language."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

from babel.numbers import format_decimal
from rich.console import Console
from rich.table import Table

from corridor.i18n import translate


def console() -> Console:
    """A console for standard output, sized when it is used (so COLUMNS set later is honoured)."""
    return Console()


def err_console() -> Console:
    return Console(stderr=True)


def unknown(lang: str) -> str:
    return translate("unknown", lang)


def format_number(value: float | None, lang: str) -> str:
    if value is None:
        return unknown(lang)
    return str(format_decimal(value, format="#,##0.##", locale="vi_VN" if lang == "vi" else "en_US"))


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: "" if row.get(c) is None else row.get(c) for c in columns})


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = Table(title=title, show_lines=False)
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console().print(table)
