"""`make bench-sync`: a first Gmail sync of a year of mail (2,000 synthetic job mails among
6,000 ordinary ones), then an idle re-sync.

Runs the real sync (GmailClient, google-api-python-client, the first sync's search, parsing,
classification, apply) against the fake Gmail server, into a fresh database: a temporary SQLite
file, or a fresh PostgreSQL database next to DATABASE_URL's when that is set. The fake server
runs in a process of its own, as Gmail runs on machines of its own: its work is not the sync's.

Prints what the search fetched (and how much of it is not job mail), messages per second through
fetch, parse, classify and store, and the Gmail API calls and quota units (messages.list/get 5,
history.list 2, getProfile 1). BENCH_SYNC_MESSAGES and BENCH_SYNC_ORDINARY change the mix.
"""

from __future__ import annotations

import io
import multiprocessing
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

JOB_MESSAGES = int(os.environ.get("BENCH_SYNC_MESSAGES", "2000"))
# Whose mailbox: an address without words the search looks for (Gmail matches words in To too).
OWNER = "jamie.rivera@example.test"
ORDINARY_MESSAGES = int(os.environ.get("BENCH_SYNC_ORDINARY", "6000"))


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        test_settings = connection.settings_dict.setdefault("TEST", {})
        if connection.vendor == "sqlite":
            test_settings["NAME"] = str(Path(scratch) / "bench.sqlite3")
        else:
            test_settings["NAME"] = f"{connection.settings_dict['NAME']}_bench_sync"
        original_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            ok = run()
        finally:
            connection.creation.destroy_test_db(original_name, verbosity=0)
    if not ok:
        sys.exit("bench-sync: the sync did not import the mailbox as expected")


def run() -> bool:
    from gmail_sync import services
    from gmail_sync.tests.synthetic import job_mailbox, ordinary_mailbox
    from jobapps.models import JobApplication, JobEmail
    from tests.factories import UserFactory
    from users.models import Provider, ProviderCredential

    jobs = job_mailbox(JOB_MESSAGES, seed=2019, not_job_share=0.0)
    ordinary = ordinary_mailbox(ORDINARY_MESSAGES, seed=2019)
    job_ids = {message["id"] for message in jobs.messages}
    user = UserFactory(username="bench")
    mailbox = _to_owner([*jobs.messages, *ordinary])
    with _gmail_in_its_own_process(mailbox) as (api_endpoint, token_uri, access_token):
        ProviderCredential.objects.create(
            user=user, provider=Provider.GOOGLE, uid="bench", access_token=access_token
        )
        settings.GMAIL_API_ENDPOINT = api_endpoint
        settings.GOOGLE_TOKEN_URI = token_uri
        settings.GMAIL_LOOKBACK_DAYS = 365

        started = time.perf_counter()
        first = services.sync_user(user.pk)
        elapsed = time.perf_counter() - started
        idle = services.sync_user(user.pk)

    fetched = set(JobEmail.objects.filter(user=user).values_list("msg_id", flat=True))
    not_job = len(fetched - job_ids)
    applications = JobApplication.objects.filter(user=user).count()
    print(f"database: {connection.vendor}; cache: {settings.CACHES['default']['BACKEND']}")
    print(f"mailbox: {len(job_ids)} job mails among {len(ordinary)} ordinary ones")
    print(
        f"first sync ({first.mode}): the search fetched {len(fetched)} messages, "
        f"{len(fetched & job_ids)} of {len(job_ids)} job mails and {not_job} others "
        f"({not_job / max(len(fetched), 1):.1%} of what it fetched is not job mail)"
    )
    print(
        f"  {len(fetched)} messages fetched, parsed, classified and stored in {elapsed:.2f} s "
        f"= {len(fetched) / elapsed:.0f} messages/s end to end; parse, classify and store "
        f"alone took {first.processing_seconds:.2f} s = "
        f"{len(fetched) / first.processing_seconds:.0f} messages/s"
    )
    print(
        f"  applications: {applications} created (expected {len(jobs.stories)}), "
        f"{first.counters.applications_updated} moves, {first.counters.errors} errors"
    )
    _print_stats("  Gmail API", first.stats)
    print(f"idle re-sync ({idle.mode}):")
    _print_stats("  Gmail API", idle.stats)
    imported_apps = _import_mail(jobs.messages)
    return (
        job_ids <= fetched
        and applications == len(jobs.stories) == imported_apps
        and not first.counters.errors
    )


def _import_mail(messages: list[dict]) -> int:
    """`manage.py import_mail` of the same job mails as one Takeout .mbox file, for another
    user: its messages per second, and the applications it made."""
    from django.core.management import call_command

    from gmail_sync.tests.synthetic import as_rfc822
    from jobapps.models import JobApplication
    from tests.factories import UserFactory

    user = UserFactory(username="bench-import")
    with tempfile.TemporaryDirectory() as scratch:
        mbox = Path(scratch) / "All mail Including Spam and Trash.mbox"
        with mbox.open("wb") as out:
            for message in messages:
                out.write(b"From MAILER-DAEMON Mon Jan  5 09:00:00 2026\r\n")
                out.write(as_rfc822(message).replace(b"\nFrom ", b"\n>From "))
                out.write(b"\r\n\r\n")
        started = time.perf_counter()
        call_command("import_mail", str(mbox), user=user.username, stdout=io.StringIO())
        elapsed = time.perf_counter() - started
    applications = JobApplication.objects.filter(user=user).count()
    print(
        f"import_mail of the {len(messages)} job mails as one .mbox: {elapsed:.2f} s = "
        f"{len(messages) / elapsed:.0f} messages/s, {applications} applications"
    )
    return applications


def _to_owner(messages: list[dict]) -> list[dict]:
    for message in messages:
        for header in message["payload"]["headers"]:
            if header["name"].lower() == "to":
                header["value"] = OWNER
    return messages


def _gmail_in_its_own_process(messages):
    """A context manager: the fake Gmail server, serving `messages` from a child process;
    yields (api endpoint, token URI, a valid access token)."""
    context = multiprocessing.get_context("fork")
    parent_end, child_end = context.Pipe()
    child = context.Process(target=_serve, args=(messages, child_end), daemon=True)

    class _Running:
        def __enter__(self):
            child.start()
            return parent_end.recv()

        def __exit__(self, *exc_info):
            parent_end.send("stop")
            child.join(timeout=10)

    return _Running()


def _serve(messages, pipe) -> None:
    from tests.fakes.gmail_server import FakeGmailServer

    with FakeGmailServer(email_address=OWNER) as gmail:
        gmail.add_messages(messages)
        pipe.send((gmail.api_endpoint, gmail.token_uri, next(iter(gmail.valid_access_tokens))))
        pipe.recv()  # until the sync is done


def _print_stats(label: str, stats) -> None:
    calls = ", ".join(f"{method} {count}" for method, count in sorted(stats.calls.items()))
    print(
        f"{label}: {calls}; {stats.quota_units} quota units; {stats.http_requests} HTTP "
        f"requests ({stats.batch_requests} batches), {stats.retries} retries"
    )


if __name__ == "__main__":
    main()
