"""Mediated contact: the contact details of two matched firms stay hidden until both accept the need-offer pair.

Only the firms of the pair accept, each for itself (a user holding the firm role on that very firm: its approved
owner); once both have, each sees the other's address and the people who speak for it (name and e-mail of its
owners). The public, investors and moderators never see them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from corridor.accounts.models import Principal, User
from corridor.accounts.policy import may
from corridor.accounts.targets import RecordLookup, record_target
from corridor.errors import Forbidden, NotFound, Unauthenticated
from corridor.i18n import mark

__all__ = ["ContactStore", "Contacts", "FirmContact", "PairContact"]

NO_ITEM = mark("No {kind} has the ID {id}")
NOT_A_SIDE = mark("Only the owners of {need_firm} and {offer_firm} accept this match or see its contacts")
NOT_SIGNED_IN = mark("Sign in or send an API token to do this ({action})")


@dataclass(frozen=True)
class FirmContact:
    firm_id: str
    name: str
    address: str | None
    people: tuple[tuple[str, str], ...]  # (display name, e-mail) of the firm's owners


@dataclass(frozen=True)
class PairContact:
    """A need-offer pair as one of its firms sees it: who accepted, and the other firm's contact once both did."""

    need_id: str
    offer_id: str
    need_firm: str
    offer_firm: str
    accepted: frozenset[str]  # firm IDs that accepted
    other: FirmContact | None


class ContactStore(Protocol):
    def accept_contact(self, need_id: str, offer_id: str, firm_id: str, accepted_by: str) -> None: ...
    def accepted_firms(self, need_id: str, offer_id: str) -> frozenset[str]: ...


def owns_firm(principal: Principal, firm_id: str) -> bool:
    """Whether a grant names this very firm (an approved owner), not merely covers it ('*', a locality)."""
    return any(g.role == "firm" and g.scope == f"firm:{firm_id}" for g in principal.grants)


class Contacts:
    def __init__(self, store: ContactStore, lookup: RecordLookup, users: Callable[[], list[User]]) -> None:
        self._store = store
        self._lookup = lookup
        self._users = users

    def _firm_of(self, kind: str, item_id: str) -> str:
        row = self._lookup.view_row(kind, item_id)
        if row is None:
            raise NotFound(NO_ITEM, kind=kind, id=item_id)
        return str(row["firm_id"])

    def _sides(self, principal: Principal, need_firm: str, offer_firm: str) -> list[str]:
        """The pair's firms the principal speaks for; 401 for nobody, 403 for anyone else."""
        if principal.is_anonymous:
            raise Unauthenticated(NOT_SIGNED_IN, action="matches.read")
        sides = [
            firm
            for firm in dict.fromkeys((need_firm, offer_firm))
            if owns_firm(principal, firm) and may(principal, "matches.read", record_target("firms", firm, self._lookup))
        ]
        if not sides:
            raise Forbidden(NOT_A_SIDE, need_firm=need_firm, offer_firm=offer_firm)
        return sides

    def accept(self, principal: Principal, need_id: str, offer_id: str) -> PairContact:
        need_firm, offer_firm = self._firm_of("needs", need_id), self._firm_of("offers", offer_id)
        for firm in self._sides(principal, need_firm, offer_firm):
            self._store.accept_contact(need_id, offer_id, firm, principal.actor)
        return self.pair(principal, need_id, offer_id)

    def pair(self, principal: Principal, need_id: str, offer_id: str) -> PairContact:
        need_firm, offer_firm = self._firm_of("needs", need_id), self._firm_of("offers", offer_id)
        sides = self._sides(principal, need_firm, offer_firm)
        accepted = self._store.accepted_firms(need_id, offer_id)
        both = {need_firm, offer_firm} <= accepted
        other_firm = offer_firm if need_firm in sides else need_firm
        other = self._contact(other_firm) if both else None
        return PairContact(need_id, offer_id, need_firm, offer_firm, accepted, other)

    def _contact(self, firm_id: str) -> FirmContact:
        firm = self._lookup.view_row("firms", firm_id) or {}
        people = tuple(
            (user.display_name, user.email)
            for user in self._users()
            if not user.disabled and any(g.role == "firm" and g.scope == f"firm:{firm_id}" for g in user.grants)
        )
        return FirmContact(firm_id, str(firm.get("name") or firm_id), firm.get("address"), people)
