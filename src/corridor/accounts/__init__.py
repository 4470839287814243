"""Accounts: users, roles and scopes, the one policy table (role x scope type x action), tokens and sessions."""

from corridor.accounts.models import ApiToken, Grant, NewToken, Principal, SessionInfo, Target, User
from corridor.accounts.moderation import FieldDiff, Moderation, Proposal
from corridor.accounts.policy import ACTIONS, ROLES, authorize, is_allowed, parse_scope, policy_rows

__all__ = [
    "ACTIONS",
    "ROLES",
    "ApiToken",
    "FieldDiff",
    "Grant",
    "Moderation",
    "NewToken",
    "Principal",
    "Proposal",
    "SessionInfo",
    "Target",
    "User",
    "authorize",
    "is_allowed",
    "parse_scope",
    "policy_rows",
]
