"""Benchmark: the sub-regional report on the bundled data, and the two PDF engines on the same document.

Target (issue 14): the full PDF, supply gaps included, in under 10 s on this machine. Prints, in one run:
- `corridor report --out report.pdf` as a user runs it (a new process: start-up, imports, model, everything),
  median of --runs, and with --before-src the same command from the code before, runs alternating;
- the time of each stage in this process (open, freight network, supply gaps with the text model, build the
  document: indicators, charts, maps, routes; render);
- the two changes of ADR 0021 against the path before them, in this process, on the same data, with a check that
  the answers are identical: supply gaps encoded ahead in one batch (against each need encoded when ranked, both
  with a fresh encoder), and the one-to-many search that stops once its hubs are settled (against the full search);
- typst (the engine `render_pdf` uses) against WeasyPrint on the very same document (ADR 0016): render time,
  PDF size, pages and fonts embedded, and the ratio (skip with --no-weasyprint).

The text engine's waiting threads sleep unless OMP_WAIT_POLICY says otherwise (corridor.matching.encoder); run
once with OMP_WAIT_POLICY=ACTIVE to measure the spinning threads of before.

    python benchmarks/report.py [--runs 3] [--lang vi] [--db sqlite:///path] [--no-weasyprint] [--before-src DIR]

where DIR is the code before a change, e.g. `git archive d3b3ef2 src | tar -x -C /tmp/before` -> /tmp/before/src.
"""

from __future__ import annotations

import argparse
import heapq
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest.mock import patch

from corridor.bootstrap import init_database, open_app
from corridor.documents import render_html, render_pdf
from corridor.logistics.graph import Reached, RoutingGraph
from corridor.matching import gaps as gaps_module
from corridor.matching.encoder import E5Encoder
from corridor.matching.gaps import find_gaps
from corridor.matching.glossary import to_other_language
from corridor.matching.service import MatchingService
from corridor.reports.report import build_report
from corridor.settings import Settings

CORRIDOR = [sys.executable, "-c", "import sys; from corridor.cli.main import app; sys.exit(app())"]
CPU_SECONDS: dict[int, float] = {}  # id of a timed call's result -> its CPU seconds (this process, all threads)


def timed(function: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """(median wall seconds, the last result); the median CPU seconds go to CPU_SECONDS[id(result)]."""
    times, cpu, result = [], [], None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = function()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    CPU_SECONDS[id(result)] = statistics.median(cpu)
    return statistics.median(times), result


def cpu_of(result: Any) -> float:
    return CPU_SECONDS.get(id(result), float("nan"))


def both(wall_s: float, result: Any) -> str:
    """'1.23 s (0.98 s cpu)': wall time moves with what else the machine runs; CPU time is the work itself."""
    return f"{wall_s:5.2f} s ({cpu_of(result):.2f} s cpu)"


def pdf_facts(pdf: bytes) -> tuple[int, int, bool]:
    """(pages, fonts, all fonts embedded) read back with poppler."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True, check=True).stdout
        fonts = subprocess.run(["pdffonts", handle.name], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    rows = fonts.splitlines()[2:]
    return pages, len(rows), all(row.split()[-5] == "yes" for row in rows)


def command_s(db: str, lang: str, out: Path, source: str | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one `corridor report --out report.pdf`; `source`: the src folder
    to run it from (default: this interpreter's path), without writing bytecode there."""
    argv = [*CORRIDOR, "--db", db, "--lang", lang, "report", "--out", str(out)]
    env = {**os.environ, **({"PYTHONPATH": source, "PYTHONDONTWRITEBYTECODE": "1"} if source else {})}
    before = os.times()
    start = time.perf_counter()
    subprocess.run(argv, capture_output=True, check=True, env=env)
    wall = time.perf_counter() - start
    after = os.times()
    return wall, after.children_user + after.children_system - before.children_user - before.children_system


def commands(db: str, lang: str, tmp: str, runs: int, before_src: str | None) -> None:
    """The command itself, median of runs; with --before-src, runs of the source before alternate with these."""
    now: list[tuple[float, float]] = []
    then: list[tuple[float, float]] = []
    for _ in range(runs):
        now.append(command_s(db, lang, Path(tmp, "command.pdf")))
        if before_src:
            then.append(command_s(db, lang, Path(tmp, "before.pdf"), before_src))
    wall, cpu = statistics.median(w for w, _ in now), statistics.median(c for _, c in now)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"  corridor report --out report.pdf (new process), median of {runs}: {wall:.2f} s wall, {cpu:.2f} s cpu "
          f"(load average {load} on {os.cpu_count()} CPUs)")  # fmt: skip
    if then:
        old_wall, old_cpu = statistics.median(w for w, _ in then), statistics.median(c for _, c in then)
        print(f"  the same command from {before_src}, runs alternating: {old_wall:.2f} s wall, {old_cpu:.2f} s cpu: "
              f"{old_wall / wall:.1f}x the wall time, {old_cpu / cpu:.1f}x the CPU time")  # fmt: skip
    verdict = "met" if wall < 10 else ("met in CPU time" if cpu < 10 else "MISSED")
    print(f"  target: full PDF < 10 s: {verdict}")


