"""Merging duplicates and undoing it: audited in the write log, all-or-nothing, on SQLite and PostGIS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corridor.bootstrap import App
from corridor.errors import InvalidInput, NotFound
from corridor.registry.resolution import FirmFields
from corridor.storage.write_log import SqlWriteLog
from tests.factories import FIRM_HEADER, make_firm_row, write_csv

KEPT, MERGED = "lg-display-vietnam-hai-phong", "lg-innotek-vietnam-hai-phong"


def _exported(app: App, kind: str = "firms") -> str:
    return json.dumps(app.registry.export_records(kind), ensure_ascii=False, sort_keys=True, default=str)


def test_merge_then_unmerge_restores_both_records_exactly(loaded_app: App) -> None:
    before = _exported(loaded_app)
    merge_id = loaded_app.registry.merge_records("firms", KEPT, MERGED, "curator")
    assert not loaded_app.registry.exists("firms", MERGED)
    kept = loaded_app.registry.show("firms", KEPT)
    assert len(kept["sources"]) == 2  # the kept firm now lists the merged firm's source too
    assert loaded_app.registry.show("firms", MERGED)["id"] == KEPT  # links to the duplicate keep working
    assert _exported(loaded_app) != before
    loaded_app.registry.unmerge(merge_id, "curator")
    assert _exported(loaded_app) == before


def test_merge_and_unmerge_are_logged_with_the_merges_row(loaded_app: App) -> None:
    log = SqlWriteLog(loaded_app.store.engine)
    start = loaded_app.store.data_version()
    merge_id = loaded_app.registry.merge_records("firms", KEPT, MERGED, "curator", score=0.8)
    loaded_app.registry.unmerge(merge_id, "reviewer")
    merge_entry, unmerge_entry = log.entries(after_id=start)
    assert (merge_entry.action, merge_entry.actor, merge_entry.kind) == ("merge", "curator", "firms")
    assert merge_entry.detail == {"kept": KEPT, "merged": MERGED, "score": 0.8, "method": "reviewed"}
    assert log.records(merge_entry.id) == [("firms", KEPT), ("firms", MERGED)]
    assert (unmerge_entry.action, unmerge_entry.actor) == ("unmerge", "reviewer")
    (row,) = loaded_app.registry.merges("firms")
    assert (row["write_id"], row["undo_write_id"], row["undone_by"]) == (merge_entry.id, unmerge_entry.id, "reviewer")


def test_bad_merges_are_refused_and_write_nothing(loaded_app: App) -> None:
    start = loaded_app.store.data_version()
    with pytest.raises(NotFound):
        loaded_app.registry.merge_records("firms", KEPT, "no-such-firm", "curator")
    with pytest.raises(InvalidInput):
        loaded_app.registry.merge_records("firms", KEPT, KEPT, "curator")
    with pytest.raises(InvalidInput):
        loaded_app.registry.merge_records("nodes", KEPT, MERGED, "curator")
    with pytest.raises(NotFound):
        loaded_app.registry.unmerge(999, "curator")
    assert loaded_app.store.data_version() == start
    merge_id = loaded_app.registry.merge_records("firms", KEPT, MERGED, "curator")
    with pytest.raises(InvalidInput):
        loaded_app.registry.merge_records("firms", MERGED, "toto", "curator")
    loaded_app.registry.unmerge(merge_id, "curator")
    with pytest.raises(InvalidInput):
        loaded_app.registry.unmerge(merge_id, "curator")


def test_zones_merge_and_unmerge_too(loaded_app: App) -> None:
    before = _exported(loaded_app, "zones")
    merge_id = loaded_app.registry.merge_records("zones", "kcn-trang-due", "kcn-pho-noi-a", "curator")
    assert not loaded_app.registry.exists("zones", "kcn-pho-noi-a")
    loaded_app.registry.unmerge(merge_id, "curator")
    assert _exported(loaded_app, "zones") == before


def test_find_duplicates_ranks_a_typed_variant_first(loaded_app: App) -> None:
    found = loaded_app.registry.find_duplicates(
        "firms", FirmFields("Cong ty TNHH LG Display Viet Nam Hai Phong", province="Hải Phòng")
    )
    assert found[0].record_id == KEPT and found[0].band == "merge"
    assert all(d.record_id != MERGED or d.band != "merge" for d in found)


def test_an_imported_variant_of_a_stored_firm_is_merged_automatically(loaded_app: App, tmp_path: Path) -> None:
    row = make_firm_row(name="Công ty TNHH LG Display Việt Nam Hải Phòng", tax_code="", zone="KCN Tràng Duệ")
    result = loaded_app.registry.import_file(write_csv(tmp_path / "f.csv", [row], FIRM_HEADER), "firms", "importer")
    (merged,) = result.merged
    assert merged.kept_id == KEPT and result.to_review == []
    assert not loaded_app.registry.exists("firms", merged.merged_id)
    (row_merge,) = loaded_app.registry.merges("firms")
    assert (row_merge["method"], row_merge["score"]) == ("automatic", merged.score)
    loaded_app.registry.unmerge(row_merge["id"], "curator")
    assert loaded_app.registry.exists("firms", merged.merged_id)


def test_a_possible_duplicate_is_created_and_listed_for_review(loaded_app: App, tmp_path: Path) -> None:
    row = make_firm_row(name="Ford Vietnam Hải Dương plant", tax_code="", zone="", province="Hải Phòng")
    result = loaded_app.registry.import_file(write_csv(tmp_path / "f.csv", [row], FIRM_HEADER), "firms", "importer")
    assert result.merged == []
    (review,) = result.to_review
    assert review.existing_id.startswith("ford-vietnam")
    assert loaded_app.registry.exists("firms", review.record_id)
    pairs = {(p.first_id, p.second_id) for p in loaded_app.registry.duplicate_pairs("firms")}
    assert tuple(sorted((review.record_id, review.existing_id))) in pairs


def test_a_dry_run_merges_nothing(loaded_app: App, tmp_path: Path) -> None:
    row = make_firm_row(name="LG Display Vietnam Hai Phong Co., Ltd", tax_code="")
    path = write_csv(tmp_path / "f.csv", [row], FIRM_HEADER)
    result = loaded_app.registry.import_file(path, "firms", "importer", dry_run=True)
    assert len(result.merged) == 1 and loaded_app.registry.merges() == []
