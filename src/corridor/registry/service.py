"""Registry use cases: import and export files, load the bundled dataset, list and show records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from importlib.resources import as_file
from pathlib import Path
from typing import Any, Protocol

from corridor.errors import EditRejected, ImportRejected, InvalidInput, NotFound
from corridor.i18n import Message, mark
from corridor.reference.admin import MERGER_DATE, AdminIndex
from corridor.reference.loading import DATA
from corridor.reference.names import fold_name, vietnamese_sort_key
from corridor.reference.place_names import with_vietnamese_names
from corridor.registry.duplicates import (
    RESOLVED_KINDS,
    BlockingKeys,
    CandidateIndex,
    Duplicate,
    DuplicatePair,
    blocking_keys,
    current_province,
    rank_candidates,
    review_pairs,
)
from corridor.registry.editing import FieldChange, changed_fields, edit_statement
from corridor.registry.files import read_table
from corridor.registry.filters import FILTER_NAMES, check_filters, check_paging, sort_column
from corridor.registry.history import HistoryEntry, LoggedChange, RevertTarget, history_json, replay_history
from corridor.registry.kinds import record_kind
from corridor.registry.labels import kind_name
from corridor.registry.limits import UploadLimits
from corridor.registry.listings import BuiltLists
from corridor.registry.models import (
    AutoMerge,
    ImportResult,
    Observation,
    PossibleDuplicate,
    RecordDetail,
    SourceRef,
    Statement,
)
from corridor.registry.queries import RecordQuery
from corridor.registry.resolution import FirmFields
from corridor.registry.validation import RawTable, References, validate_table
from corridor.registry.views import merge_observations

__all__ = [
    "BUNDLED_FILES",
    "MERGE_METHODS",
    "DuplicateStore",
    "EditResult",
    "ImportCheck",
    "ListFilters",
    "PreparedWrite",
    "Registry",
    "RegistryStore",
]

# Called with (kind, validated rows) before an import writes anything; raises to refuse the whole file.
ImportCheck = Callable[[str, Sequence[Statement]], None]

BUNDLED_FILES = (
    ("zones", "registry/zones.csv"),
    ("firms", "registry/firms.csv"),
    ("nodes", "registry/nodes.csv"),
    ("indicators", "registry/indicators.csv"),
)


class DuplicateStore(Protocol):
    """What entity resolution needs from storage (corridor.storage.duplicate_store.SqlDuplicates)."""

    def resolution_rows(self, kind: str, keys: BlockingKeys | None = None) -> list[dict[str, Any]]: ...
    def merge(self, kind: str, kept_id: str, merged_id: str, actor: str, score: float | None, method: str) -> int: ...
    def unmerge(self, merge_id: int, actor: str) -> dict[str, Any]: ...
    def merges(self, kind: str | None = None) -> list[dict[str, Any]]: ...
    def merged_into(self, kind: str) -> dict[str, str]: ...


class RegistryStore(Protocol):
    """What the registry needs from storage (implemented by corridor.storage.registry_store.SqlRegistry)."""

    def admin_index(self) -> AdminIndex: ...
    def references(self) -> References: ...
    def write_statements(
        self,
        kind: str,
        file_name: str,
        statements: Sequence[Statement],
        user: str,
        *,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
        merges: Sequence[AutoMerge] = (),
    ) -> ImportResult: ...
    def observations(self, kind: str, record_id: str) -> list[Observation]: ...
    def all_observations(self, kind: str, *, withdrawn: bool = False) -> Iterator[Observation]: ...
    def indicator_rows(self) -> list[dict[str, Any]]: ...
    def find(self, kind: str, query: RecordQuery) -> list[dict[str, Any]]: ...
    def count(self, kind: str, query: RecordQuery) -> int: ...
    def page(self, kind: str, query: RecordQuery) -> tuple[list[dict[str, Any]], int, dict[str, str]]: ...
    def data_version(self) -> int: ...
    def get(self, kind: str, record_id: str) -> dict[str, Any] | None: ...
    def detail(self, kind: str, record_id: str) -> RecordDetail | None: ...
    def unit_names(self, ids: list[str]) -> dict[str, str]: ...
    def corridor_units(self, corridor_id: str, on: dt.date) -> list[str]: ...
    def write_edit(self, kind: str, statement: Statement, actor: str) -> tuple[int, int]: ...
    def withdraw_statements(
        self, observation_ids: Sequence[int], actor: str, action: str, detail: dict[str, Any]
    ) -> int: ...
    def write_to_revert(self, write_id: int) -> RevertTarget: ...
    def record_changes(self, kind: str, record_id: str) -> tuple[list[LoggedChange], list[Observation]]: ...


MERGE_METHODS = ("automatic", "reviewed")


def _check_resolved_kind(kind: str) -> None:
    if kind not in RESOLVED_KINDS:
        raise InvalidInput(
            mark("Duplicates are resolved for {kinds}, not {kind}"), kinds=", ".join(RESOLVED_KINDS), kind=kind
        )


def _statement_fields(statement: Statement, admin: AdminIndex) -> FirmFields:
    f = statement.fields
    return FirmFields(
        str(f["name"]), f.get("tax_code"), current_province(f.get("province"), admin), f.get("zone"),
        f.get("address"), f.get("lat"), f.get("lon"),
    )  # fmt: skip


@dataclass
class ListFilters:
    """What a list of records is narrowed to; each filter applies to some kinds only (registry.filters)."""

    province: str | None = None  # old or new name, code or ID
    as_of: dt.date = field(default_factory=dt.date.today)
    zone_type: str | None = None
    status: str | None = None
    industry: str | None = None  # VSIC code prefix
    min_leasable_ha: float | None = None  # total leasable land, leased or not
    min_available_ha: float | None = None  # land still free to lease (sourced or derived)
    search: str | None = None
    role: str | None = None
    node_type: str | None = None
    zone: str | None = None
    corridor: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    sort: str | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class EditResult:
    """What an edit wrote (the IDs `withdraw` and `revert` take) and what it changed in the record's view."""

    write_id: int
    statement_id: int
    changes: list[FieldChange]


