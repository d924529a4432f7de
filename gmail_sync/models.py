from django.conf import settings
from django.db import models


class SyncState(models.Model):
    """Where a user's Gmail sync stands (CONTRACT.md §6) and the cursor it resumes from."""

    class State(models.TextChoices):
        IDLE = "idle"
        QUEUED = "queued"
        RUNNING = "running"
        FAILED = "failed"

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

    def as_status(self) -> dict:
        return {
            "state": self.state,
            "last_synced_at": self.last_synced_at,
            "messages_seen": self.messages_seen,
            "applications_created": self.applications_created,
            "applications_updated": self.applications_updated,
            "errors": self.errors,
            "gmail_ok": self.gmail_ok,
        }
