"""Reads of the Gmail sync: its state and status object, the mails it imported, the users
and messages a run still has to read."""

from collections.abc import Iterable

from django.contrib.auth.models import User

from jobapps import selectors as jobapp_selectors
from users import selectors as user_selectors
from users.models import Provider

from .apply import storage_msg_id
from .models import SyncState

KNOWN_IDS_CHUNK = 500  # ids per "already processed?" query (SQLite caps query parameters)
# A message that failed is fetched again by later runs until it has failed this often.
MAX_ATTEMPTS = 3


def sync_state_get(*, user: User) -> SyncState:
    """The user's sync state; a user who never synced is idle with Gmail presumed readable."""
    return SyncState.objects.filter(user=user).first() or SyncState(user=user)


def sync_status(*, user: User) -> dict:
    """The sync status object (CONTRACT.md §6), for every user: without a Google account
    `gmail_connected` is false and the counters are those of the last `import_mail`, if any."""
    connected = user_selectors.provider_credential(user=user, provider=Provider.GOOGLE) is not None
    return sync_state_get(user=user).as_status(gmail_connected=connected)


def profile_gmail_section(*, user: User, providers: list[str]) -> dict | None:
    """The `gmail` key of `me` (users.selectors.user_profile): the status object of a user
    with a Google account, else null."""
    return sync_state_get(user=user).as_status() if Provider.GOOGLE in providers else None


def sync_user_ids_due() -> list[int]:
    """Users whose mailbox the periodic sync should read: Google linked, token not refused."""
    return list(
        user_selectors.provider_credential_list(provider=Provider.GOOGLE)
        .exclude(user__gmail_sync_state__gmail_ok=False)
        .values_list("user_id", flat=True)
    )


def job_email_list(*, user: User) -> list[dict]:
    """The caller's job-related emails, newest first, in the 2019 client's shape."""
    return jobapp_selectors.job_email_list(user=user)


def message_ids_retryable(*, user: User) -> list[str]:
    """Messages an earlier run could not import and that are worth another try."""
    return jobapp_selectors.job_email_ids_retryable(user=user, max_attempts=MAX_ATTEMPTS)


def message_ids_unprocessed(*, user: User, message_ids: Iterable[str]) -> list[str]:
    """`message_ids` without those already processed for the user (in order, without
    repeats); a message that failed before counts as unprocessed."""
    ordered = list(dict.fromkeys(message_ids))
    known: set[str] = set()
    for start in range(0, len(ordered), KNOWN_IDS_CHUNK):
        chunk = [storage_msg_id(msg_id) for msg_id in ordered[start : start + KNOWN_IDS_CHUNK]]
        known.update(jobapp_selectors.job_email_ids_processed(user=user, msg_ids=chunk))
    return [msg_id for msg_id in ordered if storage_msg_id(msg_id) not in known]
