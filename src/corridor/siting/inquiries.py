"""One inquiry, many boards: an investor asks about a shortlist once; it reaches the management board of each
shortlisted zone's province (its focal point), and each board answers and moves its own status.

The investor follows the inquiry from a private link: an unguessable token (secrets.token_urlsafe, 32 bytes),
shown once and stored only as its SHA-256. Zone managers and provincial agencies whose scope covers a zone of the
inquiry update that board's status (policy action `inquiry.answer`); administrators see the dashboard of open
inquiries and response times per board (`inquiry.dashboard`). Mail goes through the SMTP settings when they are
set: to each board that has an e-mail address on record (none has one in the bundled data: the inquiry says so),
and to the investor when an inquiry is sent and when a board's status changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from corridor.accounts.mail import Mailer, OutgoingMail
from corridor.accounts.models import Principal
from corridor.accounts.policy import authorize, may
from corridor.accounts.targets import RecordLookup, record_target
from corridor.errors import Forbidden, InvalidInput, NotFound, Unavailable
from corridor.i18n import Message, mark, translate
from corridor.siting.brief import brief_from_dict, brief_to_dict
from corridor.siting.bundled import Board, boards

__all__ = [
    "STATUSES",
    "BoardStats",
    "Inquiries",
    "Inquiry",
    "InquiryStore",
    "NewInquiry",
    "Recipient",
]

STATUSES = ("received", "answered", "site_visit", "closed")
MAX_ZONES = 10
MAX_MESSAGE = 2000
MAX_ID = 2**31 - 1

NO_SUCH_INQUIRY = mark("No inquiry at this link (it may have been mistyped)")
NO_SUCH_RECIPIENT = mark("Inquiry {inquiry} has no board '{board}'")
BAD_STATUS = mark("Status must be one of received, answered, site_visit, closed; got '{value}'")
BAD_SHORTLIST = mark("An inquiry names 1 to {max} zones of the registry; got {count}")
UNKNOWN_ZONE = mark("No zone has the ID {id}")
BAD_MESSAGE = mark("The message must have 1 to {max} characters")
NOT_THE_BOARD = mark("Only the board's zone managers and provincial agencies update its status")
NO_BOARD = mark("No management board on record for {province}: the inquiry cannot reach this zone")
NO_EMAIL = mark("No e-mail address on record for this board: it sees the inquiry when its users sign in")
MAIL_FAILED = mark("The notification mail could not be sent: {reason}")
NEW_SUBJECT = mark("New investor inquiry about {zones}")
NEW_BODY = mark(
    "An investor asks about {zones}.\n\nMessage:\n{message}\n\n"
    "Sign in to Corridor to answer and update the status: {link}"
)
SENT_SUBJECT = mark("Your inquiry was sent to {count} management board(s)")
SENT_BODY = mark(
    "Your inquiry about {zones} reached: {boards}.\n\nFollow each board's answer at this private link "
    "(keep it to yourself): {link}"
)
STATUS_SUBJECT = mark("{board}: your inquiry is now {status}")
STATUS_BODY = mark(
    "{board} set your inquiry about {zones} to {status}.\n{note}\n\n"
    "Follow every board's answer at the private link of the mail you received when you sent it."
)
STATUS_LABELS = {
    "received": mark("received"),
    "answered": mark("answered"),
    "site_visit": mark("site visit"),
    "closed": mark("concluded"),  # not "closed": ko, ja and zh word a shut-down zone (status closed) differently
}


@dataclass(frozen=True)
class Recipient:
    board_id: str
    board_name: str
    province: str
    email: str
    zone_ids: tuple[str, ...]
    status: str = "received"
    status_at: dt.datetime | None = None
    first_response_at: dt.datetime | None = None
    note: str = ""
    updated_by: str = ""


@dataclass(frozen=True)
class NewInquiry:
    investor: str
    message: str
    zone_ids: tuple[str, ...]
    brief: Mapping[str, Any]
    recipients: tuple[Recipient, ...]
    unreached: tuple[tuple[str, str], ...]  # (zone id, province) of zones no board on record covers
    token_sha256: str
    created_at: dt.datetime


@dataclass(frozen=True)
class Inquiry:
    id: int
    investor: str
    message: str
    zone_ids: tuple[str, ...]
    brief: Mapping[str, Any]
    recipients: tuple[Recipient, ...]
    unreached: tuple[tuple[str, str], ...]
    created_at: dt.datetime
    notices: tuple[Message, ...] = field(default=())

    def as_dict(self, lang: str, names: Mapping[str, str] | None = None) -> dict[str, Any]:
        shown = names or {}
        return {
            "id": self.id,
            "created_at": self.created_at.isoformat(),
            "message": self.message,
            "zones": [{"id": z, "name": shown.get(z, z)} for z in self.zone_ids],
            "recipients": [_recipient_dict(r, self.created_at, lang) for r in self.recipients],
            "not_reached": [
                {"zone": z, "province": p, "reason": Message(NO_BOARD, province=p or "?").render(lang)}
                for z, p in self.unreached
            ],
            "notices": [n.render(lang) for n in self.notices],
        }


def response_hours(created_at: dt.datetime, recipient: Recipient) -> float | None:
    """Hours from the inquiry to the board's first status change (None: no response yet)."""
    if recipient.first_response_at is None:
        return None
    return round((recipient.first_response_at - created_at).total_seconds() / 3600, 2)


