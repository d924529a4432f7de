"""Settings refuse to run in production without real secrets."""
import os
import subprocess
import sys

import pytest

LOAD_SETTINGS = (
    "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
)


def run_with_env(**overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "FIELD_ENCRYPTION_KEY"}}
    env.update(DJANGO_SETTINGS_MODULE="jobhax.settings", **overrides)
    return subprocess.run(
        [sys.executable, "-c", LOAD_SETTINGS], env=env, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_with_env(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_the_development_secret_key():
    result = run_with_env(
        DEBUG="0", SECRET_KEY="dev-only-insecure-secret-key-do-not-use-in-production"
    )
    assert result.returncode != 0


def test_production_refuses_to_start_without_encryption_key():
    result = run_with_env(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEY" in result.stderr


@pytest.mark.parametrize("debug", ["1", ""])
def test_development_defaults_start(debug):
    result = run_with_env(DEBUG=debug)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
