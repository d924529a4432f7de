"""Each metric costs the same few queries for 1 application as for 300, as stored in
tests/query_counts.json (tests/query_counts.py)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobapps.models import ApplicationStatus, JobApplication, JobEmail, StatusHistory
from tests.query_counts import assert_query_count

from .builders import add_application, utc

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "get_total_application_count",
    "get_application_count_by_month",
    "get_application_count_by_month_with_total",
    "get_count_by_statuses",
    "get_word_count",
    "get_count_by_jobtitle_and_statuses",
    "get_funnel",
    "get_response_times",
    "get_weekly_counts",
    "get_top_companies",
    "get_top_titles",
    "get_status_flow",
]
MOST_QUERIES_ALLOWED = 3  # token lookup included
SOURCES = ["LinkedIn", "Indeed", "Hired", "Vettery", "", "Referral"]
STATUSES = [
    ApplicationStatus.TO_APPLY,
    ApplicationStatus.APPLIED,
    ApplicationStatus.PHONE_SCREEN,
    ApplicationStatus.ONSITE_INTERVIEW,
    ApplicationStatus.OFFER,
]


def add_many_applications(user, count: int) -> None:
    """`count` varied applications, each with history rows and an email, in a few queries."""
    start = utc(2025, 3, 1)
    applications = JobApplication.objects.bulk_create(
        JobApplication(
            user=user,
            application_status_id=STATUSES[n % len(STATUSES)],
            job_title=f"Engineer {n % 40}",
            company=f"Company {n % 70}",
            apply_date=start + timedelta(days=n % 330, hours=n % 24),
            source=SOURCES[n % len(SOURCES)],
            is_rejected=n % 7 == 0,
            is_deleted=n % 11 == 0,
        )
        for n in range(count)
    )
    StatusHistory.objects.bulk_create(
        StatusHistory(job_application=application, application_status_id=status)
        for application in applications
        for status in (ApplicationStatus.APPLIED, application.application_status_id)
    )
    JobEmail.objects.bulk_create(
        JobEmail(
            user=user,
            msg_id=f"bulk-{application.id}",
            job_application=application,
            kind=JobEmail.Kind.INTERVIEW_INVITATION,
            date=application.apply_date + timedelta(days=3),
        )
        for application in applications
    )


def queries_for(client, name: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = assert_query_count(f"metrics.{name}", lambda: client.get(f"/api/metrics/{name}"))
    assert response.status_code == 200, response.content
    return len(captured.captured_queries)


@pytest.mark.parametrize("name", ENDPOINTS)
def test_query_count_does_not_grow_with_applications(settings, auth_client, user, name):
    settings.METRICS_CACHE_SECONDS = 0  # measure the work, not the cache
    add_application(user)
    queries_for(auth_client, name)

    add_many_applications(user, 299)
    assert queries_for(auth_client, name) <= MOST_QUERIES_ALLOWED
