"""Real firm files import: VSIC classes beyond the shipped partial list, certifications as firms write them, roles
in Vietnamese or English. A certification not on Corridor's list is kept and shown as declared, unverified."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.bootstrap import App
from corridor.errors import ImportRejected
from tests.factories import write_csv

USER = "test-user"


def _firm(**overrides: str) -> dict[str, str]:
    row = {
        "ten": "Công ty TNHH Kết cấu Thép và Toa xe Thử nghiệm",
        "tinh": "Hải Phòng",
        "vai_tro": "logistics",
        "ma_vsic": "2451;2410",
        "chung_nhan": "ISO 27001; IRIS; ISPM 15; ISO 9001; Green Steel Label",
        "nguon": "Hồ sơ năng lực của doanh nghiệp",
        "ngay_nguon": "2025-06",
    }
    return {**row, **overrides}


def test_a_realistic_firm_file_imports(loaded_app: App, tmp_path: Path) -> None:
    result = loaded_app.registry.import_file(write_csv(tmp_path / "firms.csv", [_firm()]), "firms", USER)
    assert result.added == 1
    firm = loaded_app.registry.show("firms", "Công ty TNHH Kết cấu Thép và Toa xe Thử nghiệm")
    assert firm["role"] == "logistics_provider"
    assert firm["vsic"] == ["2451", "2410"]
    assert firm["certifications"] == [
        "ISO/IEC 27001",
        "IRIS (ISO/TS 22163)",
        "ISPM 15",
        "ISO 9001",
        "Green Steel Label",
    ]
    assert firm["certifications_unverified"] == ["Green Steel Label"]


@pytest.mark.parametrize(
    ("written", "role"),
    [
        ("nhà cung cấp", "supplier"),
        ("Supplier", "supplier"),
        ("Nha cung ung", "supplier"),
        ("3PL", "logistics_provider"),
    ],
)
def test_roles_are_read_in_vietnamese_and_english(loaded_app: App, tmp_path: Path, written: str, role: str) -> None:
    loaded_app.registry.import_file(write_csv(tmp_path / "firms.csv", [_firm(vai_tro=written)]), "firms", USER)
    assert loaded_app.registry.show("firms", "Công ty TNHH Kết cấu Thép và Toa xe Thử nghiệm")["role"] == role


def test_a_vsic_code_of_an_unknown_division_is_still_refused(loaded_app: App, tmp_path: Path) -> None:
    with pytest.raises(ImportRejected) as rejected:
        loaded_app.registry.import_file(write_csv(tmp_path / "firms.csv", [_firm(ma_vsic="0400")]), "firms", USER)
    assert "0400" in str(rejected.value.errors[0].value)
