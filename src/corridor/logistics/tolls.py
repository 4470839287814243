"""Tolls by vehicle class: which toll a link charges a profile's vehicle in a year, or that it is unknown."""

from __future__ import annotations

import json
from dataclasses import dataclass

from corridor.errors import CorridorError

__all__ = ["ClassToll", "class_tolls_from_text", "toll_in_year"]


@dataclass(frozen=True)
class ClassToll:
    vehicle_class: str  # e.g. "container" (VN toll group 5: 40-ft containers), "car", "all"
    vnd: float  # for the whole link, one way
    from_year: int
    to_year: int | None
    basis: str  # sourced (the published trip toll) | prorated (a whole-route toll shared by length)
    source: str

    def applies(self, vehicle_class: str, year: int) -> bool:
        in_force = self.from_year <= year and (self.to_year is None or year <= self.to_year)
        return in_force and self.vehicle_class in {vehicle_class, "all"}


def class_tolls_from_text(text: str | None, where: str) -> tuple[ClassToll, ...]:
    """The `class_tolls` column of the link table (a JSON list); errors name the link."""
    if not text:
        return ()
    try:
        return tuple(
            ClassToll(str(t["class"]), float(t["vnd"]), int(t["from"]), t.get("to"), str(t["basis"]), str(t["source"]))
            for t in json.loads(text)
        )
    except (ValueError, KeyError, TypeError) as error:
        raise CorridorError("{where}: the tolls are not readable ({reason})", where=where, reason=str(error)) from error


def toll_in_year(tolls: tuple[ClassToll, ...], vehicle_class: str | None, year: int) -> ClassToll | None:
    """The toll in force for the class that year (the latest to start); None: not published, so unknown."""
    if vehicle_class is None:
        return None
    found = [toll for toll in tolls if toll.applies(vehicle_class, year)]
    return max(found, key=lambda toll: toll.from_year) if found else None
