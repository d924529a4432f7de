"""Profile one endpoint in-process against the database `make bench` left behind.

    .venv/bin/pip install pyinstrument      # a tool, not a dependency of the project
    .venv/bin/python bench/profile.py get_word_count [requests=50]
    .venv/bin/python bench/profile.py "get_jobapps?page=1&page_size=20"

Runs the requests through Django's full stack (middleware, token authentication, view, renderer)
as the first seeded user, under pyinstrument, with the same settings as the benchmark
(DEBUG=0, METRICS_CACHE_SECONDS=0), and prints the call tree plus the SQL of one request.
"""

import os
import sys
import time
from pathlib import Path
from urllib.parse import parse_qsl

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jobhax_bench")
os.environ.update(
    DEBUG="0",
    METRICS_CACHE_SECONDS="0",
    ALLOWED_HOSTS="testserver",
    SECRET_KEY="profile-only-secret-" + "0123456789abcdef" * 3,
    LOG_LEVEL="ERROR",
)
os.environ.setdefault("FIELD_ENCRYPTION_KEY", "bTAa0nYbI4nHx8y6bqq4bA1aXx2u8QYy3bA6oV8VYtY=")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobhax.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from oauth2_provider.models import AccessToken  # noqa: E402
from pyinstrument import Profiler  # noqa: E402

from jobapps.models import JobApplication  # noqa: E402

JOBAPPS = {
    "get_jobapps",
    "get_statuses",
    "get_jobapp_notes",
    "get_status_history",
    "get_jobapp_detail",
}


def main() -> None:
    endpoint, _, query_string = sys.argv[1].partition("?")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    token = AccessToken.objects.select_related("user").order_by("user__username").first()
    app_id = JobApplication.objects.filter(user=token.user).values_list("pk", flat=True).first()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token.token}")
    path = f"/api/{'jobapps' if endpoint in JOBAPPS else 'metrics'}/{endpoint}"
    query: dict[str, object] = dict(parse_qsl(query_string))
    if "jobapp_" in endpoint or "history" in endpoint:
        query["jobapp_id"] = app_id
    assert client.get(path, query).status_code == 200  # warm
    connection.force_debug_cursor = True
    client.get(path, query)  # connection.queries now holds this request's queries
    queries = list(connection.queries)
    connection.force_debug_cursor = False
    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    with profiler:
        for _ in range(count):
            client.get(path, query)
    elapsed = time.perf_counter() - started
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    print(f"{count} requests, {elapsed / count * 1000:.2f} ms each (in-process, one at a time)")
    for query_info in queries:
        print(f"-- {query_info['time']} s\n{query_info['sql']}\n")


if __name__ == "__main__":
    main()
