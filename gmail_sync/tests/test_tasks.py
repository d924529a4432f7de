"""The Celery side: syncs queued through the API run the real sync; beat syncs every connected
user; and a real worker process killed mid-sync is noticed (`interrupted`), its task is
delivered again, and the rerun loses and duplicates nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from gmail_sync import tasks
from gmail_sync.client import MAX_BATCH_SIZE
from gmail_sync.locking import sync_lock_held
from gmail_sync.models import SyncState
from jobapps.models import JobApplication, JobEmail
from jobhax.celery import app as celery_app
from tests.helpers import link_google

from .conftest import add_fixtures, run_sync
from .synthetic import job_mailbox

pytestmark = pytest.mark.django_db

SYNC = "/api/users/sync_user_emails"
STATUS = "/api/users/get_sync_status"


def test_a_sync_requested_through_the_api_imports_the_mailbox(
    gmail, google_user, auth_client, eager_celery, django_capture_on_commit_callbacks
):
    add_fixtures(
        gmail, ["lever_confirmation", "lever_interview_onsite_nested", "linkedin_job_alert"]
    )

    with django_capture_on_commit_callbacks(execute=True):
        queued = auth_client.get(SYNC).json()["data"]
    status = auth_client.get(STATUS).json()["data"]

    assert queued["state"] == "queued"
    assert {
        key: status[key]
        for key in (
            "state",
            "messages_seen",
            "applications_created",
            "applications_updated",
            "errors",
            "gmail_ok",
            "gmail_connected",
        )
    } == {
        "state": "idle",
        "messages_seen": 3,
        "applications_created": 1,
        "applications_updated": 1,
        "errors": 0,
        "gmail_ok": True,
        "gmail_connected": True,
    }
    assert status["last_synced_at"].endswith("Z")
    mails = auth_client.get("/api/users/get_user_google_mails").json()["data"]
    assert len(mails) == 2  # the job alert is not a job mail
    jobapp = auth_client.get("/api/jobapps/get_jobapps").json()["data"][0]
    assert (jobapp["company"], jobapp["applicationStatus"]["value"]) == (
        "Vantage Orchard",
        "Onsite Interview",
    )


def test_beat_syncs_every_user_whose_gmail_is_readable(gmail, user, other_user, eager_celery):
    link_google(user)
    link_google(other_user)
    SyncState.objects.create(user=other_user, gmail_ok=False)
    add_fixtures(gmail, ["lever_confirmation"])

    tasks.sync_all_users.delay()

    assert JobApplication.objects.filter(user=user).count() == 1
    assert not JobApplication.objects.filter(user=other_user).exists()
    assert SyncState.objects.get(user=other_user).last_synced_at is None


# --------------------------------------------------------------------------- a real worker

WORKER_KILL_MESSAGES = 300
BASE_DIR = Path(django_settings.BASE_DIR)


def _skip_without_postgres_and_redis() -> None:
    if not (os.environ.get("REDIS_URL") and os.environ.get("DATABASE_URL")):
        pytest.skip(
            "a real Celery worker needs REDIS_URL (broker) and DATABASE_URL "
            "(a PostgreSQL test database another process can open)"
        )
    if connection.vendor != "postgresql":
        pytest.skip("a real Celery worker needs the test database on PostgreSQL")


def _test_database_url() -> str:
    """DATABASE_URL of the test database this session created, for the worker process."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


