"""Land on the portal and the API: the available-land filter, and home-page sums that never show unknown as 0."""

from __future__ import annotations

import re
from typing import Any


def test_api_filters_and_sorts_by_available_land(client: Any) -> None:
    answer = client.get("/api/v1/zones", params={"min_available_ha": 30, "sort": "-available_ha", "limit": 1000})
    zones = answer.json()["items"]
    assert zones and all(z["available_ha"] >= 30 for z in zones)
    assert "kcn-nomura-hai-phong" not in {z["id"] for z in zones}
    assert [z["available_ha"] for z in zones] == sorted((z["available_ha"] for z in zones), reverse=True)
    refused = client.get("/api/v1/firms", params={"min_available_ha": 30})
    assert refused.status_code == 422 and "min_available_ha" in refused.text


def test_directory_filter_keeps_full_parks_out(client: Any) -> None:
    page = client.get("/zones", params={"min_available_ha": "30", "lang": "en"}).text
    assert "/zones/kcn-cong-hoa" in page and "/zones/kcn-nomura-hai-phong" not in page


def test_home_page_land_sums_are_partial_or_unknown_never_zero(client: Any) -> None:
    page = client.get("/", params={"lang": "en"}).text
    hai_phong = next(row for row in page.split("<tr") if re.search(r"<th scope=\"row\">Hải Phòng</th>", row))
    assert "partial: known for" in hai_phong
    assert "Operating industrial parks" in hai_phong and "before 2025" in hai_phong  # the city's own count of 12
    ha_noi = next(row for row in page.split("<tr") if re.search(r"<th scope=\"row\">Hà Nội</th>", row))
    assert "no zone&#39;s figure is known" in ha_noi  # no Hà Nội park states its leasable land: unknown, not 0
    yunnan = next(row for row in page.split("<tr") if re.search(r"<th scope=\"row\">(Vân Nam|Yunnan)</th>", row))
    assert "no park or cluster recorded" in yunnan  # only economic zones there: no land total, not 0
