"""Geometry without I/O: great-circle distances and nearest points."""

from corridor.geo.distance import haversine_km

__all__ = ["haversine_km"]
