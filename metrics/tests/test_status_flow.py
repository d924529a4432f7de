"""get_status_flow: the links of a Sankey chart from the status history, with Rejected and
No response as terminal stages; forward links only, so the chart never has a cycle."""

import pytest

from jobapps import services
from jobapps.models import ApplicationStatus, GhostedRecord
from tests.factories import JobApplicationFactory

from .builders import (
    APPLIED,
    OFFER,
    ONSITE,
    PHONE_SCREEN,
    TO_APPLY,
    add_application,
    add_history,
    utc,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("metrics_cache")]


def flow(client) -> list[dict]:
    response = client.get("/api/metrics/get_status_flow")
    assert response.status_code == 200, response.content
    return response.json()["data"]


def walk(application, *statuses, rejected=False):
    """Moves the application through `statuses`, one day apart, as the user would."""
    for day, status in enumerate(statuses, start=2):
        add_history(application, status, utc(2026, 2, day, 9))
    application.application_status_id = statuses[-1]
    application.is_rejected = rejected
    application.save(update_fields=["application_status", "is_rejected"])


def ghosted(application, *, ended=False):
    GhostedRecord.objects.create(
        job_application=application,
        last_activity_at=utc(2026, 1, 1),
        ended_at=utc(2026, 1, 20) if ended else None,
    )


def test_links_between_stages_and_to_the_terminal_stages(auth_client, user, other_user):
    walk(add_application(user, status=TO_APPLY), APPLIED, PHONE_SCREEN, ONSITE, OFFER)
    walk(add_application(user), PHONE_SCREEN, rejected=True)
    ghosted(add_application(user))
    # Straight to Onsite, a correction back to Phone Screen, then the offer.
    walk(add_application(user), ONSITE, PHONE_SCREEN, OFFER)
    ghosted(add_application(user), ended=True)  # came back to life: no terminal
    add_application(user)  # still waiting: no link at all
    walk(add_application(user, is_deleted=True), PHONE_SCREEN, rejected=True)
    walk(JobApplicationFactory(user=other_user), PHONE_SCREEN, ONSITE, rejected=True)

    assert flow(auth_client) == [
        {"from": "To Apply", "to": "Applied", "count": 1},
        {"from": "Applied", "to": "Phone Screen", "count": 2},
        {"from": "Applied", "to": "Onsite Interview", "count": 1},
        {"from": "Applied", "to": "No response", "count": 1},
        {"from": "Phone Screen", "to": "Onsite Interview", "count": 1},
        {"from": "Phone Screen", "to": "Rejected", "count": 1},
        {"from": "Onsite Interview", "to": "Offer", "count": 2},
    ]


def test_rejected_wins_over_ghosted_and_counts_from_the_furthest_stage(auth_client, user):
    app = add_application(user)
    walk(app, PHONE_SCREEN, ONSITE, APPLIED, rejected=True)  # moved back, then rejected
    ghosted(app)
    assert flow(auth_client) == [
        {"from": "Applied", "to": "Phone Screen", "count": 1},
        {"from": "Phone Screen", "to": "Onsite Interview", "count": 1},
        {"from": "Onsite Interview", "to": "Rejected", "count": 1},
    ]


def test_a_current_status_missing_from_the_history_is_the_last_step(auth_client, user):
    """A CSV import may give a status its history file never listed."""
    app = add_application(user)
    app.application_status_id = OFFER
    app.save(update_fields=["application_status"])
    assert flow(auth_client) == [{"from": "Applied", "to": "Offer", "count": 1}]


def test_no_applications_no_links(auth_client):
    assert flow(auth_client) == []


def test_the_daily_task_feeds_no_response_and_the_cache_forgets(
    auth_client, user, settings, django_capture_on_commit_callbacks
):
    app = add_application(user, utc(2025, 6, 1))
    assert flow(auth_client) == []
    with django_capture_on_commit_callbacks(execute=True):
        assert services.ghosted_applications_record()["recorded"] == 1
    assert flow(auth_client) == [{"from": "Applied", "to": "No response", "count": 1}]
    assert app.application_status_id == APPLIED


def test_statuses_outside_the_pipeline_are_no_stage(auth_client, user):
    on_hold = ApplicationStatus.objects.create(value="On hold")
    walk(add_application(user), on_hold.id, PHONE_SCREEN, on_hold.id)
    walk(add_application(user, status=on_hold.id), on_hold.id)  # never in the pipeline
    assert flow(auth_client) == [{"from": "Applied", "to": "Phone Screen", "count": 1}]
