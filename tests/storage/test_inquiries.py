"""One inquiry, many boards, on SQLite and PostGIS: who receives it, who may answer, the private link, response
times, the dashboard, the write log and the mails (a real SMTP server on loopback)."""

from __future__ import annotations

import pytest

from corridor.accounts import Grant, Principal
from corridor.bootstrap import App
from corridor.errors import Forbidden, InvalidInput, NotFound, Unauthenticated
from corridor.storage.write_log import SqlWriteLog
from tests.conftest import MailSink, mailer_for

HAI_PHONG_ZONE, QUANG_NINH_ZONE, HA_NOI_ZONE = "kcn-binh-giang", "kcn-cai-lan", "kcn-noi-bai"
HEZA, QEZA = "ban-quan-ly-khu-kinh-te-hai-phong", "ban-quan-ly-khu-kinh-te-tinh-quang-ninh"
BRIEF = {"sector": "2610", "land_ha": 20}
INVESTOR = Principal(user_id=1, email="investor@example.kr", grants=(Grant("investor"),))


def _person(role: str, scope: str, email: str = "board@example.vn") -> Principal:
    return Principal(user_id=2, email=email, grants=(Grant(role, scope),))


def _send(app: App, zones: list[str]) -> tuple[int, str]:
    inquiry, token = app.inquiries.send(INVESTOR, zones, "Chúng tôi cần 20 ha cho nhà máy điện tử.", BRIEF)
    return inquiry.id, token


def test_the_inquiry_reaches_only_the_boards_of_the_shortlist(loaded_app: App) -> None:
    inquiry_id, token = _send(loaded_app, [HAI_PHONG_ZONE, QUANG_NINH_ZONE, HA_NOI_ZONE])
    inquiry = loaded_app.inquiries.follow(token)
    assert inquiry.id == inquiry_id and inquiry.brief["sector"] == "2610" and inquiry.brief["phases"] == []
    assert {r.board_id: r.zone_ids for r in inquiry.recipients} == {HEZA: (HAI_PHONG_ZONE,), QEZA: (QUANG_NINH_ZONE,)}
    assert all(r.status == "received" and r.first_response_at is None for r in inquiry.recipients)
    assert inquiry.unreached == ((HA_NOI_ZONE, "Hà Nội"),)
    shown = inquiry.as_dict("vi")
    assert shown["not_reached"][0]["reason"].startswith("Chưa có ban quản lý nào")
    assert all(r["email_on_record"] is False and r["email_note"] for r in shown["recipients"])
    only_hai_phong = loaded_app.inquiries.follow(_send(loaded_app, [HAI_PHONG_ZONE])[1])
    assert [r.board_id for r in only_hai_phong.recipients] == [HEZA]


def test_the_private_link_is_the_only_key_and_is_not_stored(loaded_app: App) -> None:
    _, token = _send(loaded_app, [HAI_PHONG_ZONE])
    assert len(token) >= 40
    with pytest.raises(NotFound):
        loaded_app.inquiries.follow(token[:-1] + ("A" if token[-1] != "A" else "B"))
    with loaded_app.store.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT token_sha256 FROM inquiries").scalars().all()
    assert token not in stored and len(stored[0]) == 64


def test_only_the_boards_users_move_its_status_and_the_response_time_is_kept(loaded_app: App) -> None:
    inquiry_id, token = _send(loaded_app, [HAI_PHONG_ZONE, QUANG_NINH_ZONE])
    manager = _person("zone_manager", f"zone:{HAI_PHONG_ZONE}")
    with pytest.raises(Forbidden):
        loaded_app.inquiries.update_status(manager, inquiry_id, QEZA, "answered")  # not her board's zones
    with pytest.raises(Forbidden):
        loaded_app.inquiries.update_status(INVESTOR, inquiry_id, HEZA, "answered")
    with pytest.raises(Unauthenticated):
        loaded_app.inquiries.update_status(Principal.anonymous(), inquiry_id, HEZA, "answered")
    with pytest.raises(InvalidInput):
        loaded_app.inquiries.update_status(manager, inquiry_id, HEZA, "lost")
    updated, _ = loaded_app.inquiries.update_status(manager, inquiry_id, HEZA, "answered", "Mời anh chị đến thăm")
    heza = next(r for r in updated.recipients if r.board_id == HEZA)
    assert heza.status == "answered" and heza.note == "Mời anh chị đến thăm" and heza.updated_by == manager.email
    first = heza.first_response_at
    assert first is not None
    agency = _person("agency", "locality:VN-30", "agency@example.vn")  # former Hải Dương covers KCN Bình Giang
    loaded_app.inquiries.update_status(agency, inquiry_id, HEZA, "site_visit")
    again = next(r for r in loaded_app.inquiries.follow(token).recipients if r.board_id == HEZA)
    assert again.status == "site_visit" and again.first_response_at == first  # response time is the first one
    qeza = next(r for r in again_all(loaded_app, token) if r.board_id == QEZA)
    assert qeza.status == "received"


