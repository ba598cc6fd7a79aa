"""Argon2id hashing and the password policy (length, common passwords, obvious patterns)."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from procta.errors import BadRequest

_hasher = PasswordHasher()
# A real hash of a random string: verifying against it costs the same as a real check,
# so a sign-in for an unknown email takes as long as one for a known email.
_DUMMY_HASH = _hasher.hash("procta-timing-equaliser")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


@lru_cache
def _common_passwords() -> frozenset[str]:
    path = Path(__file__).with_name("common_passwords.txt")
    return frozenset(line.strip().lower() for line in path.read_text().splitlines() if line.strip())


def _is_trivial(password: str) -> bool:
    lowered = password.lower()
    if len(set(lowered)) <= 2:
        return True
    steps = {ord(b) - ord(a) for a, b in itertools.pairwise(lowered)}
    return steps <= {1} or steps <= {-1}


def check_policy(password: str, *, min_length: int, personal: tuple[str, ...] = ()) -> None:
    """Raise ``BadRequest(code="weak_password")`` with a reason a person can act on."""
    if len(password) < min_length:
        raise BadRequest(
            f"Password must be at least {min_length} characters long.", code="weak_password"
        )
    if len(password) > 256:
        raise BadRequest("Password must be at most 256 characters long.", code="weak_password")
    lowered = password.lower()
    if lowered in _common_passwords() or _is_trivial(password):
        raise BadRequest(
            "This password is too common or too easy to guess. Choose another.",
            code="weak_password",
        )
    words = {w for text in personal for w in re.split(r"[^a-z0-9]+", text.lower())}
    for word in words:
        if len(word) >= 4 and word in lowered:
            raise BadRequest(
                "Password must not contain your name, email or organization.", code="weak_password"
            )
