"""`corridor kit`: the format follows the suffix, `--lang` takes the five languages (as for the other investor
commands)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from corridor.cli.main import app

runner = CliRunner()
BRIEF = str(Path(__file__).parents[2] / "docs" / "examples" / "brief.json")


def test_a_bad_suffix_or_language_is_refused_with_what_is_accepted(tmp_path: Path) -> None:
    bad_suffix = runner.invoke(app, ["--lang", "en", "kit", BRIEF, "--out", str(tmp_path / "kit.docx")])
    assert bad_suffix.exit_code == 1 and ".pdf or .html" in bad_suffix.stderr
    bad_lang = runner.invoke(app, ["kit", BRIEF, "--lang", "fr", "--out", str(tmp_path / "kit.pdf")])
    assert bad_lang.exit_code == 2 and "vi, en, ko, ja, zh" in bad_lang.stderr
    assert not list(tmp_path.iterdir())


def test_korean_is_for_the_investor_commands_only() -> None:
    refused = runner.invoke(app, ["nodes", "list", "--lang", "ko"])
    assert refused.exit_code == 2 and "vi, en" in refused.stderr and "zh" not in refused.stderr
