"""Fixtures every app's tests share: users, OAuth clients, authenticated API clients, eager
Celery. Plain helpers (envelope assertions, tokens, link_google) are in tests/helpers.py."""

import importlib

import pytest
from oauth2_provider.models import Application
from pytest_django.plugin import validate_django_db
from rest_framework.test import APIClient

from jobhax.celery import app as celery_app
from tests.factories import UserFactory
from tests.fakes.gmail_server import FakeGmailServer
from tests.helpers import CLIENT_SECRET, issue_token

pytest_plugins = ["tests.fakes.provider_fixtures"]


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Throttles, locks and the metrics cache live in the cache: start every test empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def _stand_in_gmail():
    """An empty fake mailbox that accepts any token, for tests that queue a sync eagerly."""
    with FakeGmailServer() as server:
        server.accept_any_access_token = True
        yield server


@pytest.fixture(autouse=True)
def _gmail_never_reaches_google(settings, _stand_in_gmail):
    """A sync run by any test talks to the stand-in, never to Google; tests about Gmail point
    these settings at their own fake server (gmail_sync/tests/conftest.py)."""
    settings.GMAIL_API_ENDPOINT = _stand_in_gmail.api_endpoint
    settings.GOOGLE_TOKEN_URI = _stand_in_gmail.token_uri


@pytest.fixture(autouse=True)
def _statuses_survive_flushes(request):
    """A transactional test starts after the previous one flushed every table, the statuses the
    seed migration wrote included: put them back, as every real database has them."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    transaction, *_ = validate_django_db(marker)
    if not transaction:
        return
    request.getfixturevalue("_django_db_helper")
    from jobapps.models import ApplicationStatus

    seed = importlib.import_module("jobapps.migrations.0002_seed_statuses")
    for status_id, value in seed.STATUSES:
        ApplicationStatus.objects.update_or_create(id=status_id, defaults={"value": value})


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests hash hundreds of passwords. (A users test checks that
    the real settings use Argon2.)"""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "users.hashers.ClientSecretHasher",  # OAuth client secrets (already fast)
    ]


@pytest.fixture
def oauth_app(db):
    return Application.objects.create(
        name="Test web client",
        client_id="test-client-id",
        client_secret=CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_PASSWORD,
    )


@pytest.fixture
def user(db):
    return UserFactory(username="alice", email="alice@example.com")


@pytest.fixture
def other_user(db):
    return UserFactory(username="bob", email="bob@example.com")


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def make_client(oauth_app):
    """make_client(user) -> APIClient sending that user's bearer token."""

    def _make(some_user, **kwargs):
        client = APIClient()
        token = issue_token(some_user, oauth_app, **kwargs)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token.token}")
        client.token = token
        return client

    return _make


@pytest.fixture
def auth_client(make_client, user):
    return make_client(user)


@pytest.fixture
def other_client(make_client, other_user):
    return make_client(other_user)


@pytest.fixture
def eager_celery(settings):
    """Queued tasks run in-process when their transaction commits, whatever REDIS_URL says."""
    previous = celery_app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = True
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous
