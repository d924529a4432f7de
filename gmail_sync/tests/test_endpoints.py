"""The Gmail endpoints (under /api/users/, as the contract has them): update_gmail_token,
sync_user_emails, get_sync_status and the parsed mails."""

import shutil
import time
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command

from gmail_sync.locking import user_sync_lock
from gmail_sync.models import SyncState
from jobapps.models import JobApplication, JobEmail
from tests.factories import JobApplicationFactory
from tests.helpers import assert_error, assert_ok
from users.models import Provider, ProviderCredential

from .conftest import FIXTURES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("providers")]
RFC822 = FIXTURES / "rfc822"
STATUS_KEYS = [
    "state",
    "last_synced_at",
    "messages_seen",
    "applications_created",
    "applications_updated",
    "errors",
    "gmail_ok",
    "gmail_connected",
]


@pytest.fixture
def google(user):
    return ProviderCredential.objects.create(
        user=user,
        provider=Provider.GOOGLE,
        uid="g-1001",
        access_token="old-google-token",
        refresh_token="old-refresh",
    )


@pytest.fixture
def linkedin(user):
    return ProviderCredential.objects.create(
        user=user,
        provider=Provider.LINKEDIN,
        uid="li-42",
        access_token="linkedin-token",
        profile={"id": "li-42", "first_name": "Alice"},
    )


# --- update_gmail_token -------------------------------------------------------------------------

UPDATE = "/api/users/update_gmail_token"


def test_update_stores_the_verified_token_and_queues_a_sync(
    providers, auth_client, google, linkedin
):
    SyncState.objects.create(user=google.user, gmail_ok=False)
    providers.google_token("new-google-token")
    data = assert_ok(auth_client.post(UPDATE, {"token": "new-google-token"}, format="json"))
    assert list(data) == STATUS_KEYS
    assert data["gmail_ok"] is True and data["state"] == "queued"
    google.refresh_from_db()
    assert google.access_token == "new-google-token"
    assert google.refresh_token == "old-refresh"  # kept when none is sent
    assert google.token_expires_at is not None
    linkedin_before = linkedin.updated_at
    linkedin.refresh_from_db()
    assert linkedin.access_token == "linkedin-token" and linkedin.updated_at == linkedin_before


def test_update_with_a_refresh_token(providers, auth_client, google):
    providers.google_token("new-google-token")
    body = {"token": "new-google-token", "refresh_token": "new-refresh"}
    assert_ok(auth_client.post(UPDATE, body, format="json"))
    google.refresh_from_db()
    assert google.refresh_token == "new-refresh"


def test_update_runs_the_sync_after_commit(
    providers, auth_client, google, eager_celery, django_capture_on_commit_callbacks
):
    providers.google_token("new-google-token")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert_ok(auth_client.post(UPDATE, {"token": "new-google-token"}, format="json"))
    assert len(callbacks) == 1
    assert SyncState.objects.get(user=google.user).last_synced_at is not None


def test_update_without_a_google_account_is_3(providers, auth_client, linkedin):
    providers.google_token("new-google-token")
    assert_error(auth_client.post(UPDATE, {"token": "new-google-token"}, format="json"), 400, 3)


@pytest.mark.parametrize(
    "token_kwargs",
    [
        {"sub": "g-someone-else"},
        {"scope": "openid email profile"},
    ],
)
def test_token_of_another_account_or_without_gmail_access_is_3(
    providers, auth_client, google, token_kwargs
):
    providers.google_token("new-google-token", **token_kwargs)
    assert_error(auth_client.post(UPDATE, {"token": "new-google-token"}, format="json"), 400, 3)
    google.refresh_from_db()
    assert google.access_token == "old-google-token"


def test_token_minted_for_another_app_is_3(providers, auth_client, google):
    """Finding 1: a Google token that another site obtained for the same Google account was
    stored and used to read the mailbox."""
    providers.google_token("new-google-token", aud="someone-elses-client")
    assert_error(auth_client.post(UPDATE, {"token": "new-google-token"}, format="json"), 400, 3)
    google.refresh_from_db()
    assert google.access_token == "old-google-token"


