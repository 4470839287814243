"""Benchmark: the main GET endpoints under wrk on loopback, against Datasette on the same SQLite file.

Targets (issue: API without and with its cache): with the response cache off, every endpoint serves at least 2x
Datasette's requests per second; with it on, p99 stays under 50 ms at 200 connections. Corridor runs as
`corridor serve --workers N` (cache off with CORRIDOR_API_CACHE=0, then on) and Datasette with the same number of
SQL threads' worth of workers, one after the other on the same file; wrk (1 thread) runs on the same machine.

    python benchmarks/api.py [--seconds 10] [--connections 200] [--workers 2]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from corridor.bootstrap import init_database
from corridor.settings import Settings

BIN = Path(sys.executable).parent


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def _ms(text: str) -> float:
    match = re.match(r"([\d.]+)(us|ms|s|m)", text)
    if match is None:  # wrk prints -nan when no request completed
        return float("inf")
    value, unit = match.groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def run_wrk(url: str, seconds: int, connections: int) -> Result:
    wrk = shutil.which("wrk")
    if not wrk:
        raise SystemExit("wrk is needed (Debian package 'wrk')")
    # One wrk thread: the load generator shares the 2 cores with the servers and should take as little as it can.
    command = [wrk, "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "--latency", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"50%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"99%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Result(rps, p50, p99, errors)


def start(command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def measure(
    name: str, command: list[str], env: dict[str, str], base: str, paths: dict[str, str], args: argparse.Namespace
) -> dict[str, Result]:
    process = start(command, env)
    try:
        wait_until_up(base + next(iter(paths.values())))
        results = {}
        for label, path in paths.items():
            run_wrk(base + path, 2, args.connections)  # warm-up
            results[label] = run_wrk(base + path, args.seconds, args.connections)
            r = results[label]
            print(
                f"{name:<20} {label:<12} {r.rps:>9,.0f} req/s   p50 {r.p50_ms:>7.1f} ms   p99 {r.p99_ms:>7.1f} ms"
                f"   errors {r.errors}"
            )
        return results
    finally:
        stop(process)


def endpoints(db: Path) -> dict[str, tuple[str, str]]:
    """label -> (Corridor path, the Datasette path that serves the same records)."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        firm, node = (conn.execute(f"SELECT min(id) FROM {table}").fetchone()[0] for table in ("firms", "nodes"))
    table = "/corridor/{}.json?_size=100&_shape=objects"
    row = "/corridor/{}/{}.json?_shape=objects"
    return {
        "zone list": ("/api/v1/zones?limit=100", table.format("zones")),
        "zone detail": ("/api/v1/zones/kcn-pho-noi-a", row.format("zones", "kcn-pho-noi-a")),
        "firm list": ("/api/v1/firms?limit=100", table.format("firms")),
        "firm detail": (f"/api/v1/firms/{firm}", row.format("firms", firm)),
        "node list": ("/api/v1/nodes?limit=100", table.format("nodes")),
        "node detail": (f"/api/v1/nodes/{node}", row.format("nodes", node)),
        "indicators": ("/api/v1/indicators", table.format("indicators")),
    }


def corridor_command(db: Path, port: int, workers: int) -> list[str]:
    return [str(BIN / "corridor"), "--db", f"sqlite:///{db}", "serve", "--port", str(port), "--workers", str(workers)]


def datasette_command(db: Path, port: int, workers: int) -> list[str]:
    return [
        str(BIN / "datasette"),
        "serve",
        str(db),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--setting",
        "num_sql_threads",
        str(max(3, workers * 2)),
        # Datasette's table page also suggests facets; off, so it does the same work as ours.
        "--setting",
        "suggest_facets",
        "off",
    ]


def report(off: dict[str, Result], on: dict[str, Result], theirs: dict[str, Result]) -> bool:
    print(
        f"\n{'endpoint':<12} {'no cache':>10} {'x datasette':>11} {'target 2x':>9}   {'cached p99':>10} {'< 50 ms':>7}"
    )
    passed = True
    for label, cold in off.items():
        ratio = cold.rps / max(theirs[label].rps, 0.01)
        fast_enough, quick = ratio >= 2 and cold.errors == 0, on[label].p99_ms < 50 and on[label].errors == 0
        passed &= fast_enough and quick
        print(
            f"{label:<12} {cold.rps:>10,.0f} {ratio:>10.1f}x {_verdict(fast_enough):>9}   "
            f"{on[label].p99_ms:>7.1f} ms {_verdict(quick):>7}"
        )
    return passed


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "corridor.db"
        init_database(Settings(db_url=f"sqlite:///{db}", lang="en", user="benchmark")).store.engine.dispose()
        paths = endpoints(db)
        ours = {label: pair[0] for label, pair in paths.items()}
        print(f"{args.connections} connections, {args.seconds} s per run, {args.workers} worker processes each")
        runs = {}
        for name, cache in (("corridor (no cache)", "0"), ("corridor (cache)", "1")):
            port = free_port()
            command = corridor_command(db, port, args.workers)
            env = {**os.environ, "CORRIDOR_API_CACHE": cache}
            runs[name] = measure(name, command, env, f"http://127.0.0.1:{port}", ours, args)
        port = free_port()
        theirs = {label: pair[1] for label, pair in paths.items()}
        datasette = measure(
            "datasette",
            datasette_command(db, port, args.workers),
            dict(os.environ),
            f"http://127.0.0.1:{port}",
            theirs,
            args,
        )
    passed = report(runs["corridor (no cache)"], runs["corridor (cache)"], datasette)
    print("\nall targets met" if passed else "\nsome targets MISSED")


if __name__ == "__main__":
    main()
