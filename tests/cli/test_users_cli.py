"""`corridor users ...` and `corridor tokens ...`: exit codes, one-time secrets, refusals that write nothing."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.bootstrap import open_app
from corridor.cli.main import app
from corridor.errors import InvalidInput, Unauthenticated
from corridor.settings import Settings

runner = CliRunner()


def _run(url: str, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", url, "--lang", "en", *args], input=stdin, env={"COLUMNS": "250"})
    return result.exit_code, result.stdout, result.stderr


def test_add_list_and_a_refused_duplicate(sqlite_loaded_url: str) -> None:
    code, out, _ = _run(
        sqlite_loaded_url, "users", "add", "Lan@Example.vn", "--role", "agency", "--scope", "locality:VN-30"
    )
    assert code == 0 and "lan@example.vn" in out
    password = re.search(r"shown once; sign in and keep it safe\): (\S+)", out)
    assert password and len(password.group(1)) >= 16
    code, out, _ = _run(sqlite_loaded_url, "users", "list")
    assert code == 0 and "agency@locality:VN-30" in out and password.group(1) not in out
    code, _, err = _run(sqlite_loaded_url, "users", "add", "lan@example.vn", "--role", "investor")
    assert code == 1 and "already exists" in err


def test_a_password_from_stdin_signs_in(sqlite_loaded_url: str) -> None:
    code, out, _ = _run(
        sqlite_loaded_url,
        "users",
        "add",
        "an@example.vn",
        "--role",
        "investor",
        "--password-stdin",
        stdin="một mật khẩu dài\n",
    )
    assert code == 0 and "shown once" not in out
    corridor = open_app(Settings(db_url=sqlite_loaded_url))
    assert corridor.accounts.sign_in("an@example.vn", "một mật khẩu dài").user.email == "an@example.vn"
    corridor.store.engine.dispose()


def test_refusals_exit_with_their_codes_and_write_nothing(sqlite_loaded_url: str) -> None:
    assert (
        _run(sqlite_loaded_url, "users", "add", "x@example.vn", "--role", "zone_manager", "--scope", "zone:none")[0]
        == 3
    )
    assert _run(sqlite_loaded_url, "users", "add", "x@example.vn", "--role", "boss")[0] == 1
    assert _run(sqlite_loaded_url, "users", "add", "not-an-address", "--role", "investor")[0] == 1
    assert _run(sqlite_loaded_url, "tokens", "revoke", "42")[0] == 3
    code, out, _ = _run(sqlite_loaded_url, "users", "list")
    assert code == 0 and "x@example.vn" not in out


def test_token_create_list_revoke(sqlite_loaded_url: str) -> None:
    _run(sqlite_loaded_url, "users", "add", "etl@example.vn", "--role", "agency", "--scope", "locality:VN-31-2025")
    code, out, _ = _run(
        sqlite_loaded_url,
        "tokens",
        "create",
        "--user",
        "etl@example.vn",
        "--action",
        "records.import",
        "--scope",
        "locality:VN-30",
        "--expires",
        "7",
    )
    assert code == 0
    secret = out.strip().splitlines()[-1]
    code, out, _ = _run(sqlite_loaded_url, "tokens", "list")
    assert code == 0 and "records.import" in out and "VN-30" in out and secret not in out
    assert _run(sqlite_loaded_url, "tokens", "revoke", "1")[0] == 0
    corridor = open_app(Settings(db_url=sqlite_loaded_url))
    assert corridor.accounts.tokens()[0].revoked_at is not None
    corridor.store.engine.dispose()
    bad = _run(
        sqlite_loaded_url,
        "tokens",
        "create",
        "--user",
        "etl@example.vn",
        "--action",
        "records.import",
        "--scope",
        "zone:x",
    )
    assert bad[0] == 1


def test_ensure_admin_prints_the_password_once(sqlite_loaded_url: str) -> None:
    code, out, _ = _run(sqlite_loaded_url, "users", "ensure-admin", "--url", "http://127.0.0.1:8000")
    assert code == 0 and "admin@localhost" in out and "http://127.0.0.1:8000/login" in out
    code, out, _ = _run(sqlite_loaded_url, "users", "ensure-admin")
    assert code == 0 and "already has an administrator" in out


def test_make_run_creates_the_first_administrator_before_serving() -> None:
    root = Path(__file__).resolve().parents[2]
    outside_make = {k: v for k, v in os.environ.items() if k not in {"MAKELEVEL", "MAKEFLAGS", "MFLAGS"}}
    plan = subprocess.run(
        ["make", "--no-print-directory", "-n", "run"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        env=outside_make,
    )
    lines = plan.stdout.splitlines()
    ensure = next(i for i, line in enumerate(lines) if "users ensure-admin --url http://127.0.0.1:8000" in line)
    assert "init" in lines[ensure - 1] and " serve " in lines[ensure + 1]


def test_unlock_lets_a_locked_account_sign_in_at_once(sqlite_loaded_url: str) -> None:
    _run(
        sqlite_loaded_url,
        "users",
        "add",
        "an@example.vn",
        "--role",
        "investor",
        "--password-stdin",
        stdin="một mật khẩu dài\n",
    )
    corridor = open_app(Settings(db_url=sqlite_loaded_url))
    for _ in range(5):
        with pytest.raises(Unauthenticated):
            corridor.accounts.sign_in("an@example.vn", "not the password")
    with pytest.raises(Unauthenticated):
        corridor.accounts.sign_in("an@example.vn", "một mật khẩu dài")
    code, out, _ = _run(sqlite_loaded_url, "users", "unlock", "An@example.vn")
    assert code == 0 and "Unlocked an@example.vn (after 6 failed sign-ins)" in out
    assert corridor.accounts.sign_in("an@example.vn", "một mật khẩu dài").user.email == "an@example.vn"
    code, _, err = _run(sqlite_loaded_url, "users", "unlock", "nobody@example.vn")
    assert code == 3 and "nobody@example.vn" in err


def test_reset_password_prints_a_link_that_works_once(sqlite_loaded_url: str) -> None:
    _run(sqlite_loaded_url, "users", "add", "an@example.vn", "--role", "investor")
    code, out, _ = _run(sqlite_loaded_url, "users", "reset-password", "an@example.vn")
    link = re.search(r"http://127\.0\.0\.1:8000/password/reset\?token=([\w-]+)", out)
    assert code == 0 and link, out
    corridor = open_app(Settings(db_url=sqlite_loaded_url))
    corridor.accounts.reset_password(link.group(1), "một mật khẩu mới", "một mật khẩu mới")
    assert corridor.accounts.sign_in("an@example.vn", "một mật khẩu mới").user.email == "an@example.vn"
    with pytest.raises(InvalidInput, match="used already"):
        corridor.accounts.reset_password(link.group(1), "lại một mật khẩu", "lại một mật khẩu")
