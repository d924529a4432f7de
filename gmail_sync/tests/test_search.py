"""The first sync's Gmail search (`gmail_sync.search`), judged by the fake Gmail server, which
evaluates the query with Gmail's search rules (tests/fakes/gmail_search.py), over the labelled
development corpus: a query that stops finding a kind of job mail fails here."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gmail_sync.client import GmailClient
from gmail_sync.search import build_search_query
from jobapps.models import JobApplication, JobEmail
from tests.fakes.gmail_search import compile_query, searchable
from tests.fakes.gmail_server import DEFAULT_ACCESS_TOKEN, build_message, message_from_rfc822

from .conftest import run_sync

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "mail_corpus" / "dev"
NOW = datetime(2026, 12, 1, tzinfo=UTC)


# --------------------------------------------------------------------------- the fake's syntax


def _message(
    subject="Your application to Acme",
    body="Thanks for applying, we will review it.",
    sender="Acme Careers <careers@hire.lever.co>",
    labels=("INBOX",),
    days_ago=3,
):
    message = build_message(
        subject=subject,
        sender=sender,
        body_text=body,
        date=NOW - timedelta(days=days_ago),
        labels=list(labels),
    )
    return searchable(message)


@pytest.mark.parametrize(
    ("query", "matches"),
    [
        ("application", True),  # a whole word, in the subject or the body
        ("applic", False),  # Gmail matches whole words only
        ('"your application"', True),
        ('"application your"', False),
        ("applying OR interview", True),
        ("interview OR offer", False),
        ("{interview applying}", True),
        ("(interview OR offer) review", False),
        ("applying -review", False),
        ("from:lever.co", True),  # the sender's domain, at a boundary
        ("from:clever.co", False),
        ("from:(greenhouse.io OR lever.co)", True),
        ('from:"acme careers"', True),
        ("subject:applying", False),  # only in the body
        ('subject:("your application")', True),
        ("newer_than:7d", True),
        ("newer_than:2d", False),
        ("older_than:1d", True),
        ("-in:chats -in:drafts", True),
        ("in:inbox", True),
        ("category:promotions", False),
    ],
)
def test_the_fake_server_searches_as_gmail_does(query, matches):
    assert compile_query(query, now=NOW)(_message()) is matches


def test_category_and_label_terms_read_the_labels():
    promoted = _message(labels=("INBOX", "CATEGORY_PROMOTIONS"))

    assert compile_query("category:promotions", now=NOW)(promoted)
    assert not compile_query("-category:promotions", now=NOW)(promoted)


# --------------------------------------------------------------------------- recall on the corpus


def _corpus_in(gmail) -> dict[str, str]:
    """The development corpus in the fake mailbox, dated the way it was written; Gmail id ->
    the labelled kind."""
    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    kinds = {}
    for name, label in labels["messages"].items():
        stored = gmail.add_message(message_from_rfc822((CORPUS / "mail" / name).read_bytes()))
        kinds[stored["id"]] = label["kind"]
    return kinds


def test_the_first_sync_search_selects_every_kind_of_job_mail_in_the_corpus(fake_gmail):
    kinds = _corpus_in(fake_gmail)
    client = GmailClient(
        access_token=DEFAULT_ACCESS_TOKEN,
        api_endpoint=fake_gmail.api_endpoint,
        token_uri=fake_gmail.token_uri,
    )
    # A look-back long enough for the corpus whenever the suite runs.
    days = (datetime.now(UTC) - datetime(2025, 12, 1, tzinfo=UTC)).days

    selected = {ref["id"] for ref in client.list_message_ids(build_search_query(days))}

    total, found = Counter(kinds.values()), Counter(kinds[i] for i in selected)
    job_kinds = [kind for kind in total if kind != "not_job"]
    job_total = sum(total[kind] for kind in job_kinds)
    missed = job_total - sum(found[kind] for kind in job_kinds)
    assert missed <= job_total // 100, f"{missed} of {job_total} job mails not selected"
    for kind in job_kinds:
        assert found[kind] >= 0.97 * total[kind], (kind, found[kind], total[kind])


# --------------------------------------------------------------------------- later mail


def test_mail_after_the_first_sync_is_read_whatever_its_words(gmail, google_user):
    confirmation = gmail.add_message(
        build_message(
            subject="Thanks for applying to Acme Robotics",
            sender="Acme Careers <jobs@acme.test>",
            body_text="Thank you for applying to Acme Robotics for the Data Engineer role.",
            date=datetime.now(UTC) - timedelta(days=2),
        )
    )
    run_sync(google_user)
    # A recruiter's reply in the same thread that none of the search's words or senders finds.
    later = build_message(
        subject="Re: Thanks",
        sender="Maria Chen <maria@acme.test>",
        to="Dana Whitfield <dana@example.test>",
        body_text="Hi! Are you free for a call on Tuesday afternoon?",
        date=datetime.now(UTC),
        thread_id=confirmation["threadId"],
    )
    assert not compile_query(build_search_query(365))(searchable(later))
    gmail.add_message(later)

    report = run_sync(google_user)

    assert report.mode == "incremental"
    assert JobEmail.objects.filter(user=google_user).count() == 2
    assert JobApplication.objects.get(user=google_user).application_status_id == 3  # Phone Screen
