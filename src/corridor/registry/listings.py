"""Unfiltered lists of records (the first thing the API, the map and the CLI ask for), built once per data version.

Such a list costs, on every request, the Vietnamese collation (ADR 0006: a Python function SQLite calls a few
hundred times per page) and the public JSON of each row. Both change only when the data does: the write log's
newest ID (docs/adr/0004-write-log.md) names the data version, so a list built for a version is exact until the
next write, which every process sees at its next request. Narrowed lists (filters, search) still read the database.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

__all__ = ["BuiltLists"]


class BuiltLists:
    """Lists of public records by key (kind, sort, era), each kept with the data version it was built for."""

    def __init__(self) -> None:
        self._built: dict[Hashable, tuple[int, list[dict[str, Any]]]] = {}

    def records(self, key: Hashable, version: int, build: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]]:
        """The list built for `version`, building it now if the one kept is for another version (or none).

        `version` must be read before `build` reads the records: a write in between then makes the next request
        see a newer version and build again, never keep a list older than its version."""
        kept = self._built.get(key)
        if kept is None or kept[0] != version:
            kept = (version, build())
            self._built[key] = kept  # one assignment: threads of the same process may race, each list is whole
        return kept[1]
