"""Benchmark: a soak of `corridor serve` on loopback, reads and authenticated writes mixed, for ten minutes.

Goal (issue: soak benchmark): zero errors and flat memory. The script builds a scratch database with the bundled
data (SQLite in a temporary folder, or the PostgreSQL/PostGIS database named by --db, which must be a scratch one:
SYNTHETIC firms are written to it), adds an administrator and an API token, starts `corridor serve` as a
subprocess on a free loopback port and drives it with a few client threads: mostly reads (zone and firm lists with
filters and paging, details, indicators, OGC items, search, a route, the HTML home and zone pages) and, from one
writer thread, a steady trickle of small CSV imports through `POST /api/v1/import/firms` with the Bearer token
(rows named "SOAK synthetic firm N", drawn from a fixed pool so the data stays the same size) plus anonymous
import attempts, which must be refused with 401. The server's RSS (its process and any children) is sampled every
few seconds. It prints a table per minute (requests, errors, p50/p99 of reads and writes, RSS) and a summary: the
first and last minute, RSS at start, end and max, growth and slope after a warm-up minute, with verdicts. An error
is a 5xx, a connection error or timeout, any other unexpected status, or a traceback in the server's log. Exit
status 1 when a goal is missed.

    python benchmarks/soak.py [--duration-s 600] [--db postgresql+psycopg://...] [--clients 4] [--workers 1]
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent
ADMIN_EMAIL = "soak-admin@example.vn"
FIRM_HEADER = ["name", "province", "role", "vsic", "products_vi", "products_en", "hs_codes", "lat", "lon"]
SYNTHETIC_POOL = 200  # distinct synthetic firms: after the first pass imports update them instead of adding more
TRACEBACK = "Traceback (most recent call last)"


@dataclass(frozen=True)
class Sample:
    """One request: when it started (s since the load began), its kind (read, write, refused), latency, outcome."""

    at_s: float
    kind: str
    latency_ms: float
    ok: bool
    what: str = ""


@dataclass
class Run:
    samples: list[Sample] = field(default_factory=list)
    rss_mb: list[tuple[float, float]] = field(default_factory=list)  # (s since the load began, MB)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)
    started: float = 0.0
    interrupted: bool = False

    def elapsed_s(self) -> float:
        return time.monotonic() - self.started

    def record(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


# -- statistics (pure; tests/unit/test_soak_benchmark.py) ------------------------------------------------------


def percentile_ms(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered) - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def slope_per_min(points: Sequence[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, value) points, per minute; 0 with fewer than two distinct times."""
    if len(points) < 2:
        return 0.0
    mean_t = sum(t for t, _ in points) / len(points)
    mean_v = sum(v for _, v in points) / len(points)
    spread = sum((t - mean_t) ** 2 for t, _ in points)
    if spread == 0:
        return 0.0
    return 60 * sum((t - mean_t) * (v - mean_v) for t, v in points) / spread


def tracebacks_in(log_text: str) -> list[str]:
    """Each traceback in a server log, from its first line to the exception line."""
    found = []
    lines = log_text.splitlines()
    for index, line in enumerate(lines):
        if TRACEBACK in line:
            end = index + 1
            while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
                end += 1
            found.append("\n".join(lines[index : end + 1]))
    return found


def memory_growth(rss_mb: Sequence[tuple[float, float]], warmup_s: float) -> tuple[float, float, float]:
    """(MB at the end of warm-up, growth in MB from then to the end, slope in MB/min after warm-up)."""
    after = [(t, mb) for t, mb in rss_mb if t >= warmup_s] or list(rss_mb[-1:])
    if not after:
        return float("nan"), float("nan"), float("nan")
    return after[0][1], after[-1][1] - after[0][1], slope_per_min(after)


