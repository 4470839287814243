"""The names investors use for the corridor's places: Korean, Japanese and Chinese (simplified and traditional)
names of provinces, cities, ports, airports and border gates, each with its Vietnamese name and source
(`place_names.csv`). Searches and route ends written with them find the places the registry and the network know."""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["PlaceName", "foreign_names", "place_names", "place_target", "with_vietnamese_names"]


@dataclass(frozen=True)
class PlaceName:
    name: str  # as the language writes it: 海防, 하이퐁, ハイフォン
    lang: str  # ko, ja, zh-Hans, zh-Hant
    name_vi: str  # the name the registry and the network know: Hải Phòng
    target: str  # the node or zone standing for it, or '' (then name_vi names it)
    source_title: str
    source_url: str
    source_date: str
    seen_at: str  # a page read through the search tool that writes the name so, or ''


@cache
def place_names() -> tuple[PlaceName, ...]:
    """Every name, longest first (so that 海防港 is read before 海防)."""
    text = (resources.files("corridor.reference") / "place_names.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    names = [PlaceName(**row) for row in rows]
    return tuple(sorted(names, key=lambda n: (-len(n.name), n.name)))


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def with_vietnamese_names(text: str) -> str | None:
    """The text with the foreign place names in it replaced by their Vietnamese names ('VSIP 海防' -> 'VSIP Hải
    Phòng'), or None when it has none."""
    replaced = _normalise(text)
    found = False
    for place in place_names():
        if place.name in replaced:
            replaced = replaced.replace(place.name, f" {place.name_vi} ")
            found = True
    return " ".join(replaced.split()) if found else None


def place_target(text: str) -> str | None:
    """What a foreign place name names, when the whole text is one: its node or zone ID, else its Vietnamese name."""
    wanted = _normalise(text)
    for place in place_names():
        if place.name == wanted:
            return place.target or place.name_vi
    return None


def foreign_names() -> dict[str, list[str]]:
    """Node or zone ID (or Vietnamese name where no ID stands for it) -> its foreign names, in file order."""
    names: dict[str, list[str]] = {}
    for place in sorted(place_names(), key=lambda p: (p.target or p.name_vi, p.lang)):
        names.setdefault(place.target or place.name_vi, []).append(place.name)
    return names
