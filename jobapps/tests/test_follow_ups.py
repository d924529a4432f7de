"""Follow-up days (edit_jobapp), get_follow_ups (due follow-ups and ghosted applications), the
per-user ghosted_after_days setting (me), and the daily task that records ghosted applications
without ever changing a status."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from celery.schedules import crontab
from django.forms.models import model_to_dict

from jobapps import services
from jobapps.models import (
    ApplicationStatus,
    GhostedRecord,
    JobApplication,
    JobEmail,
    Note,
    StatusHistory,
)
from jobapps.tasks import record_ghosted_applications
from jobapps.tests.helpers import url
from tests.factories import JobApplicationFactory
from tests.helpers import assert_invalid, assert_ok

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)  # 05:00 on 20 March in Los Angeles
APPLIED, PHONE_SCREEN = ApplicationStatus.APPLIED, ApplicationStatus.PHONE_SCREEN


@pytest.fixture(autouse=True)
def frozen(settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    with time_machine.travel(NOW, tick=False):
        yield


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def applied(user, quiet_days: float, **fields) -> JobApplication:
    """An application applied for `quiet_days` ago, its first history row then too."""
    app = JobApplicationFactory.create(user=user, apply_date=days_ago(quiet_days), **fields)
    app.status_history.update(changed_at=days_ago(quiet_days))
    return app


def follow_ups(client) -> list[tuple[int, list[str]]]:
    return [
        (item["jobapp"]["id"], item["reasons"])
        for item in assert_ok(client.get(url("get_follow_ups")))
    ]


# --- follow-up days ---------------------------------------------------------------------------


def test_edit_jobapp_sets_and_clears_the_follow_up_day(auth_client, user):
    app = JobApplicationFactory(user=user)
    data = assert_ok(
        auth_client.post(
            url("edit_jobapp"), {"jobapp_id": app.id, "follow_up_on": "2026-03-24"}, format="json"
        )
    )
    assert data["followUpOn"] == "2026-03-24"
    listed = assert_ok(auth_client.get(url("get_jobapps")))
    assert listed[0]["followUpOn"] == "2026-03-24"
    # Another edit leaves it; null clears it (done).
    assert_ok(
        auth_client.post(url("edit_jobapp"), {"jobapp_id": app.id, "salary": "90k"}, format="json")
    )
    assert JobApplication.objects.get(pk=app.id).follow_up_on == date(2026, 3, 24)
    data = assert_ok(
        auth_client.post(
            url("edit_jobapp"), {"jobapp_id": app.id, "follow_up_on": None}, format="json"
        )
    )
    assert data["followUpOn"] is None
    assert JobApplication.objects.get(pk=app.id).follow_up_on is None


@pytest.mark.parametrize(
    "bad", ["2026-13-01", "next week", 20260324, "2026-03-24T10:00:00Z", "", True, ["2026-03-24"]]
)
def test_a_bad_follow_up_day_is_invalid(auth_client, user, bad):
    app = JobApplicationFactory(user=user, follow_up_on=date(2026, 4, 1))
    assert_invalid(
        auth_client.post(
            url("edit_jobapp"), {"jobapp_id": app.id, "follow_up_on": bad}, format="json"
        )
    )
    assert JobApplication.objects.get(pk=app.id).follow_up_on == date(2026, 4, 1)


# --- get_follow_ups ---------------------------------------------------------------------------


def test_due_follow_ups_and_ghosted_applications(auth_client, user, other_user):
    due_today = applied(user, 2, follow_up_on=date(2026, 3, 20))  # today in Los Angeles
    due_earlier = applied(user, 2, follow_up_on=date(2026, 3, 1))
    applied(user, 2, follow_up_on=date(2026, 3, 21))  # not yet
    ghosted = applied(user, 30)
    both = applied(user, 40, follow_up_on=date(2026, 3, 15))
    applied(user, 10)  # quiet for 10 days only

    with_note = applied(user, 30)
    Note.objects.create(job_application=with_note, description="Called", created_date=days_ago(3))
    with_edited_note = applied(user, 30)
    Note.objects.create(
        job_application=with_edited_note,
        description="x",
        created_date=days_ago(29),
        update_date=days_ago(1),
    )
    with_mail = applied(user, 30)
    JobEmail.objects.create(
        user=user,
        msg_id="m-1",
        job_application=with_mail,
        kind=JobEmail.Kind.APPLICATION_CONFIRMATION,
        date=days_ago(5),
    )
    status_changed = applied(user, 30, application_status_id=ApplicationStatus.TO_APPLY)
    StatusHistory.objects.create(
        job_application=status_changed, application_status_id=APPLIED, changed_at=days_ago(4)
    )
    JobApplication.objects.filter(pk=status_changed.pk).update(application_status_id=APPLIED)
    applied(user, 30, is_rejected=True)
    applied(user, 30, application_status_id=PHONE_SCREEN)
    applied(user, 30, is_deleted=True)
    applied(other_user, 30)

    assert follow_ups(auth_client) == [
        (due_earlier.id, ["follow_up"]),
        (both.id, ["follow_up", "ghosted"]),
        (due_today.id, ["follow_up"]),
        (ghosted.id, ["ghosted"]),
    ]
    item = assert_ok(auth_client.get(url("get_follow_ups")))[-1]
    assert item["last_activity"] == "2026-02-18T12:00:00Z"
    assert item["jobapp"]["jobTitle"] == ghosted.job_title


def test_the_ghosted_threshold_is_each_users_setting(auth_client, user):
    at_30, at_15 = applied(user, 30), applied(user, 15)
    assert [jobapp_id for jobapp_id, _ in follow_ups(auth_client)] == [at_30.id]

    profile = assert_ok(
        auth_client.post("/api/users/me", {"ghosted_after_days": 14}, format="json")
    )
    assert profile["ghosted_after_days"] == 14
    assert [jobapp_id for jobapp_id, _ in follow_ups(auth_client)] == [at_30.id, at_15.id]

    assert_ok(auth_client.post("/api/users/me", {"ghosted_after_days": 45}, format="json"))
    assert follow_ups(auth_client) == []
    assert assert_ok(auth_client.get("/api/users/me"))["ghosted_after_days"] == 45


@pytest.mark.parametrize("bad", [0, 366, -1, "three weeks", 2.5, True, None])
def test_a_bad_ghosted_setting_is_invalid(auth_client, bad):
    assert_invalid(auth_client.post("/api/users/me", {"ghosted_after_days": bad}, format="json"))
    assert assert_ok(auth_client.get("/api/users/me"))["ghosted_after_days"] == 21


# --- the daily task ---------------------------------------------------------------------------


def applications_as_stored() -> list[dict]:
    return [
        model_to_dict(app) | {"updated_at": app.updated_at}
        for app in JobApplication.objects.order_by("pk")
    ]


def open_records() -> set[int]:
    return set(
        GhostedRecord.objects.filter(ended_at__isnull=True).values_list(
            "job_application_id", flat=True
        )
    )


def test_the_task_records_ghosted_applications_once_and_changes_no_application(user, other_user):
    ghosted, mine_too = applied(user, 30), applied(other_user, 22)
    applied(user, 5)
    applied(user, 30, is_rejected=True)
    applied(user, 30, application_status_id=PHONE_SCREEN)
    applied(user, 30, is_deleted=True)
    before = applications_as_stored()

    # As a worker runs it (in this process).
    assert record_ghosted_applications.apply().get() == {"recorded": 2, "ended": 0}
    assert open_records() == {ghosted.id, mine_too.id}
    record = GhostedRecord.objects.get(job_application=ghosted)
    assert (record.ghosted_at, record.last_activity_at) == (NOW, days_ago(30))
    # Rerun the same day (or twice by mistake): nothing new.
    assert services.ghosted_applications_record() == {"recorded": 0, "ended": 0}
    assert GhostedRecord.objects.count() == 2
    assert applications_as_stored() == before


@pytest.mark.parametrize(
    "revive",
    [
        lambda app: Note.objects.create(job_application=app, description="Sent a nudge"),
        lambda app: JobEmail.objects.create(
            user=app.user,
            msg_id="m-r",
            job_application=app,
            kind=JobEmail.Kind.INTERVIEW_INVITATION,
            date=NOW,
        ),
        lambda app: StatusHistory.objects.create(job_application=app, application_status_id=3),
        lambda app: JobApplication.objects.filter(pk=app.pk).update(is_rejected=True),
        lambda app: JobApplication.objects.filter(pk=app.pk).update(application_status_id=3),
        lambda app: JobApplication.objects.filter(pk=app.pk).update(is_deleted=True),
    ],
    ids=["note", "mail", "status-change", "rejected", "moved-on", "deleted"],
)
def test_a_record_ends_when_the_application_shows_life(user, revive):
    app = applied(user, 30)
    services.ghosted_applications_record()
    revive(app)
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        assert services.ghosted_applications_record() == {"recorded": 0, "ended": 1}
    assert open_records() == set()
    assert GhostedRecord.objects.get().ended_at == NOW + timedelta(days=1)


def test_silent_again_it_is_recorded_again(user):
    app = applied(user, 30)
    services.ghosted_applications_record()
    Note.objects.create(job_application=app, description="Nudged", created_date=days_ago(0))
    later = NOW + timedelta(days=22)
    with time_machine.travel(later, tick=False):
        assert services.ghosted_applications_record(now=later) == {"recorded": 1, "ended": 1}
    assert GhostedRecord.objects.count() == 2 and open_records() == {app.id}


def test_the_task_uses_each_users_days(user, other_user, settings):
    settings.GHOSTED_AFTER_DAYS = 21
    services.ghosted_after_days_set(user=user, days=10)
    services.ghosted_after_days_set(user=other_user, days=40)
    mine, theirs = applied(user, 15), applied(other_user, 30)
    third = JobApplicationFactory(apply_date=days_ago(25))  # a user without a setting
    third.status_history.update(changed_at=days_ago(25))
    services.ghosted_applications_record()
    assert open_records() == {mine.id, third.id}
    assert theirs.id not in open_records()


def test_beat_runs_the_task_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["record-ghosted-applications"]
    assert entry["task"] == record_ghosted_applications.name
    assert isinstance(entry["schedule"], crontab)
    assert entry["schedule"].hour == {4} and entry["schedule"].minute == {0}
