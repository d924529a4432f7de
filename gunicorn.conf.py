"""gunicorn's settings for `make serve`, the Docker image and the production smoke test.

gunicorn reads this file from the working directory by itself. Sync workers: every request is
short (the slow work, Gmail, runs in Celery), so a worker per request in flight is simplest.
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# WEB_CONCURRENCY is the conventional name (Heroku, Render, gunicorn's own docs).
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
# A request running longer than this is killed; the CSV import's limits keep it well inside.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = timeout
accesslog = "-"
control_socket_disable = True
