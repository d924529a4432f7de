"""The services the Gmail sync shares with the API: provenance, dates and row locking."""

import threading
from datetime import UTC, datetime

import pytest
from django.db import connection, transaction

from jobapps import services
from jobapps.models import JobApplication, Source, StatusHistory
from jobhax.api.errors import InvalidParameters, NotFound
from tests.factories import JobApplicationFactory

EMAIL_DATE = datetime(2019, 1, 23, 14, 18, 12, tzinfo=UTC)


@pytest.mark.django_db
def test_create_and_status_change_record_what_caused_them_and_when(user):
    jobapp = services.jobapp_create(
        user=user,
        job_title="Dev",
        company="Acme",
        apply_date=EMAIL_DATE,
        status_id=1,
        source="LinkedIn",
        msg_id="m-1",
        changed_by=Source.EMAIL,
        evidence="Thank you for applying",
        changed_at=EMAIL_DATE,
    )
    services.jobapp_update_status(
        user=user,
        jobapp_id=jobapp.pk,
        status_id=3,
        changed_by=Source.EMAIL,
        msg_id="m-2",
        evidence="Are you free for a call?",
        changed_at=datetime(2019, 2, 1, tzinfo=UTC),
    )
    history = list(
        StatusHistory.objects.filter(job_application=jobapp).values_list(
            "application_status_id", "changed_by", "msg_id", "evidence", "changed_at"
        )
    )
    assert history == [
        (1, Source.EMAIL, "m-1", "Thank you for applying", EMAIL_DATE),
        (3, Source.EMAIL, "m-2", "Are you free for a call?", datetime(2019, 2, 1, tzinfo=UTC)),
    ]


@pytest.mark.django_db
def test_services_are_scoped_to_the_user(user, other_user):
    jobapp = JobApplicationFactory(user=user)
    with pytest.raises(NotFound):
        services.jobapp_update_status(user=other_user, jobapp_id=jobapp.pk, status_id=2)
    with pytest.raises(NotFound):
        services.jobapp_delete(user=other_user, jobapp_id=jobapp.pk)
    with pytest.raises(InvalidParameters):
        services.jobapp_update_status(user=user, jobapp_id=jobapp.pk, status_id=999)
    jobapp.refresh_from_db()
    assert (jobapp.application_status_id, jobapp.is_deleted) == (1, False)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_concurrent_changes_to_the_same_status_write_one_history_row(user):
    """The first change holds the row lock until it commits; the second then sees the new
    status and appends nothing. Without the lock both would read the old status."""
    jobapp = JobApplicationFactory(user=user, application_status_id=1)
    first_has_lock, second_started = threading.Event(), threading.Event()
    errors = []

    def first():
        try:
            with transaction.atomic():
                services.jobapp_update_status(user=user, jobapp_id=jobapp.pk, status_id=3)
                first_has_lock.set()
                second_started.wait(5)
                threading.Event().wait(0.3)  # let the second block on the lock
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    def second():
        try:
            first_has_lock.wait(5)
            second_started.set()
            services.jobapp_update_status(user=user, jobapp_id=jobapp.pk, status_id=3)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert errors == []
    assert list(
        StatusHistory.objects.filter(job_application=jobapp)
        .order_by("id")
        .values_list("application_status_id", flat=True)
    ) == [1, 3]
    assert JobApplication.objects.get(pk=jobapp.pk).application_status_id == 3
