"""Small builders for test files and database snapshots."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from corridor.bootstrap import App

FIRM_HEADER = [
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


def make_firm_row(**overrides: str) -> dict[str, str]:
    row = {
        "name": "Công ty TNHH Cơ khí Chính xác Thử nghiệm",
        "tax_code": "0100109106",
        "province": "Hải Phòng",
        "zone": "KCN Tràng Duệ",
        "role": "supplier",
        "vsic": "2592",
        "products_vi": "Gia công cơ khí chính xác",
        "products_en": "Precision machining",
        "hs_codes": "8480;848071",
        "certifications": "ISO 9001;IATF 16949",
        "lat": "20.85",
        "lon": "106.6",
    }
    row.update(overrides)
    return row


def write_csv(path: Path, rows: list[dict[str, Any]], header: list[str] | None = None, encoding: str = "utf-8") -> Path:
    header = header or list(rows[0])
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def snapshot(app: App) -> dict[str, Any]:
    """Everything an import could change: table sizes and every stored statement."""
    return {
        "counts": app.store.table_counts(),
        "firms": sorted(map(repr, app.registry.export_rows("firms"))),
        "zones": sorted(map(repr, app.registry.export_rows("zones"))),
        "indicators": sorted(map(repr, app.registry.export_rows("indicators"))),
    }


def write_synthetic_firms(path: Path, rows: int, label: str = "SYNTHETIC firm") -> Path:
    """`rows` SYNTHETIC firms (named '<label> N', no tax code), for tests of large imports; never real data."""
    firms = [
        make_firm_row(name=f"{label} {i}", tax_code="", products_en="synthetic product", zone="") for i in range(rows)
    ]
    return write_csv(path, firms, FIRM_HEADER)


def make_token(
    app: App,
    role: str = "admin",
    scopes: tuple[str, ...] = ("*",),
    *,
    email: str | None = None,
    actions: tuple[str, ...] = ("records.import",),
    localities: tuple[str, ...] = (),
) -> dict[str, str]:
    """A user with `role` over each scope and an API token for `actions`: the Authorization header to send."""
    from corridor.accounts import Grant

    address = email or f"{role}.{len(app.accounts.users())}@example.vn"
    app.accounts.add_user(address, [Grant(role, scope) for scope in scopes], "test-setup", password="a long password")
    new = app.accounts.create_token(address, list(actions), list(localities), 30, "test-setup")
    return {"Authorization": f"Bearer {new.secret}"}


def write_zip_bomb_xlsx(path: Path, expanded_mb: int) -> Path:
    """A real .xlsx (written by openpyxl) whose first sheet is replaced by `expanded_mb` MB of one repeated byte:
    a zip bomb of about expanded_mb / 1000 MB on disk. The sheet is streamed into the zip, never held in memory."""
    import zipfile

    from openpyxl import Workbook

    plain = path.with_name("plain.xlsx")
    workbook = Workbook()
    workbook.active.append(["name", "tax_code"])  # type: ignore[union-attr]
    workbook.save(plain)
    sheet = "xl/worksheets/sheet1.xml"
    chunk = b"0" * (1024 * 1024)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for member in source.infolist():
            if member.filename != sheet:
                bomb.writestr(member, source.read(member))
        with bomb.open(sheet, "w", force_zip64=True) as out:
            for _ in range(expanded_mb):
                out.write(chunk)
    plain.unlink()
    return path