# -- the server --------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def prepare_database(db_url: str) -> str:
    """Schema, reference data and bundled dataset; an administrator with an import token. Returns the token."""
    from corridor.accounts import Grant
    from corridor.bootstrap import init_database
    from corridor.settings import Settings

    app = init_database(Settings(db_url=db_url, lang="en", user="soak-benchmark"))
    try:
        email = ADMIN_EMAIL if not app.accounts.users() else f"soak-admin-{int(time.time())}@example.vn"
        app.accounts.add_user(email, [Grant("admin", "*")], "soak-benchmark", password="soak benchmark password")
        return app.accounts.create_token(email, ["records.import"], [], 1, "soak-benchmark", name="soak").secret
    finally:
        app.store.engine.dispose()


@contextmanager
def serving(db_url: str, port: int, workers: int, log_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`corridor serve` as users run it, its output into `log_path`; stopped (the whole group) on the way out."""
    command = [str(BIN / "corridor"), "--db", db_url, "serve", "--port", str(port), "--workers", str(workers)]
    with log_path.open("wb") as log:
        # Its own session: Ctrl-C reaches this script only, which then stops the server itself.
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield process
        finally:
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout_s: float = 180) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with status {process.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {timeout_s:.0f} s")


def rss_mb_of_tree(pid: int) -> float:
    """Resident memory of a process and all its descendants (uvicorn workers), MB, from /proc."""
    return sum(_vm_rss_kb(one) for one in _process_tree(pid)) / 1024


def _process_tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # it ended meanwhile
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])  # after "pid (comm) state": the parent's ID
            children.setdefault(parent, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def _vm_rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0  # gone, or a kernel thread


def sample_memory(run: Run, pid: int, every_s: float) -> None:
    while not run.stop.is_set():
        mb = rss_mb_of_tree(pid)
        with run.lock:
            run.rss_mb.append((run.elapsed_s(), mb))
        run.stop.wait(every_s)


# -- the load ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Targets:
    """Real IDs and names in the scratch database, so reads ask for things that exist."""

    zones: list[str]
    firms: list[str]
    words: list[str]
    provinces: list[str]
    routes: list[dict[str, str]]


def _working_routes(client: httpx.Client, zones: Sequence[str], ports: Sequence[str]) -> list[dict[str, str]]:
    """Zone-to-seaport pairs that have a truck route (a 422 'no route' is a right answer, but not this load)."""
    candidates = [{"from": zone, "to": port} for zone in zones[:8] for port in ports[:3]]
    found = [pair for pair in candidates if client.get("/api/v1/route", params=pair).status_code == 200]
    return found or [{"from": "Hà Nội", "to": "Hải Phòng"}]


def discover_targets(base: str) -> Targets:
    with httpx.Client(base_url=base, timeout=60) as client:
        zones = client.get("/api/v1/zones", params={"limit": 500}).raise_for_status().json()["items"]
        firms = client.get("/api/v1/firms", params={"limit": 500}).raise_for_status().json()["items"]
        ports = client.get("/api/v1/nodes", params={"type": "seaport"}).raise_for_status().json()["items"]
        words = sorted({word for zone in zones for word in zone["name"].split()[1:2] if len(word) > 2})
        provinces = sorted({zone["province"]["name"] for zone in zones if zone.get("province")})
        return Targets(
            [z["id"] for z in zones],
            [f["id"] for f in firms],
            words or ["Hải"],
            provinces or ["Hải Phòng"],
            _working_routes(client, [z["id"] for z in zones], [p["id"] for p in ports]),
        )


def read_requests(targets: Targets, pick: random.Random) -> list[tuple[int, str, Callable[[], dict[str, object]]]]:
    """(weight, label, query parameters maker) per read; the path is in the label."""
    return [
        (4, "/api/v1/zones", lambda: {"limit": 20, "offset": 20 * pick.randrange(5)}),
        (2, "/api/v1/zones", lambda: {"province": pick.choice(targets.provinces), "type": "KCN", "limit": 50}),
        (4, "/api/v1/zones/{zone}", dict),
        (3, "/api/v1/firms", lambda: {"limit": 50, "offset": 50 * pick.randrange(4), "sort": "name"}),
        (1, "/api/v1/firms", lambda: {"role": "lead_firm", "q": pick.choice(targets.words)}),
        (3, "/api/v1/firms/{firm}", dict),
        (2, "/api/v1/indicators", dict),
        (2, "/ogc/collections/zones/items", lambda: {"limit": 10, "offset": 10 * pick.randrange(10)}),
        (1, "/ogc/collections/zones/items/{zone}", dict),
        (2, "/api/v1/search", lambda: {"q": pick.choice(targets.words)}),
        (1, "/api/v1/route", lambda: dict(pick.choice(targets.routes))),
        (1, "/", lambda: {"lang": pick.choice(["vi", "en"])}),
        (1, "/zones/{zone}", lambda: {"lang": pick.choice(["vi", "en"])}),
    ]


def read_worker(run: Run, base: str, targets: Targets, seed: int, deadline_s: float) -> None:
    pick = random.Random(seed)
    requests = read_requests(targets, pick)
    weights = [weight for weight, _, _ in requests]
    with httpx.Client(base_url=base, timeout=30) as client:
        while not run.stop.is_set() and run.elapsed_s() < deadline_s:
            _, label, params = pick.choices(requests, weights)[0]
            path = label.format(zone=pick.choice(targets.zones), firm=pick.choice(targets.firms))
            timed(run, "read", label, 200, partial(client.get, path, params=params()))  # type: ignore[arg-type]


def timed(run: Run, kind: str, label: str, expected: int, send: Callable[[], httpx.Response]) -> None:
    at_s, start = run.elapsed_s(), time.perf_counter()
    try:
        status = send().status_code
        ok, what = status == expected, f"{label}: {status}"
    except httpx.HTTPError as error:
        ok, what = False, f"{label}: {type(error).__name__} {error}"
    run.record(Sample(at_s, kind, (time.perf_counter() - start) * 1000, ok, "" if ok else what))


def synthetic_firms_csv(counter: int, rows: int, batch: int) -> bytes:
    """`rows` SYNTHETIC firms, never real data: named 'SOAK synthetic firm N', from a fixed pool."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIRM_HEADER, lineterminator="\n")
    writer.writeheader()
    for n in range(counter, counter + rows):
        writer.writerow(
            {
                "name": f"SOAK synthetic firm {n % SYNTHETIC_POOL}",
                "province": "Hải Phòng",
                "role": "supplier",
                "vsic": "2592",
                "products_vi": f"sản phẩm tổng hợp, lô {batch}",
                "products_en": f"synthetic product, batch {batch}",
                "hs_codes": "8480",
                "lat": "20.85",
                "lon": "106.6",
            }
        )
    return buffer.getvalue().encode()


def write_worker(run: Run, base: str, token: str, every_s: float, seed: int, deadline_s: float) -> None:
    """One authenticated import of 1-5 synthetic firms every `every_s`; an anonymous attempt every fourth time."""
    pick, counter, batch = random.Random(seed), 0, 0
    signed = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, timeout=60) as client:
        while not run.stop.is_set() and run.elapsed_s() < deadline_s:
            rows, batch = pick.randint(1, 5), batch + 1
            body = {"file": ("soak.csv", synthetic_firms_csv(counter, rows, batch), "text/csv")}
            counter += rows
            url = "/api/v1/import/firms"
            timed(run, "write", "import (token)", 200, partial(client.post, url, files=body, headers=signed))
            if batch % 4 == 0:
                timed(run, "refused", "import (anonymous)", 401, partial(client.post, url, files=body))
            run.stop.wait(every_s)


