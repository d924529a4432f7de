"""Each user's stored count of live applications (jobapps.live_counts), the paged list's total:
right after every path that adds, deletes, restores or moves applications. Each test checks the
stored row and the total a page answers against a COUNT of the rows, so a path that forgets the
count fails here."""

import importlib
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection

from jobapps import services
from jobapps.live_counts import COUNTS
from jobapps.models import ApplicationStatus, JobApplication, LiveJobappCount
from jobapps.tests.helpers import add_payload, url
from jobapps.tests.test_first_answer import _FormValues
from tests.factories import JobApplicationFactory, UserFactory
from tests.helpers import WORKDAY_CONFIRMATION, assert_ok

pytestmark = pytest.mark.django_db


def live(user) -> int:
    return JobApplication.objects.filter(user=user, is_deleted=False).count()


def stored(user) -> int:
    return LiveJobappCount.objects.filter(user=user).values_list("live", flat=True).first() or 0


def assert_counted(client, user, expected: int) -> None:
    """The stored count, and the total an unfiltered page answers, are the user's live rows."""
    assert live(user) == expected
    assert stored(user) == expected
    page = client.get(url("get_jobapps"), {"page": 1, "page_size": 2}).json()["pagination"]
    assert page["total_count"] == expected


def test_added_and_deleted_through_the_api(auth_client, user, other_user):
    JobApplicationFactory(user=other_user)
    assert_counted(auth_client, user, 0)
    first = assert_ok(auth_client.post(url("add_jobapp"), add_payload(), format="json"))
    assert_ok(auth_client.post(url("add_jobapp"), add_payload(company="Beta"), format="json"))
    assert_counted(auth_client, user, 2)
    assert_ok(auth_client.post(url("delete_jobapp"), {"jobapp_id": first["id"]}, format="json"))
    assert_counted(auth_client, user, 1)
    assert stored(other_user) == 1


def test_updates_and_edits_keep_the_count(auth_client, user):
    jobapp = JobApplicationFactory(user=user)
    payloads = [
        ("update_jobapp", {"jobapp_id": jobapp.pk, "status_id": 3, "rejected": True}),
        ("edit_jobapp", {"jobapp_id": jobapp.pk, "job_title": "Lead"}),
    ]
    for endpoint, payload in payloads:
        assert_ok(auth_client.post(url(endpoint), payload, format="json"))
    assert_counted(auth_client, user, 1)


def test_a_capture_adds_one(auth_client, user):
    payload = {"job_url": "https://jobs.test/1", "job_title": "Dev", "company": "Acme"}
    assert_ok(auth_client.post(url("capture"), payload, format="json"))
    assert_counted(auth_client, user, 1)


def test_a_write_that_fails_leaves_the_count(auth_client, user):
    JobApplicationFactory(user=user, job_url="https://jobs.test/1")
    with pytest.raises(Exception):  # noqa: B017, PT011 (the unique constraint's IntegrityError)
        services.jobapp_create(
            user=user,
            status_id=ApplicationStatus.APPLIED,
            job_title="Dev",
            company="Acme",
            apply_date=datetime(2026, 1, 1, tzinfo=UTC),
            job_url="https://jobs.test/1",
        )
    assert_counted(auth_client, user, 1)


def test_a_csv_import_adds_the_applications_it_creates(auth_client, user):
    JobApplicationFactory(user=user, job_title="QA", company="Beta", source="Indeed")
    text = (
        "job_title,company,status,apply_date\n"
        "Dev,Acme,Applied,2026-01-02\n"
        "Ops,Gamma,Applied,2026-01-03\n"
    )
    response = auth_client.post(url("import_jobapps_csv"), text.encode(), content_type="text/csv")
    assert assert_ok(response)["created"] == 2
    assert_counted(auth_client, user, 3)
    # Imported again: every row matches an application, none is added.
    response = auth_client.post(url("import_jobapps_csv"), text.encode(), content_type="text/csv")
    assert assert_ok(response)["created"] == 0
    assert_counted(auth_client, user, 3)


def test_a_batch_saved_at_once_adds_what_it_creates(auth_client, user):
    """jobapps_save_all: how the Gmail sync writes a batch of mails."""
    existing = JobApplicationFactory(user=user)
    created = [
        services.jobapp_build(
            user=user,
            job_title=f"Dev {n}",
            company="Acme",
            apply_date=datetime(2026, 1, n, tzinfo=UTC),
            status_id=ApplicationStatus.APPLIED,
        )
        for n in (1, 2)
    ]
    existing.application_status_id = ApplicationStatus.OFFER
    services.jobapps_save_all(
        user=user,
        created=[jobapp for jobapp, _ in created],
        changed={existing: {"application_status"}},
        history=[history for _, history in created],
    )
    assert_counted(auth_client, user, 3)


