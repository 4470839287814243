"""Sign-in rules, as plain functions of times: account lockout, the per-address rate limit, session expiry.

Nothing here reads a clock: callers pass `now`, so tests move time by passing another value. The same rules apply
to an unknown address as to an account (its failures are read from the attempts table), so that the answers
never tell whether an address has an account.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["SignInRules", "address_retry_after_s", "lock_end", "minutes_left", "session_alive"]


@dataclass(frozen=True)
class SignInRules:
    """The policy numbers (settings CORRIDOR_LOGIN_*, CORRIDOR_SESSION_*, CORRIDOR_RESET_TOKEN_MINUTES)."""

    max_failures: int = 5  # failed sign-ins of one address within `failure_window` that lock it
    failure_window: dt.timedelta = dt.timedelta(minutes=15)
    first_lock: dt.timedelta = dt.timedelta(minutes=15)  # doubles with each further lock, up to `longest_lock`
    longest_lock: dt.timedelta = dt.timedelta(hours=24)
    attempts_per_minute_per_client: int = 20  # across all addresses (credential stuffing): then 429
    session_idle: dt.timedelta = dt.timedelta(hours=8)  # a session unused this long ends
    session_longest: dt.timedelta = dt.timedelta(days=14)  # and any session ends this long after sign-in
    reset_token_life: dt.timedelta = dt.timedelta(hours=1)


def lock_end(failures: Sequence[dt.datetime], rules: SignInRules) -> dt.datetime | None:
    """When an address locked by these failures (oldest first, since its last success or unlock) is free again.

    It is locked when its last `max_failures` failures fall within `failure_window`: from the last failure for
    `first_lock`, doubled for each further `max_failures` failures (a guesser who goes on waits longer)."""
    if len(failures) < rules.max_failures:
        return None
    last = failures[-1]
    if last - failures[-rules.max_failures] > rules.failure_window:
        return None
    locks = len(failures) // rules.max_failures
    length: dt.timedelta = min(rules.first_lock * (2 ** (locks - 1)), rules.longest_lock)
    return last + length


def minutes_left(until: dt.datetime, now: dt.datetime) -> int:
    """Whole minutes to wait, at least 1 (what the refusal says)."""
    return max(1, math.ceil((until - now).total_seconds() / 60))


def address_retry_after_s(attempts: Sequence[dt.datetime], now: dt.datetime, rules: SignInRules) -> int | None:
    """Seconds a client address must wait when its attempts of the last minute reached the limit; None: go on."""
    window = dt.timedelta(minutes=1)
    recent = sorted(at for at in attempts if now - at < window)
    if len(recent) < rules.attempts_per_minute_per_client:
        return None
    oldest_counted = recent[-rules.attempts_per_minute_per_client]
    return max(1, math.ceil((oldest_counted + window - now).total_seconds()))


def session_alive(created_at: dt.datetime, last_seen_at: dt.datetime, now: dt.datetime, rules: SignInRules) -> bool:
    """A session lives while it is used at least every `session_idle` and for at most `session_longest`."""
    return now - last_seen_at < rules.session_idle and now - created_at < rules.session_longest
