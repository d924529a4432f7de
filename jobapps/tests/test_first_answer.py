"""An application keeps its employer's first answer (jobapps.answers, what get_response_times
measures) through every write to its status history and its linked mail."""

import importlib
from datetime import UTC, datetime
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from jobapps import services
from jobapps.models import ApplicationStatus, JobApplication, JobEmail, StatusHistory
from tests.factories import UserFactory
from tests.helpers import assert_ok

from .helpers import url

pytestmark = pytest.mark.django_db

APPLIED = ApplicationStatus.APPLIED
PHONE_SCREEN = ApplicationStatus.PHONE_SCREEN
OFFER = ApplicationStatus.OFFER
REPLY = JobEmail.Kind.INTERVIEW_INVITATION
CONFIRMATION = JobEmail.Kind.APPLICATION_CONFIRMATION


def day(n: int) -> datetime:
    return datetime(2026, 1, n, 12, tzinfo=UTC)


def stored(jobapp) -> datetime | None:
    return JobApplication.objects.get(pk=jobapp.pk).first_answer_at


def new_application(user, status_id=APPLIED):
    return services.jobapp_create(
        user=user,
        job_title="Dev",
        company="Acme",
        apply_date=day(1),
        status_id=status_id,
        changed_at=day(1),
    )


def claimed_email(user, msg_id: str, kind=REPLY, at=None) -> JobEmail:
    email = services.job_email_claim(
        user=user, fields={"msg_id": msg_id, "kind": kind, "date": at or day(3)}
    )
    assert email is not None
    return email


def response_times(client) -> dict:
    return assert_ok(client.get("/api/metrics/get_response_times"))


def test_a_status_change_past_applied_is_the_answer_and_a_later_one_is_not(auth_client, user):
    jobapp = new_application(user)
    assert stored(jobapp) is None  # recording the application is no answer

    assert_ok(
        auth_client.post(
            url("update_jobapp"), {"jobapp_id": jobapp.pk, "status_id": PHONE_SCREEN}, format="json"
        )
    )
    answered = stored(jobapp)
    assert answered is not None
    assert response_times(auth_client)["overall"]["count"] == 1

    services.jobapp_update_status(user=user, jobapp_id=jobapp.pk, status_id=OFFER)
    assert stored(jobapp) == answered


def test_moving_to_applied_is_the_seekers_step(user):
    jobapp = new_application(user, status_id=ApplicationStatus.TO_APPLY)
    services.jobapp_update_status(user=user, jobapp_id=jobapp.pk, status_id=APPLIED)
    assert stored(jobapp) is None


def test_a_linked_reply_answers_and_moves_with_its_link(user):
    """The Gmail sync's path, one mail at a time: the row is claimed, then linked."""
    jobapp, other = new_application(user), new_application(user)
    services.jobapp_update_status(
        user=user, jobapp_id=jobapp.pk, status_id=PHONE_SCREEN, changed_at=day(5)
    )
    confirmation = claimed_email(user, "confirmation", kind=CONFIRMATION, at=day(2))
    services.job_email_outcome_set(email=confirmation, outcome="applied", jobapp_id=jobapp.pk)
    assert stored(jobapp) == day(5)  # a confirmation is no answer

    reply = claimed_email(user, "reply", at=day(3))
    assert stored(jobapp) == day(5)  # not linked yet
    services.job_email_outcome_set(email=reply, outcome="applied", jobapp_id=jobapp.pk)
    assert stored(jobapp) == day(3)  # earlier than the status change

    services.job_email_outcome_set(email=reply, outcome="applied", jobapp_id=other.pk)
    assert (stored(jobapp), stored(other)) == (day(5), day(3))


def test_a_batch_of_mail_keeps_the_answers_of_what_it_writes(user):
    """The Gmail sync's batch path: applications and history in bulk, then the emails."""
    existing = new_application(user)
    created, first_row = services.jobapp_build(
        user=user,
        job_title="Dev",
        company="Globex",
        apply_date=day(1),
        status_id=APPLIED,
        changed_at=day(1),
    )
    fields, change = services.jobapp_status_change(existing, status_id=OFFER, changed_at=day(9))
    services.jobapps_save_all(
        user=user, created=[created], changed={existing: set(fields)}, history=[first_row, change]
    )
    assert (stored(existing), stored(created)) == (day(9), None)

    reply = JobEmail(user=user, msg_id="batch", kind=REPLY, date=day(4), job_application=created)
    services.job_emails_save(new=[reply], retried=[])
    assert stored(created) == day(4)