def again_all(app: App, token: str) -> tuple:  # type: ignore[type-arg]
    return app.inquiries.follow(token).recipients


def test_the_dashboard_is_for_administrators_and_counts_per_board(loaded_app: App) -> None:
    first, _ = _send(loaded_app, [HAI_PHONG_ZONE, QUANG_NINH_ZONE])
    _send(loaded_app, [HAI_PHONG_ZONE])
    loaded_app.inquiries.update_status(_person("admin", "*"), first, HEZA, "closed")
    with pytest.raises(Forbidden):
        loaded_app.inquiries.dashboard(INVESTOR)
    board = {b["board_id"]: b for b in loaded_app.inquiries.dashboard(_person("admin", "*"))["boards"]}
    assert (board[HEZA]["inquiries"], board[HEZA]["open"], board[HEZA]["answered"]) == (2, 1, 1)
    assert board[HEZA]["median_response_hours"] is not None
    assert (board[QEZA]["inquiries"], board[QEZA]["answered"], board[QEZA]["median_response_hours"]) == (1, 0, None)


def test_bad_inquiries_are_refused_and_write_nothing(loaded_app: App) -> None:
    before = loaded_app.store.data_version()
    for zones, message, error in (
        ([], "hello", InvalidInput),
        ([f"z{i}" for i in range(11)], "hello", InvalidInput),
        (["no-such-zone"], "hello", NotFound),
        ([HAI_PHONG_ZONE], " ", InvalidInput),
    ):
        with pytest.raises(error):
            loaded_app.inquiries.send(INVESTOR, zones, message, {})
    with pytest.raises(InvalidInput, match="land_ha"):
        loaded_app.inquiries.send(INVESTOR, [HAI_PHONG_ZONE], "hello", {"sector": "x"})
    with pytest.raises(Forbidden):
        loaded_app.inquiries.send(_person("firm", "firm:x"), [HAI_PHONG_ZONE], "hello", {})
    assert loaded_app.store.data_version() == before


def test_sending_and_answering_are_in_the_write_log(loaded_app: App) -> None:
    before = loaded_app.store.data_version()
    inquiry_id, _ = _send(loaded_app, [HAI_PHONG_ZONE])
    loaded_app.inquiries.update_status(_person("admin", "*", "admin@example.vn"), inquiry_id, HEZA, "answered")
    entries = SqlWriteLog(loaded_app.store.engine).entries(after_id=before)
    assert [(e.action, e.actor) for e in entries] == [
        ("inquiry_send", INVESTOR.email),
        ("inquiry_status", "admin@example.vn"),
    ]
    assert entries[1].detail == {"inquiry": inquiry_id, "board": HEZA, "status": "answered"}


def test_the_investor_gets_the_private_link_and_each_status_by_mail(loaded_app: App, smtp_sink: MailSink) -> None:
    loaded_app.inquiries.mailer = mailer_for(smtp_sink)
    loaded_app.inquiries.public_url = "https://corridor.example.vn"
    inquiry_id, token = _send(loaded_app, [HAI_PHONG_ZONE])
    sent = smtp_sink.only_mail_to(INVESTOR.email)
    assert f"https://corridor.example.vn/inquiries/{token}" in sent.get_content()
    assert "Ban Quản lý Khu kinh tế Hải Phòng" in sent.get_content()
    smtp_sink.mails.clear()
    loaded_app.inquiries.update_status(_person("admin", "*"), inquiry_id, HEZA, "site_visit", "Thứ Ba, 9 giờ")
    update = smtp_sink.only_mail_to(INVESTOR.email)
    assert "site visit" in update["Subject"] and "Thứ Ba, 9 giờ" in update.get_content()
    assert token not in update.get_content()  # the link is never stored, so never mailed again


def test_an_inquiry_id_out_of_range_names_no_inquiry(loaded_app: App) -> None:
    for inquiry_id in (0, -1, 2**63, 10**30):
        with pytest.raises(NotFound):
            loaded_app.inquiries.update_status(_person("admin", "*"), inquiry_id, HEZA, "closed")
