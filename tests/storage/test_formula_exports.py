"""Exports never carry a live spreadsheet formula, and an exported file imports back to the same records."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from corridor.bootstrap import App
from corridor.registry.exchange import write_records, write_statements
from corridor.registry.formulas import neutralise_cell, neutralise_text, restore_text
from tests.factories import FIRM_HEADER, write_csv

USER = "test"
FORMULA_NAME = '=HYPERLINK("http://x","y")'
TEXTS = [FORMULA_NAME, "+84 912 345 678", "-1+2", "@SUM(A1)", "\tTab", "\rCR", "'=already", "''-x", "'plain", "ok"]


@pytest.mark.parametrize("text", [*TEXTS, "-12.5", "1e5", "", "'", "=", "'''=+"])
def test_restore_undoes_neutralise_exactly(text: str) -> None:
    assert restore_text(neutralise_text(text)) == text


def test_what_is_neutralised_and_what_is_not() -> None:
    assert neutralise_text(FORMULA_NAME) == "'" + FORMULA_NAME
    assert neutralise_text("-12.5") == "-12.5"  # a real negative number stays a number
    assert neutralise_text("-12.5 tấn") == "'-12.5 tấn"
    assert neutralise_text("Công ty A") == "Công ty A"
    assert neutralise_cell(-12.5) == -12.5
    assert neutralise_cell(None) == ""


def _cells(path: Path) -> list[tuple[object, str]]:
    """(value, openpyxl's data type) of every cell of the first sheet: 'f' is a formula."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    return [(cell.value, cell.data_type) for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_formula_firm_name_comes_out_inert_and_imports_back(empty_app: App, tmp_path: Path, file_format: str) -> None:
    row = dict.fromkeys(FIRM_HEADER, "") | {"name": FORMULA_NAME, "products_en": "-cutting tools", "lat": "20.85"}
    row |= {"lon": "106.6"}
    empty_app.registry.import_file(write_csv(tmp_path / "firms.csv", [row], FIRM_HEADER), "firms", USER)
    [firm] = empty_app.registry.export_records("firms")
    assert firm["name"] == FORMULA_NAME
    records = tmp_path / f"records.{file_format}"
    write_records("firms", [firm], records, file_format)
    statements = tmp_path / f"firms.{file_format}"
    write_statements("firms", empty_app.registry.export_rows("firms"), statements, file_format)
    for path in (records, statements):
        if file_format == "xlsx":
            cells = _cells(path)
            assert all(kind != "f" for _, kind in cells), cells
            assert ("'" + FORMULA_NAME, "s") in cells
            assert any(isinstance(value, float) and value > 0 for value, _ in cells) or path == statements
        else:
            text = path.read_text(encoding="utf-8")
            assert all(not cell.startswith(("=", "+", "-", "@")) for r in csv.reader(text.splitlines()) for cell in r)
    again = empty_app.registry.import_file(statements, "firms", USER)
    assert (again.added, again.unchanged) == (0, 1)
    [firm_again] = empty_app.registry.export_records("firms")
    assert firm_again["name"] == FORMULA_NAME
