"""Random secrets and their stored digests (tablet pairing codes, tablet and API tokens).

These are long random values, so one SHA-256 is enough to store them safely; passwords, which
people choose, go through werkzeug's scrypt instead.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_secret() -> str:
    """A URL-safe random secret with 256 bits of entropy."""
    return secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """The stored form of a secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def matches(secret: str, stored_digest: str | None) -> bool:
    """Constant-time check of a secret against its stored digest."""
    return bool(stored_digest) and hmac.compare_digest(digest(secret), stored_digest)