def _recipient_dict(recipient: Recipient, created_at: dt.datetime, lang: str) -> dict[str, Any]:
    return {
        "board_id": recipient.board_id,
        "board": recipient.board_name,
        "province": recipient.province,
        "zones": list(recipient.zone_ids),
        "status": recipient.status,
        "status_label": translate(STATUS_LABELS[recipient.status], lang),
        "status_at": recipient.status_at.isoformat() if recipient.status_at else None,
        "response_hours": response_hours(created_at, recipient),
        "note": recipient.note or None,
        "email_on_record": bool(recipient.email),
        "email_note": None if recipient.email else translate(NO_EMAIL, lang),
    }


@dataclass(frozen=True)
class BoardStats:
    board_id: str
    board_name: str
    inquiries: int
    open: int
    answered: int
    median_response_hours: float | None
    mean_response_hours: float | None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class InquiryStore(Protocol):
    def add_inquiry(self, inquiry: NewInquiry) -> int: ...
    def inquiry_by_token(self, token_sha256: str) -> Inquiry | None: ...
    def inquiry(self, inquiry_id: int) -> Inquiry | None: ...
    def inquiries(self) -> list[Inquiry]: ...
    def set_status(
        self, inquiry_id: int, board_id: str, status: str, note: str, actor: str, at: dt.datetime
    ) -> Recipient | None: ...


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def focal_boards() -> dict[str, Board]:
    """2025 province name -> the board that receives inquiries about its zones."""
    return {b.province: b for b in boards() if b.focal_point}