def reach_before(graph: RoutingGraph, origin: str, destinations: list[str], objective: str) -> dict[str, Reached]:
    """The one-to-many search as it was before ADR 0021: a Reached per relaxation, the whole graph searched."""
    if not graph.reaches(origin):
        return {}
    adjacency = graph._adjacency()  # noqa: SLF001 - the path before, measured against the one that replaced it
    start = graph._vertices[(origin, "depart")]  # noqa: SLF001
    best: dict[int, Reached] = {start: Reached(0.0, 0.0, False)}
    queue: list[tuple[float, int]] = [(0.0, start)]
    while queue:
        value, vertex = heapq.heappop(queue)
        if value > best[vertex].value:
            continue
        for head, arc in adjacency.get(vertex, []):
            known = best[vertex]
            found = Reached(
                value + arc.value(objective),
                known.distance_km + arc.distance_km,
                known.estimated or (arc.link is not None and arc.link.length_basis == "estimated"),
            )
            if head not in best or found.value < best[head].value:
                best[head] = found
                heapq.heappush(queue, (found.value, head))
    ends = {d: graph._vertices.get((d, "arrive")) for d in destinations}  # noqa: SLF001
    return {d: best[v] for d, v in ends.items() if v is not None and v in best}


def gaps_with_fresh_encoder(app: Any, *, ahead: bool) -> list[dict[str, Any]]:
    """find_gaps with a new encoder (nothing kept), encoding ahead or each need when it is ranked (before)."""
    to_other_language.cache_clear()
    service = MatchingService(app.registry, E5Encoder(), app.logistics())
    if ahead:
        return [gap.as_dict() for gap in find_gaps(service)]
    with patch.object(gaps_module, "encode_ahead", lambda *_args: None):
        return [gap.as_dict() for gap in find_gaps(service)]


