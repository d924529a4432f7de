from django.apps import AppConfig


class GmailSyncConfig(AppConfig):
    name = "gmail_sync"
