"""Benchmark: the sub-regional report on the bundled data, and the two PDF engines on the same document.

Target (issue 14): the full PDF in under 10 s on this machine. Prints, in one run:
- the time of each stage of `corridor report` (open, build the document: indicators, charts, maps, routes;
  supply gaps with the text model; render), median of --runs;
- typst (the engine `render_pdf` uses) against WeasyPrint on the very same document (ADR 0016): render time,
  PDF size, pages and fonts embedded, and the ratio.

    python benchmarks/report.py [--runs 3] [--lang vi] [--db sqlite:///path]   # default: a fresh bundled database
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corridor.bootstrap import init_database, open_app
from corridor.documents import render_html, render_pdf
from corridor.documents.weasy_pdf import render_pdf_weasyprint
from corridor.matching.gaps import find_gaps
from corridor.reports.report import build_report
from corridor.settings import Settings

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", default="vi")
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or f"sqlite:///{tmp}/bench.db"
        if args.db is None:
            init_database(Settings(db_url=db, lang=args.lang))
        whole_start, whole_cpu_start = time.perf_counter(), time.process_time()
        app = open_app(Settings(db_url=db, lang=args.lang))
        gaps_s, gaps = timed(lambda: find_gaps(app.matching()), 1)
        first_build_s, first_document = timed(lambda: build_report(app, lang=args.lang, gaps=gaps), 1)
        first_pdf_s, first_pdf = timed(lambda: render_pdf(first_document), 1)
        whole_s, whole_cpu = time.perf_counter() - whole_start, time.process_time() - whole_cpu_start
        no_gaps_s = whole_s - gaps_s
        build_s, document = timed(lambda: build_report(app, lang=args.lang, gaps=gaps), args.runs)
        html_s, html = timed(lambda: render_html(document), args.runs)
        typst_s, pdf = timed(lambda: render_pdf(document), args.runs)
        weasy_s, weasy_pdf = timed(lambda: render_pdf_weasyprint(document), args.runs)
        Path(tmp, "report.pdf").write_bytes(pdf)
    # Wall time depends on what else the machine runs (shared CPUs); CPU time is what the report itself costs.
    print(f"report ({args.lang}), first run in one process, bundled data:      wall      cpu")
    print(f"  supply gaps (text model loaded)                     {gaps_s:7.2f} s {cpu_of(gaps):6.2f} s")
    build_cpu = cpu_of(first_document)
    print(f"  build the document (indicators, charts, maps, routes) {first_build_s:5.2f} s {build_cpu:6.2f} s")
    print(f"  render the PDF (typst)                              {first_pdf_s:7.2f} s {cpu_of(first_pdf):6.2f} s")
    print(f"  whole, open -> PDF bytes                            {whole_s:7.2f} s {whole_cpu:6.2f} s")
    print(f"  whole without the supply gaps (--no-gaps)           {no_gaps_s:7.2f} s")
    verdict = "met" if whole_s < 10 else ("met in CPU time" if whole_cpu < 10 else "MISSED")
    print(f"  target: full PDF < 10 s: {verdict}")
    print(f"warm, median of {args.runs}: build {build_s:.2f} s ({cpu_of(document):.2f} s cpu), "
          f"HTML {html_s:.3f} s ({len(html) / 1e6:.1f} MB)")  # fmt: skip
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
