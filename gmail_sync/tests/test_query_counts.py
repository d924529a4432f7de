"""Query counts of the Gmail endpoints (token authentication included): fixed whatever the
number of mails, as stored in tests/query_counts.json (tests/query_counts.py)."""

from datetime import UTC, datetime, timedelta

import pytest

from jobapps.models import JobEmail
from tests.factories import JobApplicationFactory
from tests.helpers import assert_ok, link_google
from tests.query_counts import assert_query_count

pytestmark = pytest.mark.django_db


def add_emails(user, count, prefix):
    jobapp = JobApplicationFactory(user=user)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    JobEmail.objects.bulk_create(
        JobEmail(
            user=user,
            msg_id=f"{prefix}-{n}",
            subject=f"S{n}",
            body="B",
            date=start + timedelta(hours=n),
            job_application=jobapp,
            kind=JobEmail.Kind.APPLICATION_CONFIRMATION,
        )
        for n in range(count)
    )


@pytest.mark.parametrize("name", ["get_user_google_mails", "get_user_google_emails"])
def test_mail_list_costs_the_same_for_one_and_many_rows(auth_client, user, name):
    def mails():
        return assert_ok(
            assert_query_count(f"gmail_sync.{name}", lambda: auth_client.get(f"/api/users/{name}"))
        )

    add_emails(user, 1, "first")
    assert len(mails()) == 1
    add_emails(user, 40, "more")
    assert len(mails()) == 41


def test_sync_status_has_a_fixed_cost(auth_client, user):
    link_google(user)
    assert_ok(
        assert_query_count(
            "gmail_sync.get_sync_status", lambda: auth_client.get("/api/users/get_sync_status")
        )
    )
