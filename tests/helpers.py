"""The helpers every test module shares (fixtures are in the root conftest.py): envelope
assertions, tokens, a Google link. One place, so a change to the envelope or to how login
issues tokens is made once."""

import hashlib
from datetime import timedelta

from django.utils import timezone
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import AccessToken, RefreshToken
from rest_framework.test import APIClient

from tests.fakes.gmail_server import DEFAULT_ACCESS_TOKEN, DEFAULT_REFRESH_TOKEN

CLIENT_SECRET = "test-client-secret"  # of the `oauth_app` fixture (conftest.py)
PASSWORD = "correct-horse-battery-staple"  # of every UserFactory user

ENVELOPE_KEYS = ["success", "error_code", "error_message", "data"]
# Keys the envelope may carry after the four (get_jobapps with paging).
ENVELOPE_EXTRA_KEYS = {"pagination"}

# CONTRACT.md §2, written out again on purpose: the tests pin the contract, not the code's table.
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
    11: "Record not found...",
    12: "Authentication credentials were not provided or are invalid.",
    13: "Too many requests. Try again later.",
    14: "Method not allowed.",
    15: "Unsupported media type.",
    16: "Password is too weak.",
    17: "Gmail is not connected.",
    18: "Request too large.",
    19: "Service temporarily unavailable. Try again later.",
    99: "Internal server error.",
}


def _envelope(response) -> dict:
    body = response.json()
    assert list(body)[:4] == ENVELOPE_KEYS, body
    assert set(body) - set(ENVELOPE_KEYS) <= ENVELOPE_EXTRA_KEYS, body
    return body


def assert_ok(response, http_status: int = 200):
    """A success envelope with that HTTP status; returns its `data`."""
    body = _envelope(response)
    assert response.status_code == http_status, body
    assert body["success"] is True and body["error_code"] == 0 and body["error_message"] == "", body
    return body["data"]


def assert_error(response, http_status: int, code: int, message: str | None = None) -> dict:
    """A failure envelope with the contract's code, message and HTTP status; returns the body."""
    body = _envelope(response)
    assert (response.status_code, body["error_code"]) == (http_status, code), body
    assert body["success"] is False
    assert body["error_message"] == MESSAGES[code]
    if message is not None:
        assert body["error_message"] == message
    return body


def assert_invalid(response) -> dict:
    return assert_error(response, 400, 10)


def assert_not_found(response) -> dict:
    return assert_error(response, 404, 11)


def assert_token_object(data) -> None:
    assert list(data) == ["access_token", "expires_in", "token_type", "scope", "refresh_token"]
    assert data["expires_in"] == 36000
    assert data["token_type"] == "Bearer"
    assert data["scope"] == "read write"
    assert data["access_token"] and data["refresh_token"]


def issue_token(user, app, expires_in: int = 3600) -> AccessToken:
    """An access token (with its refresh token) as login would issue it."""
    token = AccessToken.objects.create(
        user=user,
        application=app,
        token=generate_client_secret(),
        expires=timezone.now() + timedelta(seconds=expires_in),
        scope="read write",
    )
    RefreshToken.objects.create(
        user=user, application=app, token=generate_client_secret(), access_token=token
    )
    return token


def bearer_client(access_token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access_token}")
    return client


def _checksum(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def stored_access_token(token: str) -> AccessToken:
    """The row of an access token that login issued (DOT stores its checksum only)."""
    return AccessToken.objects.get(token_checksum=_checksum(token))


def stored_refresh_token(token: str) -> RefreshToken:
    return RefreshToken.objects.get(token_checksum=_checksum(token))


def link_google(
    user,
    *,
    access_token: str = DEFAULT_ACCESS_TOKEN,
    refresh_token: str = DEFAULT_REFRESH_TOKEN,
    **sync_state,
):
    """The user's Google account, with tokens the fake Gmail server accepts; `sync_state`
    (e.g. gmail_ok=False) creates the user's SyncState too."""
    from gmail_sync.models import SyncState
    from users.models import Provider, ProviderCredential

    credential = ProviderCredential.objects.create(
        user=user,
        provider=Provider.GOOGLE,
        uid=f"google-{user.pk}",
        access_token=access_token,
        refresh_token=refresh_token,
    )
    if sync_state:
        SyncState.objects.create(user=user, **sync_state)
    return credential


# Kestrel Mobility's Workday confirmation, three weeks before the Gmail fixtures' rejection
WORKDAY_CONFIRMATION = b"""\
From: Kestrel Mobility <kestrelmobility@myworkday.com>
To: Dana Whitfield <dana.whitfield@example.com>
Subject: Application Received - Embedded Software Engineer
Date: Fri, 28 Feb 2025 10:15:00 +0100
Message-ID: <wd-0001@myworkday.com>
Content-Type: text/plain; charset="utf-8"

Dear Dana,

Thank you for applying to Kestrel Mobility. We have received your application for Embedded
Software Engineer.
"""
