import datetime as dt

from corridor.reference.admin import AdminIndex, AdminUnit

OLD_END = dt.date(2025, 6, 30)
NEW_START = dt.date(2025, 7, 1)


def _index() -> AdminIndex:
    units = [
        AdminUnit("VN-30", "30", "Hải Dương", "Tỉnh Hải Dương", "Hai Duong", "province", "VN", None, OLD_END),
        AdminUnit("VN-31", "31", "Hải Phòng", "Thành phố Hải Phòng", "Hai Phong", "province", "VN", None, OLD_END),
        AdminUnit(
            "VN-31-2025",
            "31",
            "Hải Phòng",
            "Thành phố Hải Phòng",
            "Hai Phong",
            "province",
            "VN",
            NEW_START,
            None,
        ),
        AdminUnit("CN-YN", "CN-YN", "Vân Nam", "Tỉnh Vân Nam", "Yunnan", "province", "CN", None, None),
    ]
    return AdminIndex(units, [("VN-30", "VN-31-2025"), ("VN-31", "VN-31-2025")])


def test_a_name_resolves_to_the_version_valid_on_the_date() -> None:
    index = _index()
    assert index.resolve("Hải Phòng", dt.date(2024, 6, 1)).unit.id == "VN-31"  # type: ignore[union-attr]
    assert index.resolve("hai phong", dt.date(2025, 8, 1)).unit.id == "VN-31-2025"  # type: ignore[union-attr]


def test_a_merged_province_named_after_the_merger_means_its_former_territory() -> None:
    resolution = _index().resolve("Hai Duong", dt.date(2025, 8, 1))
    assert resolution is not None
    assert resolution.unit.id == "VN-30"
    assert resolution.note is not None and "Hải Phòng" in resolution.note.render("en")


def test_version_hints_and_foreign_localities() -> None:
    index = _index()
    assert index.resolve("Hải Phòng (pre-2025)", dt.date(2026, 1, 1)).unit.id == "VN-31"  # type: ignore[union-attr]
    assert index.resolve("Hải Phòng (2025)", dt.date(2020, 1, 1)).unit.id == "VN-31-2025"  # type: ignore[union-attr]
    assert index.resolve("Yunnan", dt.date(2024, 1, 1)).unit.id == "CN-YN"  # type: ignore[union-attr]
    assert index.resolve("Atlantis", dt.date(2024, 1, 1)) is None


def test_current_and_former_units() -> None:
    index = _index()
    assert index.current_and_former(index.units["VN-30"]) == ("VN-31-2025", "VN-30")
    # Hải Phòng 2025 has two predecessors, so the former province of a zone named only "Hải Phòng" is unknown.
    assert index.current_and_former(index.units["VN-31-2025"]) == ("VN-31-2025", None)


def test_labels_resolve_back_to_the_same_unit() -> None:
    index = _index()
    today = dt.date(2026, 1, 1)
    for unit_id in index.units:
        resolved = index.resolve(index.label(unit_id, today), today)
        assert resolved is not None and resolved.unit.id == unit_id


def test_the_merger_day_belongs_to_the_new_units_and_the_day_before_to_the_old() -> None:
    index = _index()
    day_before = index.resolve("Hải Phòng", OLD_END)
    merger_day = index.resolve("Hải Phòng", NEW_START)
    assert day_before is not None and day_before.unit.id == "VN-31" and day_before.note is None
    assert merger_day is not None and merger_day.unit.id == "VN-31-2025" and merger_day.note is None
    # Hải Dương still exists on its last day and no longer on the merger day.
    assert index.resolve("Hải Dương", OLD_END).note is None  # type: ignore[union-attr]
    assert index.resolve("Hải Dương", NEW_START).note is not None  # type: ignore[union-attr]