def test_mail_imported_through_the_gmail_sync_counts_what_it_creates(auth_client, user, tmp_path):
    folder = Path(tmp_path)
    (folder / "confirmation.eml").write_bytes(WORKDAY_CONFIRMATION)
    call_command("import_mail", "--user", user.username, str(folder), stdout=StringIO())
    assert live(user) == 1
    assert_counted(auth_client, user, 1)


# --- the admin -------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def admin_save(admin_client, path: str, **changes) -> None:
    form = _FormValues()
    form.feed(admin_client.get(path).content.decode())
    values = {**form.values, **changes}
    values = {name: value for name, value in values.items() if value is not None}
    response = admin_client.post(path, values)
    assert response.status_code == 302, response.content.decode()[:3000]


def test_the_admin_adds_deletes_restores_and_moves(
    admin_client, auth_client, other_client, user, other_user
):
    admin_save(
        admin_client,
        "/admin/jobapps/jobapplication/add/",
        user=str(user.pk),
        job_title="Dev",
        company="Acme",
        apply_date_0="2026-01-02",
        apply_date_1="10:00:00",
    )
    assert_counted(auth_client, user, 1)
    jobapp = JobApplication.objects.get(user=user)
    change = f"/admin/jobapps/jobapplication/{jobapp.pk}/change/"

    admin_save(admin_client, change, is_deleted="on")  # deleted
    assert_counted(auth_client, user, 0)
    admin_save(admin_client, change, is_deleted=None)  # restored
    assert_counted(auth_client, user, 1)
    admin_save(admin_client, change, user=str(other_user.pk))  # given to another user
    assert_counted(auth_client, user, 0)
    assert_counted(other_client, other_user, 1)

    response = admin_client.post(f"/admin/jobapps/jobapplication/{jobapp.pk}/delete/", {"post": 1})
    assert response.status_code == 302
    assert_counted(other_client, other_user, 0)


def test_the_admin_deletes_a_selection(admin_client, auth_client, user):
    jobapps = JobApplicationFactory.create_batch(3, user=user)
    response = admin_client.post(
        "/admin/jobapps/jobapplication/",
        {
            "action": "delete_selected",
            "_selected_action": [jobapp.pk for jobapp in jobapps[:2]],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert_counted(auth_client, user, 1)


# --- the page reads it ---------------------------------------------------------------------------


def test_a_user_without_applications_has_a_total_of_nought(auth_client, user):
    pagination = auth_client.get(url("get_jobapps"), {"page": 3}).json()["pagination"]
    assert pagination == {"current_page": 3, "page_count": 1, "total_count": 0}


def test_the_total_is_the_stored_count(auth_client, user):
    """The page reads the stored count (no COUNT of the rows): what it answers is what is
    stored, even when it is wrong."""
    JobApplicationFactory.create_batch(3, user=user)
    LiveJobappCount.objects.filter(user=user).update(live=7)
    for page in (1, 9):  # a page with rows, a page past the end
        pagination = auth_client.get(url("get_jobapps"), {"page": page}).json()["pagination"]
        assert pagination["total_count"] == 7


def test_a_filtered_page_counts_under_its_filters(auth_client, user):
    JobApplicationFactory.create_batch(2, user=user, source="Indeed")
    JobApplicationFactory(user=user, source="LinkedIn")
    pagination = auth_client.get(url("get_jobapps"), {"page": 1, "source": "indeed"}).json()[
        "pagination"
    ]
    assert pagination["total_count"] == 2


# --- the migration ---------------------------------------------------------------------------

fill_migration = importlib.import_module("jobapps.migrations.0010_live_jobapp_count")


def test_the_migration_counts_every_users_live_applications(user, other_user):
    JobApplicationFactory.create_batch(3, user=user)
    JobApplicationFactory(user=user, is_deleted=True)
    JobApplicationFactory(user=other_user, apply_date=datetime.now(UTC) - timedelta(days=9))
    UserFactory(username="nobody")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {COUNTS}")  # noqa: S608 (a constant)
    fill_migration.fill(None, SimpleNamespace(connection=connection))
    assert dict(LiveJobappCount.objects.values_list("user_id", "live")) == {
        user.pk: 3,
        other_user.pk: 1,
    }


def test_the_recount_command_repairs_totals_written_around_the_services():
    user = UserFactory()
    JobApplicationFactory.create_batch(3, user=user)
    LiveJobappCount.objects.filter(user=user).update(live=0)  # as if written by an old worker
    out = StringIO()

    call_command("refresh_live_counts", stdout=out)

    assert LiveJobappCount.objects.get(user=user).live == live(user) == 3
    assert "Recounted" in out.getvalue()
