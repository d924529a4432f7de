"""Query counts per endpoint (token authentication included): fixed, whatever the data size."""
from datetime import UTC, datetime, timedelta

import pytest

from jobapps.models import JobEmail
from tests.baseline import count_queries
from tests.factories import JobApplicationFactory
from users.models import Provider, ProviderCredential

from .conftest import assert_ok

pytestmark = pytest.mark.django_db

# Authentication costs one query (the access token with its user and application).
EXPECTED = {
    "get_user_google_mails": 2,
    "get_user_google_emails": 2,
    "get_linkedin_profile": 2,
    "get_sync_status": 3,
    "me": 5,  # + the profile (email verified, calendar key) and the ghosted-days setting
}


def add_emails(user, count, prefix):
    jobapp = JobApplicationFactory(user=user)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    JobEmail.objects.bulk_create(
        JobEmail(user=user, msg_id=f"{prefix}-{n}", subject=f"S{n}", body="B",
                 date=start + timedelta(hours=n), job_application=jobapp,
                 kind=JobEmail.Kind.APPLICATION_CONFIRMATION)
        for n in range(count)
    )


@pytest.fixture
def linked(user):
    for provider in (Provider.GOOGLE, Provider.LINKEDIN):
        ProviderCredential.objects.create(user=user, provider=provider, uid=f"{provider}-1",
                                          profile={"id": "1"})


@pytest.mark.parametrize("name", ["get_user_google_mails", "get_user_google_emails"])
def test_mail_list_costs_the_same_for_one_and_many_rows(auth_client, user, name):
    add_emails(user, 1, "first")
    with_one, response = count_queries(lambda: auth_client.get(f"/api/users/{name}"))
    assert len(assert_ok(response)) == 1
    add_emails(user, 40, "more")
    with_many, response = count_queries(lambda: auth_client.get(f"/api/users/{name}"))
    assert len(assert_ok(response)) == 41
    assert with_one == with_many == EXPECTED[name]


@pytest.mark.parametrize("name", ["get_linkedin_profile", "get_sync_status", "me"])
def test_read_endpoints_have_a_fixed_cost(auth_client, linked, name):
    queries, response = count_queries(lambda: auth_client.get(f"/api/users/{name}"))
    assert_ok(response)
    assert queries == EXPECTED[name]
