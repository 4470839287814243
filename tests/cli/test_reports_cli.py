"""`corridor indicators` and `corridor report` on the bundled data."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from corridor.cli.main import app

runner = CliRunner()


def _run(url: str, *args: str, lang: str = "en") -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", url, "--lang", lang, *args], env={"COLUMNS": "250"})
    return result.exit_code, result.stdout, result.stderr


def test_an_old_province_alone_as_json(sqlite_loaded_url: str) -> None:
    code, out, _ = _run(sqlite_loaded_url, "indicators", "--locality", "Hải Dương", "--format", "json")
    assert code == 0
    answer = json.loads(out)
    assert answer["boundaries"] == "pre2025"
    assert {p["locality"]["id"] for p in answer["series"]} == {"VN-30"}


def test_merged_province_as_csv_with_vietnamese_headings(sqlite_loaded_url: str) -> None:
    code, out, err = _run(sqlite_loaded_url, "indicators", "--locality", "Hải Dương", "--boundaries", "2025",
                          "--indicator", "grdp_current", "--format", "csv", lang="vi")  # fmt: skip
    assert code == 0 and "Hải Phòng" in err  # the note: Hải Dương is part of Hải Phòng
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["chỉ tiêu"] for r in rows} == {"GRDP theo giá hiện hành"}
    row_2024 = next(r for r in rows if r["năm"] == "2024")
    assert row_2024["giá trị"] == "658381" and row_2024["cách tính"] == "tổng của các tỉnh cũ"
    assert {r["đơn vị"] for r in rows} == {"tỷ đồng"}


def test_bad_boundaries_and_unknown_indicator_are_refused(sqlite_loaded_url: str) -> None:
    assert _run(sqlite_loaded_url, "indicators", "--boundaries", "1990")[0] == 1
    code, _, err = _run(sqlite_loaded_url, "indicators", "--indicator", "sideways")
    assert code == 3 and "sideways" in err


def test_report_as_html_in_english(sqlite_loaded_url: str, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    code, _, err = _run(sqlite_loaded_url, "report", "--no-gaps", "--year", "2024", "--out", str(out))
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert "Sub-regional economic report" in html and '<section id="methods">' in html
    assert "no data" in html and "chưa có số liệu" not in html
    assert _run(sqlite_loaded_url, "report", "--out", str(tmp_path / "report.docx"))[0] == 1
