"""Passwords (argon2id, through argon2-cffi) and secrets: tokens and session IDs are random; only hashes are kept."""

from __future__ import annotations

import hashlib
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from corridor.errors import InvalidInput
from corridor.i18n import mark

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "check_password_strength",
    "hash_password",
    "hash_secret",
    "needs_rehash",
    "new_password",
    "new_secret",
    "verify_password",
]

MIN_PASSWORD_LENGTH = 12  # length is what resists guessing; no composition rules (NIST SP 800-63B)
TOO_SHORT = mark("A password needs at least {count} characters")
_HASHER = PasswordHasher()  # argon2id with argon2-cffi's recommended parameters (RFC 9106, low memory)


def check_password_strength(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(TOO_SHORT, count=MIN_PASSWORD_LENGTH)
    return password


def hash_password(password: str) -> str:
    return _HASHER.hash(check_password_strength(password))


@cache
def _unmatchable_hash() -> str:
    return _HASHER.hash(new_secret())


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; a missing or malformed hash never matches.

    Without a hash (an unknown address) a hash that cannot match is checked all the same, so that the time taken
    does not tell whether the address has an account."""
    if not password_hash:
        _verify_quietly(_unmatchable_hash(), password)
        return False
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _verify_quietly(password_hash: str, password: str) -> None:
    try:
        _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's (rehash at the next sign-in)."""
    return _HASHER.check_needs_rehash(password_hash)


def new_password() -> str:
    """A generated password, shown once to an operator (16 URL-safe characters, about 96 bits)."""
    return secrets.token_urlsafe(12)


def new_secret() -> str:
    """An API token or session cookie value (256 bits)."""
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    """sha256 of a token or session ID: what is stored and looked up (the secrets are random, so no salt)."""
    return hashlib.sha256(secret.encode()).hexdigest()
