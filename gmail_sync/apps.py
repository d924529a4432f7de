from django.apps import AppConfig


class GmailSyncConfig(AppConfig):
    name = "gmail_sync"

    def ready(self):
        # users cannot import gmail_sync (gmail_sync imports users): gmail_sync plugs into it.
        from users import selectors as user_selectors
        from users import signals as user_signals

        from . import receivers, selectors

        user_selectors.profile_section_register(
            name="gmail", section=selectors.profile_gmail_section
        )
        user_signals.google_token_received.connect(
            receivers.gmail_reconnect_on_google_token, dispatch_uid="gmail_reconnect"
        )
