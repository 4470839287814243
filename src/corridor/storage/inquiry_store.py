"""Investors' inquiries and their recipients (tables of migration 0008); every write is in the write log."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from corridor.siting.inquiries import Inquiry, NewInquiry, Recipient
from corridor.storage import tables as t
from corridor.storage.database import begin_write
from corridor.storage.write_log import WriteEntry, append_write

__all__ = ["SqlInquiryStore"]

_I = t.inquiries.c
_R = t.inquiry_recipients.c


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives naive datetimes back: they were written in UTC."""
    return value.replace(tzinfo=dt.UTC) if value is not None and value.tzinfo is None else value


def _recipient(row: Any) -> Recipient:
    return Recipient(
        row.board_id,
        row.board_name,
        row.province,
        row.email,
        tuple(row.zone_ids),
        row.status,
        _aware(row.status_at),
        _aware(row.first_response_at),
        row.note,
        row.updated_by,
    )


class SqlInquiryStore:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def add_inquiry(self, inquiry: NewInquiry) -> int:
        with begin_write(self.engine) as conn:
            inquiry_id = conn.execute(
                t.inquiries.insert()
                .values(
                    token_sha256=inquiry.token_sha256,
                    investor=inquiry.investor,
                    message=inquiry.message,
                    zone_ids=list(inquiry.zone_ids),
                    brief=dict(inquiry.brief),
                    unreached=[list(u) for u in inquiry.unreached],
                    created_at=inquiry.created_at,
                )
                .returning(_I.id)
            ).scalar_one()
            for r in inquiry.recipients:
                conn.execute(
                    t.inquiry_recipients.insert().values(
                        inquiry_id=inquiry_id,
                        board_id=r.board_id,
                        board_name=r.board_name,
                        province=r.province,
                        email=r.email,
                        zone_ids=list(r.zone_ids),
                    )
                )
            detail = {"inquiry": inquiry_id, "boards": [r.board_id for r in inquiry.recipients]}
            entry = WriteEntry("inquiry_send", "inquiries", inquiry.investor, inquiry.zone_ids, detail)
            append_write(conn, entry, inquiry.created_at)
        return int(inquiry_id)

    def _load(self, conn: sa.Connection, rows: list[Any]) -> list[Inquiry]:
        ids = [row.id for row in rows]
        recipients: dict[int, list[Recipient]] = {}
        if ids:
            query = sa.select(t.inquiry_recipients).where(_R.inquiry_id.in_(ids)).order_by(_R.board_id)
            for r in conn.execute(query):
                recipients.setdefault(r.inquiry_id, []).append(_recipient(r))
        return [
            Inquiry(
                row.id,
                row.investor,
                row.message,
                tuple(row.zone_ids),
                row.brief,
                tuple(recipients.get(row.id, ())),
                tuple((str(z), str(p)) for z, p in row.unreached),
                _aware(row.created_at) or dt.datetime.now(dt.UTC),
            )
            for row in rows
        ]

    def _one(self, condition: sa.ColumnElement[bool]) -> Inquiry | None:
        with self.engine.connect() as conn:
            rows = list(conn.execute(sa.select(t.inquiries).where(condition)))
            found = self._load(conn, rows)
        return found[0] if found else None

    def inquiry_by_token(self, token_sha256: str) -> Inquiry | None:
        return self._one(_I.token_sha256 == token_sha256)

    def inquiry(self, inquiry_id: int) -> Inquiry | None:
        return self._one(_I.id == inquiry_id)

    def inquiries(self) -> list[Inquiry]:
        with self.engine.connect() as conn:
            rows = list(conn.execute(sa.select(t.inquiries).order_by(_I.created_at.desc(), _I.id.desc())))
            return self._load(conn, rows)

    def set_status(
        self, inquiry_id: int, board_id: str, status: str, note: str, actor: str, at: dt.datetime
    ) -> Recipient | None:
        where = (_R.inquiry_id == inquiry_id) & (_R.board_id == board_id)
        with begin_write(self.engine) as conn:
            row = conn.execute(sa.select(t.inquiry_recipients).where(where)).first()
            if row is None:
                return None
            first = row.first_response_at or (at if status != "received" else None)
            values = {"status": status, "status_at": at, "note": note, "updated_by": actor, "first_response_at": first}
            conn.execute(t.inquiry_recipients.update().where(where).values(**values))
            detail = {"inquiry": inquiry_id, "board": board_id, "status": status}
            append_write(conn, WriteEntry("inquiry_status", "inquiries", actor, [str(inquiry_id)], detail), at)
            updated = conn.execute(sa.select(t.inquiry_recipients).where(where)).one()
        return _recipient(updated)
