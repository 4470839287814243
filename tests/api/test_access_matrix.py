"""The whole policy table walked through the HTTP API: every role x scope type x action that has an endpoint today,
on a record in the grant's scope and one outside it; generated from policy.csv, so a new row is tested at once.

Imports run with dry_run=true: the decision comes before any write, and the database stays the same for the next
request. The zones are chosen across the 2025 merger: an agency scoped to the former Hải Dương (VN-30) covers
KCN Bình Giang (pre-2025 Hải Dương, today Hải Phòng) and not KCN Nomura 2 (pre-2025 Hải Phòng).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from importlib.resources import files
from typing import Any

from corridor.accounts.policy import ACTIONS, ROLES, SCOPE_TYPES, is_allowed, policy_rows
from corridor.bootstrap import App
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


ENDPOINTS: dict[str, Callable[[Any, dict[str, str], str, str], int]] = {
    "records.import": _import,
    "records.read": _read,
}


def _expected(role: str, scope_type: str, action: str, in_scope: bool) -> int:
    if is_allowed("public", "corridor", action):
        return 200
    if role == "public":
        return 401
    allowed = is_allowed(role, scope_type, action) and (in_scope or scope_type == "corridor")
    return 200 if allowed else 403


def test_the_policy_names_only_known_roles_scope_types_and_actions() -> None:
    for role, scope_type, action in policy_rows():
        assert role in ROLES and scope_type in SCOPE_TYPES
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
                headers = make_token(loaded_app, role, (SCOPES[scope_type],), actions=(wired,))
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
