"""Names are listed in Vietnamese alphabetical order on every backend (a ă â b c d đ e ê ..., tones after)."""

from __future__ import annotations

from corridor.bootstrap import App
from corridor.registry.service import ListFilters


def _zone_names(app: App, **filters: object) -> list[str]:
    return [z["name"] for z in app.registry.list_records("zones", ListFilters(**filters)).items]  # type: ignore[arg-type]


def test_zones_are_listed_in_vietnamese_order(loaded_app: App) -> None:
    names = _zone_names(loaded_app)
    # By code point 'ì' (U+00EC) comes before 'ạ' (U+1EA1), so Bình Giang 5 came before Bạch Đằng.
    assert names.index("KCN Bạch Đằng") < names.index("KCN Bình Giang 5")
    # Đ is the letter after D, not a variant of it: every KCN D... before every KCN Đ...
    last_d = max(i for i, n in enumerate(names) if n.startswith("KCN D"))
    first_dd = min(i for i, n in enumerate(names) if n.startswith("KCN Đ"))
    assert last_d < first_dd
    assert names.index("KCN Đại An") < names.index("KCN Đoàn Xá") < names.index("KCN Đông Anh")


def test_sorting_by_name_follows_vietnamese_order_both_ways(loaded_app: App) -> None:
    ascending = _zone_names(loaded_app, sort="name")
    descending = _zone_names(loaded_app, sort="-name")
    assert ascending.index("KCN Bạch Đằng") < ascending.index("KCN Bình Giang 5")
    assert descending.index("KCN Bình Giang 5") < descending.index("KCN Bạch Đằng")
