"""The CSV carries each application's follow-up day, contacts and events; the import reads them
back, all rows or none, within the file's limits."""

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest

from jobapps import csv_io
from jobapps.models import Contact, Event, JobApplication, Source
from jobapps.tests.helpers import url
from tests.factories import JobApplicationFactory
from tests.helpers import assert_error, assert_invalid, assert_ok

pytestmark = pytest.mark.django_db

HEADER = ["job_title", "company", "status", "apply_date", "follow_up_on", "contacts", "events"]


def export_rows(client) -> list[dict]:
    response = client.get(url("export_jobapps.csv"))
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def export_text(client) -> str:
    return client.get(url("export_jobapps.csv")).content.decode()


def import_text(client, text: str):
    return client.post(url("import_jobapps_csv"), text.encode(), content_type="text/csv")


def csv_text(*rows: list) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue()


def tracked(user) -> JobApplication:
    app = JobApplicationFactory.create(
        user=user,
        job_title="Android Developer",
        company="Genuent",
        apply_date=datetime(2026, 2, 1, 9, tzinfo=UTC),
        follow_up_on=date(2026, 3, 24),
    )
    Contact.objects.create(
        job_application=app,
        name="Dana Reyes",
        email="dana@genuent.example",
        role="recruiter",
        phone="=1+2",
        source=Source.EMAIL,
        msg_id="m-1",
        created_date=datetime(2026, 2, 2, 10, tzinfo=UTC),
    )
    Contact.objects.create(
        job_application=app,
        email="gone@genuent.example",
        deleted_at=datetime(2026, 2, 3, tzinfo=UTC),
    )
    Event.objects.create(
        job_application=app,
        start=datetime(2026, 3, 3, 22, tzinfo=UTC),
        end=datetime(2026, 3, 3, 23, tzinfo=UTC),
        kind="video",
        location="https://meet.example/x",
        msg_id="m-2",
        evidence="Tuesday, March 3 at 2:00 PM PST",
    )
    Event.objects.create(
        job_application=app,
        start=datetime(2026, 3, 9, 17, tzinfo=UTC),
        kind="onsite",
        deleted_at=datetime(2026, 3, 1, tzinfo=UTC),
    )
    return app


def test_export_has_follow_up_day_contacts_and_events(auth_client, user):
    tracked(user)
    row = export_rows(auth_client)[0]
    assert row["follow_up_on"] == "2026-03-24"
    assert json.loads(row["contacts"]) == [
        {
            "name": "Dana Reyes",
            "email": "dana@genuent.example",
            "phone": "=1+2",
            "role": "recruiter",
            "linkedin_url": "",
            "notes": "",
            "created_date": "2026-02-02T10:00:00Z",
        }
    ]  # the deleted contact is not exported
    assert json.loads(row["events"]) == [
        {
            "start": "2026-03-03T22:00:00Z",
            "end": "2026-03-03T23:00:00Z",
            "kind": "video",
            "location": "https://meet.example/x",
            "notes": "",
            "msg_id": "m-2",
            "evidence": "Tuesday, March 3 at 2:00 PM PST",
        }
    ]


def test_another_account_imports_them_and_a_second_import_changes_nothing(
    auth_client, other_client, user, other_user
):
    tracked(user)
    text = export_text(auth_client)
    assert assert_ok(import_text(other_client, text))["created"] == 1
    app = JobApplication.objects.get(user=other_user)
    assert app.follow_up_on == date(2026, 3, 24)
    contact = Contact.objects.get(job_application=app)
    assert (contact.name, contact.email, contact.phone, contact.source) == (
        "Dana Reyes",
        "dana@genuent.example",
        "=1+2",
        Source.IMPORT,
    )
    event = Event.objects.get(job_application=app)
    assert (event.start, event.kind, event.msg_id, event.source) == (
        datetime(2026, 3, 3, 22, tzinfo=UTC),
        "video",
        "m-2",
        Source.IMPORT,
    )

    for client in (other_client, auth_client):  # again, and the owner's own export
        summary = assert_ok(import_text(client, export_text(client)))
        assert (summary["created"], summary["updated"]) == (0, 0)
    assert Contact.objects.count() == 3 and Event.objects.count() == 3


