"""Fixtures of the users tests: Google and LinkedIn faked on loopback for every test (the
`providers` fixture, tests/fakes/provider_fixtures.py: any other URL that `requests` is asked
for raises ConnectionError, so nothing here can reach the network), OAuth clients. Helpers
shared with every app are in tests/helpers.py."""

import pytest
from oauth2_provider.models import Application

from tests.helpers import CLIENT_SECRET, PASSWORD, assert_ok


@pytest.fixture(autouse=True)
def _fake_providers(providers):
    """Every users test runs against the fake Google and LinkedIn."""
    return providers


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
def verified(user):
    """`user` (alice) with her email verified, as after she opened the mailed link."""
    from users.services import email_mark_verified

    email_mark_verified(user=user)
    return user
