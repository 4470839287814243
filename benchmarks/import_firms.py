"""Benchmark: import 100,000 generated firm rows (target: under 60 s), against a bare-insert baseline.

The rows are SYNTHETIC (names 'SYNTHETIC firm N'), written to a temporary folder and imported into a fresh
temporary database, never into the real dataset. The baseline, in the same run, is the floor for any importer:
csv.DictReader plus one executemany of the raw rows into an unindexed table, with no validation.

    python benchmarks/import_firms.py [--rows 100000] [--db URL]
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from corridor.bootstrap import init_database
from corridor.settings import Settings

PROVINCES = ["Hải Phòng", "Hưng Yên", "Quảng Ninh", "Hai Duong", "Thái Bình", "Hà Nội", "Lào Cai", "Bắc Ninh"]
ZONES = ["KCN Tràng Duệ", "kcn-pho-noi-a", "KCN Đình Vũ (Deep C Hải Phòng I)", "", "", ""]
PRODUCTS = ["Gia công cơ khí chính xác", "Linh kiện điện tử", "Bao bì carton", "Khuôn mẫu nhựa", "Dây cáp điện"]
HEADER = [
    "name",
    "tax_code",
    "province",
    "zone",
    "role",
    "vsic",
    "products_vi",
    "products_en",
    "hs_codes",
    "certifications",
    "lat",
    "lon",
]


def write_synthetic_firms(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        for i in range(rows):
            writer.writerow(
                [
                    f"SYNTHETIC firm {i}",
                    "",
                    rng.choice(PROVINCES),
                    rng.choice(ZONES),
                    "supplier",
                    rng.choice(["2592", "2610", "1702", ""]),
                    rng.choice(PRODUCTS),
                    "synthetic product",
                    rng.choice(["8480", "854442", "4819", ""]),
                    rng.choice(["ISO 9001", "", "ISO 9001;ISO 14001"]),
                    f"{rng.uniform(20.5, 21.5):.5f}",
                    f"{rng.uniform(105.8, 107.5):.5f}",
                ]
            )


def baseline_seconds(path: Path, folder: Path) -> float:
    start = time.perf_counter()
    connection = sqlite3.connect(folder / "baseline.db")
    connection.execute(f"CREATE TABLE firms ({', '.join(HEADER)})")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [tuple(r[h] for h in HEADER) for r in csv.DictReader(handle)]
    connection.executemany(f"INSERT INTO firms VALUES ({', '.join('?' * len(HEADER))})", rows)
    connection.commit()
    connection.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "synthetic_firms.csv"
        write_synthetic_firms(path, args.rows)
        url = args.db or f"sqlite:///{folder / 'bench.db'}"
        app = init_database(Settings(db_url=url, lang="en", user="benchmark"), empty=False)
        start = time.perf_counter()
        result = app.registry.import_file(path, "firms", "benchmark")
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = app.registry.import_file(path, "firms", "benchmark")
        second = time.perf_counter() - start
        floor = baseline_seconds(path, folder)
        app.store.engine.dispose()
    print(f"backend: {url.split(':')[0]}; rows: {args.rows:,}")
    print(
        f"import (validate + store + rebuild views): {first:.1f} s = {args.rows / first:,.0f} rows/s; "
        f"{result.added:,} new (target < 60 s)"
    )
    print(f"re-import of the same file: {second:.1f} s; {again.added} new (idempotent)")
    print(f"baseline (csv + bare executemany, no validation): {floor:.2f} s; import / baseline = {first / floor:.1f}x")


if __name__ == "__main__":
    main()
