"""The sign-in rules as plain functions of time: when failures lock, for how long, the per-address limit, expiry."""

from __future__ import annotations

import datetime as dt

from corridor.accounts.lockout import SignInRules, address_retry_after_s, lock_end, minutes_left, session_alive

T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
RULES = SignInRules()


def _every(minutes: float, count: int, start: dt.datetime = T0) -> list[dt.datetime]:
    return [start + dt.timedelta(minutes=minutes * i) for i in range(count)]


def test_four_failures_do_not_lock_and_the_fifth_locks_for_fifteen_minutes() -> None:
    assert lock_end(_every(1, 4), RULES) is None
    failures = _every(1, 5)
    assert lock_end(failures, RULES) == failures[-1] + dt.timedelta(minutes=15)


def test_five_failures_spread_over_more_than_the_window_do_not_lock() -> None:
    assert lock_end(_every(4, 5), RULES) is None  # 16 minutes from the first to the fifth


def test_each_further_lock_doubles_up_to_a_day() -> None:
    assert lock_end(_every(1, 10), RULES) == T0 + dt.timedelta(minutes=9 + 30)
    assert lock_end(_every(0.1, 15), RULES) == T0 + dt.timedelta(minutes=1.4 + 60)
    assert lock_end(_every(0.01, 100), RULES) == T0 + dt.timedelta(minutes=0.99, hours=24)


def test_minutes_left_round_up_and_never_say_zero() -> None:
    assert minutes_left(T0 + dt.timedelta(minutes=14, seconds=1), T0) == 15
    assert minutes_left(T0 + dt.timedelta(seconds=5), T0) == 1


def test_a_client_address_waits_once_it_made_its_attempts_of_the_minute() -> None:
    rules = SignInRules(attempts_per_minute_per_client=3)
    now = T0 + dt.timedelta(seconds=50)
    assert address_retry_after_s(_every(0.25, 2, T0 + dt.timedelta(seconds=20)), now, rules) is None
    attempts = [T0, T0 + dt.timedelta(seconds=20), T0 + dt.timedelta(seconds=40)]
    assert address_retry_after_s(attempts, now, rules) == 10  # the oldest leaves the minute in 10 s
    assert address_retry_after_s(attempts, T0 + dt.timedelta(seconds=61), rules) is None


def test_a_session_ends_when_idle_or_too_old() -> None:
    rules = SignInRules(session_idle=dt.timedelta(hours=1), session_longest=dt.timedelta(days=1))
    seen = T0 + dt.timedelta(minutes=59)
    assert session_alive(T0, seen, seen + dt.timedelta(minutes=59), rules)
    assert not session_alive(T0, T0, T0 + dt.timedelta(hours=1), rules)
    used_all_day = T0 + dt.timedelta(days=1)
    assert not session_alive(T0, used_all_day, used_all_day, rules)
