"""Encryption at rest for provider tokens (Fernet; several keys allow rotation)."""

import base64
import hashlib
import secrets
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


@cache
def _fernet() -> MultiFernet:
    keys: list[str] | list[bytes] = settings.FIELD_ENCRYPTION_KEYS or [_dev_key()]
    return MultiFernet([Fernet(key) for key in keys])


def _dev_key() -> bytes:
    # Development only (settings refuse DEBUG=0 without FIELD_ENCRYPTION_KEY).
    return base64.urlsafe_b64encode(hashlib.sha256(settings.SECRET_KEY.encode()).digest())


def encrypt(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode()).decode()


def decrypt(ciphertext: str) -> str:
    return _fernet().decrypt(ciphertext.encode()).decode()


class EncryptedTextField(models.TextField):
    """Stores text encrypted; Python code only ever sees the plaintext. Empty stays empty."""

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        try:
            return decrypt(value)
        except InvalidToken:
            # Written under a key that is no longer configured: unusable, treat as absent.
            return ""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else value


def new_secret() -> str:
    """A random key for a URL (256 bits)."""
    return secrets.token_urlsafe(32)


def checksum(secret: str) -> str:
    """How a secret is looked up without storing it in clear (as DOT stores tokens)."""
    return hashlib.sha256(secret.encode()).hexdigest()
