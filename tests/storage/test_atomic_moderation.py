"""Publishing a proposal and approving a claim are each one transaction: concurrent moderators write an edit
once, and a failure half-way leaves nothing written (on SQLite and on PostGIS)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import sqlalchemy as sa

from corridor.accounts import Grant, Principal
from corridor.bootstrap import App
from corridor.errors import Conflict
from corridor.registry.models import SourceRef
from corridor.storage import moderation_store
from corridor.storage import tables as t

ADMIN = Principal(user_id=0, email="moderator@example.vn", grants=(Grant("admin", "*"),))
OTHER_ADMIN = Principal(user_id=0, email="moderator2@example.vn", grants=(Grant("admin", "*"),))
CONTRIBUTOR = Principal(user_id=0, email="contributor@example.vn", grants=(Grant("admin", "*"),))
SOURCE = SourceRef("Ban quản lý KCN, công văn 12/2025", "https://example.org/cv12", "2025-03-01")


def _a_zone(app: App) -> str:
    o = t.observations.c
    with app.store.engine.connect() as conn:
        return str(conn.execute(sa.select(sa.func.min(o.record_id)).where(o.kind == "zones")).scalar_one())


def _edits_of(app: App, record_id: str) -> tuple[int, int]:
    """(write-log entries of action 'edit' touching the zone, statements about it from the edit's source)."""
    w, r, o, s = t.write_log.c, t.write_log_records.c, t.observations.c, t.sources.c
    with app.store.engine.connect() as conn:
        logged = conn.execute(
            sa.select(sa.func.count())
            .select_from(t.write_log.join(t.write_log_records, r.write_id == w.id))
            .where(w.action == "edit", r.kind == "zones", r.record_id == record_id)
        ).scalar_one()
        stated = conn.execute(
            sa.select(sa.func.count())
            .select_from(t.observations.join(t.sources, s.id == o.source_id))
            .where(o.kind == "zones", o.record_id == record_id, s.url == SOURCE.url)
        ).scalar_one()
    return int(logged), int(stated)


def _propose(app: App, record_id: str) -> int:
    return app.moderation.propose(CONTRIBUTOR, "zones", record_id, {"status_note": "Đã lấp đầy 80%"}, SOURCE).id


def test_two_moderators_publishing_at_once_write_the_edit_once(loaded_app: App) -> None:
    zone_id = _a_zone(loaded_app)
    proposal_id = _propose(loaded_app, zone_id)
    start = threading.Barrier(2)
    outcomes: list[Any] = []

    def publish(moderator: Principal) -> None:
        start.wait()
        try:
            outcomes.append(loaded_app.moderation.publish(moderator, proposal_id))
        except Conflict as error:
            outcomes.append(error)

    threads = [threading.Thread(target=publish, args=(m,)) for m in (ADMIN, OTHER_ADMIN)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    conflicts = [o for o in outcomes if isinstance(o, Conflict)]
    published = [o for o in outcomes if not isinstance(o, Conflict)]
    assert len(conflicts) == 1 and len(published) == 1, outcomes
    assert conflicts[0].http_status == 409
    assert _edits_of(loaded_app, zone_id) == (1, 1)
    stored = loaded_app.moderation.proposal(proposal_id)
    assert stored.status == "published"
    assert stored.write_id is not None
    assert stored.write_id == published[0].write_id
    assert loaded_app.registry.history("zones", zone_id)[0].write_id == stored.write_id


def test_publishing_after_it_was_published_writes_nothing_more(loaded_app: App) -> None:
    zone_id = _a_zone(loaded_app)
    proposal_id = _propose(loaded_app, zone_id)
    loaded_app.moderation.publish(ADMIN, proposal_id)
    with pytest.raises(Conflict):
        loaded_app.moderation.publish(OTHER_ADMIN, proposal_id)
    assert _edits_of(loaded_app, zone_id) == (1, 1)


def _fail(*_args: Any, **_kwargs: Any) -> Any:
    raise RuntimeError("the disk filled up half-way")


def test_a_failure_after_the_edit_leaves_the_proposal_pending_and_no_edit(
    loaded_app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    zone_id = _a_zone(loaded_app)
    proposal_id = _propose(loaded_app, zone_id)
    monkeypatch.setattr(moderation_store, "_record_proposal_decision", _fail)
    with pytest.raises(RuntimeError):
        loaded_app.moderation.publish(ADMIN, proposal_id)
    assert _edits_of(loaded_app, zone_id) == (0, 0)
    stored = loaded_app.moderation.proposal(proposal_id)
    assert (stored.status, stored.write_id, stored.decided_by) == ("pending", None, None)
    monkeypatch.undo()
    assert loaded_app.moderation.publish(ADMIN, proposal_id).status == "published"
    assert _edits_of(loaded_app, zone_id) == (1, 1)


def test_a_failure_after_a_new_record_is_written_leaves_no_record(
    loaded_app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    fields = {"id": "KCN-ATOMIC-TEST", "name_vi": "KCN Thử nghiệm nguyên tử", "province": "Hải Phòng"}
    proposal = loaded_app.moderation.propose_new(CONTRIBUTOR, "zones", fields, SOURCE)
    monkeypatch.setattr(moderation_store, "_record_proposal_decision", _fail)
    with pytest.raises(RuntimeError):
        loaded_app.moderation.publish(ADMIN, proposal.id)
    assert not loaded_app.registry.exists("zones", "KCN-ATOMIC-TEST")
    assert loaded_app.moderation.proposal(proposal.id).status == "pending"
    monkeypatch.undo()
    published = loaded_app.moderation.publish(ADMIN, proposal.id)
    assert loaded_app.registry.exists("zones", "KCN-ATOMIC-TEST")
    assert published.write_id == loaded_app.registry.history("zones", "KCN-ATOMIC-TEST")[0].write_id


def _claim(app: App, email: str) -> tuple[int, str]:
    user = app.accounts.add_user(email, [Grant("investor")], "test-setup")[0]
    claimant = Principal(user_id=user.id, email=email, grants=user.grants)
    f = t.observations.c
    with app.store.engine.connect() as conn:
        firm_id = str(conn.execute(sa.select(sa.func.min(f.record_id)).where(f.kind == "firms")).scalar_one())
    return app.claims.request(claimant, firm_id, "Tôi là giám đốc mua hàng").id, firm_id


def test_a_claim_approval_failing_after_the_claim_update_grants_nothing(
    loaded_app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    claim_id, firm_id = _claim(loaded_app, "claimant@example.vn")
    monkeypatch.setattr(moderation_store, "add_grant_in", _fail)
    with pytest.raises(RuntimeError):
        loaded_app.claims.approve(ADMIN, claim_id)
    assert claim_id in [claim.id for claim in loaded_app.claims.queue(ADMIN, "pending")]
    assert Grant("firm", f"firm:{firm_id}") not in loaded_app.accounts.user("claimant@example.vn").grants
    monkeypatch.undo()
    assert loaded_app.claims.approve(ADMIN, claim_id).status == "approved"
    assert Grant("firm", f"firm:{firm_id}") in loaded_app.accounts.user("claimant@example.vn").grants
    with pytest.raises(Conflict):
        loaded_app.claims.approve(OTHER_ADMIN, claim_id)
