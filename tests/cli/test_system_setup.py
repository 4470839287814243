"""`make test` prepares the system itself and never lets the PostGIS half of the suite drop out silently."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Stand-ins for the system tools, each logging its call: chromium is "missing", PostgreSQL "stopped" until started.
STUBS = {
    "dpkg": 'echo "dpkg $*" >> "$LOG"; [ "$2" != chromium ]',
    "apt-get": 'echo "apt-get $*" >> "$LOG"',
    "pg_isready": '[ -e "$STARTED" ]',
    "pg_ctlcluster": 'echo "pg_ctlcluster $*" >> "$LOG"; touch "$STARTED"',
    "psql": 'echo "psql $*" >> "$LOG"; echo 1',
    "id": "echo 0",
}


def _stub_bin(folder: Path) -> Path:
    folder.mkdir()
    for name, body in STUBS.items():
        path = folder / name
        path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        path.chmod(0o755)
    return folder


def _setup(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = str(ROOT / "scripts" / "system_setup.sh")
    return subprocess.run(["bash", script], env=env, capture_output=True, text=True, check=False)


def test_system_setup_installs_only_what_is_missing_and_starts_postgresql(tmp_path: Path) -> None:
    stubs = _stub_bin(tmp_path / "bin")
    log = tmp_path / "log"
    env = {**os.environ, "PATH": f"{stubs}:/usr/bin:/bin", "LOG": str(log), "STARTED": str(tmp_path / "started")}
    done = _setup(env)
    assert done.returncode == 0, done.stderr
    calls = log.read_text(encoding="utf-8").splitlines()
    assert [c for c in calls if c.startswith("apt-get install")] == ["apt-get install -y -qq chromium"]
    assert "pg_ctlcluster --skip-systemctl-redirect 15 main start" in calls
    assert any("pg_available_extensions" in c and "postgis" in c for c in calls)


def test_system_setup_fails_when_postgresql_never_answers(tmp_path: Path) -> None:
    stubs = _stub_bin(tmp_path / "bin")
    (stubs / "pg_ctlcluster").write_text("#!/bin/sh\ntrue\n", encoding="utf-8")
    (stubs / "sleep").write_text("#!/bin/sh\ntrue\n", encoding="utf-8")
    (stubs / "sleep").chmod(0o755)
    env = {**os.environ, "PATH": f"{stubs}:/usr/bin:/bin", "LOG": str(tmp_path / "log"), "STARTED": "/nonexistent"}
    done = _setup(env)
    assert done.returncode != 0 and "does not answer" in done.stderr


def test_make_test_sets_up_the_system_first_and_requires_postgis() -> None:
    # Under `make test` itself (as in CI) the outer make's variables would make this one print its directory.
    outside_make = {k: v for k, v in os.environ.items() if k not in {"MAKELEVEL", "MAKEFLAGS", "MFLAGS"}}
    plan = subprocess.run(
        ["make", "--no-print-directory", "-n", "test"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=outside_make,
    ).stdout
    steps = plan.replace("\\\n", " ").splitlines()
    assert steps[0] == "scripts/system_setup.sh"
    pytest_step = next(s for s in steps if "pytest" in s)
    assert "CORRIDOR_REQUIRE_POSTGIS=1" in pytest_step


def test_ci_runs_the_readme_test_command_and_nothing_else() -> None:
    commands = [
        line
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]
    assert commands == ["make test"]
    assert "make test" in (ROOT / "README.md").read_text(encoding="utf-8")
