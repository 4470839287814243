"""The whole policy table walked through the HTTP API: every role x scope type x action that has an endpoint today,
on a record in the grant's scope and one outside it; generated from policy.csv, so a new row is tested at once.

Imports run with dry_run=true: the decision comes before any write, and the database stays the same for the next
request. The zones are chosen across the 2025 merger: an agency scoped to the former Hải Dương (VN-30) covers
KCN Bình Giang (pre-2025 Hải Dương, today Hải Phòng) and not KCN Nomura 2 (pre-2025 Hải Phòng).
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable
from importlib.resources import files
from typing import Any

from corridor.accounts import Grant, Principal
from corridor.accounts.policy import ACTIONS, ROLES, SCOPE_TYPES, SIGNED_IN, is_allowed, policy_rows
from corridor.bootstrap import App
from corridor.registry.models import SourceRef
from corridor.registry.validation import RawTable
from tests.factories import make_token

IN_ZONE, OUT_ZONE = "kcn-binh-giang", "kcn-nomura-2"  # pre-2025 Hải Dương / pre-2025 Hải Phòng
FORMER_HAI_DUONG, TODAY_HAI_PHONG = "VN-30", "VN-31-2025"

# Actions with an HTTP endpoint today; each entry says how to do it on the record `key` ("in" or "out").
Endpoint = Callable[[Any, dict[str, str], str], int]


def _bundled_rows(kind: str) -> tuple[list[str], dict[str, dict[str, str]]]:
    text = (files("corridor") / "data" / "registry" / f"{kind}.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), {row["id"]: row for row in reader}


def _csv(kind: str, record_id: str) -> bytes:
    header, rows = _bundled_rows(kind)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerow(rows[record_id])
    return buffer.getvalue().encode()


def _two_firms() -> tuple[str, str]:
    _, rows = _bundled_rows("firms")
    first, second = list(rows)[:2]
    return first, second


IN_FIRM, OUT_FIRM = _two_firms()
# The record each scope type is tested on: (kind, in-scope ID, out-of-scope ID); the grant's scope covers the first.
RECORDS = {
    "corridor": ("zones", IN_ZONE, OUT_ZONE),
    "locality": ("zones", IN_ZONE, OUT_ZONE),
    "zone": ("zones", IN_ZONE, OUT_ZONE),
    "firm": ("firms", IN_FIRM, OUT_FIRM),
}
SCOPES = {
    "corridor": "*",
    "locality": f"locality:{FORMER_HAI_DUONG}",
    "zone": f"zone:{IN_ZONE}",
    "firm": f"firm:{IN_FIRM}",
}


def _import(client: Any, headers: dict[str, str], kind: str, record_id: str) -> int:
    upload = {"file": (f"{kind}.csv", _csv(kind, record_id), "text/csv")}
    answer = client.post(f"/api/v1/import/{kind}", params={"dry_run": "true"}, files=upload, headers=headers)
    return int(answer.status_code)


def _read(client: Any, headers: dict[str, str], kind: str, record_id: str) -> int:
    return int(client.get(f"/api/v1/{kind}/{record_id}", headers=headers).status_code)


_CHANGES = itertools.count(1)
SOURCE = {"source_title": "Access-matrix test", "source_url": "https://example.org/matrix", "as_of": "2025-06-30"}
# The zone a firm record stands for in the zone.edit case, and the firm a zone stands for in firm-level cases.
ZONE_OF = {IN_FIRM: IN_ZONE, OUT_FIRM: OUT_ZONE}
MATRIX_FIRM = {IN_ZONE: "matrix-firm-in-binh-giang", OUT_ZONE: "matrix-firm-in-nomura-2"}


def _app(client: Any) -> App:
    app: App = client.app.state.corridor
    return app


def _firm_in(client: Any, zone_id: str) -> str:
    """A firm of the zone (the bundled data has none in KCN Bình Giang), imported once per database."""
    firm_id = MATRIX_FIRM[zone_id]
    registry = _app(client).registry
    if not registry.exists("firms", firm_id):
        row = {
            "id": firm_id,
            "name": f"Matrix firm {zone_id}",
            "zone": zone_id,
            "source_title": "test",
            "source_url": "https://example.org",
            "source_date": "2025-01-01",
        }
        registry.import_table(RawTable("matrix.csv", list(row), [(2, row)]), "firms", "test-setup")
    return firm_id


def _record(client: Any, action: str, kind: str, record_id: str) -> tuple[str, str]:
    """The record an action is tried on for a scope type's in- or out-of-scope record."""
    if action == "zone.edit" and kind == "firms":
        return "zones", ZONE_OF[record_id]
    if action == "firm.edit" and kind == "zones":
        return "firms", _firm_in(client, record_id)
    return kind, record_id


def _change(kind: str) -> dict[str, str]:
    return {"status_note" if kind == "zones" else "notes": f"matrix change {next(_CHANGES)}"}


