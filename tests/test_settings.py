"""Start-up refuses production without real, valid secrets, and DEBUG is off unless asked for.

Each case starts `manage.py check` (what `make migrate` and `make serve` run first) in a fresh
process with only the given environment, as an operator's shell would."""

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.conf import settings

STRONG_SECRET_KEY = "test-only-secret-key-" + "0123456789abcdef" * 3
FERNET_KEY = Fernet.generate_key().decode()


def start_with_env(**overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "FIELD_ENCRYPTION_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def refusal(result) -> str:
    """The last line of what the refused start printed: the reason an operator reads."""
    assert result.returncode != 0, result.stdout
    return result.stderr.strip().splitlines()[-1]


def test_debug_is_off_by_default_so_production_needs_a_secret_key():
    line = refusal(start_with_env())
    assert "SECRET_KEY is not set" in line
    assert "DEBUG=1 for development" in line


def test_production_refuses_the_development_secret_key():
    line = refusal(
        start_with_env(
            DEBUG="0",
            SECRET_KEY="dev-only-insecure-secret-key-do-not-use-in-production",
            FIELD_ENCRYPTION_KEY=FERNET_KEY,
        )
    )
    assert "SECRET_KEY is the development key" in line


@pytest.mark.parametrize("weak", ["short-key", "a" * 60, "django-insecure-" + "x1y2z3w4" * 6])
def test_production_refuses_a_weak_secret_key(weak):
    line = refusal(start_with_env(DEBUG="0", SECRET_KEY=weak, FIELD_ENCRYPTION_KEY=FERNET_KEY))
    assert "SECRET_KEY is too weak" in line


def test_production_refuses_to_start_without_encryption_key():
    line = refusal(start_with_env(DEBUG="0", SECRET_KEY=STRONG_SECRET_KEY))
    assert "FIELD_ENCRYPTION_KEY is not set" in line


@pytest.mark.parametrize("debug", ["0", "1"])
@pytest.mark.parametrize(
    ("keys", "bad_position"),
    [
        ("not-a-fernet-key", "key 1 of 1"),
        (f"{FERNET_KEY},{FERNET_KEY[:-4]}", "key 2 of 2"),  # the rotated-out key mistyped
    ],
)
def test_an_invalid_encryption_key_refuses_to_start(debug, keys, bad_position):
    line = refusal(
        start_with_env(DEBUG=debug, SECRET_KEY=STRONG_SECRET_KEY, FIELD_ENCRYPTION_KEY=keys)
    )
    assert f"FIELD_ENCRYPTION_KEY: {bad_position} is not a Fernet key" in line


def test_production_starts_with_valid_keys():
    result = start_with_env(
        DEBUG="0",
        SECRET_KEY=STRONG_SECRET_KEY,
        FIELD_ENCRYPTION_KEY=f"{FERNET_KEY},{Fernet.generate_key().decode()}",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_development_starts_without_secrets():
    result = start_with_env(DEBUG="1")
    assert result.returncode == 0, result.stderr