class Inquiries:
    def __init__(self, store: InquiryStore, registry: RecordLookup, mailer: Mailer | None, public_url: str) -> None:
        self._store = store
        self._registry = registry
        self.mailer = mailer
        self.public_url = public_url.rstrip("/")

    # -- the investor ---------------------------------------------------------------------------------------

    def link(self, token: str) -> str:
        return f"{self.public_url}/inquiries/{token}"

    def send(
        self, principal: Principal, zone_ids: Sequence[str], message: str, brief: Mapping[str, Any]
    ) -> tuple[Inquiry, str]:
        """Create the inquiry for the boards of the shortlisted zones; (inquiry, private token shown once)."""
        authorize(principal, "inquiry.create")
        zones = tuple(dict.fromkeys(z.strip() for z in zone_ids if z.strip()))
        if not 1 <= len(zones) <= MAX_ZONES:
            raise InvalidInput(BAD_SHORTLIST, max=MAX_ZONES, count=len(zones))
        text = message.strip()
        if not 1 <= len(text) <= MAX_MESSAGE:
            raise InvalidInput(BAD_MESSAGE, max=MAX_MESSAGE)
        kept_brief = brief_to_dict(brief_from_dict(brief)) if brief else {}  # checked as any brief, then stored
        recipients, unreached = self._recipients(zones)
        token = secrets.token_urlsafe(32)
        now = dt.datetime.now(dt.UTC)
        new = NewInquiry(principal.actor, text, zones, kept_brief, recipients, unreached, token_hash(token), now)
        inquiry_id = self._store.add_inquiry(new)
        inquiry = self._stored(inquiry_id)
        notices = self._notify_new(inquiry, principal.actor, token)
        return Inquiry(**{**inquiry.__dict__, "notices": tuple(notices)}), token

    def _recipients(self, zones: tuple[str, ...]) -> tuple[tuple[Recipient, ...], tuple[tuple[str, str], ...]]:
        focal = focal_boards()
        by_board: dict[str, list[str]] = {}
        unreached = []
        for zone_id in zones:
            row = self._registry.view_row("zones", zone_id)
            if row is None:
                raise NotFound(UNKNOWN_ZONE, id=zone_id)
            province = self._province_name(row.get("province_id"))
            if province in focal:
                by_board.setdefault(focal[province].id, []).append(zone_id)
            else:
                unreached.append((zone_id, province))
        board_of = {b.id: b for b in focal.values()}
        recipients = tuple(
            Recipient(b, board_of[b].name_vi, board_of[b].province, board_of[b].email, tuple(z))
            for b, z in by_board.items()
        )
        return recipients, tuple(unreached)

    def _province_name(self, unit_id: Any) -> str:
        unit = self._registry.admin_index().units.get(str(unit_id)) if unit_id else None
        return unit.name if unit else ""

    def follow(self, token: str) -> Inquiry:
        """The inquiry behind a private link (no sign-in: the token is the key)."""
        found = self._store.inquiry_by_token(token_hash(token)) if token else None
        if found is None:
            raise NotFound(NO_SUCH_INQUIRY)
        return found

    def _stored(self, inquiry_id: int) -> Inquiry:
        # IDs are database integers: anything outside 1 .. 2^31 - 1 names no inquiry (and must not reach SQL).
        found = self._store.inquiry(inquiry_id) if 1 <= inquiry_id <= MAX_ID else None
        if found is None:
            raise NotFound(NO_SUCH_INQUIRY)
        return found

    # -- the boards -----------------------------------------------------------------------------------------

    def may_answer(self, principal: Principal, recipient: Recipient) -> bool:
        return any(
            may(principal, "inquiry.answer", record_target("zones", z, self._registry)) for z in recipient.zone_ids
        )

    def for_board_users(self, principal: Principal) -> list[Inquiry]:
        """Inquiries with at least one board whose zones the principal may answer for."""
        return [i for i in self._store.inquiries() if any(self.may_answer(principal, r) for r in i.recipients)]

    def update_status(
        self, principal: Principal, inquiry_id: int, board_id: str, status: str, note: str = ""
    ) -> tuple[Inquiry, list[Message]]:
        if status not in STATUSES:
            raise InvalidInput(BAD_STATUS, value=status[:40])
        if len(note) > MAX_MESSAGE:
            raise InvalidInput(BAD_MESSAGE, max=MAX_MESSAGE)
        inquiry = self._stored(inquiry_id)
        recipient = next((r for r in inquiry.recipients if r.board_id == board_id), None)
        if recipient is None:
            raise NotFound(NO_SUCH_RECIPIENT, inquiry=inquiry_id, board=board_id[:80])
        if not self.may_answer(principal, recipient):
            authorize(principal, "inquiry.answer", record_target("zones", recipient.zone_ids[0], self._registry))
            raise Forbidden(NOT_THE_BOARD)
        now = dt.datetime.now(dt.UTC)
        updated = self._store.set_status(inquiry_id, board_id, status, note.strip(), principal.actor, now)
        if updated is None:
            raise NotFound(NO_SUCH_RECIPIENT, inquiry=inquiry_id, board=board_id[:80])
        notices = self._notify_status(inquiry, updated)
        return self._stored(inquiry_id), notices

    # -- administrators -------------------------------------------------------------------------------------

    def dashboard(self, principal: Principal) -> dict[str, Any]:
        authorize(principal, "inquiry.dashboard")
        inquiries = self._store.inquiries()
        stats = board_stats(inquiries)
        open_ones = [i for i in inquiries if any(r.status != "closed" for r in i.recipients)]
        return {"boards": [s.as_dict() for s in stats], "open": open_ones}

    # -- mail -----------------------------------------------------------------------------------------------

    def _send(self, mail: OutgoingMail) -> Message | None:
        if self.mailer is None:
            return None
        try:
            self.mailer.send(mail)
        except Unavailable as error:
            return Message(MAIL_FAILED, reason=error.params.get("reason", ""))
        return None

    def _notify_new(self, inquiry: Inquiry, investor: str, token: str) -> list[Message]:
        zones = ", ".join(inquiry.zone_ids)
        problems = []
        for recipient in inquiry.recipients:
            if recipient.email:
                values = {"zones": ", ".join(recipient.zone_ids), "message": inquiry.message}
                mail = _bilingual(recipient.email, NEW_SUBJECT, NEW_BODY, values | {"link": self.public_url})
                problems.append(self._send(mail))
        boards_text = ", ".join(r.board_name for r in inquiry.recipients) or "-"
        sent = {"count": len(inquiry.recipients), "zones": zones, "boards": boards_text, "link": self.link(token)}
        problems.append(self._send(_bilingual(investor, SENT_SUBJECT, SENT_BODY, sent)))
        return [p for p in problems if p is not None]

    def _notify_status(self, inquiry: Inquiry, recipient: Recipient) -> list[Message]:
        values = {
            "board": recipient.board_name,
            "zones": ", ".join(recipient.zone_ids),
            "status": Message(STATUS_LABELS[recipient.status]),
            "note": recipient.note,
        }
        problem = self._send(_bilingual(inquiry.investor, STATUS_SUBJECT, STATUS_BODY, values))
        return [problem] if problem else []


