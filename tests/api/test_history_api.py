"""GET /api/v1/{kind}/{id}/history: a record's changes, newest first, in the documented shape."""

from __future__ import annotations

from typing import Any

from corridor.api import schemas
from corridor.bootstrap import App
from corridor.registry.models import SourceRef

BOARD = SourceRef("Báo cáo Ban quản lý các KCN tỉnh Hưng Yên", "https://banqlkcn.hungyen.gov.vn/bc", "2026-11-30")


def test_the_history_answer_lists_the_edit_with_old_and_new(client: Any, loaded_app: App) -> None:
    loaded_app.registry.edit_record("zones", "kcn-pho-noi-a", {"occupancy_pct": "90"}, BOARD, "lan.nguyen")
    response = client.get("/api/v1/zones/kcn-pho-noi-a/history")
    assert response.status_code == 200
    body = schemas.History.model_validate(response.json())
    newest = body.changes[0]
    assert (newest.action, newest.by, newest.sources[0].title) == ("edit", "lan.nguyen", BOARD.title)
    assert [(f.field, f.old, f.new) for f in newest.fields] == [("occupancy_pct", 84, 90)]
    assert body.changes[-1].action == "import" and body.changes[-1].statements[0].withdrawn is None


def test_history_of_an_unknown_record_is_404(client: Any) -> None:
    assert client.get("/api/v1/zones/kcn-khong-co/history").status_code == 404
    assert client.get("/api/v1/routes/x/history").status_code == 400  # not a record kind