@dataclass(frozen=True)
class PreparedWrite:
    """One checked statement for a store to write inside a larger transaction (publishing a proposal): an edit
    (`file_name` "edit") or a new record's one-row import (`file_name` "proposal")."""

    kind: str
    statement: Statement
    actor: str
    file_name: str

    @property
    def is_edit(self) -> bool:
        return self.file_name == "edit"


@dataclass
class RecordPage:
    items: list[dict[str, Any]]
    total: int
    notes: list[Message]


class Registry:
    """The registry's use cases over a store."""

    def __init__(self, store: RegistryStore, duplicates: DuplicateStore, limits: UploadLimits | None = None) -> None:
        self._store = store
        self._duplicates = duplicates
        self.limits = limits or UploadLimits()
        self._built_lists = BuiltLists()

    # -- import ------------------------------------------------------------------------------------------

    def import_file(
        self,
        path: Path,
        kind: str,
        user: str,
        *,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
        check: ImportCheck | None = None,
    ) -> ImportResult:
        record_kind(kind)
        table = read_table(path, self.limits)
        return self.import_table(table, kind, user, dry_run=dry_run, progress=progress, check=check)

    def import_table(
        self,
        table: RawTable,
        kind: str,
        user: str,
        *,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
        check: ImportCheck | None = None,
    ) -> ImportResult:
        """Validate every row, then `check` them all (it raises to refuse: the caller's authorization), then write."""
        statements, errors = validate_table(kind, table, self._store.references())
        if errors:
            raise ImportRejected(table.file_name, errors)
        if check is not None:
            check(kind, statements)
        merges, to_review = self._resolve_new_records(kind, statements)
        result = self._store.write_statements(
            kind, table.file_name, statements, user, dry_run=dry_run, progress=progress, merges=merges
        )
        result.merged, result.to_review = merges, to_review
        return result

    def _resolve_new_records(
        self, kind: str, statements: Sequence[Statement]
    ) -> tuple[list[AutoMerge], list[PossibleDuplicate]]:
        """New firms (no stored record with their ID) in the merge band of a stored firm are folded into it; those
        in the review band are created and reported."""
        if kind != "firms":
            return [], []
        rows = self._duplicates.resolution_rows(kind)
        known = {row["id"] for row in rows} | set(self._duplicates.merged_into(kind))
        new = {s.record_id: s for s in reversed(statements) if s.record_id not in known}
        if not new or not rows:
            return [], []
        index, admin = CandidateIndex(kind, rows), self._store.admin_index()
        merges, to_review = [], []
        for record_id, statement in sorted(new.items()):
            found = index.duplicates(_statement_fields(statement, admin), limit=1)
            if found and found[0].band == "merge":
                merges.append(AutoMerge(found[0].record_id, record_id, found[0].score))
            elif found:
                to_review.append(PossibleDuplicate(record_id, found[0].record_id, found[0].name, found[0].score))
        return merges, to_review

    def load_bundled(self, user: str) -> list[ImportResult]:
        """Load the corridor dataset shipped in the package (idempotent)."""
        results = []
        for kind, relative in BUNDLED_FILES:
            with as_file(DATA / relative) as path:
                results.append(self.import_file(path, kind, user))
        return results

    # -- edit, history, withdraw, revert (the acting user is checked by the entry points) ------------------

    def edit_record(
        self, kind: str, record_id: str, changes: dict[str, str], source: SourceRef, actor: str
    ) -> EditResult:
        """Write one statement from `source` changing some fields of an existing record; returns old -> new."""
        before, statement = self._edit_statement(kind, record_id, changes, source)
        write_id, statement_id = self._store.write_edit(kind, statement, actor)
        after = merge_observations(self._store.observations(kind, record_id)).fields
        return EditResult(write_id, statement_id, changed_fields(before, after))

    def check_edit(self, kind: str, record_id: str, changes: dict[str, str], source: SourceRef) -> None:
        """Refuse (EditRejected, InvalidInput, NotFound) an edit that `edit_record` would refuse; writes nothing.

        A proposal is checked so when it is made, so that a moderator never publishes what cannot be written."""
        self._edit_statement(kind, record_id, changes, source)

    def prepare_edit(
        self, kind: str, record_id: str, changes: dict[str, str], source: SourceRef, actor: str
    ) -> PreparedWrite:
        """The checked statement `edit_record` would write, for a caller that writes it in its own transaction."""
        return PreparedWrite(kind, self._edit_statement(kind, record_id, changes, source)[1], actor, "edit")

    def prepare_new_record(self, kind: str, fields: dict[str, str], source: SourceRef, actor: str) -> PreparedWrite:
        """The checked one-row import `create_record` would write, for a caller with its own transaction."""
        return PreparedWrite(kind, self.check_new_record(kind, fields, source), actor, NEW_RECORD_FILE)

    def check_new_record(self, kind: str, fields: dict[str, str], source: SourceRef) -> Statement:
        """The statement a new record's row would store (its ID made from the name when not given), or
        EditRejected naming every bad field, or InvalidInput when the record exists already; writes nothing."""
        record_kind(kind, records_only=True)
        row = {**fields, "source_title": source.title, "source_url": source.url, "source_date": source.as_of}
        statements, errors = validate_table(
            kind, RawTable(NEW_RECORD_FILE, list(row), [(1, row)]), self._store.references()
        )
        if errors:
            raise EditRejected(
                kind_name(kind), fields.get("id") or fields.get("name") or fields.get("name_vi") or "?", errors
            )
        statement = statements[0]
        if self._store.get(kind, statement.record_id) is not None:
            raise InvalidInput(
                "{record} exists already; propose a correction on its page instead", record=statement.record_id
            )
        return statement

    def create_record(self, kind: str, fields: dict[str, str], source: SourceRef, actor: str) -> str:
        """Store a new record's first statement (as a one-row import named 'proposal'); returns its ID."""
        statement = self.check_new_record(kind, fields, source)
        self._store.write_statements(kind, NEW_RECORD_FILE, [statement], actor)
        return statement.record_id

    def current_fields(self, kind: str, record_id: str) -> dict[str, Any]:
        """The record's fields as its sources state them now (stored values, as an edit compares them)."""
        record_kind(kind, records_only=True)
        return merge_observations(self._store.observations(kind, record_id)).fields

    def _edit_statement(
        self, kind: str, record_id: str, changes: dict[str, str], source: SourceRef
    ) -> tuple[dict[str, Any], Statement]:
        record_kind(kind, records_only=True)
        if self._store.get(kind, record_id) is None:
            raise NotFound("No {kind} matches '{name}'", kind=kind_name(kind), name=record_id)
        before = merge_observations(self._store.observations(kind, record_id)).fields
        statement = edit_statement(kind, record_id, changes, source, before, self._store.references())
        if all(before.get(key) == value for key, value in statement.fields.items()):
            raise InvalidInput("Nothing to change: {record} already has these values", record=record_id)
        return before, statement

    def history(self, kind: str, record_id: str) -> list[HistoryEntry]:
        """Every write that touched the record, newest first, with the view's values before and after it."""
        record_kind(kind, records_only=True)
        writes, observations = self._store.record_changes(kind, record_id)
        if not writes and not observations:
            raise NotFound("No {kind} matches '{name}'", kind=kind_name(kind), name=record_id)
        return replay_history(writes, observations)

    def history_json(self, kind: str, record_id: str) -> dict[str, Any]:
        """The history as public JSON (docs/json.md, History)."""
        return history_json(kind, record_id, self.history(kind, record_id))

    def withdraw_statement(self, observation_id: int, reason: str, actor: str) -> int:
        """Take one statement out of the views (it stays in history); returns the write's ID."""
        _check_reason(reason)
        return self._store.withdraw_statements([observation_id], actor, "withdraw", {"reason": reason.strip()})

    def revert_write(self, write_id: int, reason: str, actor: str) -> int:
        """Undo an import or edit in one step: withdraw every statement it stored; returns the revert's ID."""
        _check_reason(reason)
        write = self._store.write_to_revert(write_id)
        if write.reverted_by is not None:
            raise InvalidInput(
                "Write {id} was already reverted by write {revert}", id=write_id, revert=write.reverted_by
            )
        if write.action not in REVERTIBLE or write.kind == "indicators":
            raise InvalidInput(
                "Only imports and edits of records can be reverted; write {id} is '{action}'",
                id=write_id,
                action=write.action,
            )
        remaining = [i for i in write.stored if i not in write.withdrawn]
        if not remaining:
            raise InvalidInput("Every statement of write {id} is already withdrawn; nothing to revert", id=write_id)
        detail = {"reason": reason.strip(), "reverted_write": write_id, "statements": len(remaining)}
        return self._store.withdraw_statements(remaining, actor, "revert", detail)

    # -- duplicates ----------------------------------------------------------------------------------------

    def find_duplicates(self, kind: str, candidate: FirmFields, limit: int = 10) -> list[Duplicate]:
        """Stored records in the merge or review band of `candidate`, best first (province by name or ID)."""
        _check_resolved_kind(kind)
        fields = replace(candidate, province=current_province(candidate.province, self._store.admin_index()))
        rows = self._duplicates.resolution_rows(kind, blocking_keys(fields))
        return rank_candidates(kind, fields, rows, limit)

    def duplicate_pairs(self, kind: str) -> list[DuplicatePair]:
        """The review list: pairs of stored records that may be one, computed from the current records."""
        _check_resolved_kind(kind)
        return review_pairs(CandidateIndex(kind, self._duplicates.resolution_rows(kind)))

    def merge_records(
        self, kind: str, kept_id: str, merged_id: str, actor: str, score: float | None = None, method: str = "reviewed"
    ) -> int:
        """Fold `merged_id` into `kept_id` (one merges row, one write-log entry); returns the merge ID."""
        _check_resolved_kind(kind)
        if method not in MERGE_METHODS:
            raise InvalidInput(mark("Unknown merge method {method}"), method=method)
        return self._duplicates.merge(kind, kept_id, merged_id, actor, score, method)

    def unmerge(self, merge_id: int, actor: str) -> dict[str, Any]:
        """Undo a merge; both records read as they did before it. Returns the merge as it was recorded."""
        return self._duplicates.unmerge(merge_id, actor)

    def merges(self, kind: str | None = None) -> list[dict[str, Any]]:
        return self._duplicates.merges(kind)

    # -- query -------------------------------------------------------------------------------------------

    def admin_index(self) -> AdminIndex:
        """Administrative units across the 2025 merger, for resolving place names."""
        return self._store.admin_index()

    def hs_codes(self) -> frozenset[str]:
        """The HS 2022 codes the registry knows."""
        return self._store.references().hs_codes

    def view_row(self, kind: str, record_id: str) -> dict[str, Any] | None:
        """The record's row of the current view (its zone, firm and locality IDs), or None."""
        record_kind(kind, records_only=True)
        return self._store.get(kind, record_id)

    def exists(self, kind: str, record_id: str) -> bool:
        record_kind(kind, records_only=True)
        return self._store.get(kind, record_id) is not None

    def list_records(self, kind: str, filters: ListFilters) -> RecordPage:
        record_kind(kind, records_only=True)
        query, notes = self._query(kind, filters)
        if not _given_filters(filters) and not filters.search:
            return self._page_of_everything(kind, query, filters.as_of)
        rows, total, names = self._store.page(kind, query)
        return RecordPage([_public(kind, row, names, filters.as_of) for row in rows], total, notes)

    def _page_of_everything(self, kind: str, query: RecordQuery, as_of: dt.date) -> RecordPage:
        """A page sliced from every record of the kind in order, built once per data version (registry.listings).
        The date changes a record's JSON only across the 2025 merger (a zone's `province`): one list per side."""
        version = self._store.data_version()  # before the rows: see BuiltLists.records

        def build() -> list[dict[str, Any]]:
            rows, _, names = self._store.page(kind, replace(query, limit=None, offset=0))
            return [_public(kind, row, names, as_of) for row in rows]

        records = self._built_lists.records((kind, query.sort, as_of < MERGER_DATE), version, build)
        end = None if query.limit is None else query.offset + query.limit
        # copies: a caller that adds a key to its page must not change the kept list
        return RecordPage([dict(record) for record in records[query.offset : end]], len(records), [])

    def show(self, kind: str, id_or_name: str, as_of: dt.date | None = None) -> dict[str, Any]:
        """One record, with every source's statement about it (listed when the record was written)."""
        record_kind(kind, records_only=True)
        found = (
            self._store.detail(kind, id_or_name.strip())
            or self._merged_detail(kind, id_or_name.strip())
            or self._store.detail(kind, self._find_one(kind, id_or_name)["id"])
        )
        if found is None:  # deleted between the two reads
            raise NotFound("No {kind} matches '{name}'", kind=kind_name(kind), name=id_or_name)
        record = _public(kind, found.row, found.unit_names, as_of or dt.date.today())
        record["sources"] = found.row["sources"]
        if kind == "zones":
            record["firms"] = found.firms
        return record

    def find_firm_by_name(self, name: str) -> str | None:
        """The ID of the one firm whose name is `name` (case and diacritics ignored), or None (none or several)."""
        matches = self._store.find("firms", RecordQuery(text=name, limit=20))
        exact = [m["id"] for m in matches if fold_name(_label(m)) == fold_name(name)]
        return str(exact[0]) if len(exact) == 1 else None

    def _merged_detail(self, kind: str, record_id: str) -> RecordDetail | None:
        """The record a merged ID was folded into, so that links to a duplicate keep working."""
        kept_id = self._duplicates.merged_into(kind).get(record_id) if kind in RESOLVED_KINDS else None
        return self._store.detail(kind, kept_id) if kept_id else None

    def _find_one(self, kind: str, id_or_name: str) -> dict[str, Any]:
        row = self._store.get(kind, id_or_name.strip())
        if row:
            return row
        matches = self._store.find(kind, RecordQuery(text=id_or_name, limit=20))
        exact = [m for m in matches if fold_name(_label(m)) == fold_name(id_or_name)]
        if len(exact) == 1 or len(matches) == 1:
            return (exact or matches)[0]
        if not matches:
            raise NotFound("No {kind} matches '{name}'", kind=kind_name(kind), name=id_or_name)
        listed = "; ".join(f"{m['id']} ({_label(m)})" for m in matches[:10])
        raise NotFound(
            "'{name}' matches several {kind}: {matches}",
            name=id_or_name,
            kind=kind_name(kind, plural=True),
            matches=listed,
        )

    def _query(self, kind: str, filters: ListFilters) -> tuple[RecordQuery, list[Message]]:
        check_filters(kind, _given_filters(filters))
        check_paging(filters.limit, filters.offset)
        alternative = with_vietnamese_names(filters.search) if filters.search else None
        query = RecordQuery(
            text=filters.search,
            text_alternatives=(alternative,) if alternative else (),
            bbox=filters.bbox,
            sort=sort_column(kind, filters.sort),
            limit=filters.limit,
            offset=filters.offset,
        )
        notes: list[Message] = []
        if filters.province:
            column, unit_id, note = self._province_filter(kind, filters.province, filters.as_of)
            query.equals[column] = [unit_id]
            notes += [note] if note else []
        if filters.corridor:
            units = self._store.corridor_units(filters.corridor, filters.as_of)
            if not units:
                raise NotFound("No corridor '{name}' on {date}", name=filters.corridor, date=filters.as_of)
            column = "province_pre2025_id" if filters.as_of < dt.date(2025, 7, 1) and kind == "zones" else "province_id"
            query.equals[column] = units
        _add_equal(query, "zone_type", filters.zone_type and filters.zone_type.upper())
        _add_equal(query, "status", filters.status)
        _add_equal(query, "role", filters.role)
        _add_equal(query, "node_type", filters.node_type)
        if filters.zone:
            query.equals["zone_id"] = [self._find_one("zones", filters.zone)["id"]]
        if filters.industry:
            query.code_prefix["target_vsic" if kind == "zones" else "vsic"] = filters.industry
        if filters.min_leasable_ha is not None:
            query.at_least["leasable_ha"] = filters.min_leasable_ha
        if filters.min_available_ha is not None:
            query.at_least["available_ha"] = filters.min_available_ha
        return query, notes

    def _province_filter(self, kind: str, name: str, on: dt.date) -> tuple[str, str, Message | None]:
        admin = self._store.admin_index()
        resolution = admin.resolve(name, on)
        if resolution is None:
            close = ", ".join(admin.close_matches(name)) or "-"
            raise NotFound("No province or locality '{name}' (close matches: {close})", name=name, close=close)
        unit = resolution.unit
        if unit.is_pre2025 and kind == "zones":
            return "province_pre2025_id", unit.id, resolution.note
        if unit.is_pre2025:
            successors = admin.successors.get(unit.id, [])
            return "province_id", successors[0] if successors else unit.id, resolution.note
        return "province_id", unit.id, resolution.note

    def indicators(self, locality: str | None = None, as_of: dt.date | None = None) -> list[dict[str, Any]]:
        """Indicator facts, each with its locality, unit and source; optionally for one locality."""
        rows = self._store.indicator_rows()
        if locality:
            rows = [r for r in rows if r["locality_id"] in self.indicator_units(locality, as_of)]
        names = self._store.unit_names([r["locality_id"] for r in rows])
        return [_indicator_json(row, names) for row in rows]

    def indicator_units(self, locality: str, as_of: dt.date | None = None) -> set[str]:
        """The units whose figures describe `locality`: a 2025 unit and its parts; a pre-2025 unit alone (with
        its 2025 unit only when the merger left it whole), never the other parts of the province it joined."""
        unit_id = self._province_filter("indicators", locality, as_of or dt.date.today())[1]
        admin = self._store.admin_index()
        resolution = admin.resolve(locality, as_of or dt.date.today())
        if resolution is not None and resolution.unit.is_pre2025:
            old_id = resolution.unit.id
            whole = [s for s in admin.successors.get(old_id, []) if admin.predecessors.get(s) == [old_id]]
            return {old_id, *whole}
        return {unit_id, *admin.predecessors.get(unit_id, [])}

    def localities(self) -> list[dict[str, Any]]:
        """Provinces before and after the 2025 merger, and foreign localities, with their successors."""
        admin = self._store.admin_index()
        return [
            {
                "id": u.id,
                "name": u.name,
                "name_en": u.name_en,
                "official_name": u.official_name,
                "country": u.country,
                "valid_from": u.valid_from,
                "valid_to": u.valid_to,
                "successors": admin.successors.get(u.id, []),
            }
            for u in sorted(admin.units.values(), key=lambda u: (u.is_pre2025, vietnamese_sort_key(u.name)))
        ]

    # -- export ------------------------------------------------------------------------------------------

    def export_records(self, kind: str, filters: ListFilters | None = None) -> list[dict[str, Any]]:
        """Every record a query selects (all pages), one each, for files; indicators are one row per fact."""
        if kind == "indicators":
            return self.export_rows(kind)
        selection = filters or ListFilters()
        selection.limit, selection.offset = None, 0
        items = self.list_records(kind, selection).items
        return self.with_zone_points(items) if kind == "firms" else items

    def with_zone_points(self, firms: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Firms with a point: their own, else their zone's, and `location_from` saying which (None: no point)."""
        zone_ids = sorted({f["zone"] for f in firms if f["zone"] and f["location"]["lat"] is None})
        points = {}
        if zone_ids:
            zones = self.list_records("zones", ListFilters()).items
            points = {z["id"]: z["location"] for z in zones if z["id"] in zone_ids and z["location"]["lat"] is not None}
        return [_placed(firm, points.get(firm["zone"])) for firm in firms]

    def export_rows(self, kind: str, *, withdrawn: bool = False) -> list[dict[str, Any]]:
        """Every stored statement as an import row, so that export then import changes nothing. With `withdrawn`,
        withdrawn statements too, each row saying in `withdrawn` whether and why (such a file is not for import)."""
        record_kind(kind)
        admin = self._store.admin_index()
        if kind == "indicators":
            return [_indicator_export_row(row, admin) for row in self._store.indicator_rows()]
        rows = []
        for observation in self._store.all_observations(kind, withdrawn=withdrawn):
            row: dict[str, Any] = {"id": observation.record_id, **observation.fields}
            for key in ("province", "province_pre2025", "place"):
                if row.get(key):
                    row[key] = admin.label(row[key], dt.date.today())
            row.update(
                source_title=observation.source.title,
                source_url=observation.source.url,
                source_date=observation.source.as_of,
            )
            if withdrawn:
                row["withdrawn"] = _withdrawal_text(observation)
            rows.append(row)
        return rows


REVERTIBLE = ("import", "edit")
NEW_RECORD_FILE = "proposal"


def _withdrawal_text(observation: Observation) -> str:
    found = observation.withdrawn
    return "" if found is None else f"{found.at.date().isoformat()} {found.by} (write {found.write_id}): {found.reason}"


def _check_reason(reason: str) -> None:
    if not reason.strip():
        raise InvalidInput("Give a reason (--reason): history shows it next to the change")


def _indicator_export_row(row: dict[str, Any], admin: AdminIndex) -> dict[str, Any]:
    year = row["year"]
    on = dt.date(year, 1, 1) if year else dt.date.today()
    return {
        "locality": admin.label(row["locality_id"], on),
        "year": year,
        "indicator": row["indicator"],
        "value": row["value"],
        "unit": row["unit"],
        "note": row["note"],
        "status": row["status"],
        "source_title": row["source_title"],
        "source_url": row["source_url"],
        "source_date": row["source_date"],
    }


def _placed(firm: dict[str, Any], zone_point: dict[str, Any] | None) -> dict[str, Any]:
    if firm["location"]["lat"] is not None:
        return {**firm, "location_from": "firm"}
    if zone_point is None:
        return {**firm, "location_from": None}
    return {**firm, "location": {"lat": zone_point["lat"], "lon": zone_point["lon"]}, "location_from": "zone"}


def _indicator_json(row: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    return {
        "locality": {"id": row["locality_id"], "name": names.get(row["locality_id"], row["locality_id"])},
        "year": row["year"],
        "indicator": row["indicator"],
        "value": row["value"],
        "unit": row["unit"],
        "note": row["note"],
        "status": row["status"],
        "source": {"title": row["source_title"], "url": row["source_url"] or None, "as_of": row["source_date"]},
    }


def _label(row: dict[str, Any]) -> str:
    return str(row.get("name_vi") or row.get("name") or row.get("text_vi") or row.get("text_en") or row["id"])


def _given_filters(filters: ListFilters) -> list[str]:
    """The narrowing filters that were given (search, sort and paging apply to every kind)."""
    return [name for name in FILTER_NAMES if getattr(filters, name) not in (None, "")]


def _add_equal(query: RecordQuery, column: str, value: str | None) -> None:
    if value:
        query.equals[column] = [value]


def _public(kind: str, row: dict[str, Any], names: dict[str, str], as_of: dt.date) -> dict[str, Any]:
    shape = record_kind(kind, records_only=True).public
    assert shape is not None
    return shape(row, names, as_of)
