"""What the Gmail endpoints read and answer (the OpenAPI schema documents them from here)."""

from rest_framework import serializers

from jobhax.api.fields import StrictCharField
from users.serializers import TOKEN_MAX


class GmailTokenInput(serializers.Serializer):
    token = StrictCharField(max_length=TOKEN_MAX)
    refresh_token = StrictCharField(
        max_length=TOKEN_MAX, required=False, default="", allow_blank=True
    )


class SyncStatusOutput(serializers.Serializer):
    """The Gmail sync status object (CONTRACT.md section 6)."""

    state = serializers.ChoiceField(
        choices=["idle", "queued", "running", "interrupted", "failed"],
        help_text="`interrupted`: the worker running the sync died; a new run is due or "
        "already queued.",
    )
    last_synced_at = serializers.DateTimeField(allow_null=True)
    messages_seen = serializers.IntegerField(min_value=0)
    applications_created = serializers.IntegerField(min_value=0)
    applications_updated = serializers.IntegerField(min_value=0)
    # The contract's name; shadows Serializer.errors, unused on a serializer that only documents.
    errors = serializers.IntegerField(min_value=0)  # type: ignore[assignment]
    gmail_ok = serializers.BooleanField()
    gmail_connected = serializers.BooleanField(
        help_text="False without a Google account: the counters then describe the last mail "
        "import (`manage.py import_mail`), if any.",
    )


class GoogleMailOutput(serializers.Serializer):
    subject = serializers.CharField(allow_blank=True)
    body = serializers.CharField(allow_blank=True)
    date = serializers.DateTimeField(allow_null=True)
    msgId = serializers.CharField()  # noqa: N815 (the contract's key)
    jobapp_id = serializers.IntegerField(allow_null=True)
