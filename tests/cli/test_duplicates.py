"""`corridor duplicates list|check`, `merge`, `unmerge` and the import's duplicate report (SQLite; merges on
both backends are tested in tests/storage/test_merges.py)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from corridor.cli.main import app
from tests.factories import FIRM_HEADER, make_firm_row, write_csv

runner = CliRunner()


def _run(url: str, *args: str, lang: str = "en") -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", url, "--lang", lang, *args], env={"COLUMNS": "250"})
    return result.exit_code, result.stdout, result.stderr


def test_check_ranks_the_typed_firm_first_with_its_reasons(sqlite_loaded_url: str) -> None:
    code, out, _ = _run(sqlite_loaded_url, "duplicates", "check", "--name", "Cty TNHH LG Display Viet Nam Hai Phong")
    assert code == 0
    first = out.splitlines()[3]
    assert "lg-display-vietnam-hai-phong" in first and "merge" in first and "names 100 % alike" in first
    code, out, _ = _run(
        sqlite_loaded_url, "duplicates", "check", "--name", "Cty TNHH LG Display Viet Nam Hai Phong", lang="vi"
    )
    assert code == 0 and "gộp" in out and "tên giống nhau" in out


def test_list_shows_the_bundled_pairs_to_review(sqlite_loaded_url: str) -> None:
    code, out, _ = _run(sqlite_loaded_url, "duplicates", "list")
    assert code == 0 and "ford-vietnam (Ford Vietnam)" in out and "ford-vietnam-expansion" in out


def test_merge_then_unmerge(sqlite_loaded_url: str) -> None:
    code, out, _ = _run(sqlite_loaded_url, "merge", "firms", "ford-vietnam", "ford-vietnam-expansion")
    assert code == 0 and "corridor unmerge 1" in out
    code, out, _ = _run(sqlite_loaded_url, "firms", "show", "ford-vietnam-expansion", "--format", "json")
    assert code == 0 and json.loads(out)["id"] == "ford-vietnam"  # a merged ID shows the record it is in
    code, out, _ = _run(sqlite_loaded_url, "unmerge", "1", lang="vi")
    assert code == 0 and "lại tách riêng" in out
    code, out, _ = _run(sqlite_loaded_url, "firms", "show", "ford-vietnam-expansion", "--format", "json")
    assert code == 0 and json.loads(out)["id"] == "ford-vietnam-expansion"
    code, _, err = _run(sqlite_loaded_url, "unmerge", "1")
    assert code == 1 and "already undone" in err


def test_import_reports_automatic_merges_and_possible_duplicates(sqlite_loaded_url: str, tmp_path: Path) -> None:
    rows = [
        make_firm_row(name="Công ty TNHH LG Display Việt Nam Hải Phòng", tax_code=""),
        make_firm_row(name="Ford Vietnam Hai Duong", tax_code="", zone=""),
    ]
    code, out, _ = _run(
        sqlite_loaded_url, "import", str(write_csv(tmp_path / "f.csv", rows, FIRM_HEADER)), "--kind", "firms"
    )
    assert code == 0
    assert "is lg-display-vietnam-hai-phong" in out and "merged automatically" in out
    assert "Possible duplicates to review" in out and "may be ford-vietnam" in out