def test_without_a_google_client_configured_no_token_is_stored(
    providers, auth_client, google, settings
):
    settings.GOOGLE_CLIENT_ID = ""
    providers.google_token("new-google-token", aud="")
    assert_error(auth_client.post(UPDATE, {"token": "new-google-token"}, format="json"), 400, 3)
    assert providers.calls == []
    google.refresh_from_db()
    assert google.access_token == "old-google-token"


@pytest.mark.parametrize("failure", ["refused", "timeout", "network", "garbage"])
def test_google_refusal_or_outage_is_3_and_changes_nothing(
    providers, slow, unreachable, auth_client, google, failure
):
    if failure == "timeout":
        providers.google_token("unknown-token")
        slow("/google/tokeninfo")
    elif failure == "network":
        providers.google_token("unknown-token")
        unreachable("GOOGLE_TOKENINFO_URL")
    elif failure == "garbage":
        providers.answer("/google/tokeninfo", 200, "<html>oops</html>")
    SyncState.objects.create(user=google.user, gmail_ok=False)
    assert_error(auth_client.post(UPDATE, {"token": "unknown-token"}, format="json"), 400, 3)
    google.refresh_from_db()
    assert google.access_token == "old-google-token"
    assert SyncState.objects.get(user=google.user).gmail_ok is False


def test_update_needs_a_token_10_and_authentication_12(api_client, auth_client, google):
    assert_error(auth_client.post(UPDATE, {}, format="json"), 400, 10)
    assert_error(api_client.post(UPDATE, {"token": "x"}, format="json"), 401, 12)


# --- sync_user_emails / get_sync_status ---------------------------------------------------------

SYNC = "/api/users/sync_user_emails"
STATUS = "/api/users/get_sync_status"


def test_sync_queues_and_answers_the_status_object(auth_client, google):
    data = assert_ok(auth_client.get(SYNC))
    assert list(data) == STATUS_KEYS
    assert data == {
        "state": "queued",
        "last_synced_at": None,
        "messages_seen": 0,
        "applications_created": 0,
        "applications_updated": 0,
        "errors": 0,
        "gmail_ok": True,
        "gmail_connected": True,
    }
    assert assert_ok(auth_client.get(STATUS)) == data


def test_sync_runs_once_committed(
    auth_client, google, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert_ok(auth_client.get(SYNC))
    status = assert_ok(auth_client.get(STATUS))
    assert status["state"] == "idle"
    assert status["last_synced_at"].endswith("Z")


def test_a_running_sync_stays_running(auth_client, google):
    SyncState.objects.create(user=google.user, state=SyncState.State.RUNNING)
    with user_sync_lock(google.user.pk) as lock:  # its worker is alive: it holds the lock
        assert lock is not None
        assert assert_ok(auth_client.get(SYNC))["state"] == "running"
        assert assert_ok(auth_client.get(STATUS))["state"] == "running"


def test_a_sync_whose_worker_died_is_interrupted_until_a_rerun_is_queued(auth_client, google):
    # `running` in the database, but no live worker holds the lock any more.
    SyncState.objects.create(user=google.user, state=SyncState.State.RUNNING, messages_seen=50)
    status = assert_ok(auth_client.get(STATUS))
    assert (status["state"], status["messages_seen"]) == ("interrupted", 50)

    assert assert_ok(auth_client.get(SYNC))["state"] == "queued"
    assert assert_ok(auth_client.get(STATUS))["state"] == "queued"


@pytest.fixture
def broker_unreachable(monkeypatch):
    """Celery publishing to a port where nothing listens (connections made afresh)."""
    from jobhax.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)


@pytest.mark.django_db(transaction=True)  # as in production: the request commits by itself
@pytest.mark.parametrize("before", ["idle", "failed", "running"])
def test_a_sync_the_broker_cannot_take_is_19_at_once_and_changes_nothing(
    auth_client, google, broker_unreachable, before
):
    SyncState.objects.create(user=google.user, state=before, messages_seen=5)
    started = time.monotonic()
    response = auth_client.get(SYNC)
    assert time.monotonic() - started < 2
    assert_error(response, 503, 19)
    assert response["Retry-After"] == "5"
    assert SyncState.objects.get(user=google.user).state == before


def test_sync_without_google_is_17(auth_client, linkedin):
    assert_error(auth_client.get(SYNC), 409, 17)
    assert not SyncState.objects.exists()


