"""Celery tasks: thin wrappers that load ids and call gmail_sync.services."""
from celery import shared_task

from gmail_sync import services


@shared_task
def sync_user(user_id: int) -> None:
    services.sync_user(user_id)


@shared_task
def sync_all_users() -> None:
    """Celery beat (settings.CELERY_BEAT_SCHEDULE): one sync per connected user."""
    for user_id in services.syncable_user_ids():
        sync_user.delay(user_id)