def test_an_import_adds_what_is_new_and_never_what_the_user_deleted(auth_client, user):
    app = tracked(user)
    contacts = json.dumps(
        [
            {"name": "Dana R.", "email": "DANA@genuent.example"},  # already there
            {"email": "gone@genuent.example"},  # the user deleted this person
            {"name": "Lee", "role": "hiring manager"},
        ]
    )
    events = json.dumps(
        [
            {"start": "2026-03-03T14:00:00-08:00", "kind": "phone"},  # that instant: already there
            {"start": "2026-03-09T17:00:00Z", "kind": "onsite"},  # deleted by the user
            {"start": "2026-03-12T10:00:00", "kind": "assessment-deadline"},
        ]
    )
    text = csv_text(
        [
            "Android Developer",
            "Genuent",
            "Applied",
            "2026-02-01T09:00:00Z",
            "2026-03-30",
            contacts,
            events,
        ]
    )
    summary = assert_ok(import_text(auth_client, text))
    assert (summary["matched"], summary["updated"]) == (1, 1)
    app.refresh_from_db()
    assert app.follow_up_on == date(2026, 3, 30)
    assert sorted(Contact.objects.filter(deleted_at=None).values_list("name", flat=True)) == [
        "Dana Reyes",
        "Lee",
    ]
    assert Event.objects.filter(deleted_at=None).count() == 2


@pytest.mark.parametrize(
    "column, cell, message",
    [
        ("contacts", "not json", "Expected a JSON list of contacts."),
        ("contacts", json.dumps({"name": "x"}), "Expected a JSON list of contacts."),
        ("contacts", json.dumps(["Dana"]), "Each entry must be an object."),
        ("contacts", json.dumps([{"role": "recruiter"}]), "A contact needs a name or an email."),
        ("contacts", json.dumps([{"email": "not an email"}]), "email: Not valid: not an email"),
        ("contacts", json.dumps([{"name": 5}]), "name: At most 200 characters of text."),
        ("contacts", json.dumps([{"name": "x" * 201}]), "name: At most 200 characters of text."),
        ("events", json.dumps([{"kind": "video"}]), "start: An event needs its start."),
        ("events", json.dumps([{"start": "soon", "kind": "video"}]), "start: Bad date: soon"),
        (
            "events",
            json.dumps([{"start": "2026-03-03T10:00:00Z", "kind": "lunch"}]),
            "kind: One of phone, video, onsite, assessment-deadline.",
        ),
        (
            "events",
            json.dumps(
                [{"start": "2026-03-03T10:00:00Z", "end": "2026-03-03T09:00:00Z", "kind": "video"}]
            ),
            "end: Must not be before start.",
        ),
        ("follow_up_on", "next week", None),
    ],
)
def test_a_bad_cell_imports_nothing(auth_client, user, column, cell, message):
    row = {
        "job_title": "Dev",
        "company": "Acme",
        "status": "Applied",
        "apply_date": "2026-02-01",
        "follow_up_on": "",
        "contacts": "",
        "events": "",
    }
    good = dict(row, job_title="Other")
    row[column] = cell
    body = assert_invalid(
        import_text(auth_client, csv_text(list(good.values()), list(row.values())))
    )
    messages = body["data"]["fields"][f"row 3: {column}"]
    assert message is None or messages == [message]
    assert not JobApplication.objects.exists()


def test_more_contacts_than_the_limit_is_413(auth_client, monkeypatch):
    monkeypatch.setattr(csv_io, "MAX_CONTACTS", 2)
    contacts = json.dumps([{"name": f"P{n}"} for n in range(3)])
    body = assert_error(
        import_text(
            auth_client, csv_text(["Dev", "Acme", "Applied", "2026-02-01", "", contacts, ""])
        ),
        413,
        18,
    )
    assert body["data"]["fields"] == {"contacts": ["Line 2: at most 2 contacts per application."]}
    assert not JobApplication.objects.exists()


def test_contacts_and_events_count_towards_the_files_entries(auth_client, monkeypatch):
    monkeypatch.setattr(csv_io, "MAX_ENTRIES", 3)
    contacts = json.dumps([{"name": "A"}, {"name": "B"}])
    events = json.dumps(
        [
            {"start": "2026-03-03T10:00:00Z", "kind": "video"},
            {"start": "2026-03-04T10:00:00Z", "kind": "video"},
        ]
    )
    assert_error(
        import_text(
            auth_client, csv_text(["Dev", "Acme", "Applied", "2026-02-01", "", contacts, events])
        ),
        413,
        18,
    )
    assert not JobApplication.objects.exists()


def test_the_documented_limits_are_the_ones_enforced():
    assert (csv_io.MAX_CONTACTS, csv_io.MAX_EVENTS) == (100, 100)
