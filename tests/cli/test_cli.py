"""The command line: exit codes, formats and messages (SQLite; storage behaviour is tested per backend)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from corridor.cli.main import app
from tests.factories import FIRM_HEADER, make_firm_row, write_csv

runner = CliRunner()


def _run(url: str, *args: str, lang: str = "en") -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", url, "--lang", lang, *args], env={"COLUMNS": "250"})
    return result.exit_code, result.stdout, result.stderr


def test_init_loads_the_data_and_prints_a_summary(tmp_path: Path) -> None:
    code, out, _ = _run(f"sqlite:///{tmp_path / 'c.db'}", "init")
    assert code == 0
    assert "Zones per locality and type" in out and "Hưng Yên" in out
    assert "zones have no point" in out


def test_init_empty_creates_the_schema_only(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert _run(url, "init", "--empty")[0] == 0
    code, out, _ = _run(url, "zones", "list", "--format", "json")
    assert code == 0 and json.loads(out)["total"] == 0


def test_show_pho_noi_a_as_json(sqlite_loaded_url: str) -> None:
    code, out, _ = _run(sqlite_loaded_url, "zones", "show", "KCN Phố Nối A", "--format", "json")
    zone = json.loads(out)
    assert code == 0
    assert (zone["area_ha"], zone["province"]["name"]) == (688.94, "Hưng Yên")
    assert zone["sources"][0]["title"].startswith("Danh mục các KCN")


def test_list_formats(sqlite_loaded_url: str) -> None:
    code, out, _ = _run(sqlite_loaded_url, "zones", "list", "--search", "pho noi", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("id,name,type,province")
    assert "kcn-pho-noi-a" in out
    code, out, _ = _run(sqlite_loaded_url, "zones", "list", "--province", "Hưng Yên", lang="vi")
    assert code == 0 and "khu" in out and "không rõ" in out


def test_unknown_names_exit_non_zero_with_close_matches(sqlite_loaded_url: str) -> None:
    code, _, err = _run(sqlite_loaded_url, "zones", "list", "--province", "Hai Doung")
    assert code == 3 and "Hải Dương" in err
    code, _, err = _run(sqlite_loaded_url, "zones", "show", "KCN Atlantis")
    assert code == 3 and "No zone matches 'KCN Atlantis'" in err


def test_a_bad_file_exits_non_zero_says_where_and_changes_nothing(sqlite_loaded_url: str, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "firms.csv", [make_firm_row(), make_firm_row(name="B", lat="95")], FIRM_HEADER)
    code, _, err = _run(sqlite_loaded_url, "import", str(path), "--kind", "firms", lang="vi")
    assert code == 1
    assert "firms.csv, dòng 3, cột 'lat'" in err and "không có gì được nhập" in err
    code, out, _ = _run(sqlite_loaded_url, "firms", "list", "--format", "json")
    assert json.loads(out)["total"] == 112


def test_import_dry_run_then_import(sqlite_loaded_url: str, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "firms.csv", [make_firm_row()], FIRM_HEADER)
    code, out, _ = _run(sqlite_loaded_url, "import", str(path), "--kind", "firms", "--dry-run")
    assert code == 0 and "dry run" in out
    code, out, _ = _run(sqlite_loaded_url, "import", str(path), "--kind", "firms")
    assert code == 0 and "1 new statements" in out
    assert json.loads(_run(sqlite_loaded_url, "firms", "list", "--format", "json")[1])["total"] == 113


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "geojson"])
def test_export_writes_a_file(sqlite_loaded_url: str, tmp_path: Path, file_format: str) -> None:
    out_path = tmp_path / f"zones.{file_format}"
    code, _, _ = _run(sqlite_loaded_url, "export", "--kind", "zones", "--format", file_format, "--out", str(out_path))
    assert code == 0 and out_path.stat().st_size > 1000


def test_exported_records_are_one_row_each_and_statements_round_trip(sqlite_loaded_url: str, tmp_path: Path) -> None:
    records, statements = tmp_path / "zones.csv", tmp_path / "zones-statements.csv"
    assert _run(sqlite_loaded_url, "export", "--kind", "zones", "--out", str(records))[0] == 0
    ids = [line.split(",")[0] for line in records.read_text(encoding="utf-8").splitlines()[1:]]
    assert len(ids) == len(set(ids)) == 162
    args = ("export", "--kind", "zones", "--statements", "--out", str(statements))
    assert _run(sqlite_loaded_url, *args)[0] == 0
    code, out, _ = _run(sqlite_loaded_url, "import", str(statements), "--kind", "zones")
    assert code == 0 and "; 0 new statements" in out


def test_template_has_vietnamese_headers_and_help(sqlite_loaded_url: str, tmp_path: Path) -> None:
    out_path = tmp_path / "firms.xlsx"
    assert _run(sqlite_loaded_url, "template", "--kind", "firms", "--out", str(out_path), lang="vi")[0] == 0
    workbook = load_workbook(out_path)
    assert [c.value for c in workbook["data"][1]][:3] == ["ma", "ten", "ma_so_thue"]
    assert workbook["huong_dan_help"].max_row > 10


def test_commands_on_a_missing_database_say_to_run_init(tmp_path: Path) -> None:
    code, _, err = _run(f"sqlite:///{tmp_path / 'none.db'}", "zones", "list")
    assert code == 5 and "corridor init" in err


def test_route_matrix_and_scenarios_from_the_command_line(sqlite_loaded_url: str, tmp_path: Path) -> None:
    code, out, _ = _run(sqlite_loaded_url, "route", "Ha Noi", "Hai Phong", "--format", "json")
    assert code == 0 and "E02" in [leg["link"] for leg in json.loads(out)["legs"]]
    open_h = json.loads(out)["totals"]["duration_h"]
    code, out, _ = _run(sqlite_loaded_url, "route", "Hà Nội", "Hải Phòng")
    assert code == 0 and "road / expressway" in out and "sourced" in out  # labels of the codes, in English
    code, out, _ = _run(sqlite_loaded_url, "matrix", "--from", "kcn trang due", "--to", "hubs:airport")
    assert code == 0 and out.splitlines()[0] == "origin,origin_name,destination,destination_name,duration_h"
    assert len(out.splitlines()) == 4
    scenario = tmp_path / "closed.toml"
    scenario.write_text('name = "closed"\nchanges = [{kind = "close", link = "E02"}]\n', encoding="utf-8")
    assert _run(sqlite_loaded_url, "scenario", "create", str(scenario))[0] == 0
    code, out, _ = _run(sqlite_loaded_url, "scenario", "diff", "closed", "--pair", "Hà Nội:Hải Phòng")
    assert code == 0 and json.loads(out)[0]["scenario"]["duration_h"] > open_h
    assert "closed" in _run(sqlite_loaded_url, "scenario", "list")[1]
    assert _run(sqlite_loaded_url, "scenario", "delete", "closed")[0] == 0


def test_route_alternatives_side_by_side(sqlite_loaded_url: str) -> None:
    code, out, _ = _run(
        sqlite_loaded_url, "route", "KCN Tằng Loỏng", "PT_LH34", "--profile", "multimodal", "--alternatives"
    )
    assert code == 0 and [line.split()[0] for line in out.splitlines()[3:]] == ["time", "cost", "co2"]
    code, out, _ = _run(sqlite_loaded_url, "route", "HAN", "HPG", "--alternatives", "--format", "json")
    assert code == 0 and [a["optimize"] for a in json.loads(out)["alternatives"]] == ["time", "cost", "co2"]
    code, _, err = _run(sqlite_loaded_url, "route", "HAN", "HPG", "--alternatives", "--profile", "coastal")
    assert code == 4 and err


def test_route_errors_exit_non_zero(sqlite_loaded_url: str) -> None:
    code, _, err = _run(sqlite_loaded_url, "route", "Ha Noi", "Hai Phongg")
    assert code == 3 and "close matches: Hải Phòng" in err
    code, _, err = _run(sqlite_loaded_url, "route", "Ha Noi", "Hai Phong", "--profile", "plane")
    assert code == 1 and "Unknown profile 'plane'" in err


def test_empty_matches_say_why_and_how_to_add_data(sqlite_loaded_url: str) -> None:
    code, out, err = _run(sqlite_loaded_url, "match", "--need", "khuôn ép nhựa", "--certification", "ISO 9001")
    assert code == 0 and "No supplier in the data holds ISO 9001" in err and "corridor import" in err
    code, out, err = _run(sqlite_loaded_url, "match", "--offer", "gạo tẻ", "--format", "json")
    assert code == 0 and json.loads(out)["results"] == [] and "No needs are recorded yet" in err
    code, _, err = _run(sqlite_loaded_url, "match", "--offer", "gạo tẻ", lang="vi")
    assert code == 0 and "Chưa có nhu cầu nào" in err


def test_empty_goods_and_gaps_say_why(sqlite_loaded_url: str) -> None:
    code, out, err = _run(sqlite_loaded_url, "goods")
    assert code == 0 and json.loads(out) == [] and "No goods demands are recorded yet" in err
    code, _, err = _run(sqlite_loaded_url, "gaps", "--sector", "no such sector", lang="vi")
    assert code == 0 and "Không có doanh nghiệp đầu tàu" in err