def _edit(action: str) -> Endpoint4:
    def edit(client: Any, headers: dict[str, str], kind: str, record_id: str) -> int:
        kind, record_id = _record(client, action, kind, record_id)
        body = {"fields": _change(kind), **SOURCE}
        return int(client.post(f"/api/v1/{kind}/{record_id}/edit", json=body, headers=headers).status_code)

    return edit


def _propose(client: Any, headers: dict[str, str], kind: str, record_id: str) -> int:
    body = {"kind": kind, "record_id": record_id, "fields": _change(kind), **SOURCE}
    return int(client.post("/api/v1/proposals", json=body, headers=headers).status_code)


def _moderate(client: Any, headers: dict[str, str], kind: str, record_id: str) -> int:
    """Publish a fresh proposal on the record (made by the administrator, through the service)."""
    app = _app(client)
    contributor = Principal(user_id=0, email="contributor@example.vn", grants=(Grant("admin", "*"),))
    proposal = app.moderation.propose(
        contributor, kind, record_id, _change(kind), SourceRef("t", "https://e.org", "2025")
    )
    return int(client.post(f"/api/v1/proposals/{proposal.id}/publish", headers=headers).status_code)


def _firm_of(client: Any, kind: str, record_id: str) -> str:
    return record_id if kind == "firms" else _firm_in(client, record_id)


def _claim(client: Any, headers: dict[str, str], kind: str, record_id: str) -> int:
    body = {"evidence": f"I run its purchasing ({next(_CHANGES)})"}
    firm_id = _firm_of(client, kind, record_id)
    return int(client.post(f"/api/v1/firms/{firm_id}/claim", json=body, headers=headers).status_code)


def _review(client: Any, headers: dict[str, str], kind: str, record_id: str) -> int:
    """Approve a fresh claim of the firm (made through the service by a new investor)."""
    app = _app(client)
    email = f"claimant{next(_CHANGES)}@example.vn"
    user = app.accounts.add_user(email, [Grant("investor")], "test-setup")[0]
    claimant = Principal(user_id=user.id, email=email, grants=user.grants)
    claim = app.claims.request(claimant, _firm_of(client, kind, record_id), "evidence")
    return int(client.post(f"/api/v1/claims/{claim.id}/approve", headers=headers).status_code)


def _zone_of(kind: str, record_id: str) -> str:
    return ZONE_OF[record_id] if kind == "firms" else record_id


def _inquire(client: Any, headers: dict[str, str], kind: str, record_id: str) -> int:
    body = {"zones": [_zone_of(kind, record_id)], "message": f"matrix inquiry {next(_CHANGES)}"}
    return int(client.post("/api/v1/inquiries", json=body, headers=headers).status_code)


def _answer(client: Any, headers: dict[str, str], kind: str, record_id: str) -> int:
    """Set the status of the board of a fresh inquiry about the zone (sent through the service by an investor)."""
    investor = Principal(user_id=0, email="investor@example.vn", grants=(Grant("investor", "*"),))
    inquiry, _ = _app(client).inquiries.send(investor, [_zone_of(kind, record_id)], "matrix", {})
    path = f"/api/v1/inquiries/{inquiry.id}/boards/{inquiry.recipients[0].board_id}/status"
    return int(client.post(path, json={"status": "answered"}, headers=headers).status_code)


Endpoint4 = Callable[[Any, dict[str, str], str, str], int]
ENDPOINTS: dict[str, Endpoint4] = {
    "records.import": _import,
    "records.read": _read,
    "zone.edit": _edit("zone.edit"),
    "firm.edit": _edit("firm.edit"),
    "record.propose": _propose,
    "proposal.moderate": _moderate,
    "claim.request": _claim,
    "claim.review": _review,
    "inquiry.create": _inquire,
    "inquiry.answer": _answer,
}


def _expected(role: str, scope_type: str, action: str, in_scope: bool) -> int:
    if is_allowed("public", "corridor", action):
        return 200
    if role == "public":
        return 401
    if is_allowed(SIGNED_IN, "corridor", action):
        return 200
    allowed = is_allowed(role, scope_type, action) and (in_scope or scope_type == "corridor")
    return 200 if allowed else 403


def test_the_policy_names_only_known_roles_scope_types_and_actions() -> None:
    for role, scope_type, action in policy_rows():
        assert role in {*ROLES, SIGNED_IN} and scope_type in SCOPE_TYPES
        assert action == "*" or action in ACTIONS


def test_every_role_action_and_scope_through_the_api(client: Any, loaded_app: App) -> None:
    wrong = []
    cases = 0
    for role in ROLES:
        for scope_type in SCOPE_TYPES if role != "public" else ("corridor",):
            actions = sorted(ENDPOINTS)
            headers = {} if role == "public" else make_token(loaded_app, role, (SCOPES[scope_type],), actions=actions)
            kind, in_id, out_id = RECORDS[scope_type]
            for action, endpoint in ENDPOINTS.items():
                for record_id, in_scope in ((in_id, True), (out_id, False)):
                    got = endpoint(client, headers, kind, record_id)
                    expected = _expected(role, scope_type, action, in_scope)
                    cases += 1
                    if got != expected:
                        wrong.append((role, SCOPES[scope_type], action, record_id, got, expected))
    assert cases == (5 * 4 + 1) * len(ENDPOINTS) * 2
    assert wrong == []