def test_status_without_google_says_gmail_is_not_connected(auth_client, linkedin):
    assert assert_ok(auth_client.get(STATUS)) == {
        "state": "idle",
        "last_synced_at": None,
        "messages_seen": 0,
        "applications_created": 0,
        "applications_updated": 0,
        "errors": 0,
        "gmail_ok": True,
        "gmail_connected": False,
    }
    assert not SyncState.objects.exists()  # reading the status stores nothing


def test_status_without_google_describes_the_last_mail_import(auth_client, user, tmp_path):
    folder = tmp_path / "mail"
    folder.mkdir()
    for name in ("greenhouse_confirmation", "linkedin_job_alert", "workday_rejection_latin1"):
        shutil.copy(RFC822 / f"{name}.eml", folder)
    call_command(
        "import_mail", "--user", user.username, str(folder), stdout=StringIO(), stderr=StringIO()
    )

    status = assert_ok(auth_client.get(STATUS))
    created = JobApplication.objects.filter(user=user).count()
    assert created >= 1
    assert {
        key: status[key]
        for key in ("state", "messages_seen", "applications_created", "errors", "gmail_connected")
    } == {
        "state": "idle",
        "messages_seen": 3,
        "applications_created": created,
        "errors": 0,
        "gmail_connected": False,
    }
    assert status["last_synced_at"].endswith("Z")


def test_a_mail_import_leaves_a_gmail_users_status_to_the_gmail_sync(auth_client, google, tmp_path):
    SyncState.objects.create(user=google.user, messages_seen=7)
    shutil.copy(RFC822 / "greenhouse_confirmation.eml", tmp_path)
    call_command(
        "import_mail",
        "--user",
        google.user.username,
        str(tmp_path),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    status = assert_ok(auth_client.get(STATUS))
    assert (status["messages_seen"], status["gmail_connected"]) == (7, True)


def test_sync_after_gmail_refused_the_token_is_4(auth_client, google):
    SyncState.objects.create(user=google.user, gmail_ok=False)
    assert_error(auth_client.get(SYNC), 409, 4)
    assert assert_ok(auth_client.get(STATUS))["gmail_ok"] is False


@pytest.mark.parametrize("path", [SYNC, STATUS])
def test_sync_endpoints_need_a_token(api_client, path):
    assert_error(api_client.get(path), 401, 12)


def test_sync_endpoints_accept_the_web_clients_json_content_type_on_get(auth_client, google):
    assert_ok(auth_client.get(SYNC, content_type="application/json"))


# --- get_user_google_mails ----------------------------------------------------------------------


def make_email(user, msg_id, day, kind=JobEmail.Kind.APPLICATION_CONFIRMATION, jobapp=None):
    return JobEmail.objects.create(
        user=user,
        msg_id=msg_id,
        subject=f"Subject {msg_id}",
        body=f"Body {msg_id}",
        date=datetime(2026, 3, day, 9, 30, tzinfo=UTC),
        kind=kind,
        job_application=jobapp,
    )


@pytest.mark.parametrize(
    "path", ["/api/users/get_user_google_mails", "/api/users/get_user_google_emails/"]
)
def test_google_mails_are_the_callers_job_mails_newest_first(auth_client, user, other_user, path):
    jobapp = JobApplicationFactory(user=user)
    make_email(user, "m-old", 1, jobapp=jobapp)
    make_email(user, "m-new", 20, kind=JobEmail.Kind.REJECTION)
    make_email(user, "m-spam", 25, kind=JobEmail.Kind.NOT_JOB)
    make_email(other_user, "m-bob", 28)
    assert assert_ok(auth_client.get(path)) == [
        {
            "subject": "Subject m-new",
            "body": "Body m-new",
            "date": "2026-03-20T09:30:00Z",
            "msgId": "m-new",
            "jobapp_id": None,
        },
        {
            "subject": "Subject m-old",
            "body": "Body m-old",
            "date": "2026-03-01T09:30:00Z",
            "msgId": "m-old",
            "jobapp_id": jobapp.id,
        },
    ]


def test_google_mails_need_a_token(api_client):
    assert_error(api_client.get("/api/users/get_user_google_mails"), 401, 12)
