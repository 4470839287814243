"""The soak benchmark's own arithmetic and its synthetic writes (benchmarks/soak.py): its verdicts must be right."""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

from corridor.bootstrap import App
from corridor.registry.service import ListFilters

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from soak import (
    SYNTHETIC_POOL,
    memory_growth,
    percentile_ms,
    rss_mb_of_tree,
    slope_per_min,
    synthetic_firms_csv,
    tracebacks_in,
)

LOG = """INFO: started
Traceback (most recent call last):
  File "app.py", line 3, in handler
    raise ValueError("boom")
ValueError: boom
INFO: 127.0.0.1 GET / 200
"""


def test_percentiles_are_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert (percentile_ms(values, 0.5), percentile_ms(values, 0.99), percentile_ms(values, 1.0)) == (50, 99, 100)
    assert percentile_ms([7.0], 0.99) == 7.0
    assert math.isnan(percentile_ms([], 0.5))


def test_slope_is_per_minute_and_flat_memory_has_none() -> None:
    assert slope_per_min([(0, 100), (30, 101), (60, 102)]) == 2.0
    assert slope_per_min([(t, 150.0) for t in range(0, 600, 5)]) == 0.0
    assert slope_per_min([(10, 5.0)]) == 0.0


def test_memory_growth_counts_from_the_end_of_warm_up() -> None:
    samples = [(0.0, 100.0), (30.0, 160.0), (60.0, 170.0), (120.0, 171.0), (180.0, 175.0)]
    start_mb, growth_mb, slope = memory_growth(samples, warmup_s=60)
    assert (start_mb, growth_mb) == (170.0, 5.0)
    assert slope > 0


def test_a_traceback_in_the_log_is_found_with_its_exception_line() -> None:
    found = tracebacks_in(LOG)
    assert len(found) == 1 and found[0].endswith("ValueError: boom")
    assert tracebacks_in("INFO: started\nINFO: GET / 200\n") == []


def test_rss_of_this_process_is_read_from_proc() -> None:
    assert 1 < rss_mb_of_tree(os.getpid()) < 100_000


def test_synthetic_writes_are_labelled_import_and_stay_a_fixed_pool(loaded_app: App, tmp_path: Path) -> None:
    before = loaded_app.registry.list_records("firms", _all()).total
    for batch, counter in enumerate(range(0, 2 * SYNTHETIC_POOL, 50)):
        path = tmp_path / f"soak-{batch}.csv"
        path.write_bytes(synthetic_firms_csv(counter, 50, batch))
        loaded_app.registry.import_file(path, "firms", "soak-test")
    synthetic = loaded_app.registry.list_records("firms", _all(search="SOAK synthetic firm"))
    assert synthetic.total == SYNTHETIC_POOL  # the second pass updated the same firms
    assert all(item["name"].startswith("SOAK synthetic firm ") for item in synthetic.items)
    assert loaded_app.registry.list_records("firms", _all()).total == before + SYNTHETIC_POOL


def _all(search: str | None = None) -> ListFilters:
    return ListFilters(search=search, limit=1000)