def test_policy_rows_with_an_endpoint_are_allowed_somewhere(client: Any, loaded_app: App) -> None:
    """Each row of policy.csv whose action has an endpoint lets its role do it in scope (a row that never works
    would be a dead row)."""
    for role, scope_type, action in policy_rows():
        for wired in [a for a in ENDPOINTS if action in {a, "*"}]:
            if role == "public":
                headers: dict[str, str] = {}
            else:
                holder = "investor" if role == SIGNED_IN else role  # any signed-in user: the least of the roles
                headers = make_token(loaded_app, holder, (SCOPES[scope_type],), actions=(wired,))
            kind, in_id, _ = RECORDS[scope_type]
            assert ENDPOINTS[wired](client, headers, kind, in_id) == 200, (role, scope_type, wired)


def test_an_agency_of_today_s_hai_phong_covers_the_former_hai_duong_too(client: Any, loaded_app: App) -> None:
    headers = make_token(loaded_app, "agency", (f"locality:{TODAY_HAI_PHONG}",))
    assert _import(client, headers, "zones", IN_ZONE) == 200
    assert _import(client, headers, "zones", OUT_ZONE) == 200
    former = make_token(loaded_app, "agency", (f"locality:{FORMER_HAI_DUONG}",))
    assert _import(client, former, "zones", IN_ZONE) == 200
    assert _import(client, former, "zones", OUT_ZONE) == 403


def test_one_row_out_of_scope_refuses_the_whole_file(client: Any, loaded_app: App) -> None:
    headers = make_token(loaded_app, "zone_manager", (f"zone:{IN_ZONE}",), email="manager@example.vn")
    header, rows = _bundled_rows("zones")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows([{**rows[IN_ZONE], "status_note": "changed"}, {**rows[OUT_ZONE], "status_note": "changed"}])
    before = loaded_app.store.data_version()
    answer = client.post(
        "/api/v1/import/zones?lang=en",
        files={"file": ("z.csv", buffer.getvalue().encode(), "text/csv")},
        headers=headers,
    )
    assert answer.status_code == 403
    assert OUT_ZONE in answer.json()["error"]["message"]
    assert loaded_app.store.data_version() == before


def test_a_zone_manager_cannot_move_her_zone_out_of_another_s_locality(client: Any, loaded_app: App) -> None:
    """The row is checked against the record as it is now too: an agency of the former Hải Dương may not take
    over a zone of the former Hải Phòng by writing Hải Dương in its pre-2025 province."""
    headers = make_token(loaded_app, "agency", (f"locality:{FORMER_HAI_DUONG}",))
    header, rows = _bundled_rows("zones")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerow({**rows[OUT_ZONE], "province_pre2025": "Hải Dương"})
    upload = {"file": ("z.csv", buffer.getvalue().encode(), "text/csv")}
    assert client.post("/api/v1/import/zones", files=upload, headers=headers).status_code == 403


def test_an_anonymous_import_is_refused_and_writes_nothing(client: Any, loaded_app: App) -> None:
    before = loaded_app.store.data_version()
    upload = {"file": ("zones.csv", _csv("zones", IN_ZONE), "text/csv")}
    answer = client.post("/api/v1/import/zones?lang=en", files=upload, headers={"X-Corridor-User": "root"})
    assert answer.status_code == 401
    assert "Sign in" in answer.json()["error"]["message"]
    assert loaded_app.store.data_version() == before


def test_a_token_not_for_import_is_refused(client: Any, loaded_app: App) -> None:
    headers = make_token(loaded_app, "admin", actions=("records.read",))
    assert _import(client, headers, "zones", IN_ZONE) == 403


def test_a_token_limited_to_a_locality(client: Any, loaded_app: App) -> None:
    headers = make_token(loaded_app, "admin", localities=(FORMER_HAI_DUONG,))
    assert _import(client, headers, "zones", IN_ZONE) == 200
    assert _import(client, headers, "zones", OUT_ZONE) == 403


def test_an_import_is_recorded_under_the_signed_in_user(client: Any, loaded_app: App) -> None:
    headers = make_token(loaded_app, "zone_manager", (f"zone:{IN_ZONE}",), email="Manager@Example.vn")
    header, rows = _bundled_rows("zones")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerow({**rows[IN_ZONE], "status_note": "site clearance started", "source_date": "2026-11-30"})
    upload = {"file": ("z.csv", buffer.getvalue().encode(), "text/csv")}
    answer = client.post("/api/v1/import/zones", files=upload, headers=headers)
    assert answer.status_code == 200, answer.text
    assert client.get(f"/api/v1/zones/{IN_ZONE}").json()["updated_by"] == "manager@example.vn"
