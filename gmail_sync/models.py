from django.conf import settings
from django.db import models

from gmail_sync.locking import sync_lock_held


class SyncState(models.Model):
    """Where a user's Gmail sync stands (CONTRACT.md §6) and the cursor it resumes from."""

    class State(models.TextChoices):
        IDLE = "idle"
        QUEUED = "queued"
        RUNNING = "running"
        FAILED = "failed"

    # Never stored: how a `running` sync whose worker died (its lock lapsed) reads.
    INTERRUPTED = "interrupted"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gmail_sync_state"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.IDLE)
    # False once Gmail refused the stored token; update_gmail_token sets it back.
    gmail_ok = models.BooleanField(default=True)
    # Gmail mailbox historyId: only advanced past committed work.
    history_id = models.CharField(max_length=40, blank=True, default="")
    last_synced_at = models.DateTimeField(null=True, blank=True)
    messages_seen = models.PositiveIntegerField(default=0)
    applications_created = models.PositiveIntegerField(default=0)
    applications_updated = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Gmail sync of user {self.user_id}: {self.state}"

    def current_state(self) -> str:
        """The stored state, except that a `running` sync whose worker died (its lock lapsed)
        is `interrupted` until a rerun takes the lock (when Redis cannot tell: `running`)."""
        if self.state == self.State.RUNNING and sync_lock_held(self.user_id) is False:
            return self.INTERRUPTED
        return self.state

    def as_status(self, *, gmail_connected: bool = True) -> dict:
        """The status object of CONTRACT.md §6. Every caller but `get_sync_status` answers only
        for users with a Google account, hence the default."""
        return {
            "state": self.current_state(),
            "last_synced_at": self.last_synced_at,
            "messages_seen": self.messages_seen,
            "applications_created": self.applications_created,
            "applications_updated": self.applications_updated,
            "errors": self.errors,
            "gmail_ok": self.gmail_ok,
            "gmail_connected": gmail_connected,
        }
