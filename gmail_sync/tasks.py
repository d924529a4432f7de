"""Celery tasks: thin wrappers that load ids and call gmail_sync.services. Services queue these
tasks, so the tasks import services inside the function (no import cycle)."""

from celery import shared_task


@shared_task
def sync_user(user_id: int) -> None:
    from gmail_sync import services

    services.sync_user(user_id)


@shared_task
def sync_all_users() -> None:
    """Celery beat (settings.CELERY_BEAT_SCHEDULE): one sync per connected user."""
    from gmail_sync import selectors

    for user_id in selectors.sync_user_ids_due():
        sync_user.delay(user_id)
