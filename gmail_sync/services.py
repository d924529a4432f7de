"""Gmail sync: queueing a user's sync and running it."""
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from gmail_sync import tasks
from gmail_sync.models import SyncState
from users.models import Provider, ProviderCredential


def request_sync(user: AbstractBaseUser) -> SyncState:
    """Marks the user's sync queued (unless one is running) and enqueues it once the current
    transaction commits, so the worker sees what the request just stored."""
    state, _ = SyncState.objects.get_or_create(user=user)
    if state.state != SyncState.State.RUNNING:
        state.state = SyncState.State.QUEUED
        state.save(update_fields=["state", "updated_at"])
    transaction.on_commit(lambda: tasks.sync_user.delay(user.pk))
    return state


def gmail_reconnected(user: AbstractBaseUser) -> SyncState:
    """Google just gave us a fresh token for this user: Gmail is readable again, sync now."""
    SyncState.objects.update_or_create(user=user, defaults={"gmail_ok": True})
    return request_sync(user)


def syncable_user_ids() -> list[int]:
    """Users whose mailbox the periodic sync should read: Google linked, token not refused."""
    return list(
        ProviderCredential.objects.filter(provider=Provider.GOOGLE)
        .exclude(user__gmail_sync_state__gmail_ok=False)
        .values_list("user_id", flat=True)
    )


def sync_user(user_id: int) -> None:
    """Runs one Gmail sync for the user.

    PLACEHOLDER until the Gmail issue: the real sync (GmailClient -> parsing/classifier ->
    jobapps services, updating the counters of SyncState) goes here. For now it only records
    that a sync ran.
    """
    now = timezone.now()
    SyncState.objects.filter(user_id=user_id).update(
        state=SyncState.State.IDLE, last_synced_at=now, updated_at=now
    )
