"""Fixtures of the users tests: Google and LinkedIn faked on loopback (fake_providers.py; any
other URL that `requests` is asked for raises ConnectionError, so nothing here can reach the
network), OAuth clients, helpers."""
import hashlib
import socket

import pytest
import responses
from oauth2_provider.models import AccessToken, Application, RefreshToken
from rest_framework.test import APIClient

from conftest import CLIENT_SECRET, PASSWORD
from jobhax.celery import app as celery_app
from users import providers as provider_checks

from .fake_providers import (
    GMAIL_SCOPE,  # noqa: F401 (tests import it from here)
    GOOGLE_CLIENT_ID,
    LINKEDIN_CLIENT_ID,
    LINKEDIN_CLIENT_SECRET,
    LINKEDIN_ISSUER,
    FakeProviders,
)

ENVELOPE_KEYS = ["success", "error_code", "error_message", "data"]

MESSAGES = {
    1: "Invalid credentials",
    2: "User profile not found.",
    3: "Error occured while updating the google token.",
    4: "Google token has expired. Please refresh Google token.",
    5: "Couldnt logout user...",
    6: "Could not login... Please check your credentials...",
    7: "Passwords do not match",
    8: "That username is taken",
    9: "That email is being used",
    10: "Invalid parameters...",
    12: "Authentication credentials were not provided or are invalid.",
    13: "Too many requests. Try again later.",
    15: "Unsupported media type.",
    16: "Password is too weak.",
    17: "Gmail is not connected.",
    19: "Service temporarily unavailable. Try again later.",
}


def assert_ok(response, http_status=200):
    body = response.json()
    assert list(body) == ENVELOPE_KEYS, body
    assert response.status_code == http_status, body
    assert body["success"] is True and body["error_code"] == 0 and body["error_message"] == ""
    return body["data"]


def assert_error(response, http_status, code):
    body = response.json()
    assert list(body) == ENVELOPE_KEYS, body
    assert (response.status_code, body["error_code"]) == (http_status, code), body
    assert body["success"] is False
    assert body["error_message"] == MESSAGES[code]
    return body


def assert_token_object(data):
    assert list(data) == ["access_token", "expires_in", "token_type", "scope", "refresh_token"]
    assert data["expires_in"] == 36000
    assert data["token_type"] == "Bearer"
    assert data["scope"] == "read write"
    assert data["access_token"] and data["refresh_token"]


def _checksum(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def stored_access_token(token: str) -> AccessToken:
    """The row of an access token that login issued (DOT stores its checksum only)."""
    return AccessToken.objects.get(token_checksum=_checksum(token))


def stored_refresh_token(token: str) -> RefreshToken:
    return RefreshToken.objects.get(token_checksum=_checksum(token))


# Which setting holds each fake endpoint's URL.
PROVIDER_URLS = {
    "GOOGLE_TOKENINFO_URL": "/google/tokeninfo",
    "GOOGLE_USERINFO_URL": "/google/userinfo",
    "LINKEDIN_USERINFO_URL": "/linkedin/userinfo",
    "LINKEDIN_INTROSPECT_URL": "/linkedin/introspect",
    "LINKEDIN_JWKS_URL": "/linkedin/jwks",
}


@pytest.fixture(scope="session")
def _provider_server():
    with FakeProviders() as server:
        yield server


@pytest.fixture(autouse=True)
def providers(_provider_server, settings):
    """The fake Google and LinkedIn, with JobHax's client ids configured for both (and the
    LinkedIn client secret that introspection needs)."""
    fake = _provider_server
    fake.reset()
    for setting, path in PROVIDER_URLS.items():
        setattr(settings, setting, fake.url(path))
    settings.GOOGLE_CLIENT_ID = settings.SOCIAL_AUTH_GOOGLE_OAUTH2_KEY = GOOGLE_CLIENT_ID
    settings.LINKEDIN_CLIENT_ID = LINKEDIN_CLIENT_ID
    settings.SOCIAL_AUTH_LINKEDIN_OPENIDCONNECT_KEY = LINKEDIN_CLIENT_ID
    settings.LINKEDIN_CLIENT_SECRET = LINKEDIN_CLIENT_SECRET
    settings.SOCIAL_AUTH_LINKEDIN_OPENIDCONNECT_SECRET = LINKEDIN_CLIENT_SECRET
    settings.LINKEDIN_ISSUER = LINKEDIN_ISSUER
    provider_checks._linkedin_keys.cache_clear()  # every test fetches LinkedIn's keys afresh
    with responses.RequestsMock(assert_all_requests_are_fired=False) as guard:
        guard.add_passthru(fake.base_url)
        yield fake


@pytest.fixture
def unreachable(settings):
    """unreachable("GOOGLE_USERINFO_URL"): nothing listens at that provider URL any more."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]

    def _down(setting):
        setattr(settings, setting, f"http://127.0.0.1:{closed_port}{PROVIDER_URLS[setting]}")

    return _down


@pytest.fixture
def slow(providers, settings):
    """slow("/google/userinfo"): the provider answers after the client stopped waiting."""
    settings.PROVIDER_HTTP_TIMEOUT_SECONDS = settings.SOCIAL_AUTH_REQUESTS_TIMEOUT = 0.2
    provider_checks._linkedin_keys.cache_clear()  # its client keeps the timeout it was made with

    def _slow(path):
        providers.delay(path, 1.0)

    return _slow


@pytest.fixture
def public_app(db):
    """Like the browser extension: a public client, no secret."""
    return Application.objects.create(
        name="Test extension",
        client_id="test-extension",
        client_type=Application.CLIENT_PUBLIC,
        authorization_grant_type=Application.GRANT_PASSWORD,
    )


@pytest.fixture
def client_credentials(oauth_app):
    return {"client_id": oauth_app.client_id, "client_secret": CLIENT_SECRET}


@pytest.fixture
def login(api_client, client_credentials, user):
    """login(username=..., password=...) -> the token object of a successful login."""

    def _login(username="alice", password=PASSWORD, **extra):
        body = {**client_credentials, "username": username, "password": password, **extra}
        return assert_ok(api_client.post("/api/users/login", body, format="json"))

    return _login


@pytest.fixture
def eager_celery():
    """Queued syncs run in-process when their transaction commits, whatever REDIS_URL says."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def bearer_client(access_token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access_token}")
    return client


@pytest.fixture
def verified(user):
    """`user` (alice) with her email verified, as after she opened the mailed link."""
    from users.services import email_mark_verified

    email_mark_verified(user=user)
    return user
