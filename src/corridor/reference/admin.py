"""Administrative units across the 1 July 2025 merger: finding a unit by name at a date, and its successors."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from corridor.i18n import Message
from corridor.reference.names import fold_name

__all__ = ["MERGER_DATE", "AdminIndex", "AdminUnit", "Resolution"]

MERGER_DATE = dt.date(2025, 7, 1)
_VERSION_SUFFIX = re.compile(r"\s*\((?P<hint>[^)]*)\)\s*$")
_NEW_HINTS = ("2025", "post-merger", "sau 2025", "sau sap nhap", "new", "moi")
_OLD_HINTS = ("pre-2025", "truoc 2025", "truoc sap nhap", "old", "cu")


@dataclass(frozen=True)
class AdminUnit:
    id: str
    code: str
    name: str
    official_name: str
    name_en: str
    level: str
    country: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    @property
    def is_pre2025(self) -> bool:
        return self.valid_to is not None and self.valid_to < MERGER_DATE


@dataclass(frozen=True)
class Resolution:
    """The unit a name stands for at a date; `note` explains when the name no longer existed then."""

    unit: AdminUnit
    note: Message | None = None


class AdminIndex:
    """In-memory lookup of provinces (old, new and foreign) by name, code or ID, with successions."""

    def __init__(self, units: Iterable[AdminUnit], successions: Iterable[tuple[str, str]]) -> None:
        self.units = {unit.id: unit for unit in units}
        self._by_key: dict[str, list[AdminUnit]] = {}
        for unit in self.units.values():
            for key in {unit.id, unit.code, unit.name, unit.official_name, unit.name_en}:
                self._by_key.setdefault(fold_name(key), []).append(unit)
        self.successors: dict[str, list[str]] = {}
        self.predecessors: dict[str, list[str]] = {}
        for old_id, new_id in successions:
            self.successors.setdefault(old_id, []).append(new_id)
            self.predecessors.setdefault(new_id, []).append(old_id)

    def candidates(self, name: str) -> list[AdminUnit]:
        text = name.strip()
        hint_match = _VERSION_SUFFIX.search(text)
        units = self._by_key.get(fold_name(text), [])
        if not units and hint_match:
            hint = fold_name(hint_match.group("hint"))
            base = self._by_key.get(fold_name(text[: hint_match.start()]), [])
            if any(h in hint for h in _OLD_HINTS):
                units = [u for u in base if u.is_pre2025]
            elif any(h in hint for h in _NEW_HINTS):
                units = [u for u in base if not u.is_pre2025]
        return units

    def resolve(self, name: str, on: dt.date) -> Resolution | None:
        """The unit `name` means on `on`: the version valid then, else the old unit (its former territory)."""
        units = self.candidates(name)
        if not units:
            return None
        valid = [u for u in units if u.valid_on(on)]
        if valid:
            return Resolution(valid[0])
        unit = max(units, key=lambda u: u.valid_to or dt.date.max) if on >= MERGER_DATE else units[0]
        successors = ", ".join(self.units[s].name for s in self.successors.get(unit.id, []))
        if successors:
            note = Message(
                "{name} was not a unit on {date}; it merged into {successors} on {merger}: "
                "showing its former territory",
                name=unit.name,
                date=on.isoformat(),
                successors=successors,
                merger=MERGER_DATE.isoformat(),
            )
            return Resolution(unit, note)
        return Resolution(unit, Message("{name} was not a unit on {date}", name=unit.name, date=on.isoformat()))

    def current_and_former(self, unit: AdminUnit) -> tuple[str | None, str | None]:
        """(2025 unit, pre-2025 unit) for a unit named in a record; a side is None when it cannot be known."""
        if unit.is_pre2025:
            successors = self.successors.get(unit.id, [])
            return (successors[0] if len(successors) == 1 else None), unit.id
        predecessors = self.predecessors.get(unit.id, [])
        former = predecessors[0] if len(predecessors) == 1 else None
        if unit.country != "VN":
            former = unit.id
        return unit.id, former

    def label(self, unit_id: str, on: dt.date) -> str:
        """A name that resolves back to `unit_id` on `on` (old units get a '(pre-2025)' suffix when needed)."""
        unit = self.units[unit_id]
        resolved = self.resolve(unit.name, on)
        if resolved is not None and resolved.unit.id == unit_id:
            return unit.name
        return f"{unit.name} ({'pre-2025' if unit.is_pre2025 else '2025'})"

    def close_matches(self, name: str, limit: int = 5) -> list[str]:
        import difflib

        names = sorted({u.name for u in self.units.values()})
        folded = {fold_name(n): n for n in names}
        return [folded[m] for m in difflib.get_close_matches(fold_name(name), folded, n=limit, cutoff=0.6)]
