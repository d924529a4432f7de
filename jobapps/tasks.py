"""Celery tasks: thin wrappers that call jobapps.services."""

from celery import shared_task

from . import services


@shared_task
def record_ghosted_applications() -> dict:
    """Celery beat, daily (settings.CELERY_BEAT_SCHEDULE): records which applications became
    ghosted and which came back to life. It never changes an application's status."""
    return services.ghosted_applications_record()
