"""Production defaults (DEBUG=0) that hold against attack (issue 13, finding 8), and
`manage.py check --deploy` passing with the production settings the README documents.

The settings module is read once per process, so what depends on DEBUG=0 at import time is
checked in a subprocess started with the production environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError
from oauth2_provider.models import Application

BASE_DIR = Path(__file__).resolve().parents[2]
EXTENSION_ID = "abcdefghijklmnopabcdefghijklmnop"
# What a deployment behind an HTTPS proxy sets (README.md, "Production").
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-secret-key-" + "k9Zq2xW7" * 5,
    "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
    "ALLOWED_HOSTS": "api.jobhax.example",
    "CSRF_TRUSTED_ORIGINS": "https://api.jobhax.example",
    "TRUSTED_PROXY_COUNT": "1",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.jobhax.example",
    "CORS_ALLOWED_ORIGINS": "https://app.jobhax.example",
    "CORS_ALLOWED_EXTENSION_IDS": EXTENSION_ID,
}
# Settings of the environment this suite runs in that would blur what is checked here.
UNSET = {
    "DEBUG",
    "EMAIL_BACKEND",
    "TRUSTED_PROXY_COUNT",
    "CORS_ALLOWED_ORIGINS",
    "CORS_ALLOWED_ORIGIN_REGEXES",
    "CORS_ALLOWED_EXTENSION_IDS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
}
SHOWN = [
    "EMAIL_BACKEND",
    "PASSWORD_RESET_MAIL_ENABLED",
    "CORS_ALLOWED_ORIGINS",
    "CORS_ALLOWED_ORIGIN_REGEXES",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
]


def run(args: list[str], **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in UNSET}
    environment.update(DJANGO_SETTINGS_MODULE="jobhax.settings", **env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_settings(**overrides) -> dict:
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name, None) for name in {SHOWN!r}}}))"
    )
    result = run(["-c", script], **{**PRODUCTION, **overrides})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_passes_with_the_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_without_a_mail_backend_for_reset_links():
    env = {key: value for key, value in PRODUCTION.items() if key != "EMAIL_BACKEND"}
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **env)
    assert result.returncode != 0
    assert "users.W001" in result.stderr


def test_production_defaults_hold_against_attack():
    shown = production_settings(
        TRUSTED_PROXY_COUNT="0",
        EMAIL_BACKEND="",
        CORS_ALLOWED_ORIGINS="",
        CORS_ALLOWED_EXTENSION_IDS="",
    )
    # No reset link is ever printed into the server log: no console backend, and the endpoint
    # refuses until a real backend is set.
    assert shown["EMAIL_BACKEND"] == "django.core.mail.backends.dummy.EmailBackend"
    assert shown["PASSWORD_RESET_MAIL_ENABLED"] is False
    # No origin is allowed unless configured: no localhost, no extension of anyone's.
    assert shown["CORS_ALLOWED_ORIGINS"] == [] and shown["CORS_ALLOWED_ORIGIN_REGEXES"] == []
    # HSTS on; no proxy trusted, so X-Forwarded-Proto is not believed and nothing redirects
    # (gunicorn serves whatever scheme it serves).
    assert shown["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert shown["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert shown["SECURE_PROXY_SSL_HEADER"] is None and shown["SECURE_SSL_REDIRECT"] is False
    assert shown["SESSION_COOKIE_SECURE"] is True and shown["CSRF_COOKIE_SECURE"] is True


def test_behind_an_https_proxy_plain_http_is_redirected():
    shown = production_settings()
    assert shown["SECURE_SSL_REDIRECT"] is True
    assert shown["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert shown["CORS_ALLOWED_ORIGINS"] == [
        "https://app.jobhax.example",
        f"chrome-extension://{EXTENSION_ID}",
    ]
    assert shown["PASSWORD_RESET_MAIL_ENABLED"] is True


def test_a_malformed_extension_id_refuses_to_start():
    result = run(
        ["-c", "import django; django.setup()"], **{**PRODUCTION, "CORS_ALLOWED_EXTENSION_IDS": "*"}
    )
    assert result.returncode != 0
    assert "CORS_ALLOWED_EXTENSION_IDS" in result.stderr


# --- The same settings, at work on requests ------------------------------------------------------


@pytest.fixture
def production_cors(settings):
    settings.CORS_ALLOWED_ORIGINS = [
        "https://app.jobhax.example",
        f"chrome-extension://{EXTENSION_ID}",
    ]
    settings.CORS_ALLOWED_ORIGIN_REGEXES = []


def preflight(client, origin):
    response = client.options(
        "/api/jobapps/get_jobapps",
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )
    return response.get("Access-Control-Allow-Origin")


@pytest.mark.parametrize(
    "origin,allowed",
    [
        ("https://app.jobhax.example", True),
        (f"chrome-extension://{EXTENSION_ID}", True),
        ("http://localhost:3000", False),
        ("chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba", False),
        ("moz-extension://0f9b2c1e-4b4c-4d3e-9a61-0c1d2e3f4a5b", False),
        ("https://app.jobhax.example.evil.example", False),
    ],
)
def test_cors_allows_only_the_configured_origins_and_extensions(
    client, production_cors, origin, allowed
):
    assert (preflight(client, origin) == origin) is allowed


def test_hsts_is_sent_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 365 * 24 * 3600
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/api/health", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.django_db
def test_behind_the_proxy_plain_http_is_redirected_but_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/api/jobapps/get_statuses", HTTP_X_FORWARDED_PROTO="http")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    assert (
        client.get("/api/jobapps/get_statuses", HTTP_X_FORWARDED_PROTO="https").status_code == 401
    )  # no token: 12
    assert client.get("/api/health", HTTP_X_FORWARDED_PROTO="http").status_code != 301


# --- No well-known development client in production -----------------------------------------------


@pytest.mark.django_db
def test_create_dev_clients_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="well-known secret"):
        call_command("create_dev_clients")
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_create_dev_clients_on_a_throwaway_server_when_asked(settings, capsys):
    settings.DEBUG = False
    call_command("create_dev_clients", "--allow-without-debug")
    assert set(Application.objects.values_list("client_id", flat=True)) == {
        "jobhax-dev-client",
        "jobhax-extension",
    }


@pytest.mark.django_db
def test_create_dev_clients_in_development(settings, capsys):
    settings.DEBUG = True
    call_command("create_dev_clients")
    call_command("create_dev_clients")  # idempotent
    assert Application.objects.count() == 2
    assert "client_secret=jobhax-dev-secret" in capsys.readouterr().out
