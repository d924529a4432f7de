"""Builders for hand-made datasets: applications at exact moments with exact histories.

They write the rows directly (no service sets a history row's time), so each also refreshes
what the services keep from them: the application's first answer (jobapps.answers).
"""

from datetime import UTC, datetime

from jobapps.answers import refresh_first_answers
from jobapps.models import ApplicationStatus, JobEmail, StatusHistory
from tests.factories import JobApplicationFactory

APPLIED = ApplicationStatus.APPLIED
TO_APPLY = ApplicationStatus.TO_APPLY
PHONE_SCREEN = ApplicationStatus.PHONE_SCREEN
ONSITE = ApplicationStatus.ONSITE_INTERVIEW
OFFER = ApplicationStatus.OFFER


def utc(*parts) -> datetime:
    return datetime(*parts).replace(tzinfo=UTC)


def add_application(user, applied_at=None, *, status=APPLIED, **fields):
    """An application whose first history row is dated when it was applied for."""
    applied_at = applied_at or utc(2026, 1, 10, 12)
    application = JobApplicationFactory(
        user=user, apply_date=applied_at, application_status_id=status, **fields
    )
    application.status_history.update(changed_at=applied_at)
    refresh_first_answers([application.id])
    return application


def add_history(application, status, at):
    row = StatusHistory.objects.create(job_application=application, application_status_id=status)
    StatusHistory.objects.filter(id=row.id).update(changed_at=at)
    refresh_first_answers([application.id])


def add_email(application, kind, at):
    email = JobEmail.objects.create(
        user=application.user,
        msg_id=f"msg-{application.id}-{kind}-{at.timestamp()}",
        job_application=application,
        kind=kind,
        date=at,
    )
    refresh_first_answers([application.id])
    return email