def compare_paths(app: Any, first_gaps: list[dict[str, Any]]) -> None:
    new_s, new = timed(lambda: gaps_with_fresh_encoder(app, ahead=True), 1)
    old_s, old = timed(lambda: gaps_with_fresh_encoder(app, ahead=False), 1)
    same = new == old == first_gaps
    print("the changes against the path before them, this process, the same data:")
    print(f"  supply gaps, fresh encoder: in one batch {both(new_s, new)}, one need at a time {both(old_s, old)}: "
          f"{old_s / new_s:.1f}x; {len(new)} gaps, identical: {same}")  # fmt: skip
    logistics = app.logistics()
    zones = [n.id for n in logistics.base.nodes.values() if n.kind == "zone" and n.located]
    hubs = logistics.hub_ids()
    graph = logistics.graph("truck", logistics._settings(None, None, None)[0], None, logistics.params.default_cargo_t)  # noqa: SLF001
    new_s, new_hubs = timed(lambda: [graph.reach(z, hubs, "time") for z in zones], 1)
    old_s, old_hubs = timed(lambda: [reach_before(graph, z, hubs, "time") for z in zones], 1)
    print(f"  nearest hubs of {len(zones)} zones: {both(new_s, new_hubs)}, before {both(old_s, old_hubs)}: "
          f"{old_s / new_s:.1f}x; identical: {new_hubs == old_hubs}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", default="vi")
    parser.add_argument("--db", default=None)
    parser.add_argument("--no-weasyprint", action="store_true", help="skip the engine comparison (ADR 0016)")
    parser.add_argument("--before-src", help="a src folder of the code before (git archive COMMIT src | tar -x)")
    args = parser.parse_args()
    policy = os.environ.get("OMP_WAIT_POLICY", "PASSIVE (set by corridor.matching.encoder)")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or f"sqlite:///{tmp}/bench.db"
        if args.db is None:
            init_database(Settings(db_url=db, lang=args.lang))
        print(f"report ({args.lang}), bundled data, OpenMP wait policy of the text engine: {policy}")
        commands(db, args.lang, tmp, args.runs, args.before_src)
        whole_start, whole_cpu_start = time.perf_counter(), time.process_time()
        app = open_app(Settings(db_url=db, lang=args.lang))
        network_s, network = timed(app.logistics, 1)
        gaps_s, gaps = timed(lambda: find_gaps(app.matching()), 1)
        first_build_s, first_document = timed(lambda: build_report(app, lang=args.lang, gaps=gaps), 1)
        first_pdf_s, first_pdf = timed(lambda: render_pdf(first_document), 1)
        whole_s, whole_cpu = time.perf_counter() - whole_start, time.process_time() - whole_cpu_start
        print("first run in this process (imports done):")
        print(f"  open the database, build the freight network           {both(network_s, network)}")
        print(f"  supply gaps (text model loaded)                        {both(gaps_s, gaps)}")
        print(f"  build the document (indicators, charts, maps, routes)  {both(first_build_s, first_document)}")
        print(f"  render the PDF (typst)                                 {both(first_pdf_s, first_pdf)}")
        print(f"  whole, open -> PDF bytes                               {whole_s:5.2f} s ({whole_cpu:.2f} s cpu)")
        compare_paths(app, [gap.as_dict() for gap in gaps])
        build_s, document = timed(lambda: build_report(app, lang=args.lang, gaps=gaps), args.runs)
        html_s, html = timed(lambda: render_html(document), args.runs)
        typst_s, pdf = timed(lambda: render_pdf(document), args.runs)
        print(f"warm, median of {args.runs}: build {both(build_s, document)}, HTML {both(html_s, html)} "
              f"({len(html) / 1e6:.1f} MB), PDF {both(typst_s, pdf)}")  # fmt: skip
        if not args.no_weasyprint:
            compare_engines(document, pdf, typst_s, args.runs)


def compare_engines(document: Any, pdf: bytes, typst_s: float, runs: int) -> None:
    from corridor.documents.weasy_pdf import render_pdf_weasyprint

    weasy_s, weasy_pdf = timed(lambda: render_pdf_weasyprint(document), runs)
    typst_pages, typst_fonts, typst_embedded = pdf_facts(pdf)
    weasy_pages, weasy_fonts, weasy_embedded = pdf_facts(weasy_pdf)
    print("PDF engines on the same document (median of runs):")
    print(f"  typst       {typst_s:6.2f} s ({cpu_of(pdf):.2f} s cpu)  {len(pdf) / 1e6:5.2f} MB  {typst_pages} pages  "
          f"{typst_fonts} fonts, all embedded: {typst_embedded}")  # fmt: skip
    print(f"  WeasyPrint  {weasy_s:6.2f} s ({cpu_of(weasy_pdf):.2f} s cpu)  {len(weasy_pdf) / 1e6:5.2f} MB  "
          f"{weasy_pages} pages  {weasy_fonts} fonts, all embedded: {weasy_embedded}")  # fmt: skip
    print(f"  WeasyPrint / typst time: {weasy_s / typst_s:.1f}x")


if __name__ == "__main__":
    main()
