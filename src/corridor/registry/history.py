"""A record's history: every write that touched it, with the view's values before and after that write.

The views keep only the current state, so the history replays the record's statements in write order with
the same merge the views use (views.merge_observations): the value a reader saw before and after each write is
exactly what the view held then. Withdrawn statements stay listed, marked; conflicting statements stay side by
side, each with its own source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from corridor.i18n import mark
from corridor.registry.editing import FieldChange, changed_fields
from corridor.registry.models import Observation, SourceRef
from corridor.registry.views import merge_observations

# What a write did, as history shows it (the pages translate the action through these).
ACTIONS = (mark("import"), mark("edit"), mark("withdraw"), mark("revert"))

__all__ = ["ACTIONS", "HistoryEntry", "LoggedChange", "RevertTarget", "history_json", "replay_history"]


@dataclass(frozen=True)
class LoggedChange:
    """One write-log entry that touched the record, and the statements it added or withdrew."""

    write_id: int
    at: dt.datetime
    actor: str
    action: str  # import, edit, withdraw, revert
    detail: dict[str, Any]
    added: tuple[int, ...] = ()  # observation IDs the write stored
    withdrew: tuple[int, ...] = ()  # observation IDs the write withdrew


@dataclass(frozen=True)
class RevertTarget:
    """A write as revert needs it: what it was, the statements it stored, which of them are withdrawn already,
    and the revert that undid it (None: not reverted)."""

    write_id: int
    action: str
    kind: str
    stored: list[int]
    withdrawn: set[int]
    reverted_by: int | None


@dataclass(frozen=True)
class HistoryEntry:
    """What one write did to one record, for people: when, who, what, from which source, old -> new."""

    write_id: int
    at: dt.datetime
    actor: str
    action: str
    sources: list[SourceRef]
    changes: list[FieldChange]
    statements: list[Observation]  # the statements the write added or withdrew (each says if withdrawn now)
    reason: str = ""
    reverted_write: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)


def replay_history(writes: Iterable[LoggedChange], observations: Iterable[Observation]) -> list[HistoryEntry]:
    """Newest first. Statements no write added (stored before the log began) count as present from the start."""
    ordered = sorted(writes, key=lambda w: w.write_id)
    by_id = {o.order: o for o in observations}
    added_later = {i for w in ordered for i in w.added}
    active = {i for i in by_id if i not in added_later}
    entries = []
    for write in ordered:
        before = _view_fields(by_id, active)
        active |= {i for i in write.added if i in by_id}
        active -= set(write.withdrew)
        touched = [by_id[i] for i in (*write.added, *write.withdrew) if i in by_id]
        entries.append(_entry(write, changed_fields(before, _view_fields(by_id, active)), touched))
    return entries[::-1]


def _view_fields(by_id: dict[int, Observation], active: set[int]) -> dict[str, Any]:
    return merge_observations(by_id[i] for i in active).fields if active else {}


def _entry(write: LoggedChange, changes: list[FieldChange], touched: list[Observation]) -> HistoryEntry:
    sources = list(dict.fromkeys(o.source for o in touched))
    reverted = write.detail.get("reverted_write")
    return HistoryEntry(
        write.write_id,
        write.at,
        write.actor,
        write.action,
        sources,
        changes,
        touched,
        reason=str(write.detail.get("reason", "")),
        reverted_write=int(reverted) if reverted is not None else None,
        detail=write.detail,
    )


def history_json(kind: str, record_id: str, entries: list[HistoryEntry]) -> dict[str, Any]:
    """The public JSON of a record's history (docs/json.md, History)."""
    return {"kind": kind, "id": record_id, "changes": [_entry_json(e) for e in entries]}


def _entry_json(entry: HistoryEntry) -> dict[str, Any]:
    return {
        "write": entry.write_id,
        "at": entry.at.isoformat(),
        "by": entry.actor,
        "action": entry.action,
        "reason": entry.reason or None,
        "reverted_write": entry.reverted_write,
        "sources": [_source_json(s) for s in entry.sources],
        "fields": [{"field": c.field, "old": c.old, "new": c.new} for c in entry.changes],
        "statements": [_statement_json(o) for o in entry.statements],
    }


def _source_json(source: SourceRef) -> dict[str, Any]:
    return {"title": source.title, "url": source.url or None, "as_of": source.as_of}


def _statement_json(observation: Observation) -> dict[str, Any]:
    withdrawn = observation.withdrawn
    return {
        "id": observation.order,
        "source": _source_json(observation.source),
        "states": observation.fields,
        "loaded_at": observation.loaded_at.isoformat(),
        "loaded_by": observation.loaded_by,
        "withdrawn": None
        if withdrawn is None
        else {
            "write": withdrawn.write_id,
            "at": withdrawn.at.isoformat(),
            "by": withdrawn.by,
            "reason": withdrawn.reason,
        },
    }