# -- the report --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    start_s: float
    requests: int
    errors: int
    read_p50_ms: float
    read_p99_ms: float
    write_p50_ms: float
    write_p99_ms: float
    rss_mb: float


def window_of(run: Run, start_s: float, end_s: float) -> Window:
    inside = [s for s in run.samples if start_s <= s.at_s < end_s]
    reads = [s.latency_ms for s in inside if s.kind == "read"]
    writes = [s.latency_ms for s in inside if s.kind == "write"]
    rss = [mb for t, mb in run.rss_mb if t < end_s]
    return Window(
        start_s,
        len(inside),
        sum(not s.ok for s in inside),
        percentile_ms(reads, 0.5),
        percentile_ms(reads, 0.99),
        percentile_ms(writes, 0.5),
        percentile_ms(writes, 0.99),
        rss[-1] if rss else float("nan"),
    )


def print_table(windows: Sequence[Window], window_s: float) -> None:
    print(
        f"\n{'minute':>6} {'requests':>8} {'errors':>6} {'read p50':>9} {'read p99':>9} "
        f"{'write p50':>9} {'write p99':>9} {'RSS MB':>7}"
    )
    for w in windows:
        print(
            f"{w.start_s / window_s + 1:>6.0f} {w.requests:>8} {w.errors:>6} {w.read_p50_ms:>9.1f} "
            f"{w.read_p99_ms:>9.1f} {w.write_p50_ms:>9.1f} {w.write_p99_ms:>9.1f} {w.rss_mb:>7.1f}"
        )


