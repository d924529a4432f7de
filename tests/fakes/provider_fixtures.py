"""The fake Google and LinkedIn (tests/fakes/providers.py) as fixtures, for any test that logs
in with a provider or stores a Google token: `providers` (the fake, with JobHax's client ids
configured and every other `requests` URL refused), `unreachable` and `slow`. Registered for
the whole suite in conftest.py (pytest_plugins); the users tests use `providers` always."""

import socket

import pytest
import responses

from tests.fakes.providers import (
    GOOGLE_CLIENT_ID,
    LINKEDIN_CLIENT_ID,
    LINKEDIN_CLIENT_SECRET,
    LINKEDIN_ISSUER,
    FakeProviders,
)
from users import providers as provider_checks

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


@pytest.fixture
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
