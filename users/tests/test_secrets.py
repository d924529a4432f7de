"""Provider tokens are secrets: never in a response, a log line or the database in clear."""

import logging

import pytest
from django.db import connection

from tests.fakes.providers import LINKEDIN_CLIENT_SECRET
from tests.helpers import assert_ok, bearer_client
from users.models import Provider, ProviderCredential

pytestmark = pytest.mark.django_db
GOOGLE_SECRET = "ya29.google-secret-token"
LINKEDIN_SECRET = "AQX-linkedin-secret-token"
OIDC_SECRET = "AQO-oidc-secret-token"
# JobHax's own LinkedIn client secret goes to LinkedIn's introspection and nowhere else.
SECRETS = (
    GOOGLE_SECRET,
    LINKEDIN_SECRET,
    OIDC_SECRET,
    "refresh-secret-token",
    LINKEDIN_CLIENT_SECRET,
)


def logged_text(caplog):
    lines = []
    for record in caplog.records:
        lines.append(record.getMessage())
        if record.exc_info:
            lines.append(logging.Formatter().formatException(record.exc_info))
    return "\n".join(lines)


def assert_no_secret(text):
    for secret in SECRETS:
        assert secret not in text


def test_no_provider_token_in_responses_or_logs(
    api_client, client_credentials, providers, slow, unreachable, caplog
):
    caplog.set_level(logging.DEBUG)
    providers.google_user(GOOGLE_SECRET)
    providers.google_token(GOOGLE_SECRET)
    providers.linkedin_user(LINKEDIN_SECRET, email="li@example.com")
    id_token = providers.linkedin_id_token()
    responses_seen = []

    def call(method, path, client=api_client, **body):
        response = getattr(client, method)(path, body, format="json")
        responses_seen.append(response.content.decode())
        return response

    social = "/api/users/auth_social_user"
    google_login = assert_ok(
        call("post", social, **client_credentials, provider="google-oauth2", token=GOOGLE_SECRET)
    )
    call(
        "post",
        social,
        **client_credentials,
        provider="linkedin-openidconnect",
        token=LINKEDIN_SECRET,
        id_token=id_token,
    )
    call(
        "post",
        social,
        **client_credentials,
        provider="linkedin-oauth2",
        token=OIDC_SECRET,
        id_token=id_token,
    )
    # The contract's LinkedIn login, introspected: a success, then a refusal (unknown token).
    assert_ok(
        call(
            "post",
            social,
            **client_credentials,
            provider="linkedin-openidconnect",
            token=LINKEDIN_SECRET,
        )
    )
    call("post", social, **client_credentials, provider="linkedin-oauth2", token=OIDC_SECRET)
    client = bearer_client(google_login["access_token"])
    call(
        "post",
        "/api/users/update_gmail_token",
        client,
        token=GOOGLE_SECRET,
        refresh_token="refresh-secret-token",
    )
    for path in ("/api/users/me", "/api/users/get_sync_status", "/api/users/sync_user_emails"):
        call("get", path, client)
    # Refusals and outages log a reason; the reason must not be the token either.
    call("post", social, **client_credentials, provider="google-oauth2", token=LINKEDIN_SECRET)
    slow("/google/userinfo")
    unreachable("LINKEDIN_USERINFO_URL")
    call("post", social, **client_credentials, provider="google-oauth2", token=GOOGLE_SECRET)
    call(
        "post",
        social,
        **client_credentials,
        provider="linkedin-openidconnect",
        token=LINKEDIN_SECRET,
        id_token=id_token,
    )
    slow("/google/tokeninfo")
    call("post", "/api/users/update_gmail_token", client, token=GOOGLE_SECRET)

    assert len(responses_seen) == 13
    assert_no_secret("\n".join(responses_seen))
    assert caplog.records, "the flows above log something; the check would be empty otherwise"
    logged = logged_text(caplog)
    assert_no_secret(logged)
    # Our own tokens are secrets too (oauthlib would log them at DEBUG).
    assert google_login["access_token"] not in logged
    assert google_login["refresh_token"] not in logged


def test_database_columns_hold_ciphertext(user):
    ProviderCredential.objects.create(
        user=user,
        provider=Provider.GOOGLE,
        uid="g-1",
        access_token=GOOGLE_SECRET,
        refresh_token="refresh-secret-token",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT access_token, refresh_token FROM users_providercredential")
        stored = cursor.fetchone()
    assert all(value.startswith("gAAAA") for value in stored)  # Fernet tokens
    assert_no_secret(" ".join(stored))
    credential = ProviderCredential.objects.get()
    assert (credential.access_token, credential.refresh_token) == (
        GOOGLE_SECRET,
        "refresh-secret-token",
    )


def test_admin_never_shows_provider_tokens(client, user):
    from tests.factories import UserFactory

    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    credential = ProviderCredential.objects.create(
        user=user, provider=Provider.GOOGLE, uid="g-1", access_token=GOOGLE_SECRET
    )
    client.force_login(admin)
    for url in (
        "/admin/users/providercredential/",
        f"/admin/users/providercredential/{credential.pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert_no_secret(response.content.decode())
