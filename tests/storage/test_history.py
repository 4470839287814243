"""Editing a record with a source, its history, withdrawing a statement, reverting a write (SQLite and PostGIS)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from corridor.bootstrap import App
from corridor.errors import EditRejected, InvalidInput, NotFound
from corridor.registry.models import SourceRef
from corridor.storage.write_log import SqlWriteLog
from tests.factories import write_csv

ZONE = "kcn-pho-noi-a"  # bundled: occupancy 84 % from the Hưng Yên board's undated table
OTHER_ZONE = "kcn-trang-due"
BOARD = SourceRef(
    "Báo cáo tháng 11/2026, Ban quản lý các KCN tỉnh Hưng Yên",
    "https://banqlkcn.hungyen.gov.vn/bc-11-2026",
    "2026-11-30",
)


def _log_size(app: App) -> int:
    return len(SqlWriteLog(app.store.engine).entries(limit=100_000))


def _occupancy(app: App, zone: str = ZONE) -> object:
    return app.registry.show("zones", zone)["occupancy_pct"]


def test_an_edit_changes_the_view_and_history_shows_old_to_new(loaded_app: App) -> None:
    before = _occupancy(loaded_app)
    changes = loaded_app.registry.edit_record("zones", ZONE, {"occupancy_pct": "91,5"}, BOARD, "lan.nguyen").changes
    assert [(c.field, c.old, c.new) for c in changes] == [("occupancy_pct", before, 91.5)]
    shown = loaded_app.registry.show("zones", ZONE)
    assert shown["occupancy_pct"] == 91.5 and shown["updated_by"] == "lan.nguyen"
    newest = loaded_app.registry.history("zones", ZONE)[0]
    assert (newest.action, newest.actor, newest.sources) == ("edit", "lan.nguyen", [BOARD])
    assert [(c.field, c.old, c.new) for c in newest.changes] == [("occupancy_pct", before, 91.5)]
    assert [s.fields for s in newest.statements] == [{"occupancy_pct": 91.5}]
    assert loaded_app.registry.history("zones", ZONE)[-1].action == "import"


def test_a_conflicting_older_source_stays_side_by_side(loaded_app: App) -> None:
    older = SourceRef("Niên giám 2024", "https://example.org/nien-giam-2024", "2024-12-31")
    loaded_app.registry.edit_record("zones", ZONE, {"occupancy_pct": "91"}, BOARD, "lan")
    changes = loaded_app.registry.edit_record("zones", ZONE, {"occupancy_pct": "70"}, older, "minh").changes
    assert changes == []  # the newer source still wins
    assert _occupancy(loaded_app) == 91
    titles = [s["title"] for s in loaded_app.registry.show("zones", ZONE)["sources"]]
    assert BOARD.title in titles and older.title in titles


def test_withdrawing_a_statement_falls_back_to_the_previous_value(loaded_app: App) -> None:
    before = _occupancy(loaded_app)
    loaded_app.registry.edit_record("zones", ZONE, {"occupancy_pct": "95"}, BOARD, "lan")
    edit = loaded_app.registry.history("zones", ZONE)[0]
    loaded_app.registry.withdraw_statement(edit.statements[0].order, "wrong park", "admin")
    assert _occupancy(loaded_app) == before
    withdraw, edit_again = loaded_app.registry.history("zones", ZONE)[:2]
    assert (withdraw.action, withdraw.reason) == ("withdraw", "wrong park")
    assert [(c.field, c.old, c.new) for c in withdraw.changes] == [("occupancy_pct", 95, before)]
    assert edit_again.statements[0].withdrawn is not None
    assert not [r for r in loaded_app.registry.export_rows("zones") if r["source_title"] == BOARD.title]
    (marked,) = [
        r for r in loaded_app.registry.export_rows("zones", withdrawn=True) if r["source_title"] == BOARD.title
    ]
    assert marked["occupancy_pct"] == 95 and marked["withdrawn"].endswith(
        f"admin (write {withdraw.write_id}): wrong park"
    )
    with pytest.raises(InvalidInput, match="already withdrawn"):
        loaded_app.registry.withdraw_statement(edit.statements[0].order, "again", "admin")


def test_reverting_an_import_restores_every_view_in_one_step(loaded_app: App, tmp_path: Path) -> None:
    before = {kind: loaded_app.registry.export_records(kind) for kind in ("zones", "firms")}
    rows = [
        {
            "id": ZONE,
            "name_vi": "KCN Phố Nối A",
            "occupancy_pct": "99",
            "source_title": "Tệp thử",
            "source_date": "2026-10-01",
        },
        {
            "id": OTHER_ZONE,
            "name_vi": "KCN Tràng Duệ",
            "area_ha": "700",
            "source_title": "Tệp thử",
            "source_date": "2026-10-01",
        },
        {
            "id": "kcn-moi-thu",
            "name_vi": "KCN Mới Thử",
            "province": "Hải Phòng",
            "source_title": "Tệp thử",
            "source_date": "2026-10-01",
        },
    ]
    loaded_app.registry.import_file(write_csv(tmp_path / "two_zones.csv", rows), "zones", "importer")
    assert _occupancy(loaded_app) == 99 and loaded_app.registry.exists("zones", "kcn-moi-thu")
    import_id = loaded_app.store.data_version()
    revert_id = loaded_app.registry.revert_write(import_id, "test file", "admin")
    assert {kind: loaded_app.registry.export_records(kind) for kind in ("zones", "firms")} == before
    assert not loaded_app.registry.exists("zones", "kcn-moi-thu")
    newest = loaded_app.registry.history("zones", OTHER_ZONE)[0]
    assert (newest.write_id, newest.action, newest.reverted_write) == (revert_id, "revert", import_id)
    with pytest.raises(InvalidInput, match="already reverted"):
        loaded_app.registry.revert_write(import_id, "again", "admin")


@pytest.mark.parametrize(
    ("changes", "source", "error", "words"),
    [
        ({"occupancy": "90"}, BOARD, InvalidInput, "Unknown field 'occupancy'"),
        ({"occupancy_pct": "lots"}, BOARD, EditRejected, "field 'occupancy_pct': got 'lots'; expected a number"),
        ({"occupancy_pct": "90"}, SourceRef("Ban", "", "2026-11-30"), EditRejected, "source_url"),
        ({"occupancy_pct": "90"}, SourceRef("Ban", "https://x.vn", "2099-01-01"), EditRejected, "not after today"),
        ({"lat": "21.0"}, BOARD, EditRejected, "lon"),
    ],
)
def test_a_bad_edit_writes_nothing(
    loaded_app: App, changes: dict[str, str], source: SourceRef, error: type[Exception], words: str
) -> None:
    logged = _log_size(loaded_app)
    with pytest.raises(error, match=words):
        loaded_app.registry.edit_record("zones", ZONE, changes, source, "lan")
    assert _log_size(loaded_app) == logged


def test_an_edit_that_changes_nothing_is_refused(loaded_app: App) -> None:
    current = _occupancy(loaded_app)
    logged = _log_size(loaded_app)
    with pytest.raises(InvalidInput, match="already has these values"):
        loaded_app.registry.edit_record("zones", ZONE, {"occupancy_pct": str(current)}, BOARD, "lan")
    with pytest.raises(NotFound):
        loaded_app.registry.edit_record("zones", "kcn-khong-co", {"occupancy_pct": "5"}, BOARD, "lan")
    assert _log_size(loaded_app) == logged


def test_an_edit_message_reads_in_vietnamese(loaded_app: App) -> None:
    with pytest.raises(EditRejected) as raised:
        loaded_app.registry.edit_record("zones", ZONE, {"occupancy_pct": "lots"}, BOARD, "lan")
    assert "trường 'occupancy_pct': nhận được 'lots'; cần một số" in raised.value.render("vi")


def test_a_future_source_date_is_refused(loaded_app: App) -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    with pytest.raises(EditRejected, match="source_date"):
        loaded_app.registry.edit_record(
            "zones", ZONE, {"occupancy_pct": "90"}, SourceRef("Ban", "https://x.vn", tomorrow), "lan"
        )