def report(run: Run, log_text: str, args: argparse.Namespace, ran_s: float) -> bool:
    window_s = min(60.0, ran_s)
    windows = [window_of(run, start, start + window_s) for start in _starts(ran_s, window_s)]
    print_table(windows, window_s)
    errors = [s for s in run.samples if not s.ok]
    tracebacks = tracebacks_in(log_text)
    kinds = {kind: sum(s.kind == kind for s in run.samples) for kind in ("read", "write", "refused")}
    print(
        f"\n{len(run.samples)} requests in {ran_s:.0f} s ({len(run.samples) / max(ran_s, 1):.1f}/s): "
        f"{kinds['read']} reads, {kinds['write']} token imports, {kinds['refused']} anonymous imports refused"
    )
    for name, w in (("first minute", windows[0]), ("last minute", windows[-1])):
        print(
            f"{name:<12}: {w.requests} requests, {w.errors} errors, reads p50 {w.read_p50_ms:.1f} / "
            f"p99 {w.read_p99_ms:.1f} ms, writes p50 {w.write_p50_ms:.1f} / p99 {w.write_p99_ms:.1f} ms"
        )
    return _verdicts(run, errors, tracebacks, args)


def _starts(ran_s: float, window_s: float) -> list[float]:
    count = max(1, int(ran_s // window_s))
    return [i * window_s for i in range(count)]


def _verdicts(run: Run, errors: Sequence[Sample], tracebacks: Sequence[str], args: argparse.Namespace) -> bool:
    mbs = [mb for _, mb in run.rss_mb]
    warm_mb, growth_mb, slope = memory_growth(run.rss_mb, args.warmup_s)
    limit_mb = max(args.max_growth_mb, warm_mb * args.max_growth_pct / 100)
    print(
        f"server RSS: start {mbs[0]:.1f} MB, end {mbs[-1]:.1f} MB, max {max(mbs):.1f} MB; after the "
        f"{args.warmup_s:.0f} s warm-up {warm_mb:.1f} MB -> {growth_mb:+.1f} MB, slope {slope:+.2f} MB/min "
        f"({len(mbs)} samples)"
    )
    for what, count in Counter(sample.what for sample in errors).most_common(10):
        first_s = min(sample.at_s for sample in errors if sample.what == what)
        print(f"  error x{count} (first at {first_s:.1f} s): {what}")
    for text in tracebacks[:3]:
        print("  traceback in the server log:\n    " + text.replace("\n", "\n    "))
    no_errors, flat = not errors and not tracebacks, growth_mb < limit_mb
    print(f"errors: {len(errors)} requests, {len(tracebacks)} tracebacks in the log   {_verdict(no_errors)}")
    print(f"memory growth after warm-up {growth_mb:+.1f} MB (limit {limit_mb:.1f} MB)   {_verdict(flat)}")
    return no_errors and flat


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


# -- main --------------------------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration-s", type=float, default=600)
    parser.add_argument("--db", default="", help="a scratch PostgreSQL URL (default: SQLite in a temporary folder)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent reading clients")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    parser.add_argument("--write-every-s", type=float, default=1.0, help="pause between authenticated imports")
    parser.add_argument("--sample-every-s", type=float, default=5.0, help="RSS sampling period")
    parser.add_argument("--warmup-s", type=float, default=None, help="default: 60 s, or a quarter of a short run")
    parser.add_argument("--max-growth-mb", type=float, default=20.0, help="memory growth allowed after warm-up")
    parser.add_argument("--max-growth-pct", type=float, default=10.0, help="... or this share of it, if larger")
    args = parser.parse_args()
    if args.warmup_s is None:
        args.warmup_s = min(60.0, args.duration_s / 4)
    return args


def drive(run: Run, base: str, token: str, process: subprocess.Popen[bytes], args: argparse.Namespace) -> float:
    """Run the load for the duration (or until Ctrl-C); returns the seconds it ran."""
    targets = discover_targets(base)
    run.started = time.monotonic()
    threads = [threading.Thread(target=sample_memory, args=(run, process.pid, args.sample_every_s), daemon=True)]
    threads += [
        threading.Thread(target=read_worker, args=(run, base, targets, seed, args.duration_s), daemon=True)
        for seed in range(args.clients)
    ]
    writer = (run, base, token, args.write_every_s, 1000, args.duration_s)
    threads.append(threading.Thread(target=write_worker, args=writer, daemon=True))
    for thread in threads:
        thread.start()
    try:
        while run.elapsed_s() < args.duration_s and process.poll() is None:
            run.stop.wait(1)
    except KeyboardInterrupt:
        print("\ninterrupted: stopping the load and the server", file=sys.stderr)
        run.interrupted = True
    finally:
        run.stop.set()
        for thread in threads:
            thread.join(timeout=70)
    if process.poll() is not None:
        run.record(Sample(run.elapsed_s(), "read", 0, False, f"the server exited with status {process.returncode}"))
    return run.elapsed_s()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    args = parse_args()
    # Ctrl-C, and SIGTERM from whatever runs this, end the load cleanly: the server stops, the scratch folder goes,
    # and what ran is reported. Set explicitly: a shell without job control starts background jobs with SIGINT off.
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, _interrupt)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="corridor-soak-") as tmp:
        db_url = args.db or f"sqlite:///{Path(tmp) / 'corridor.db'}"
        token = prepare_database(db_url)
        port, log_path, run = free_port(), Path(tmp) / "server.log", Run()
        base = f"http://127.0.0.1:{port}"
        with serving(db_url, port, args.workers, log_path) as process:
            wait_until_up(base + "/api/v1/zones?limit=1", process)
            print(
                f"soak: {args.duration_s:.0f} s, {args.clients} reading clients + 1 writer, server pid {process.pid} "
                f"({args.workers} worker(s)), {'PostgreSQL' if args.db else 'SQLite'}; load average "
                f"{load_before[0]:.1f} on {os.cpu_count()} CPUs",
                flush=True,
            )
            ran_s = drive(run, base, token, process, args)
        passed = report(run, log_path.read_text(errors="replace"), args, ran_s)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    if run.interrupted:
        print(f"\ninterrupted after {ran_s:.0f} of {args.duration_s:.0f} s: no verdict on the whole run")
        sys.exit(130)
    print("\nall goals met" if passed else "\nsome goals MISSED")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
