"""Benchmark: the zone list and zone detail APIs under wrk on loopback, against Datasette on the same file.

Targets (issue 4): p99 under 50 ms at 200 concurrent connections, and throughput at least Datasette's.
Both servers serve the same SQLite file with the bundled data, one after the other, each given the same
number of worker processes; wrk (1 thread, 200 connections) runs on the same machine. Corridor is also
measured with its response cache off, so the cost of a cold answer is visible.

    python benchmarks/api.py [--seconds 10] [--connections 200] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
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
                f"{name:<22} {label:<7} {r.rps:>9,.0f} req/s   p50 {r.p50_ms:>7.1f} ms   p99 {r.p99_ms:>7.1f} ms"
                f"   errors {r.errors}"
            )
        return results
    finally:
        stop(process)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "corridor.db"
        init_database(Settings(db_url=f"sqlite:///{db}", lang="en", user="benchmark")).store.engine.dispose()
        env = {**os.environ, "CORRIDOR_DB": f"sqlite:///{db}"}
        corridor_paths = {"list": "/api/v1/zones?limit=100", "detail": "/api/v1/zones/kcn-pho-noi-a"}
        datasette_paths = {
            "list": "/corridor/zones.json?_size=100&_shape=objects",
            "detail": "/corridor/zones/kcn-pho-noi-a.json?_shape=objects",
        }
        print(f"{args.connections} connections, {args.seconds} s per run, {args.workers} worker processes each")
        port = free_port()
        uvicorn = [
            str(BIN / "uvicorn"),
            "corridor.api.asgi:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
            "--no-access-log",
        ]
        ours = measure("corridor (cached)", uvicorn, env, f"http://127.0.0.1:{port}", corridor_paths, args)
        port = free_port()
        uvicorn[uvicorn.index("--port") + 1] = str(port)
        measure(
            "corridor (no cache)",
            uvicorn,
            {**env, "CORRIDOR_API_CACHE": "off"},
            f"http://127.0.0.1:{port}",
            corridor_paths,
            args,
        )
        port = free_port()
        datasette = [
            str(BIN / "datasette"),
            "serve",
            str(db),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--setting",
            "num_sql_threads",
            str(max(3, args.workers * 2)),
            # Datasette's table page also suggests facets; off, so it does the same work as ours.
            "--setting",
            "suggest_facets",
            "off",
        ]
        theirs = measure("datasette", datasette, env, f"http://127.0.0.1:{port}", datasette_paths, args)
    print()
    for label in ("list", "detail"):
        ratio = ours[label].rps / max(theirs[label].rps, 0.01)
        verdict = "ok" if ratio >= 1 and ours[label].p99_ms < 50 else "MISSED"
        print(
            f"{label}: corridor/datasette throughput = {ratio:.2f}x; corridor p99 = {ours[label].p99_ms:.1f} ms "
            f"(target < 50 ms, ratio >= 1): {verdict}"
        )


if __name__ == "__main__":
    main()
