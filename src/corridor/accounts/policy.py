"""The one policy table (policy.csv: role x scope type x action), decided by casbin; deny by default.

`authorize(principal, action, target)` is the only check entry points make: it raises Unauthenticated for
nobody and Forbidden for a user whose grants do not cover the target. Casbin answers whether a role may do an
action in a type of scope; whether a grant's scope covers the record (its zone, firm or locality, across the 2025
merger) is decided here, by `scope_covers`.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib.resources import as_file, files
from typing import TYPE_CHECKING

from corridor.accounts.models import Grant, Principal, Target
from corridor.errors import Forbidden, InvalidInput, Unauthenticated
from corridor.i18n import mark

if TYPE_CHECKING:  # imported when the policy is first asked: a command that only reads does not pay for casbin
    import casbin

__all__ = [
    "ACTIONS",
    "ROLES",
    "SCOPE_TYPES",
    "SIGNED_IN",
    "authorize",
    "is_allowed",
    "may",
    "parse_scope",
    "policy_rows",
    "scope_covers",
    "scope_type",
]

ROLES = ("public", "investor", "firm", "zone_manager", "agency", "admin")
# Rows of this pseudo-role apply to every signed-in user, whatever her grants ("anyone signed in may propose").
SIGNED_IN = "signed_in"
SCOPE_TYPES = ("corridor", "locality", "zone", "firm")

# Every action Corridor knows, wired or not yet (an action missing from policy.csv is denied to all but admin).
ACTIONS = (
    "records.read",  # read published data (the public role)
    "records.import",  # import a file of zones, firms, nodes, indicators, needs or offers (REST /import)
    "zone.edit",  # edit a zone's record (zone-manager form)
    "firm.edit",  # edit a firm's profile
    "need.edit",  # post or edit a firm's needs
    "offer.edit",  # post or edit a firm's offers
    "matches.read",  # a firm's matches with contact details
    "brief.create",  # an investor's siting brief
    "inquiry.create",  # an investor's inquiry to a zone or firm
    "inquiry.read",  # the inquiries addressed to a zone or firm
    "inquiry.answer",  # a management board's status on an inquiry about its zones (received ... closed)
    "inquiry.dashboard",  # open inquiries and response times per board (administrators)
    "contact.view",  # contact details given with consent
    "record.propose",  # propose a change to a record (moderation queue)
    "proposal.moderate",  # publish or reject proposals
    "claim.request",  # claim a firm's profile
    "claim.review",  # approve or reject claims
    "history.revert",  # revert a write
    "statement.withdraw",  # withdraw a source's statement
    "records.merge",  # merge duplicate records (entity resolution)
    "users.manage",  # add users, grant and revoke roles
    "tokens.manage",  # create and revoke API tokens of any user
    "database.backup",  # back up and restore the database
    "event.organise",  # create an event, approve registrations, schedule meetings, record the day, see outcomes
    "event.register",  # register a participant for an event
    "event.meet",  # ask for, answer and follow up B2B meetings of one's own registration
    "event.submit_paper",  # submit a paper to an event's call for papers
    "event.review_paper",  # score and comment a paper one is assigned to review
)

NOT_SIGNED_IN = mark("Sign in or send an API token to do this ({action})")
NOT_ALLOWED = mark("{who} may not do {action} on {target}")
TOKEN_NOT_FOR = mark("This API token is not for {action}")
BAD_SCOPE = mark("'{scope}' is not a scope; use '*', locality:<unit ID>, zone:<ID> or firm:<ID>")
BAD_ROLE = mark("'{role}' is not a role; use one of {roles}")


@cache
def _enforcer() -> casbin.Enforcer:
    import casbin

    package = files("corridor.accounts")
    with as_file(package / "model.conf") as model, as_file(package / "policy.csv") as policy:
        return casbin.Enforcer(str(model), str(policy))


def policy_rows() -> list[tuple[str, str, str]]:
    """The rows of policy.csv as (role, scope type, action), in file order (the access-matrix test walks them)."""
    text = (files("corridor.accounts") / "policy.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [(role, kind, action) for _, role, kind, action in csv.reader(lines, skipinitialspace=True)]


def is_allowed(role: str, scope_kind: str, action: str) -> bool:
    """Whether policy.csv lets `role` do `action` in a scope of type `scope_kind` (casbin decides)."""
    return bool(_enforcer().enforce(role, scope_kind, action))


def parse_scope(scope: str) -> tuple[str, str]:
    """(scope type, ID): '*' -> ('corridor', '*'), 'zone:kcn-a' -> ('zone', 'kcn-a'); InvalidInput otherwise."""
    text = scope.strip()
    if text == "*":
        return "corridor", "*"
    kind, _, ident = text.partition(":")
    if kind not in SCOPE_TYPES[1:] or not ident.strip():
        raise InvalidInput(BAD_SCOPE, scope=scope)
    return kind, ident.strip()


def scope_type(scope: str) -> str:
    return parse_scope(scope)[0]


def check_role(role: str) -> str:
    if role not in ROLES or role == "public":
        raise InvalidInput(BAD_ROLE, role=role, roles=", ".join(r for r in ROLES if r != "public"))
    return role


def scope_covers(scope: str, target: Target) -> bool:
    """Whether a grant's scope covers the target: '*' all; a locality, zone or firm the target belongs to."""
    kind, ident = parse_scope(scope)
    if kind == "corridor":
        return True
    belongs = {"locality": target.localities, "zone": target.zones, "firm": target.firms}[kind]
    return ident in belongs


def _token_permits(principal: Principal, action: str, target: Target) -> bool:
    if principal.token_actions is None:
        return True
    if action not in principal.token_actions and "*" not in principal.token_actions:
        return False
    return not principal.token_localities or bool(principal.token_localities & target.localities)


def _grant_permits(grant: Grant, action: str, target: Target) -> bool:
    return is_allowed(grant.role, scope_type(grant.scope), action) and scope_covers(grant.scope, target)


def may(principal: Principal, action: str, target: Target) -> bool:
    """Whether the principal may do the action on the target (the public's rows apply to everyone)."""
    if is_allowed("public", "corridor", action):
        return True
    if principal.is_anonymous or not _token_permits(principal, action, target):
        return False
    if is_allowed(SIGNED_IN, "corridor", action):
        return True
    return any(_grant_permits(grant, action, target) for grant in principal.grants)


def authorize(principal: Principal, action: str, target: Target | None = None) -> None:
    """Allow, or raise: Unauthenticated (401) for nobody, Forbidden (403) for a user without the right."""
    target = target or Target.everything()
    if may(principal, action, target):
        return
    if principal.is_anonymous:
        raise Unauthenticated(NOT_SIGNED_IN, action=action)
    if principal.token_actions is not None and action not in principal.token_actions:
        raise Forbidden(TOKEN_NOT_FOR, action=action)
    raise Forbidden(NOT_ALLOWED, who=principal.email, action=action, target=target.label or "*")
