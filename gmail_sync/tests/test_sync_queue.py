"""Queueing Gmail syncs (gmail_sync.services.sync_enqueue and the beat task)."""

import pytest

from gmail_sync import services as sync_services
from gmail_sync import tasks
from gmail_sync.models import SyncState
from tests.factories import UserFactory
from tests.helpers import link_google
from users.models import Provider, ProviderCredential

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued(monkeypatch):
    """User ids handed to the sync task (the sync itself is another module's business)."""
    calls = []
    # delay() goes through apply_async() too.
    monkeypatch.setattr(
        tasks.sync_user,
        "apply_async",
        lambda args=(), kwargs=None, **options: calls.append(args[0]),
    )
    return calls


def test_sync_enqueue_enqueues_only_after_commit(
    user, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        state = sync_services.sync_enqueue(user=user)
    assert state.state == SyncState.State.QUEUED
    assert enqueued == []
    callbacks[0]()
    assert enqueued == [user.pk]


def test_beat_task_enqueues_every_connected_user_whose_token_works(enqueued):
    never_synced, readable, refused, linkedin_only = (UserFactory() for _ in range(4))
    link_google(never_synced)
    link_google(readable, gmail_ok=True)
    link_google(refused, gmail_ok=False)
    ProviderCredential.objects.create(user=linkedin_only, provider=Provider.LINKEDIN, uid="li")
    tasks.sync_all_users()
    assert sorted(enqueued) == sorted([never_synced.pk, readable.pk])