def test_an_imported_history_answers(auth_client, user):
    text = (
        "job_title,company,status,apply_date,status_history\n"
        "Dev,Acme,Phone Screen,2026-01-01T12:00:00Z,"
        '"2026-01-01T12:00:00Z Applied; 2026-01-06T12:00:00Z Phone Screen"\n'
    )
    services.jobapps_import_csv(user=user, text=text)
    assert JobApplication.objects.get(user=user).first_answer_at == day(6)


def test_a_deleted_application_keeps_its_answer_out_of_the_metric(auth_client, user):
    jobapp = new_application(user)
    services.jobapp_update_status(
        user=user, jobapp_id=jobapp.pk, status_id=PHONE_SCREEN, changed_at=day(5)
    )
    services.jobapp_delete(user=user, jobapp_id=jobapp.pk)
    assert response_times(auth_client)["overall"]["count"] == 0


# --- the admin: the one place history rows and emails are edited or deleted --------------------


class _FormValues(HTMLParser):
    """What a browser would send back from a page's form (inputs, selects, textareas)."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") not in ("submit", "checkbox"):
            self.values[name] = attributes.get("value") or ""
        elif tag == "input" and name and "checked" in attributes:
            self.values[name] = "on"
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attributes:
            self.values[self._select] = attributes.get("value") or ""
        elif tag == "textarea":
            self._textarea = name
            self.values[name or ""] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data.removeprefix("\n")


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_history_deleted_in_the_admin_is_no_longer_the_answer(admin_client, user):
    jobapp = new_application(user)
    services.jobapp_update_status(
        user=user, jobapp_id=jobapp.pk, status_id=PHONE_SCREEN, changed_at=day(5)
    )
    services.jobapp_update_status(
        user=user, jobapp_id=jobapp.pk, status_id=OFFER, changed_at=day(8)
    )
    change_url = f"/admin/jobapps/jobapplication/{jobapp.pk}/change/"
    form = _FormValues()
    form.feed(admin_client.get(change_url).content.decode())
    rows = list(jobapp.status_history.order_by("changed_at", "id").values_list("id", flat=True))
    index = next(
        name.split("-")[1]
        for name, value in form.values.items()
        if name.startswith("status_history-") and name.endswith("-id") and value == str(rows[1])
    )
    form.values[f"status_history-{index}-DELETE"] = "on"

    response = admin_client.post(change_url, form.values)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not StatusHistory.objects.filter(pk=rows[1]).exists()
    assert stored(jobapp) == day(8)


def test_an_email_deleted_or_moved_in_the_admin_takes_its_answer_along(admin_client, user):
    jobapp, other = new_application(user), new_application(user)
    reply = claimed_email(user, "reply", at=day(3))
    services.job_email_outcome_set(email=reply, outcome="applied", jobapp_id=jobapp.pk)

    change_url = f"/admin/jobapps/jobemail/{reply.pk}/change/"
    form = _FormValues()
    form.feed(admin_client.get(change_url).content.decode())
    form.values["job_application"] = str(other.pk)
    assert admin_client.post(change_url, form.values).status_code == 302
    assert (stored(jobapp), stored(other)) == (None, day(3))

    delete_url = f"/admin/jobapps/jobemail/{reply.pk}/delete/"
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert stored(other) is None


def test_a_status_deleted_in_the_admin_leaves_no_answer_behind(admin_client, user):
    screening = ApplicationStatus.objects.create(value="Screening")
    jobapp = new_application(user)
    services.jobapp_update_status(
        user=user, jobapp_id=jobapp.pk, status_id=screening.pk, changed_at=day(4)
    )
    assert stored(jobapp) == day(4)
    delete_url = f"/admin/jobapps/applicationstatus/{screening.pk}/delete/"
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert stored(jobapp) is None


def test_the_migration_fills_the_answers_of_existing_applications(user):
    answered, unanswered = new_application(user), new_application(user)
    services.jobapp_update_status(
        user=user, jobapp_id=answered.pk, status_id=PHONE_SCREEN, changed_at=day(5)
    )
    JobApplication.objects.update(first_answer_at=None)  # as the rows were before

    fill = importlib.import_module("jobapps.migrations.0009_first_answer_at").fill
    fill(apps, SimpleNamespace(connection=connection))
    assert (stored(answered), stored(unanswered)) == (day(5), None)
