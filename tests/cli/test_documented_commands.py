"""Every `corridor …` command in the README's "Using it" block and in docs/cli.md runs as written.

The commands of each file run in order (later ones use what earlier ones imported) on a scratch copy of the
bundled data, from a scratch folder that sees the repository's `docs/`, so written files land there. Only what
must change is substituted: the PostgreSQL URL (a scratch database on the test server) and the port `serve`
listens on. A command whose comment says `# refused: exit N` must exit N and say why on standard error.
"""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app
from tests.conftest import Backend

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
CLI_DOC = ROOT / "docs" / "cli.md"
POSTGRES_IN_DOCS = "postgresql://postgres@127.0.0.1/corridor"
REFUSED = re.compile(r"#\s*refused: exit (\d+)")


@dataclass(frozen=True)
class Documented:
    where: str  # file:line, for the failure message
    argv: tuple[str, ...]  # the words after `corridor`
    stdout_to: str | None  # the file after `>`, if any
    refused_exit: int | None  # the exit code of a refused-input example

    def __str__(self) -> str:
        return f"{self.where}: corridor {shlex.join(self.argv)}"


def _sh_blocks(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line number, line) of every line inside ```sh fences."""
    lines, inside = [], False
    for number, line in enumerate(text.splitlines(), start=first_line):
        if line.startswith("```"):
            inside = line.strip() == "```sh" and not inside
        elif inside:
            lines.append((number, line))
    return lines


def _readme_using_it() -> list[tuple[int, str]]:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Using it")
    end = text.index("\n## ", start + 1)
    return _sh_blocks(text[start:end], first_line=text[:start].count("\n") + 1)


def _split(number: int, line: str, name: str) -> list[Documented]:
    """The commands of one shell line: `a; b` is two, `a > file` sends a's output to file."""
    refused = REFUSED.search(line)
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";>")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    found: list[Documented] = []
    for words in " ".join(shlex.quote(w) if w not in {";", ">"} else w for w in lexer).split(" ; "):
        command, _, target = words.partition(" > ")
        argv = shlex.split(command)
        if argv and argv[0] == "corridor":
            code = int(refused.group(1)) if refused else None
            found.append(Documented(f"{name}:{number}", tuple(argv[1:]), target.strip() or None, code))
    return found


def documented(lines: list[tuple[int, str]], name: str) -> list[Documented]:
    return [command for number, line in lines for command in _split(number, line, name)]


def _needs_server(command: Documented) -> bool:
    return command.argv[0] == "serve"


def _on_postgres(command: Documented) -> bool:
    return any("postgresql://" in word for word in command.argv)


DOCS = {
    "README.md": documented(_readme_using_it(), "README.md"),
    "cli.md": documented(_sh_blocks(CLI_DOC.read_text()), "cli.md"),
}


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder that sees the repository's docs/ (examples) and keeps what commands write."""
    (tmp_path / "docs").symlink_to(ROOT / "docs")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(command: Documented, env: dict[str, str], folder: Path, argv: tuple[str, ...] | None = None) -> str:
    """Run one command in-process; '' when it behaved as documented, else what went wrong."""
    result = CliRunner().invoke(app, list(argv or command.argv), env=env)
    if command.refused_exit is not None:
        if result.exit_code == command.refused_exit and result.stderr.strip():
            return ""
        return f"{command}: expected refusal with exit {command.refused_exit}, got {result.exit_code}"
    if result.exit_code != 0:
        return f"{command}: exit {result.exit_code}\n{result.stderr}{result.exception or ''}"
    if command.stdout_to:
        (folder / command.stdout_to).write_text(result.stdout, encoding="utf-8")
    return ""


def _env(url: str, folder: Path) -> dict[str, str]:
    return {"CORRIDOR_DB": url, "CORRIDOR_CACHE_DIR": str(folder / "cache"), "COLUMNS": "200"}


def test_the_docs_hold_the_commands_the_issue_names() -> None:
    readme = [" ".join(c.argv[:2]) for c in DOCS["README.md"]]
    assert {"init --db", "import docs/examples/firms.csv", "db upgrade", "goods"} <= set(readme), readme
    assert len(DOCS["cli.md"]) > 30
    assert [c for c in DOCS["cli.md"] if c.refused_exit is not None]


@pytest.mark.parametrize("doc", sorted(DOCS))
def test_every_documented_command_runs_as_written(doc: str, sqlite_loaded_url: str, scratch: Path) -> None:
    commands = [c for c in DOCS[doc] if not _needs_server(c) and not _on_postgres(c)]
    failures = [problem for c in commands if (problem := _run(c, _env(sqlite_loaded_url, scratch), scratch))]
    assert not failures, "\n\n".join(failures)
    assert (scratch / "zone_hubs.csv").exists() or doc != "README.md"


@pytest.mark.postgis
def test_documented_postgresql_commands_run_on_a_scratch_database(postgis_backend: Backend, scratch: Path) -> None:
    commands = [c for c in DOCS["README.md"] + DOCS["cli.md"] if _on_postgres(c)]
    assert commands
    url = postgis_backend.databases.create("documented")
    for command in commands:
        argv = tuple(url if w == POSTGRES_IN_DOCS else w for w in command.argv)
        assert _run(command, _env("sqlite:///unused.db", scratch), scratch, argv) == ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serves_home_page(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return bool(response.status == 200 and b"<html" in response.read().lower())
        except OSError:
            time.sleep(0.3)
    return False


@pytest.mark.parametrize("command", [c for cs in DOCS.values() for c in cs if _needs_server(c)], ids=str)
def test_documented_serve_commands_serve_the_portal(command: Documented, sqlite_loaded_url: str) -> None:
    port = str(_free_port())
    argv = list(command.argv)
    argv[argv.index("--port") + 1] = port
    env = {**os.environ, "CORRIDOR_DB": sqlite_loaded_url, "PYTHONPATH": str(ROOT / "src")}
    script = "from corridor.cli.main import app; app()"
    process = subprocess.Popen([sys.executable, "-c", script, *argv], env=env, stdout=subprocess.DEVNULL)
    try:
        assert _serves_home_page(f"http://127.0.0.1:{port}/", process), f"{command} did not serve the home page"
    finally:
        process.terminate()
        process.wait(timeout=30)
