"""How fast the command line starts: `corridor --help` and `corridor zones list` on the bundled data (SQLite).

Each command runs RUNS times as a fresh process (as a person or a script runs it); the medians are printed with
two baselines measured in the same run: the bare interpreter (`python -c pass`) and importing, eagerly, what the
CLI used to import on every call (Alembic, FastAPI, SciPy, the freight network and the text encoder).
Targets: `--help` under 0.3 s, `zones list` under 0.6 s (median wall time).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 10
TARGETS_S = {"corridor --help": 0.3, "corridor zones list": 0.6}
CORRIDOR = [sys.executable, "-c", "import sys; from corridor.cli.main import app; sys.exit(app())"]
EAGER = (
    "import alembic.command, fastapi, scipy.optimize, sqlalchemy, corridor.logistics, corridor.matching.encoder, "
    "corridor.matching.service, corridor.cli.main"
)


def median_s(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of the process: on a busy machine the wall time
    includes waiting for a CPU, the CPU time does not."""
    subprocess.run(argv, env=env, capture_output=True, check=True)  # warm the file cache and .pyc files
    walls, cpus = [], []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, env=env, capture_output=True, check=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def loaded_database(folder: Path) -> str:
    from corridor.bootstrap import init_database
    from corridor.settings import Settings

    url = f"sqlite:///{folder / 'corridor.db'}"
    init_database(Settings(db_url=url, lang="en", user="benchmark")).store.engine.dispose()
    return url


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = loaded_database(Path(folder))
        # The warm-up run writes the .pyc files, as any first run does; an environment that forbids writing them
        # (PYTHONDONTWRITEBYTECODE, set on some build machines) would time compiling our sources on every call.
        env = {**os.environ, "CORRIDOR_DB": url, "COLUMNS": "200"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        measured = {
            "python -c pass (interpreter)": median_s([sys.executable, "-c", "pass"], env),
            "eager imports (the old start-up)": median_s([sys.executable, "-c", EAGER], env),
            "corridor --help": median_s([*CORRIDOR, "--help"], env),
            "corridor zones list": median_s([*CORRIDOR, "zones", "list"], env),
        }
    load = os.getloadavg()[0]
    print(f"CLI start-up, medians of {RUNS} fresh processes ({os.cpu_count()} CPUs, load average {load:.1f})")
    eager = measured["eager imports (the old start-up)"][0]
    for name, (wall, cpu) in measured.items():
        target = TARGETS_S.get(name)
        verdict = "" if target is None else f"  target < {target:.1f} s: {'PASS' if wall < target else 'FAIL'}"
        print(f"  {name:<34} wall {wall:6.3f} s  cpu {cpu:6.3f} s  ({eager / wall:4.1f}x eager){verdict}")


if __name__ == "__main__":
    main()