class Worker:
    """`celery -A jobhax worker` in its own process group, reading one private queue."""

    def __init__(self, queue: str, env: dict[str, str], log_path: Path) -> None:
        self._log = log_path.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "jobhax",
                "worker",
                "--pool=solo",
                "-Q",
                queue,
                "-n",
                f"{queue}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self) -> None:
        """SIGKILL, as the OOM killer or a lost node would: no cleanup runs."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self._log.close()


def _wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _progress(user) -> SyncState:
    return SyncState.objects.filter(user=user).first() or SyncState(user=user)


def _applications(user) -> dict[tuple[str, str], tuple[int | None, bool]]:
    return {
        (a.company, a.job_title): (a.application_status_id, a.is_rejected)
        for a in JobApplication.objects.filter(user=user)
    }


def _imported(user) -> int:
    return JobEmail.objects.filter(user=user).count()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_sync_is_noticed_and_its_task_rerun_loses_nothing(
    user, other_user, gmail, tmp_path
):
    fake_gmail = gmail
    _skip_without_postgres_and_redis()
    link_google(user)
    mailbox = job_mailbox(WORKER_KILL_MESSAGES, seed=11)
    fake_gmail.add_messages(mailbox.messages)
    fake_gmail.response_delay_seconds = 0.01  # a batch of 50 takes over half a second
    queue = f"gmail-kill-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": _test_database_url(),
        "GMAIL_API_ENDPOINT": fake_gmail.api_endpoint,
        "GOOGLE_TOKEN_URI": fake_gmail.token_uri,
        "GMAIL_LOOKBACK_DAYS": "36500",  # the synthetic mailbox spans more than a year
        # Production: 60 s and 300 s. Shorter here so the test takes seconds, not minutes.
        "GMAIL_SYNC_LOCK_SECONDS": "2",
        "CELERY_VISIBILITY_TIMEOUT_SECONDS": "1",
        "CELERY_TASK_ALWAYS_EAGER": "0",
    }
    log_path = tmp_path / "worker.log"

    first = Worker(queue, env, log_path)
    try:
        celery_app.send_task("gmail_sync.tasks.sync_user", args=[user.pk], queue=queue)
        # The status object shows progress while the sync runs: kill once a batch is counted.
        _wait_for(lambda: _progress(user).messages_seen >= MAX_BATCH_SIZE, 60, "the first batch")
        running = _progress(user)
        assert running.current_state() == "running"  # its lock is renewed: the worker is alive
        threading.Event().wait(2.5)  # longer than the lock lives: renewed all along
        assert _progress(user).current_state() == "running"
    finally:
        first.kill()
    imported_before_restart = _imported(user)
    assert running.messages_seen <= imported_before_restart < WORKER_KILL_MESSAGES, (
        "the sync ended before the kill"
    )

    # Nobody renews the dead worker's lock: within its lifetime the status says `interrupted`.
    killed_at = time.monotonic()
    _wait_for(
        lambda: _progress(user).current_state() == "interrupted",
        10,
        "the status to say interrupted",
    )
    assert time.monotonic() - killed_at <= 2 + 1
    assert _progress(user).state == "running"  # what the dead worker last stored
    assert sync_lock_held(user.pk) is False

    # The task was never acknowledged (acks late): a new worker gets it again by itself.
    fake_gmail.response_delay_seconds = 0
    second = Worker(queue, env, log_path)
    try:
        _wait_for(
            lambda: _progress(user).state == "idle",
            60,
            f"the redelivered task's rerun (worker log: {log_path})",
        )
    finally:
        second.kill()

    assert SyncState.objects.get(user=user).history_id

    # Every message is where a sync nobody killed puts it: the same mailbox, read in one go.
    fetched = fake_gmail.count(r"/messages/", in_batch=True)
    link_google(other_user)
    run_sync(other_user)
    fetched_in_one_go = fake_gmail.count(r"/messages/", in_batch=True) - fetched
    kept_in_one_go = set(JobEmail.objects.filter(user=other_user).values_list("msg_id", flat=True))
    assert set(JobEmail.objects.filter(user=user).values_list("msg_id", flat=True)) == (
        kept_in_one_go
    )
    assert _applications(user) == _applications(other_user)
    assert JobApplication.objects.filter(user=user).count() == len(_applications(user))
    # Read twice: only the batch in flight at the kill, and mail that leaves no row (not job
    # mail, which any rerun reads again).
    assert fetched <= fetched_in_one_go + MAX_BATCH_SIZE + (fetched_in_one_go - len(kept_in_one_go))
