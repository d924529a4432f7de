"""Query counts per endpoint (token authentication included) do not grow with the number of
applications, notes, history rows or emails, and match tests/query_counts.json
(tests/query_counts.py says how to regenerate it)."""

from datetime import UTC, datetime, timedelta
from functools import partial

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobapps.models import Contact, Event, JobApplication, JobEmail, Note, StatusHistory
from jobapps.tests.helpers import add_payload, url
from tests.factories import UserFactory
from tests.helpers import assert_ok
from tests.query_counts import assert_query_count

pytestmark = pytest.mark.django_db

MANY_APPLICATIONS = 500
MANY_CHILDREN = 30  # history rows, notes and emails of the application under test
START = datetime(2019, 1, 1, tzinfo=UTC)


def seed(user, *, many: bool) -> dict:
    """The user's applications; the newest (`app`) has history, notes and emails."""
    apps = JobApplication.objects.bulk_create(
        JobApplication(
            user=user,
            application_status_id=1 + index % 5,
            job_title=f"Dev {index}",
            company=f"Co {index % 7}",
            apply_date=START + timedelta(hours=index),
            source="LinkedIn",
        )
        for index in range(MANY_APPLICATIONS if many else 1)
    )
    app = apps[-1]
    children = MANY_CHILDREN if many else 1
    StatusHistory.objects.bulk_create(
        [StatusHistory(job_application=other, application_status_id=1) for other in apps]
        + [StatusHistory(job_application=app, application_status_id=2) for _ in range(children)]
    )
    notes = Note.objects.bulk_create(
        Note(job_application=app, description=f"Note {index}") for index in range(children)
    )
    JobEmail.objects.bulk_create(
        JobEmail(
            user=user,
            job_application=app,
            msg_id=f"{user.pk}-{index}",
            subject="Hi",
            date=START + timedelta(days=index),
        )
        for index in range(children)
    )
    contacts = Contact.objects.bulk_create(
        Contact(job_application=app, name=f"Person {index}", email=f"p{index}@acme.test")
        for index in range(children)
    )
    events = Event.objects.bulk_create(
        Event(job_application=app, start=START + timedelta(days=index), kind="video")
        for index in range(children)
    )
    # Applications to follow up: due ones, and (the old applications) ghosted ones.
    JobApplication.objects.filter(pk__in=[a.pk for a in apps[: len(apps) // 2]]).update(
        follow_up_on=START.date()
    )
    return {"app": app, "note": notes[0], "contact": contacts[0], "event": events[0], "csv_rows": 1}


def post(name, payload):
    return lambda client, state: client.post(url(name), payload(state), format="json")


def get(name, params=lambda state: {}):
    return lambda client, state: client.get(url(name), params(state))


ENDPOINTS = {
    "jobapps.get_jobapps": get("get_jobapps"),
    "jobapps.get_jobapps_filtered": get(
        "get_jobapps",
        lambda s: {
            "status_id": 1,
            "q": "dev",
            "rejected": "false",
            "from": "2019-01-01",
            "ordering": "company",
        },
    ),
    "jobapps.get_jobapps_paged": get("get_jobapps", lambda s: {"page": 1, "page_size": 50}),
    "jobapps.get_statuses": get("get_statuses"),
    "jobapps.get_status_history": get("get_status_history", lambda s: {"jobapp_id": s["app"].id}),
    "jobapps.get_jobapp_detail": get("get_jobapp_detail", lambda s: {"jobapp_id": s["app"].id}),
    "jobapps.get_jobapp_notes": get("get_jobapp_notes", lambda s: {"jobapp_id": s["app"].id}),
    "jobapps.add_jobapp": post("add_jobapp", lambda s: add_payload()),
    "jobapps.update_jobapp": post(
        "update_jobapp", lambda s: {"jobapp_id": s["app"].id, "status_id": 4, "rejected": True}
    ),
    "jobapps.edit_jobapp": post(
        "edit_jobapp",
        lambda s: {"jobapp_id": s["app"].id, "job_title": "Lead", "job_url": "https://a.test/j"},
    ),
    "jobapps.delete_jobapp": post("delete_jobapp", lambda s: {"jobapp_id": s["app"].id}),
    "jobapps.add_jobapp_note": post(
        "add_jobapp_note", lambda s: {"jobapp_id": s["app"].id, "description": "x"}
    ),
    "jobapps.update_jobapp_note": post(
        "update_jobapp_note", lambda s: {"jobapp_note_id": s["note"].id, "description": "y"}
    ),
    "jobapps.delete_jobapp_note": post(
        "delete_jobapp_note", lambda s: {"jobapp_note_id": s["note"].id}
    ),
    "jobapps.capture": post(
        "capture", lambda s: {"job_url": "https://a.test/new", "job_title": "t", "company": "c"}
    ),
    "jobapps.capture_lookup": get("capture", lambda s: {"job_url": "https://a.test/new"}),
    "jobapps.export_jobapps_csv": get("export_jobapps.csv"),
    "jobapps.get_jobapp_contacts": get("get_jobapp_contacts", lambda s: {"jobapp_id": s["app"].id}),
    "jobapps.add_jobapp_contact": post(
        "add_jobapp_contact",
        lambda s: {"jobapp_id": s["app"].id, "name": "Dana", "email": "dana@acme.test"},
    ),
    "jobapps.update_jobapp_contact": post(
        "update_jobapp_contact",
        lambda s: {"jobapp_contact_id": s["contact"].id, "email": "new@acme.test"},
    ),
    "jobapps.delete_jobapp_contact": post(
        "delete_jobapp_contact", lambda s: {"jobapp_contact_id": s["contact"].id}
    ),
    "jobapps.get_jobapp_events": get("get_jobapp_events", lambda s: {"jobapp_id": s["app"].id}),
    "jobapps.add_jobapp_event": post(
        "add_jobapp_event",
        lambda s: {"jobapp_id": s["app"].id, "start": "2026-03-03T10:00:00Z", "kind": "phone"},
    ),
    "jobapps.update_jobapp_event": post(
        "update_jobapp_event",
        lambda s: {"jobapp_event_id": s["event"].id, "end": "2027-01-01T00:00:00Z"},
    ),
    "jobapps.delete_jobapp_event": post(
        "delete_jobapp_event", lambda s: {"jobapp_event_id": s["event"].id}
    ),
    "jobapps.get_follow_ups": get("get_follow_ups"),
}


# The list reads one page of 500 applications in this many queries at most, token included.
CEILINGS = {
    "jobapps.get_jobapps": 3,
    "jobapps.get_jobapps_paged": 3,
    "jobapps.get_jobapps_filtered": 3,
}


def measure(make_client, name: str, *, many: bool) -> int:
    user = UserFactory()
    state = seed(user, many=many)
    client = make_client(user)
    with CaptureQueriesContext(connection) as captured:
        response = assert_query_count(name, lambda: ENDPOINTS[name](client, state))
    assert response.status_code == 200, response.content[:500]
    return len(captured.captured_queries)


@pytest.mark.parametrize("name", ENDPOINTS)
def test_query_count_is_constant_and_matches_the_baseline(make_client, name):
    measure(make_client, name, many=False)
    many = measure(make_client, name, many=True)
    if name in CEILINGS:
        assert many <= CEILINGS[name]


def csv_body(rows: int, status: str = "Applied") -> bytes:
    lines = ["job_title,company,status,apply_date,status_history"]
    lines += [
        f"Dev {i},Acme,{status},2019-01-02,2019-01-02 Applied; 2019-02-01 Offer"
        for i in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


def test_csv_import_costs_a_fixed_number_of_queries(make_client):
    """All rows or none, written in bulk: the same queries for 1 row or 40 (one batch; SQLite
    takes at most 999 parameters a query), whatever the user already has. Here the matched rows
    change their status: one bulk update, and no history insert (the file's history already
    holds the change)."""
    for rows, many in ((1, False), (40, True)):
        user = UserFactory()
        seed(user, many=many)
        post_csv = partial(
            make_client(user).post, url("import_jobapps_csv"), content_type="text/csv"
        )
        response = assert_query_count(
            "jobapps.import_jobapps_csv", partial(post_csv, csv_body(rows))
        )
        assert assert_ok(response)["created"] == rows
        response = assert_query_count(
            "jobapps.import_jobapps_csv.updating", partial(post_csv, csv_body(rows, status="Offer"))
        )
        assert assert_ok(response)["updated"] == rows