def _bilingual(to: str, subject: str, body: str, values: Mapping[str, Any]) -> OutgoingMail:
    """Vietnamese first, then English, as the other mails (the address does not tell the reader's language)."""
    rendered = {
        lang: {k: v.render(lang) if isinstance(v, Message) else v for k, v in values.items()} for lang in ("vi", "en")
    }
    subjects = " / ".join(translate(subject, lang).format(**rendered[lang]) for lang in ("vi", "en"))
    bodies = [translate(body, lang).format(**rendered[lang]) for lang in ("vi", "en")]
    return OutgoingMail(to, subjects, "\n\n----------\n\n".join(bodies))


def board_stats(inquiries: Sequence[Inquiry]) -> list[BoardStats]:
    """Per board: inquiries received, still open, answered, and the median and mean hours to a first response."""
    grouped: dict[str, list[tuple[Inquiry, Recipient]]] = {}
    for inquiry in inquiries:
        for recipient in inquiry.recipients:
            grouped.setdefault(recipient.board_id, []).append((inquiry, recipient))
    stats = []
    for board_id, pairs in sorted(grouped.items()):
        hours = [h for i, r in pairs if (h := response_hours(i.created_at, r)) is not None]
        stats.append(
            BoardStats(
                board_id,
                pairs[0][1].board_name,
                len(pairs),
                sum(1 for _, r in pairs if r.status != "closed"),
                sum(1 for _, r in pairs if r.first_response_at is not None),
                round(statistics.median(hours), 2) if hours else None,
                round(statistics.fmean(hours), 2) if hours else None,
            )
        )
    return stats
