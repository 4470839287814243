"""Benchmark: refusing an XLSX zip bomb (target: well under a second), against the time just inflating it takes.

The bomb is a real workbook (openpyxl) whose first sheet is replaced by `--expanded-mb` MB of one repeated byte,
streamed into the zip (about 1 MB on disk per GB). Corridor refuses it from the zip's central directory
(corridor.registry.limits) without inflating a byte; the baseline, in the same run, is the bare minimum any parser
would spend: zlib inflating the sheet once, discarding the output. A small ordinary workbook is read for scale.

    python benchmarks/upload_limits.py [--expanded-mb 500] [--repeat 20]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

from openpyxl import Workbook

from corridor.errors import UploadTooLarge
from corridor.registry.files import read_table

SHEET = "xl/worksheets/sheet1.xml"


def write_workbook(path: Path, rows: int) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["name", "tax_code", "province"])
    for i in range(rows):
        sheet.append([f"SYNTHETIC firm {i}", f"{i:010d}", "Hải Phòng"])
    workbook.save(path)
    return path


def write_bomb(path: Path, expanded_mb: int) -> Path:
    plain = write_workbook(path.with_name("plain.xlsx"), 0)
    chunk = b"0" * (1024 * 1024)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for member in source.infolist():
            if member.filename != SHEET:
                bomb.writestr(member, source.read(member))
        with bomb.open(SHEET, "w", force_zip64=True) as out:
            for _ in range(expanded_mb):
                out.write(chunk)
    return path


def refuse_ms(path: Path) -> float:
    started = time.perf_counter()
    try:
        read_table(path)
    except UploadTooLarge:
        return (time.perf_counter() - started) * 1000
    raise SystemExit("the zip bomb was NOT refused")


def inflate_ms(path: Path) -> float:
    started = time.perf_counter()
    with zipfile.ZipFile(path) as archive, archive.open(SHEET) as member:
        while member.read(1024 * 1024):
            pass
    return (time.perf_counter() - started) * 1000


def read_ms(path: Path) -> float:
    started = time.perf_counter()
    read_table(path)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--expanded-mb", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bomb = write_bomb(Path(folder) / "bomb.xlsx", args.expanded_mb)
        ordinary = write_workbook(Path(folder) / "ordinary.xlsx", 1000)
        refused = statistics.median(refuse_ms(bomb) for _ in range(args.repeat))
        inflated = inflate_ms(bomb)
        ordinary_ms = statistics.median(read_ms(ordinary) for _ in range(3))
        size_kb = bomb.stat().st_size / 1024
    print(f"zip bomb: {size_kb:.0f} KB on disk, {args.expanded_mb} MB expanded")
    print(f"refused by Corridor (median of {args.repeat}): {refused:.2f} ms  (target: < 1000 ms)")
    print(f"baseline, inflating the sheet once with zlib: {inflated:.0f} ms  ({inflated / refused:.0f}x the refusal)")
    print(f"for scale, reading an ordinary 1,000-row workbook: {ordinary_ms:.0f} ms")


if __name__ == "__main__":
    main()
