"""`make bench-sync`: a first Gmail sync of 2,000 synthetic job mails, then an idle re-sync.

Runs the real sync (GmailClient, google-api-python-client, parsing, classification, apply) against
the fake Gmail server on 127.0.0.1, into a fresh database: a temporary SQLite file, or a fresh
PostgreSQL database next to DATABASE_URL's when that is set. Prints messages per second, Gmail
API calls by method and the quota units they cost (messages.list/get 5, history.list 2,
getProfile 1).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobhax.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

MESSAGES = int(os.environ.get("BENCH_SYNC_MESSAGES", "2000"))


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        test_settings = connection.settings_dict.setdefault("TEST", {})
        if connection.vendor == "sqlite":
            test_settings["NAME"] = str(Path(scratch) / "bench.sqlite3")
        else:
            test_settings["NAME"] = f"{connection.settings_dict['NAME']}_bench_sync"
        original_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            run()
        finally:
            connection.creation.destroy_test_db(original_name, verbosity=0)


def run() -> None:
    from gmail_sync import services
    from gmail_sync.tests.synthetic import job_mailbox
    from jobapps.models import JobApplication, JobEmail
    from tests.factories import UserFactory
    from tests.fakes.gmail_server import FakeGmailServer
    from users.models import Provider, ProviderCredential

    mailbox = job_mailbox(MESSAGES, seed=2019, not_job_share=0.0)
    user = UserFactory(username="bench")
    with FakeGmailServer() as gmail:
        ProviderCredential.objects.create(
            user=user, provider=Provider.GOOGLE, uid="bench",
            access_token=next(iter(gmail.valid_access_tokens)),
        )
        settings.GMAIL_API_ENDPOINT = gmail.api_endpoint
        settings.GOOGLE_TOKEN_URI = gmail.token_uri
        gmail.add_messages(mailbox.messages)

        started = time.perf_counter()
        first = services.sync_user(user.pk)
        elapsed = time.perf_counter() - started
        idle = services.sync_user(user.pk)

    imported = JobEmail.objects.filter(user=user).count()
    applications = JobApplication.objects.filter(user=user).count()
    print(f"database: {connection.vendor}; cache: {settings.CACHES['default']['BACKEND']}")
    print(f"first sync ({first.mode}): {imported} of {len(mailbox.messages)} messages imported "
          f"in {elapsed:.2f} s = {imported / elapsed:.0f} messages/s")
    print(f"  applications: {applications} created (expected {len(mailbox.stories)}), "
          f"{first.counters.applications_updated} moves, {first.counters.errors} errors")
    _print_stats("  Gmail API", first.stats)
    print(f"idle re-sync ({idle.mode}):")
    _print_stats("  Gmail API", idle.stats)
    if imported != len(mailbox.messages) or applications != len(mailbox.stories):
        sys.exit("bench-sync: the sync did not import the mailbox as expected")


def _print_stats(label: str, stats) -> None:
    calls = ", ".join(f"{method} {count}" for method, count in sorted(stats.calls.items()))
    print(f"{label}: {calls}; {stats.quota_units} quota units; {stats.http_requests} HTTP "
          f"requests ({stats.batch_requests} batches), {stats.retries} retries")


if __name__ == "__main__":
    main()
