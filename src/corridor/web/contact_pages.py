"""A firm owner's matches (/me/matches): its needs' suppliers and its offers' buyers among stored offers and needs,
with "Accept contact"; the other firm's contact details appear once both firms of a pair have accepted."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from corridor.accounts import Principal
from corridor.accounts.contacts import PairContact
from corridor.bootstrap import App
from corridor.http.auth import Actor, FormCsrf
from corridor.http.deps import CorridorApp
from corridor.matching.service import MatchQuery
from corridor.registry.service import ListFilters
from corridor.web.render import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
PAIRS_PER_ITEM = 5


def owned_firms(principal: Principal) -> list[str]:
    """The firms whose approved owner the user is (role firm over firm:<ID>)."""
    return [g.scope.partition(":")[2] for g in principal.grants if g.role == "firm" and g.scope.startswith("firm:")]


def _items_of(corridor: App, kind: str, firms: list[str]) -> list[dict[str, object]]:
    return [item for item in corridor.registry.list_records(kind, ListFilters()).items if item["firm"] in firms]


def _pairs(corridor: App, principal: Principal, firms: list[str]) -> list[tuple[PairContact, str, str]]:
    """(pair, the other firm's name, the matched item's text), best first for each of the firms' needs and offers."""
    needs, offers = _items_of(corridor, "needs", firms), _items_of(corridor, "offers", firms)
    if not needs and not offers:
        return []
    stored = {
        kind: {str(i["id"]) for i in corridor.registry.list_records(kind, ListFilters()).items}
        for kind in ("needs", "offers")
    }
    service = corridor.matching()
    found = []
    for need in needs:
        for match in service.suppliers_for(MatchQuery(item_id=str(need["id"]), top=PAIRS_PER_ITEM)):
            if match.item_id in stored["offers"]:
                pair = corridor.contacts.pair(principal, str(need["id"]), match.item_id)
                found.append((pair, match.firm_name, match.item_text))
    for offer in offers:
        for match in service.buyers_for(MatchQuery(item_id=str(offer["id"]), top=PAIRS_PER_ITEM)):
            if match.item_id in stored["needs"]:
                pair = corridor.contacts.pair(principal, match.item_id, str(offer["id"]))
                found.append((pair, match.firm_name, match.item_text))
    return found


@router.get("/me/matches")
def my_matches(request: Request, corridor: CorridorApp, principal: Actor) -> Response:
    if principal.is_anonymous:
        return RedirectResponse("/login?next=/me/matches", status_code=303)
    firms = owned_firms(principal)
    return render(request, "my_matches.html", firms=firms, pairs=_pairs(corridor, principal, firms))


@router.post("/me/matches/accept", dependencies=[FormCsrf])
def accept(
    corridor: CorridorApp,
    principal: Actor,
    need_id: Annotated[str, Form()] = "",
    offer_id: Annotated[str, Form()] = "",
) -> Response:
    corridor.contacts.accept(principal, need_id, offer_id)
    return RedirectResponse("/me/matches", status_code=303)
