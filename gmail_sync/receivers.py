"""What gmail_sync does when users' signals fire (connected in GmailSyncConfig.ready)."""

from . import services


def gmail_reconnect_on_google_token(sender, *, user, **kwargs) -> None:
    """A Google sign-in brought a fresh token: Gmail is readable again, sync now."""
    services.gmail_reconnect(user=user)
