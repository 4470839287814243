"""Land still available to lease: sourced or derived, filtered and sorted on, never confused with leasable land."""

from __future__ import annotations

from corridor.bootstrap import App
from corridor.registry.records import DERIVED_AVAILABLE
from corridor.registry.service import ListFilters


def _available(app: App, **filters: object) -> list[dict[str, object]]:
    return app.registry.list_records("zones", ListFilters(**filters)).items  # type: ignore[arg-type]


def test_a_fully_leased_park_never_passes_an_available_land_filter(loaded_app: App) -> None:
    nomura = loaded_app.registry.show("zones", "kcn-nomura-hai-phong")
    assert nomura["leasable_ha"] == 120 and nomura["occupancy_pct"] == 100
    assert nomura["available_ha"] == 0 and nomura["available_basis"] == "derived"
    big = _available(loaded_app, min_available_ha=30)
    ids = {z["id"] for z in big}
    assert big and all(z["available_ha"] >= 30 for z in big)  # type: ignore[operator]
    assert "kcn-nomura-hai-phong" not in ids and "kcn-trang-due-giai-doan-i" not in ids
    assert "kcn-nomura-hai-phong" in {z["id"] for z in _available(loaded_app, min_leasable_ha=30)}


def test_available_land_is_sourced_or_derived_and_says_which(loaded_app: App) -> None:
    cong_hoa = loaded_app.registry.show("zones", "kcn-cong-hoa")
    assert (cong_hoa["available_ha"], cong_hoa["available_basis"]) == (62.4, "sourced")
    # Its stated free land (12.5 ha, 2021-10) is older than its occupancy (87.86 %, 2021-10-29): derived anew.
    dai_an = loaded_app.registry.show("zones", "kcn-dai-an")
    assert dai_an["available_ha"] == round(102.89 * (1 - 0.8786), 2) and dai_an["available_basis"] == "derived"
    assert dai_an["available_derivation"] == DERIVED_AVAILABLE
    pho_noi = loaded_app.registry.show("zones", "kcn-pho-noi-a")
    assert pho_noi["available_ha"] == 78.7 and pho_noi["available_basis"] == "derived"
    assert "492.1 ha × (1 − 84%)" in pho_noi["available_derivation"]  # the research's own derivation, kept
    trang_due_1 = loaded_app.registry.show("zones", "kcn-trang-due-giai-doan-i")
    assert trang_due_1["occupancy_pct"] == 100 and trang_due_1["available_ha"] is None  # leasable unknown


def test_zones_sort_by_available_land(loaded_app: App) -> None:
    zones = _available(loaded_app, sort="-available_ha", limit=5)
    shown = [z["available_ha"] for z in zones]
    assert None not in shown and shown == sorted(shown, reverse=True)  # type: ignore[type-var]
