"""The CLI in the reader's language: `--help` follows `--lang` and $CORRIDOR_LANG, tables show labels, not codes."""

from __future__ import annotations

import random
from pathlib import Path

import typer
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from typer.testing import CliRunner

from corridor.cli._help import help_texts
from corridor.cli._output import format_number
from corridor.cli.main import app
from tests.unit.test_i18n import PO

runner = CliRunner()
WIDE = {"COLUMNS": "250", "CORRIDOR_LANG": "vi"}


def test_help_is_vietnamese_by_default_and_english_on_request() -> None:
    vietnamese = runner.invoke(app, ["zones", "list", "--help"], env={"CORRIDOR_LANG": ""}).output
    english = runner.invoke(app, ["zones", "list", "--help", "--lang", "en"]).output
    assert "địa phương" in vietnamese and "Tùy chọn" in vietnamese and "locality" not in vietnamese
    assert "locality" in english and "Options" in english and "Tùy chọn" not in english


def test_help_follows_the_environment_language() -> None:
    assert "Lệnh" in runner.invoke(app, ["--help"], env={"CORRIDOR_LANG": "vi"}).output
    assert "Commands" in runner.invoke(app, ["--help"], env={"CORRIDOR_LANG": "en"}).output


def test_every_help_text_has_a_vietnamese_translation() -> None:
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="vi")
    texts = set(help_texts(typer.main.get_command(app)))
    assert len(texts) > 50
    assert [t for t in texts if not (catalog.get(t) and catalog[t].string)] == []


def test_list_tables_show_labels_not_codes(sqlite_loaded_url: str) -> None:
    nodes = runner.invoke(app, ["--db", sqlite_loaded_url, "nodes", "list", "--type", "border_gate"], env=WIDE).output
    zones = runner.invoke(app, ["--db", sqlite_loaded_url, "zones", "list", "--lang", "vi"], env=WIDE).output
    assert "cửa khẩu" in nodes and "border_gate" not in nodes and "đang hoạt động" in nodes
    assert "quy hoạch" in zones and " planned " not in zones and " ward " not in zones


def test_init_summary_lists_localities_in_vietnamese_order(tmp_path: Path) -> None:
    summary = runner.invoke(app, ["--db", f"sqlite:///{tmp_path / 'c.db'}", "init"], env=WIDE).output
    # By code point 'ư' (U+01B0) comes before 'ả' (U+1EA3); in the Vietnamese alphabet a comes before ư.
    assert summary.index("Hải Phòng") < summary.index("Hưng Yên") < summary.index("Lào Cai")


def test_numbers_are_written_as_babel_writes_them() -> None:
    picks = random.Random(9)
    values = [0, 1, -1, 0.005, 0.015, 2.675, -0.001, 99.995, 1234.5, 1e9, 123456789012.3456, 1e-7]
    values += [picks.uniform(-1e7, 1e7) for _ in range(2000)] + [round(picks.uniform(0, 1000), 3) for _ in range(2000)]
    for value in values:
        for lang, locale in (("vi", "vi_VN"), ("en", "en_US")):
            assert format_number(value, lang) == format_decimal(value, format="#,##0.##", locale=locale), value
