"""Benchmark: a 4-zone promotion kit as PDF, the first one in a fresh process and then warm.

Target (issue 13): a 4-zone kit in under 3 s (PDF) on this machine. Prints the time of each stage, wall and CPU:
- first (fresh process): opening the database, the ranking (its first call loads the multilingual text model and
  the freight network), building the kit's document (five maps), rendering the PDF (typst, fonts loaded);
- warm (the same process, a second kit of the same brief): ranking, document, PDF, median of --runs;
and the ratio of the kit (document + PDF) to the 3 s target.

    python benchmarks/kit.py [--runs 3] [--lang vi] [--db sqlite:///path]   # default: a fresh bundled database
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TARGET_S = 3.0
BRIEF = Path(__file__).resolve().parents[1] / "docs" / "examples" / "brief.json"


def timed(function: Callable[[], Any]) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds of this process, result)."""
    start, start_cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - start, time.process_time() - start_cpu, result


def line(name: str, wall: float, cpu: float) -> None:
    print(f"  {name:<34} {wall:7.2f} s wall {cpu:7.2f} s CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", default="vi")
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    started = time.perf_counter()
    from corridor.bootstrap import init_database, open_app
    from corridor.documents import render_pdf
    from corridor.settings import Settings
    from corridor.siting import brief_from_dict
    from corridor.siting.kit import kit_document

    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{folder}/bench.db"
        if args.db is None:
            init_database(Settings(db_url=url)).store.engine.dispose()
        brief = brief_from_dict(json.loads(BRIEF.read_text(encoding="utf-8")))
        print(f"4-zone kit, {args.lang}, brief {BRIEF.name} (imports {time.perf_counter() - started:.2f} s)")
        print("first kit in a fresh process:")
        wall, cpu, app = timed(lambda: open_app(Settings(db_url=url)))
        line("open the database", wall, cpu)
        siting = app.siting()
        wall, cpu, ranking = timed(lambda: siting.rank(brief, top=4, draws=0))
        line("rank (loads text model, network)", wall, cpu)
        doc_wall, doc_cpu, document = timed(lambda: kit_document(siting, ranking, lang=args.lang))
        line("build the document (5 maps)", doc_wall, doc_cpu)
        pdf_wall, pdf_cpu, pdf = timed(lambda: render_pdf(document))
        line("render the PDF (typst)", pdf_wall, pdf_cpu)
        first = doc_wall + pdf_wall
        print(f"  kit (document + PDF): {first:.2f} s = {first / TARGET_S:.2f} x the {TARGET_S:.0f} s target; "
              f"PDF {len(pdf) / 1e6:.2f} MB")  # fmt: skip
        ranks, docs, pdfs = [], [], []
        for _ in range(args.runs):
            ranks.append(timed(lambda: siting.rank(brief, top=4, draws=0))[:2])
            docs.append(timed(lambda: kit_document(siting, ranking, lang=args.lang))[:2])
            pdfs.append(timed(lambda: render_pdf(document))[:2])
        print(f"warm (median of {args.runs}):")
        for name, runs in (("rank", ranks), ("build the document", docs), ("render the PDF", pdfs)):
            line(name, statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
        warm = statistics.median(d[0] for d in docs) + statistics.median(p[0] for p in pdfs)
        warm_all = warm + statistics.median(r[0] for r in ranks)
        print(f"  kit (document + PDF): {warm:.2f} s = {warm / TARGET_S:.2f} x target; "
              f"with the ranking: {warm_all:.2f} s = {warm_all / TARGET_S:.2f} x target")  # fmt: skip
        app.store.engine.dispose()


if __name__ == "__main__":
    main()
