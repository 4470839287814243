"""`corridor sites` and `corridor match` in the investors' languages: the shortlist's table, reasons and errors, and
the matched firms' reasons, in Korean, Japanese and Chinese; every other command keeps to Vietnamese and English and
says so."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from corridor.cli.main import app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
WIDE = {"COLUMNS": "250", "CORRIDOR_LANG": ""}


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=WIDE)
    return result.exit_code, result.stdout, result.stderr


def test_sites_speaks_korean_japanese_and_chinese(sqlite_loaded_url: str) -> None:
    brief = str(EXAMPLES / "brief.json")
    code, out, _ = _run("--db", sqlite_loaded_url, "--lang", "ko", "sites", brief, "--top", "3")
    assert code == 0, out
    assert "인식된 업종" in out and "단지" in out and "Sector matched" not in out
    code, out, _ = _run("sites", brief, "--top", "3", "--db", sqlite_loaded_url, "--lang", "zh")  # after the command
    assert code == 0 and "识别出的行业" in out and "已为" in out
    code, out, _ = _run("--db", sqlite_loaded_url, "--lang", "ja", "sites", str(EXAMPLES / "brief_infeasible.json"))
    assert code == 0 and "要件を満たす工業団地はありません" in out


def test_sites_json_carries_reasons_in_the_language(sqlite_loaded_url: str) -> None:
    args = ("--db", sqlite_loaded_url, "--lang", "ja", "sites", str(EXAMPLES / "brief_infeasible.json"))
    code, out, _ = _run(*args, "--format", "json")
    ranking = json.loads(out)
    assert code == 0 and ranking["results"] == []
    assert all(z["filtered_out_reason"] for z in ranking["filtered_out"])
    assert not any(z["filtered_out_reason"].isascii() for z in ranking["filtered_out"])


def test_a_bad_brief_is_refused_in_chinese(sqlite_loaded_url: str, tmp_path: Path) -> None:
    brief = tmp_path / "brief.json"
    brief.write_text(json.dumps({"sector": "2610", "land_ha": -1}), encoding="utf-8")
    code, _, err = _run("--db", sqlite_loaded_url, "--lang", "zh", "sites", str(brief))
    assert code == 1 and "项目需求字段“land_ha”：应为大于 0 的数字" in err


def test_match_speaks_korean(sqlite_loaded_url: str) -> None:
    code, out, _ = _run("--db", sqlite_loaded_url, "--lang", "ko", "match", "--need", "정밀 사출 금형", "--top", "3")
    assert code == 0, out
    assert "기업" in out and "이유" in out and "텍스트 의미" in out and "why" not in out
    code, _, err = _run("--db", sqlite_loaded_url, "--lang", "ja", "match", "--top", "3")
    assert code == 1 and "1つだけを指定してください" in err


def test_other_commands_keep_to_vietnamese_and_english(sqlite_loaded_url: str) -> None:
    result = runner.invoke(app, ["--db", sqlite_loaded_url, "--lang", "ko", "zones", "list"], env=WIDE)
    assert result.exit_code == 2
    assert "corridor kit, match, sites" in result.output and "vi, en" in result.output
    assert "lệnh này dùng" in result.output  # said in Vietnamese and in English, the languages it speaks
    result = runner.invoke(app, ["--db", sqlite_loaded_url, "zones", "list"], env={**WIDE, "CORRIDOR_LANG": "ja"})
    assert result.exit_code == 2 and "corridor kit, match, sites" in result.output
    assert runner.invoke(app, ["--lang", "fr", "sites", "x.json"], env=WIDE).exit_code == 2


def test_sites_help_in_an_investor_language_is_english() -> None:
    result = runner.invoke(app, ["sites", "--help", "--lang", "ko"], env=WIDE)
    assert result.exit_code == 0 and "Options" in result.output and "Tùy chọn" not in result.output
