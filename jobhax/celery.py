"""Celery application. Broker and result backend come from REDIS_URL (see settings);
without it, tasks run eagerly in the calling process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobhax.settings")

app = Celery("jobhax")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
