"""Concurrent writes to one application leave a consistent history (PostgreSQL only).

20 threads, each with its own database connection (closed when the thread ends), change the
same application's status and add notes at once. Row locking in jobapps.services must make
each change see the status the previous one left: one history row per real change, never two
rows in a row with the same status, the application's status equal to the last row's, and no
note lost.

(Two Gmail syncs of one user started at once: gmail_sync/tests/test_sync.py,
test_concurrent_syncs_of_one_user_import_each_message_once.)
"""

import random
import threading

import pytest
from django.db import connection, connections

from jobapps import services
from jobapps.models import ApplicationStatus, JobApplication, Note, StatusHistory
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite locks the whole database per write, so threads "
        "never interleave inside a transaction and the row locks are not exercised",
    ),
]

THREADS = 20
STATUSES = [
    ApplicationStatus.APPLIED,
    ApplicationStatus.TO_APPLY,
    ApplicationStatus.PHONE_SCREEN,
    ApplicationStatus.ONSITE_INTERVIEW,
    ApplicationStatus.OFFER,
]


@pytest.fixture
def jobapp():
    user = UserFactory(username="racer")
    return services.jobapp_create(
        user=user,
        job_title="Android Developer",
        company="Genuent",
        apply_date="2026-03-02T12:00:00Z",
        status_id=ApplicationStatus.APPLIED,
    )


def run_at_once(work) -> list:
    """Runs work(i) in THREADS threads released together; returns their exceptions."""
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def target(index):
        try:
            barrier.wait(timeout=30)
            work(index)
        except BaseException as exc:  # reported to the test below
            errors.append(exc)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=target, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread hung (deadlock?)"
    return errors


def history_statuses(jobapp) -> list[int]:
    return list(
        StatusHistory.objects.filter(job_application=jobapp)
        .order_by("changed_at", "id")
        .values_list("application_status_id", flat=True)
    )


def assert_consistent(jobapp) -> list[int]:
    statuses = history_statuses(jobapp)
    repeats = [(a, b) for a, b in zip(statuses, statuses[1:], strict=False) if a == b]
    assert not repeats, f"a history row for a change that was no change: {statuses}"
    jobapp.refresh_from_db()
    assert jobapp.application_status_id == statuses[-1], (jobapp.application_status_id, statuses)
    return statuses


def test_twenty_threads_setting_the_same_new_status_make_one_change(jobapp):
    """All 20 ask for Phone Screen at once: exactly one of them is a real change."""

    def work(index):
        services.jobapp_update_status(
            user=jobapp.user, jobapp_id=jobapp.id, status_id=ApplicationStatus.PHONE_SCREEN
        )
        services.note_create(
            user=jobapp.user, jobapp_id=jobapp.id, description=f"note from thread {index}"
        )

    assert run_at_once(work) == []
    assert assert_consistent(jobapp) == [ApplicationStatus.APPLIED, ApplicationStatus.PHONE_SCREEN]
    assert sorted(
        Note.objects.filter(job_application=jobapp).values_list("description", flat=True)
    ) == sorted(f"note from thread {i}" for i in range(THREADS))


def test_twenty_threads_moving_to_random_statuses_write_one_row_per_real_change(jobapp):
    """Each thread makes 5 changes to random statuses (often the one already in effect) and
    adds 5 notes. Which requests were real changes is read from what each call returned: a
    real change saves the row and so returns a fresh `updated_at`; a no-op returns the
    `updated_at` of the state it found (the last real change's, or the creation's)."""
    rounds = 5
    created_at = JobApplication.objects.get(pk=jobapp.pk).updated_at
    returned = []  # (updated_at returned, status asked)
    lock = threading.Lock()

    def work(index):
        rng = random.Random(1000 + index)
        for round_ in range(rounds):
            status_id = rng.choice(STATUSES)
            result = services.jobapp_update_status(
                user=jobapp.user, jobapp_id=jobapp.id, status_id=status_id
            )
            assert result.application_status_id == status_id
            with lock:
                returned.append((result.updated_at, status_id))
            services.note_create(
                user=jobapp.user, jobapp_id=jobapp.id, description=f"thread {index} round {round_}"
            )

    assert run_at_once(work) == []
    assert len(returned) == THREADS * rounds
    statuses = assert_consistent(jobapp)
    real_changes = {updated_at for updated_at, _ in returned} - {created_at}
    # Each no-op found a committed state: its updated_at is the creation's or a real change's.
    assert len(real_changes) >= 1
    assert len(statuses) == len(real_changes) + 1, (len(statuses), len(real_changes))
    # The real changes, in time order, are the history after its first row.
    by_time = sorted(
        {
            updated_at: status for updated_at, status in returned if updated_at in real_changes
        }.items()
    )
    assert [status for _, status in by_time] == statuses[1:]
    assert Note.objects.filter(job_application=jobapp).count() == THREADS * rounds
    assert set(
        Note.objects.filter(job_application=jobapp).values_list("description", flat=True)
    ) == {f"thread {i} round {r}" for i in range(THREADS) for r in range(rounds)}


def test_twenty_api_clients_changing_status_and_adding_notes_keep_history_consistent(
    jobapp, make_client
):
    """Each thread is its own client (own token, own connection) making 5 status changes to
    random statuses (some of them the current one) and adding 5 notes through the API."""
    clients = [make_client(jobapp.user) for _ in range(THREADS)]
    rounds = 5
    # Every request that answered 200, with the status it asked for.
    done: list[tuple[int, int]] = []
    lock = threading.Lock()

    def work(index):
        client, rng = clients[index], random.Random(index)
        for round_ in range(rounds):
            status_id = rng.choice(STATUSES)
            response = client.post(
                "/api/jobapps/update_jobapp",
                {"jobapp_id": jobapp.id, "status_id": status_id},
                format="json",
            )
            assert response.status_code == 200, response.content
            assert response.json()["data"]["applicationStatus"]["id"] == status_id
            with lock:
                done.append((index, status_id))
            response = client.post(
                "/api/jobapps/add_jobapp_note",
                {"jobapp_id": jobapp.id, "description": f"thread {index} round {round_}"},
                format="json",
            )
            assert response.status_code == 200, response.content

    assert run_at_once(work) == []
    assert len(done) == THREADS * rounds
    statuses = assert_consistent(jobapp)
    # Every row after the first is a change some request asked for, at most once per request.
    asked = [status for _, status in done]
    assert len(statuses) - 1 <= len(asked)
    for status in set(statuses[1:]):
        assert statuses[1:].count(status) <= asked.count(status)
    notes = list(Note.objects.filter(job_application=jobapp).values_list("description", flat=True))
    assert sorted(notes) == sorted(
        f"thread {i} round {r}" for i in range(THREADS) for r in range(rounds)
    )
    # What the API shows agrees with the table.
    history = clients[0].get("/api/jobapps/get_status_history", {"jobapp_id": jobapp.id})
    assert [row["applicationStatus"]["id"] for row in history.json()["data"]] == statuses
    assert JobApplication.objects.get(pk=jobapp.pk).application_status_id == statuses[-1]
