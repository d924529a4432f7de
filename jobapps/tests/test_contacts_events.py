"""Contacts and interview events of an application: the endpoints (shaped and guarded like the
notes endpoints) and the services the mail import calls (contact_add_from_mail,
event_add_from_mail)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, transaction
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from jobapps import services
from jobapps.models import Contact, Event, JobApplication, Note, Source
from jobapps.tests.helpers import url
from tests.factories import JobApplicationFactory
from tests.helpers import assert_error, assert_invalid, assert_not_found, assert_ok

pytestmark = pytest.mark.django_db

CONTACT_KEYS = [
    "id",
    "name",
    "email",
    "phone",
    "role",
    "linkedin_url",
    "notes",
    "source",
    "msg_id",
    "created_date",
    "update_date",
]
EVENT_KEYS = [
    "id",
    "start",
    "end",
    "kind",
    "location",
    "notes",
    "source",
    "msg_id",
    "evidence",
    "created_date",
    "update_date",
]
START = datetime(2026, 3, 3, 22, 0, tzinfo=UTC)


def post(client, name, payload):
    return client.post(url(name), payload, format="json")


def snapshot() -> list:
    return [
        [model_to_dict(row) for row in model.objects.order_by("pk")]
        for model in (JobApplication, Contact, Event, Note)
    ]


# --- contacts through the API -----------------------------------------------------------------


def test_contact_lifecycle(auth_client, user):
    app = JobApplicationFactory(user=user)
    dana = assert_ok(
        post(
            auth_client,
            "add_jobapp_contact",
            {
                "jopapp_id": app.id,
                "name": " Dana Reyes ",
                "email": "dana@acme.example",
                "role": "recruiter",
                "phone": "+1 555 0100",
                "linkedin_url": "https://www.linkedin.com/in/danareyes",
            },
        )
    )
    assert list(dana) == CONTACT_KEYS
    assert (dana["name"], dana["source"], dana["msg_id"], dana["update_date"]) == (
        "Dana Reyes",
        "user",
        "",
        None,
    )
    assert dana["created_date"].endswith("Z")
    lee = assert_ok(
        post(
            auth_client,
            "add_jobapp_contact",
            {"jobapp_id": app.id, "name": "Lee", "role": "hiring manager"},
        )
    )

    updated = assert_ok(
        post(
            auth_client,
            "update_jobapp_contact",
            {"jobapp_contact_id": dana["id"], "notes": "Prefers mornings"},
        )
    )
    assert (updated["notes"], updated["name"]) == ("Prefers mornings", "Dana Reyes")
    assert updated["update_date"].endswith("Z")

    listed = assert_ok(auth_client.get(url("get_jobapp_contacts"), {"jobapp_id": app.id}))
    assert [c["id"] for c in listed] == [dana["id"], lee["id"]]
    assert assert_ok(auth_client.get(url("get_jobapp_contacts"), {"jopapp_id": app.id})) == listed

    assert (
        assert_ok(post(auth_client, "delete_jobapp_contact", {"jobapp_contact_id": dana["id"]}))
        is None
    )
    listed = assert_ok(auth_client.get(url("get_jobapp_contacts"), {"jobapp_id": app.id}))
    assert [c["id"] for c in listed] == [lee["id"]]
    # What the user wrote about Dana is gone; only the address is kept, hidden, for mail.
    kept = Contact.objects.get(pk=dana["id"])
    assert (kept.name, kept.phone, kept.notes, kept.email) == ("", "", "", "dana@acme.example")
    assert_not_found(
        post(
            auth_client, "update_jobapp_contact", {"jobapp_contact_id": dana["id"], "name": "Back"}
        )
    )
    # A contact without an email leaves nothing behind.
    assert_ok(post(auth_client, "delete_jobapp_contact", {"jobapp_contact_id": lee["id"]}))
    assert not Contact.objects.filter(pk=lee["id"]).exists()


def test_one_email_is_one_person_per_application(auth_client, user):
    app, other_app = JobApplicationFactory(user=user), JobApplicationFactory(user=user)
    first = assert_ok(
        post(auth_client, "add_jobapp_contact", {"jobapp_id": app.id, "email": "dana@acme.example"})
    )
    body = assert_invalid(
        post(auth_client, "add_jobapp_contact", {"jobapp_id": app.id, "email": "DANA@Acme.example"})
    )
    assert body["data"]["fields"] == {
        "email": ["Another contact of this application has this email."]
    }
    # The same person at another application is another contact.
    assert_ok(
        post(
            auth_client,
            "add_jobapp_contact",
            {"jobapp_id": other_app.id, "email": "dana@acme.example"},
        )
    )
    second = assert_ok(
        post(
            auth_client,
            "add_jobapp_contact",
            {"jobapp_id": app.id, "name": "Sam", "email": "sam@acme.example"},
        )
    )
    assert_invalid(
        post(
            auth_client,
            "update_jobapp_contact",
            {"jobapp_contact_id": second["id"], "email": "Dana@acme.example"},
        )
    )
    # Deleted, the person may be added again by hand.
    assert_ok(post(auth_client, "delete_jobapp_contact", {"jobapp_contact_id": first["id"]}))
    again = assert_ok(
        post(
            auth_client,
            "add_jobapp_contact",
            {"jobapp_id": app.id, "name": "Dana", "email": "dana@acme.example"},
        )
    )
    assert again["name"] == "Dana"
    assert Contact.objects.filter(job_application=app).count() == 2


@pytest.mark.parametrize(
    "name, payload",
    [
        ("add_jobapp_contact", {"jobapp_id": 1}),
        ("add_jobapp_contact", {"jobapp_id": 1, "name": "", "email": ""}),
        ("add_jobapp_contact", {"jobapp_id": 1, "email": "not-an-email"}),
        ("add_jobapp_contact", {"jobapp_id": 1, "name": 7}),
        ("add_jobapp_contact", {"jobapp_id": 1, "name": "x" * 201}),
        (
            "add_jobapp_contact",
            {"jobapp_id": 1, "name": "x", "linkedin_url": "javascript:alert(1)"},
        ),
        ("add_jobapp_contact", {"jobapp_id": 1, "name": "x", "notes": "x" * 10_000}),
        ("add_jobapp_contact", {"name": "x"}),
        ("update_jobapp_contact", {"jobapp_contact_id": 1}),
        ("update_jobapp_contact", {"jobapp_contact_id": 1, "name": "", "email": ""}),
        ("update_jobapp_contact", {"jobapp_contact_id": 1, "name": None}),
        ("update_jobapp_contact", {"jobapp_contact_id": "one", "name": "x"}),
        ("delete_jobapp_contact", {}),
    ],
)
def test_contact_endpoints_refuse_bad_input(auth_client, user, name, payload):
    app = JobApplicationFactory(user=user, id=1)
    Contact.objects.create(id=1, job_application=app, name="Kept")
    before = snapshot()
    assert_invalid(post(auth_client, name, payload))
    assert snapshot() == before


def test_clearing_the_name_of_a_contact_without_email_is_refused(auth_client, user):
    contact = Contact.objects.create(job_application=JobApplicationFactory(user=user), name="K")
    assert_invalid(
        post(auth_client, "update_jobapp_contact", {"jobapp_contact_id": contact.id, "name": ""})
    )
    contact.refresh_from_db()
    assert contact.name == "K"


# --- events through the API -------------------------------------------------------------------


def test_event_lifecycle(auth_client, user, settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    app = JobApplicationFactory(user=user)
    onsite = assert_ok(
        post(
            auth_client,
            "add_jobapp_event",
            {
                "jobapp_id": app.id,
                "start": "2026-03-10T09:30:00",
                "end": "2026-03-10T12:00:00",
                "kind": "onsite",
                "location": "1 Main St",
                "notes": "Bring ID",
            },
        )
    )
    assert list(onsite) == EVENT_KEYS
    # Wall-clock time in TIME_ZONE without an offset: 09:30 PDT is 16:30 UTC.
    assert (onsite["start"], onsite["end"]) == ("2026-03-10T16:30:00Z", "2026-03-10T19:00:00Z")
    assert (onsite["source"], onsite["evidence"], onsite["update_date"]) == ("user", "", None)
    phone = assert_ok(
        post(
            auth_client,
            "add_jobapp_event",
            {"jopapp_id": app.id, "start": "2026-03-03T14:00:00-08:00", "kind": "phone"},
        )
    )
    assert (phone["start"], phone["end"], phone["location"]) == ("2026-03-03T22:00:00Z", None, "")

    listed = assert_ok(auth_client.get(url("get_jobapp_events"), {"jobapp_id": app.id}))
    assert [e["id"] for e in listed] == [phone["id"], onsite["id"]]  # soonest first

    moved = assert_ok(
        post(
            auth_client,
            "update_jobapp_event",
            {"jobapp_event_id": onsite["id"], "start": "2026-03-11T09:30:00-07:00", "end": None},
        )
    )
    assert (moved["start"], moved["end"], moved["location"]) == (
        "2026-03-11T16:30:00Z",
        None,
        "1 Main St",
    )
    assert moved["update_date"].endswith("Z")
    assert Event.objects.get(pk=onsite["id"]).sequence == 1

    assert (
        assert_ok(post(auth_client, "delete_jobapp_event", {"jobapp_event_id": phone["id"]}))
        is None
    )
    listed = assert_ok(auth_client.get(url("get_jobapp_events"), {"jopapp_id": app.id}))
    assert [e["id"] for e in listed] == [onsite["id"]]
    assert_not_found(post(auth_client, "delete_jobapp_event", {"jobapp_event_id": phone["id"]}))


@pytest.mark.parametrize(
    "name, payload",
    [
        ("add_jobapp_event", {"jobapp_id": 1, "kind": "phone"}),
        ("add_jobapp_event", {"jobapp_id": 1, "start": "2026-03-03T10:00:00Z"}),
        ("add_jobapp_event", {"jobapp_id": 1, "start": "2026-03-03T10:00:00Z", "kind": "lunch"}),
        ("add_jobapp_event", {"jobapp_id": 1, "start": "Tuesday 2pm", "kind": "phone"}),
        ("add_jobapp_event", {"jobapp_id": 1, "start": 1772532000, "kind": "phone"}),
        (
            "add_jobapp_event",
            {
                "jobapp_id": 1,
                "start": "2026-03-03T10:00:00Z",
                "end": "2026-03-03T09:00:00Z",
                "kind": "video",
            },
        ),
        (
            "add_jobapp_event",
            {
                "jobapp_id": 1,
                "start": "2026-03-03T10:00:00Z",
                "kind": "video",
                "location": "x" * 501,
            },
        ),
        ("add_jobapp_event", {"start": "2026-03-03T10:00:00Z", "kind": "video"}),
        ("update_jobapp_event", {"jobapp_event_id": 1}),
        ("update_jobapp_event", {"jobapp_event_id": 1, "start": None}),
        ("update_jobapp_event", {"jobapp_event_id": 1, "kind": ""}),
        # Before the stored start (the service checks what the event would become).
        ("update_jobapp_event", {"jobapp_event_id": 1, "end": "2026-03-03T21:00:00Z"}),
        ("delete_jobapp_event", {"jobapp_event_id": []}),
    ],
)
def test_event_endpoints_refuse_bad_input(auth_client, user, name, payload):
    app = JobApplicationFactory(user=user, id=1)
    Event.objects.create(id=1, job_application=app, start=START, kind=Event.Kind.PHONE)
    before = snapshot()
    assert_invalid(post(auth_client, name, payload))
    assert snapshot() == before


# --- ids: deleted, missing, malformed (another user's: tests/test_security_matrix.py) -----------

ID_ENDPOINTS = [
    ("get", "get_jobapp_contacts", lambda o: {"jobapp_id": o["app"].id}),
    ("get", "get_jobapp_contacts", lambda o: {"jopapp_id": o["app"].id}),
    ("post", "add_jobapp_contact", lambda o: {"jobapp_id": o["app"].id, "name": "x"}),
    (
        "post",
        "update_jobapp_contact",
        lambda o: {"jobapp_contact_id": o["contact"].id, "name": "x"},
    ),
    ("post", "delete_jobapp_contact", lambda o: {"jobapp_contact_id": o["contact"].id}),
    ("get", "get_jobapp_events", lambda o: {"jobapp_id": o["app"].id}),
    ("get", "get_jobapp_events", lambda o: {"jopapp_id": o["app"].id}),
    (
        "post",
        "add_jobapp_event",
        lambda o: {"jobapp_id": o["app"].id, "kind": "video", "start": "2026-03-03T10:00:00Z"},
    ),
    ("post", "update_jobapp_event", lambda o: {"jobapp_event_id": o["event"].id, "notes": "x"}),
    ("post", "delete_jobapp_event", lambda o: {"jobapp_event_id": o["event"].id}),
]
ID_ENDPOINT_IDS = [f"{name}-{index}" for index, (_, name, _) in enumerate(ID_ENDPOINTS)]


def objects_of(app) -> dict:
    return {
        "app": app,
        "contact": Contact.objects.create(job_application=app, name="C", email="c@x.example"),
        "event": Event.objects.create(job_application=app, start=START, kind="phone"),
    }


def call(client, method, name, params):
    if method == "get":
        return client.get(url(name), params)
    return post(client, name, params)


@pytest.mark.parametrize("method, name, build", ID_ENDPOINTS, ids=ID_ENDPOINT_IDS)
def test_ids_of_deleted_applications_are_not_found(auth_client, user, method, name, build):
    objects = objects_of(JobApplicationFactory(user=user, is_deleted=True))
    before = snapshot()
    assert_not_found(call(auth_client, method, name, build(objects)))
    assert snapshot() == before


@pytest.mark.parametrize("method, name, build", ID_ENDPOINTS, ids=ID_ENDPOINT_IDS)
def test_ids_that_do_not_exist_are_not_found(auth_client, method, name, build):
    missing = type("Missing", (), {"id": 987654})()
    assert_not_found(
        call(
            auth_client, method, name, build({"app": missing, "contact": missing, "event": missing})
        )
    )


BAD_IDS = ["abc", "", "1e3", "-1", "0", " ", "1.5", "9" * 10_000, str(2**64)]
BAD_JSON_IDS = [*BAD_IDS, True, None, 1.5, 2**64, [1], {"id": 1}]


@pytest.mark.parametrize("method, name, build", ID_ENDPOINTS, ids=ID_ENDPOINT_IDS)
def test_bad_ids_are_invalid_parameters(auth_client, user, method, name, build):
    objects = objects_of(JobApplicationFactory(user=user))
    before = snapshot()
    for bad_id in BAD_IDS if method == "get" else BAD_JSON_IDS:
        params = build(objects)
        id_key = next(key for key in params if key.endswith("_id"))
        params[id_key] = bad_id
        assert_invalid(call(auth_client, method, name, params))
    assert snapshot() == before


@pytest.mark.parametrize("name", sorted({n for m, n, _ in ID_ENDPOINTS if m == "post"}))
def test_bodies_that_are_not_objects_are_invalid(auth_client, name):
    for body in ["[]", '[{"jobapp_id": 1}]', '"x"', "1", "null", "{", "\x00"]:
        assert_invalid(auth_client.post(url(name), body, content_type="application/json"))


@pytest.mark.parametrize(
    "method, name", sorted({(m, n) for m, n, _ in ID_ENDPOINTS} | {("get", "get_follow_ups")})
)
def test_wrong_method_is_405(auth_client, method, name):
    other = "post" if method == "get" else "get"
    assert_error(getattr(auth_client, other)(url(name)), 405, 14)


# --- contact_add_from_mail --------------------------------------------------------------------


def from_mail(user, app, email="dana@acme.example", name="Dana Reyes", msg_id="m-1", **extra):
    return services.contact_add_from_mail(
        user=user,
        jobapp_id=app.id,
        name=name,
        email=email,
        role=extra.get("role", "recruiter"),
        msg_id=msg_id,
    )


def test_the_writer_of_a_mail_becomes_a_contact_once(user):
    app = JobApplicationFactory(user=user)
    contact = from_mail(user, app)
    assert (contact.name, contact.email, contact.role, contact.source, contact.msg_id) == (
        "Dana Reyes",
        "dana@acme.example",
        "recruiter",
        Source.EMAIL,
        "m-1",
    )
    # Later mail from the same person (any case) adds nobody.
    assert from_mail(user, app, email="DANA@acme.example", name="D. Reyes", msg_id="m-2") is None
    assert list(Contact.objects.values_list("name", "msg_id")) == [("Dana Reyes", "m-1")]


def test_mail_never_changes_or_brings_back_what_the_user_did(auth_client, user):
    app = JobApplicationFactory(user=user)
    edited, deleted = (
        from_mail(user, app),
        from_mail(user, app, email="sam@acme.example", name="Sam"),
    )
    assert_ok(
        post(
            auth_client,
            "update_jobapp_contact",
            {"jobapp_contact_id": edited.id, "name": "Dana (my recruiter)"},
        )
    )
    assert_ok(post(auth_client, "delete_jobapp_contact", {"jobapp_contact_id": deleted.id}))
    assert from_mail(user, app, msg_id="m-9") is None
    assert from_mail(user, app, email="Sam@acme.example", name="Sam", msg_id="m-9") is None
    listed = assert_ok(auth_client.get(url("get_jobapp_contacts"), {"jobapp_id": app.id}))
    assert [(c["name"], c["msg_id"]) for c in listed] == [("Dana (my recruiter)", "m-1")]


def test_mail_adds_nobody_to_what_is_not_the_users_live_application(user, other_user):
    assert from_mail(user, JobApplicationFactory(user=other_user)) is None
    assert from_mail(user, JobApplicationFactory(user=user, is_deleted=True)) is None
    assert (
        services.contact_add_from_mail(
            user=user, jobapp_id=987654, name="x", email="x@y.example", role="", msg_id="m"
        )
        is None
    )
    app = JobApplicationFactory(user=user)
    for bad in ("", "not an address", "a@b", "x" * 250 + "@acme.example"):
        assert from_mail(user, app, email=bad) is None
    assert not Contact.objects.exists()


def test_mail_text_is_cut_to_the_columns(user):
    contact = from_mail(
        user,
        JobApplicationFactory(user=user),
        name="  " + "N" * 500,
        role="R" * 300,
        msg_id="m" * 400,
    )
    contact.refresh_from_db()
    assert (len(contact.name), len(contact.role), len(contact.msg_id)) == (200, 100, 200)


# --- event_add_from_mail ----------------------------------------------------------------------


def event_from_mail(user, app, start=START, msg_id="m-1", **extra):
    return services.event_add_from_mail(
        user=user,
        jobapp_id=app.id,
        start=start,
        end=extra.get("end"),
        kind=extra.get("kind", Event.Kind.VIDEO),
        location=extra.get("location", "zoom.example/j/1"),
        evidence=extra.get("evidence", "Tuesday, March 3 at 2:00 PM PST"),
        msg_id=msg_id,
    )


def test_a_mail_that_states_the_time_adds_its_event_once(auth_client, user):
    app = JobApplicationFactory(user=user)
    event = event_from_mail(user, app, end=START + timedelta(minutes=45))
    assert (event.source, event.msg_id, event.evidence, event.kind) == (
        Source.EMAIL,
        "m-1",
        "Tuesday, March 3 at 2:00 PM PST",
        "video",
    )
    # Rereading the message, or its calendar invite (another message, the same instant).
    assert event_from_mail(user, app) is None
    assert event_from_mail(user, app, msg_id="m-2-invite") is None
    listed = assert_ok(auth_client.get(url("get_jobapp_events"), {"jobapp_id": app.id}))
    assert [(e["start"], e["end"], e["source"]) for e in listed] == [
        ("2026-03-03T22:00:00Z", "2026-03-03T22:45:00Z", "email")
    ]
    # Another time in another message is another event.
    assert event_from_mail(user, app, start=START + timedelta(days=7), msg_id="m-3") is not None


def test_the_users_edit_or_deletion_wins_over_later_mail(auth_client, user):
    app = JobApplicationFactory(user=user)
    edited = event_from_mail(user, app)
    deleted = event_from_mail(user, app, start=START + timedelta(days=1), msg_id="m-2")
    assert_ok(
        post(
            auth_client,
            "update_jobapp_event",
            {"jobapp_event_id": edited.id, "start": "2026-03-04T18:00:00Z"},
        )
    )
    assert_ok(post(auth_client, "delete_jobapp_event", {"jobapp_event_id": deleted.id}))
    assert event_from_mail(user, app) is None  # the moved one's message, read again
    assert event_from_mail(user, app, start=START + timedelta(days=1), msg_id="m-9") is None
    listed = assert_ok(auth_client.get(url("get_jobapp_events"), {"jobapp_id": app.id}))
    assert [e["start"] for e in listed] == ["2026-03-04T18:00:00Z"]


def test_mail_events_refuse_what_the_caller_got_wrong(user, other_user):
    app = JobApplicationFactory(user=user)
    assert event_from_mail(user, JobApplicationFactory(user=other_user)) is None
    assert event_from_mail(user, JobApplicationFactory(user=user, is_deleted=True)) is None
    with pytest.raises(ValueError):
        event_from_mail(user, app, start=datetime(2026, 3, 3, 14))  # naive: which zone?
    with pytest.raises(ValueError):
        event_from_mail(user, app, kind="lunch")
    with pytest.raises(ValueError):
        event_from_mail(user, app, msg_id="")
    # An end before the start is a misreading: the event keeps its start alone.
    event = event_from_mail(user, app, end=START - timedelta(hours=1))
    assert event.end is None and Event.objects.count() == 1


# --- the mail import applies 100 mails per transaction ------------------------------------------


def test_many_calls_in_one_transaction_cost_a_constant_number_of_queries_each(user):
    apps = [JobApplicationFactory(user=user) for _ in range(3)]
    costs = []
    with transaction.atomic():
        for n in range(100):
            app = apps[n % 3]
            with CaptureQueriesContext(connection) as contact_queries:
                from_mail(user, app, email=f"person{n % 10}@acme.example", msg_id=f"m-{n}")
            with CaptureQueriesContext(connection) as event_queries:
                event_from_mail(user, app, start=START + timedelta(hours=n % 20), msg_id=f"m-{n}")
            costs.append((len(contact_queries), len(event_queries)))
    # Adding costs a check, a savepoint, the insert and its release; finding it known, one check.
    assert set(costs) <= {(1, 1), (4, 1), (1, 4), (4, 4)}
    assert costs[0] == (4, 4) and costs[-1] == (1, 1)
    # 10 people at each of 3 applications; 60 distinct (application, hour) pairs.
    assert (Contact.objects.count(), Event.objects.count()) == (30, 60)


def test_a_lost_race_leaves_the_callers_transaction_usable(user, monkeypatch):
    """Another import adds the same person between the check and the insert: that insert
    fails on the unique constraint inside its own savepoint, and the mail import's transaction
    (on PostgreSQL, aborted by any error outside a savepoint) goes on."""
    app = JobApplicationFactory(user=user)
    with transaction.atomic():
        from_mail(user, app)
        event_from_mail(user, app)
        monkeypatch.setattr(
            services, "_contacts_with_email", lambda jobapp_id, email: Contact.objects.none()
        )
        assert from_mail(user, app, msg_id="m-2") is None
        monkeypatch.setattr(services, "Exists", lambda queryset: services.Value(False))
        assert event_from_mail(user, app, msg_id="m-1") is None
        assert Note.objects.create(job_application=app, description="still usable").pk
    assert (Contact.objects.count(), Event.objects.count(), Note.objects.count()) == (1, 1, 1)
