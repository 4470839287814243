"""Crawl every page and API answer reachable from the home page, in both languages: none is an internal error."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

LINK = re.compile(r'href="([^"#]+)"')
LIMIT = 400
SKIP = ("/static/", "/data/download/", "/zones/export.xlsx", "/data/boundaries/")


def _crawl(client: Any, start: str) -> dict[str, int]:
    seen: dict[str, int] = {}
    queue = [start]
    while queue and len(seen) < LIMIT:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        assert response.status_code < 500, url
        assert "Traceback" not in response.text and "Internal error" not in response.text, url
        if "text/html" in response.headers.get("content-type", ""):
            for href in LINK.findall(response.text):
                target = urljoin(url, href.replace("&amp;", "&"))
                parts = urlsplit(target)
                if parts.netloc in {"", "testserver"} and not parts.path.startswith(SKIP):
                    queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return seen


def test_no_page_or_api_answer_is_an_internal_error(client: Any) -> None:
    seen = _crawl(client, "/?lang=en") | _crawl(client, "/?lang=vi")
    assert len(seen) > 150
    assert {url for url, status in seen.items() if status >= 400} <= {u for u in seen if "/api/v1/docs" in u}


def test_downloads_work_for_every_kind(client: Any) -> None:
    for name in ("zones.csv", "firms.xlsx", "nodes.geojson", "indicators.csv"):
        response = client.get(f"/data/download/{name}")
        assert response.status_code == 200 and len(response.content) > 500, name
    assert client.get("/zones/export.xlsx?type=KCN").status_code == 200
    assert client.get("/data/download/indicators.geojson").status_code == 400
