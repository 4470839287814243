"""Replaying a record's statements write by write: old -> new as the view showed them, newest write first."""

from __future__ import annotations

import datetime as dt

from corridor.registry.history import LoggedChange, replay_history
from corridor.registry.models import Observation, SourceRef

AT = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
OLD_TABLE = SourceRef("Bảng cũ", "https://example.org/a", "2023")
NEW_REPORT = SourceRef("Báo cáo mới", "https://example.org/b", "2026-11")
OLDER_BOOK = SourceRef("Niên giám", "https://example.org/c", "2020")


def _statement(statement_id: int, source: SourceRef, occupancy: float) -> Observation:
    return Observation("kcn-x", {"occupancy_pct": occupancy}, source, statement_id, AT, "lan", statement_id)


def _write(write_id: int, action: str, added: tuple[int, ...] = (), withdrew: tuple[int, ...] = ()) -> LoggedChange:
    return LoggedChange(write_id, AT + dt.timedelta(minutes=write_id), "lan", action, {}, added, withdrew)


def test_each_write_shows_the_view_before_and_after_it() -> None:
    statements = [_statement(1, OLD_TABLE, 80), _statement(2, NEW_REPORT, 90), _statement(3, OLDER_BOOK, 50)]
    writes = [
        _write(1, "import", (1,)),
        _write(2, "edit", (2,)),
        _write(3, "edit", (3,)),
        _write(4, "withdraw", (), (2,)),
    ]
    entries = replay_history(writes, statements)
    assert [e.write_id for e in entries] == [4, 3, 2, 1]
    changes = {e.write_id: [(c.field, c.old, c.new) for c in e.changes] for e in entries}
    assert changes[1] == [("occupancy_pct", None, 80)]
    assert changes[2] == [("occupancy_pct", 80, 90)]
    assert changes[3] == []  # an older source: stored side by side, the view keeps the newer value
    assert changes[4] == [("occupancy_pct", 90, 80)]  # back to the newest statement left, not the older book
    assert entries[0].sources == [NEW_REPORT]
