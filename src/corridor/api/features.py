"""Zones and nodes as GeoJSON features (RFC 7946), for the REST API, OGC API - Features and the map."""

from __future__ import annotations

from typing import Any


def record_feature(kind: str, item: dict[str, Any]) -> dict[str, Any]:
    """A Feature with a Point where the location is known (null geometry otherwise) and flat properties."""
    location = item.get("location") or {}
    geometry = None
    if location.get("lat") is not None and location.get("lon") is not None:
        geometry = {"type": "Point", "coordinates": [location["lon"], location["lat"]]}
    properties = {key: value for key, value in item.items() if key not in {"location", "sources", "firms"}}
    for key in ("province", "province_2025", "province_pre2025"):
        if isinstance(properties.get(key), dict):
            properties[key] = properties[key]["name"]
    for key in ("flags", "utilities"):
        for sub_key, value in (properties.pop(key, None) or {}).items():
            properties[f"{key}_{sub_key}"] = value
    for key, value in list(properties.items()):
        if isinstance(value, list):
            properties[key] = ";".join(map(str, value))
    properties["precision"] = location.get("precision")
    properties["kind"] = kind
    return {"type": "Feature", "id": item["id"], "geometry": geometry, "properties": properties}
