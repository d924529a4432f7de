"""The /api/jobapps/ endpoints as the web client uses them (CONTRACT.md §4)."""

from datetime import UTC, datetime

import pytest

from jobapps.models import ApplicationStatus, JobApplication, JobEmail, Note, Source, StatusHistory
from jobapps.serializers import JobappOutput, jobapp_instance_data
from jobapps.tests.helpers import JOBAPP_KEYS, add_payload, url
from tests.factories import JobApplicationFactory, NoteFactory
from tests.helpers import assert_invalid, assert_not_found, assert_ok

pytestmark = pytest.mark.django_db


def history_statuses(jobapp_id: int) -> list[int | None]:
    return list(
        StatusHistory.objects.filter(job_application_id=jobapp_id)
        .order_by("changed_at", "id")
        .values_list("application_status_id", flat=True)
    )


# --- statuses -------------------------------------------------------------------------------


def test_get_statuses_lists_the_seeded_statuses_by_id(auth_client):
    assert assert_ok(auth_client.get(url("get_statuses"))) == [
        {"id": 1, "value": "Applied"},
        {"id": 2, "value": "To Apply"},
        {"id": 3, "value": "Phone Screen"},
        {"id": 4, "value": "Onsite Interview"},
        {"id": 5, "value": "Offer"},
    ]


# --- add_jobapp -----------------------------------------------------------------------------


def test_add_jobapp_returns_the_contract_object_and_writes_first_history_row(auth_client, user):
    data = assert_ok(
        auth_client.post(
            url("add_jobapp"),
            add_payload(
                job_title="  Android Developer ",
                company=" Genuent",
                status_id="1",
                application_date="2019-01-23T15:18:12+01:00",
            ),
            format="json",
        )
    )

    assert list(data)[:10] == JOBAPP_KEYS
    assert data == {
        "id": data["id"],
        "applicationStatus": {"id": 1, "value": "Applied"},
        "jobTitle": "Android Developer",
        "company": "Genuent",
        "companyLogo": None,
        "applyDate": "2019-01-23T14:18:12Z",
        "msgId": "",
        "source": "LinkedIn",
        "isRejected": False,
        "user": user.id,
        "jobUrl": "",
        "location": "",
        "salary": "",
        "followUpOn": None,
    }
    history = StatusHistory.objects.get(job_application_id=data["id"])
    assert (history.application_status_id, history.changed_by) == (1, Source.USER)


def test_add_jobapp_takes_a_bare_date_as_midnight_utc_and_source_defaults_to_empty(auth_client):
    payload = add_payload(application_date="2019-01-23")
    del payload["source"]
    data = assert_ok(auth_client.post(url("add_jobapp"), payload, format="json"))
    assert (data["applyDate"], data["source"]) == ("2019-01-23T00:00:00Z", "")


def test_add_jobapp_without_status_id_is_applied(auth_client):
    payload = add_payload()
    del payload["status_id"]
    data = assert_ok(auth_client.post(url("add_jobapp"), payload, format="json"))
    assert data["applicationStatus"] == {"id": 1, "value": "Applied"}
    assert history_statuses(data["id"]) == [1]


BAD_ADD_PAYLOADS = {
    "missing title": add_payload(job_title=None),
    "missing company": add_payload(company=None),
    "missing date": add_payload(application_date=None),
    "status zero": add_payload(status_id=0),
    "blank title": add_payload(job_title="   "),
    "blank company": add_payload(company=""),
    "unknown status": add_payload(status_id=99),
    "non-numeric status": add_payload(status_id="abc"),
    "boolean status": add_payload(status_id=True),
    "huge status": add_payload(status_id=2**70),
    "impossible date": add_payload(application_date="2019-02-30"),
    "words for date": add_payload(application_date="yesterday"),
    "numeric date": add_payload(application_date=20190123),
    "numeric title": add_payload(job_title=123),
    "list title": add_payload(job_title=["a"]),
    "10k title": add_payload(job_title="x" * 10_000),
    "10k company": add_payload(company="x" * 10_000),
    "10k source": add_payload(source="x" * 10_000),
    "NUL in title": add_payload(job_title="a\x00b"),
}


@pytest.mark.parametrize("payload", BAD_ADD_PAYLOADS.values(), ids=BAD_ADD_PAYLOADS.keys())
def test_add_jobapp_refuses_bad_input_with_code_10(auth_client, payload):
    payload = {key: value for key, value in payload.items() if value is not None}
    assert_invalid(auth_client.post(url("add_jobapp"), payload, format="json"))
    assert not JobApplication.objects.exists()


@pytest.mark.parametrize("body", ["[1, 2]", '"text"', "null", "42", "{bad json"])
def test_add_jobapp_refuses_a_body_that_is_not_an_object(auth_client, body):
    response = auth_client.post(url("add_jobapp"), body, content_type="application/json")
    assert_invalid(response)


def test_add_jobapp_refuses_form_bodies_with_415(auth_client):
    response = auth_client.post(url("add_jobapp"), add_payload())
    assert response.json()["error_code"] == 15


# --- get_jobapps ----------------------------------------------------------------------------


def make_app(user, **fields):
    return JobApplicationFactory(user=user, **fields)


def ids(response) -> list[int]:
    return [row["id"] for row in assert_ok(response)]


def test_get_jobapps_lists_own_live_apps_newest_first(auth_client, user, other_user):
    old = make_app(user, apply_date=datetime(2019, 1, 1, tzinfo=UTC))
    new = make_app(user, apply_date=datetime(2019, 3, 1, tzinfo=UTC))
    make_app(user, is_deleted=True)
    make_app(other_user)

    response = auth_client.get(url("get_jobapps"))
    assert ids(response) == [new.id, old.id]
    assert "pagination" not in response.json()
    assert list(assert_ok(response)[0])[:10] == JOBAPP_KEYS


def test_get_jobapps_answers_the_web_clients_json_content_type_and_trailing_slash(
    auth_client, user
):
    app = make_app(user)
    response = auth_client.generic("GET", url("get_jobapps/"), content_type="application/json")
    assert ids(response) == [app.id]


def test_get_jobapps_filters_by_status(auth_client, user):
    make_app(user, application_status_id=1)
    screen = make_app(user, application_status_id=3)
    assert ids(auth_client.get(url("get_jobapps"), {"status_id": "3"})) == [screen.id]
    # A known status the user has no applications in is an empty list, not an error.
    assert ids(auth_client.get(url("get_jobapps"), {"status_id": 5})) == []


@pytest.mark.parametrize(
    "params",
    [
        {"status_id": "99"},
        {"status_id": "abc"},
        {"status_id": "1.5"},
        {"status_id": ""},
        {"ordering": "password"},
        {"page": "0"},
        {"page_size": "100000"},
        {"rejected": "maybe"},
        {"from": "not-a-date"},
        {"from": "2019-03-01", "to": "2019-01-01"},
        {"q": "x" * 10_000},
    ],
)
def test_get_jobapps_refuses_bad_filters(auth_client, user, params):
    make_app(user)
    assert_invalid(auth_client.get(url("get_jobapps"), params))


def test_get_jobapps_search_source_rejected_and_dates(auth_client, user):
    kotlin = make_app(
        user,
        job_title="Kotlin Dev",
        company="Acme",
        source="Indeed",
        apply_date=datetime(2019, 1, 10, 9, tzinfo=UTC),
    )
    acme_java = make_app(
        user,
        job_title="Java Dev",
        company="ACME Corp",
        is_rejected=True,
        apply_date=datetime(2019, 2, 10, 23, 59, tzinfo=UTC),
    )
    make_app(
        user, job_title="Go Dev", company="Initech", apply_date=datetime(2019, 3, 1, tzinfo=UTC)
    )

    get = lambda **params: ids(auth_client.get(url("get_jobapps"), params))  # noqa: E731
    assert get(q="acme") == [acme_java.id, kotlin.id]
    assert get(q="kotlin") == [kotlin.id]
    assert get(source="indeed") == [kotlin.id]
    assert get(rejected="true") == [acme_java.id]
    assert len(get(rejected="false")) == 2
    # `to` as a bare date includes that whole day.
    assert get(**{"from": "2019-01-10", "to": "2019-02-10"}) == [acme_java.id, kotlin.id]
    assert get(**{"from": "2019-01-11T00:00:00Z"}) == [get()[0], acme_java.id]


def test_get_jobapps_ordering(auth_client, user):
    beta = make_app(user, company="Beta", application_status_id=3)
    alpha = make_app(user, company="alpha", application_status_id=1)
    gamma = make_app(user, company="Gamma", application_status_id=2)

    def ordered(ordering):
        return ids(auth_client.get(url("get_jobapps"), {"ordering": ordering}))

    assert ordered("company") == [alpha.id, beta.id, gamma.id]
    assert ordered("-company") == [gamma.id, beta.id, alpha.id]
    assert ordered("status_id") == [alpha.id, gamma.id, beta.id]
    # Same apply date: the newest id first.
    assert ordered("-apply_date") == [gamma.id, alpha.id, beta.id]
    # The objects' own (camelCase) key names mean the same.
    assert ordered("applicationStatus") == ordered("status_id")
    assert ordered("-applyDate") == ordered("-apply_date")


def test_get_jobapps_ordering_by_camel_case_names(auth_client, user):
    old = make_app(user, job_title="b", apply_date=datetime(2019, 1, 1, tzinfo=UTC))
    new = make_app(user, job_title="A", apply_date=datetime(2019, 2, 1, tzinfo=UTC))
    JobApplication.objects.filter(pk=old.pk).update(updated_at=datetime(2020, 1, 1, tzinfo=UTC))
    JobApplication.objects.filter(pk=new.pk).update(updated_at=datetime(2019, 6, 1, tzinfo=UTC))

    def ordered(ordering):
        return ids(auth_client.get(url("get_jobapps"), {"ordering": ordering}))

    assert ordered("applyDate") == [old.id, new.id]
    assert ordered("jobTitle") == [new.id, old.id]
    assert ordered("-jobTitle") == [old.id, new.id]
    assert ordered("updatedAt") == [new.id, old.id]
    assert ordered("-updatedAt") == ordered("-updated_at") == [old.id, new.id]


def test_a_bad_ordering_lists_the_valid_values(auth_client, user):
    body = assert_invalid(auth_client.get(url("get_jobapps"), {"ordering": "salary"}))
    message = body["data"]["fields"]["ordering"][0]
    assert message.startswith('"salary" is not a valid ordering.')
    for name in ("applyDate", "jobTitle", "company", "updatedAt", "applicationStatus"):
        assert name in message


def test_get_jobapps_paging_adds_pagination_after_data(auth_client, user):
    apps = [make_app(user) for _ in range(5)]
    newest_first = [app.id for app in reversed(apps)]

    body = auth_client.get(url("get_jobapps"), {"page": 2, "page_size": 2}).json()
    assert list(body) == ["success", "error_code", "error_message", "data", "pagination"]
    assert [row["id"] for row in body["data"]] == newest_first[2:4]
    assert body["pagination"] == {"current_page": 2, "page_count": 3, "total_count": 5}

    past_the_end = auth_client.get(url("get_jobapps"), {"page": 9, "page_size": 2}).json()
    assert past_the_end["data"] == []
    assert past_the_end["pagination"]["total_count"] == 5

    only_size = auth_client.get(url("get_jobapps"), {"page_size": 10}).json()
    assert only_size["pagination"] == {"current_page": 1, "page_count": 1, "total_count": 5}


# --- update_jobapp / edit_jobapp / delete_jobapp --------------------------------------------


def test_status_change_appends_history_and_same_status_does_not(auth_client, user):
    app = make_app(user, application_status_id=1)

    data = assert_ok(
        auth_client.post(url("update_jobapp"), {"jobapp_id": app.id, "status_id": 3}, format="json")
    )
    assert data["applicationStatus"] == {"id": 3, "value": "Phone Screen"}
    assert list(data)[:10] == JOBAPP_KEYS
    assert_ok(
        auth_client.post(
            url("update_jobapp"), {"jopapp_id": app.id, "status_id": "3"}, format="json"
        )
    )
    assert history_statuses(app.id) == [1, 3]

    history = assert_ok(auth_client.get(url("get_status_history"), {"jopapp_id": app.id}))
    assert [row["applicationStatus"] for row in history] == [
        {"id": 1, "value": "Applied"},
        {"id": 3, "value": "Phone Screen"},
    ]
    assert all(row["update_date"].endswith("Z") for row in history)


@pytest.mark.parametrize("rejected, expected", [(True, True), ("true", True), ("false", False)])
def test_rejection_flag_is_orthogonal_to_status(auth_client, user, rejected, expected):
    app = make_app(user, is_rejected=not expected)
    data = assert_ok(
        auth_client.post(
            url("update_jobapp"), {"jobapp_id": app.id, "rejected": rejected}, format="json"
        )
    )
    assert data["isRejected"] is expected
    assert data["applicationStatus"] == {"id": 1, "value": "Applied"}
    assert history_statuses(app.id) == [1]


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"status_id": 2},
        {"jobapp_id": "x", "status_id": 2},
        {"jobapp_id": 1},
        {"jobapp_id": 1, "status_id": 99},
        {"jobapp_id": 1, "rejected": "maybe"},
        {"jobapp_id": 1, "rejected": None},
        {"jobapp_id": 2**64, "status_id": 2},
    ],
)
def test_update_jobapp_refuses_bad_input(auth_client, user, payload):
    app = make_app(user, id=1)
    assert_invalid(auth_client.post(url("update_jobapp"), payload, format="json"))
    app.refresh_from_db()
    assert (app.application_status_id, app.is_rejected) == (1, False)


def test_edit_jobapp_changes_typed_fields_and_normalises_the_job_url(auth_client, user):
    app = make_app(user)
    data = assert_ok(
        auth_client.post(
            url("edit_jobapp"),
            {
                "jobapp_id": app.id,
                "job_title": " Staff Engineer ",
                "company": "Initech",
                "application_date": "2020-05-01",
                "source": "Referral",
                "location": "Berlin",
                "salary": "90k",
                "job_url": "HTTPS://Jobs.Example.com/view/7/?utm_source=li#apply",
            },
            format="json",
        )
    )
    assert data["jobTitle"] == "Staff Engineer"
    assert (data["company"], data["applyDate"], data["source"]) == (
        "Initech",
        "2020-05-01T00:00:00Z",
        "Referral",
    )
    assert (data["jobUrl"], data["location"], data["salary"]) == (
        "https://jobs.example.com/view/7",
        "Berlin",
        "90k",
    )
    assert data["applicationStatus"] == {"id": 1, "value": "Applied"}


def test_edit_jobapp_refuses_a_posting_another_application_tracks(auth_client, user):
    make_app(user, job_url="https://example.com/job/1")
    app = make_app(user)
    response = auth_client.post(
        url("edit_jobapp"),
        {"jobapp_id": app.id, "job_url": "https://EXAMPLE.com/job/1/"},
        format="json",
    )
    assert assert_invalid(response)["data"]["fields"]["job_url"]
    app.refresh_from_db()
    assert app.job_url == ""


@pytest.mark.parametrize(
    "payload",
    [
        {"job_title": "x"},
        {"jobapp_id": 1},
        {"jobapp_id": 1, "job_title": ""},
        {"jobapp_id": 1, "job_url": "not a url"},
        {"jobapp_id": 1, "salary": "x" * 10_000},
        {"jobapp_id": 1, "application_date": "2019-13-01"},
    ],
)
def test_edit_jobapp_refuses_bad_input(auth_client, user, payload):
    app = make_app(user, id=1, job_title="Before")
    assert_invalid(auth_client.post(url("edit_jobapp"), payload, format="json"))
    app.refresh_from_db()
    assert app.job_title == "Before"


def test_delete_is_soft_and_hides_the_application_everywhere(auth_client, user):
    app = make_app(user)
    NoteFactory(job_application=app)
    assert (
        assert_ok(auth_client.post(url("delete_jobapp"), {"jobapp_id": app.id}, format="json"))
        is None
    )

    assert JobApplication.objects.filter(pk=app.id, is_deleted=True).exists()
    assert ids(auth_client.get(url("get_jobapps"))) == []
    for name in ("get_jobapp_detail", "get_jobapp_notes", "get_status_history"):
        assert_not_found(auth_client.get(url(name), {"jobapp_id": app.id}))
    assert_not_found(auth_client.post(url("delete_jobapp"), {"jobapp_id": app.id}, format="json"))
    assert_not_found(
        auth_client.post(url("update_jobapp"), {"jobapp_id": app.id, "status_id": 2}, format="json")
    )


# --- detail ---------------------------------------------------------------------------------


def test_detail_without_posting_or_emails(auth_client, user):
    app = make_app(user)
    data = assert_ok(auth_client.get(url("get_jobapp_detail"), {"jopapp_id": app.id}))
    assert list(data) == ["jobapp", "posting", "emails", "suggestions"]
    assert data["jobapp"]["id"] == app.id and list(data["jobapp"])[:10] == JOBAPP_KEYS
    assert (data["posting"], data["emails"], data["suggestions"]) == (None, [], [])


def test_detail_shows_posting_and_emails_newest_first(auth_client, user):
    app = make_app(
        user, job_url="https://example.com/j/1", location="Remote", description="Build things"
    )

    def email(msg_id, day, **fields):
        return JobEmail.objects.create(
            user=user,
            job_application=app,
            msg_id=msg_id,
            subject=f"About {msg_id}",
            body="Thanks for applying",
            sender="jobs@acme.test",
            date=datetime(2019, 1, day, tzinfo=UTC),
            **fields,
        )

    email("m1", 1, kind=JobEmail.Kind.APPLICATION_CONFIRMATION)
    email(
        "m2",
        5,
        kind=JobEmail.Kind.INTERVIEW_INVITATION,
        outcome=JobEmail.Outcome.SUGGESTION,
        confidence=0.4,
        evidence="Would you be free for a call?",
    )
    data = assert_ok(auth_client.get(url("get_jobapp_detail"), {"jobapp_id": app.id}))

    assert data["posting"] == {
        "jobUrl": "https://example.com/j/1",
        "location": "Remote",
        "salary": "",
        "description": "Build things",
    }
    assert data["emails"][0] == {
        "subject": "About m2",
        "body": "Thanks for applying",
        "date": "2019-01-05T00:00:00Z",
        "msgId": "m2",
        "kind": "interview_invitation",
        "sender": "jobs@acme.test",
    }
    assert [e["msgId"] for e in data["emails"]] == ["m2", "m1"]
    assert data["suggestions"] == [
        {
            "msgId": "m2",
            "kind": "interview_invitation",
            "confidence": 0.4,
            "evidence": "Would you be free for a call?",
            "date": "2019-01-05T00:00:00Z",
        }
    ]


# --- notes ----------------------------------------------------------------------------------


def test_note_lifecycle(auth_client, user):
    app = make_app(user)
    note = assert_ok(
        auth_client.post(
            url("add_jobapp_note"),
            {"jopapp_id": app.id, "description": " Call back "},
            format="json",
        )
    )
    assert list(note) == ["id", "description", "created_date", "update_date"]
    assert (note["description"], note["update_date"]) == ("Call back", None)
    assert note["created_date"].endswith("Z")
    second = assert_ok(
        auth_client.post(
            url("add_jobapp_note"), {"jobapp_id": app.id, "description": "Second"}, format="json"
        )
    )

    updated = assert_ok(
        auth_client.post(
            url("update_jobapp_note"),
            {"jobapp_note_id": note["id"], "description": "Called"},
            format="json",
        )
    )
    assert updated["description"] == "Called" and updated["update_date"].endswith("Z")

    listed = assert_ok(auth_client.get(url("get_jobapp_notes"), {"jobapp_id": app.id}))
    assert [n["id"] for n in listed] == [note["id"], second["id"]]

    assert (
        assert_ok(
            auth_client.post(
                url("delete_jobapp_note"), {"jobapp_note_id": note["id"]}, format="json"
            )
        )
        is None
    )
    assert not Note.objects.filter(pk=note["id"]).exists()


@pytest.mark.parametrize(
    "name, payload",
    [
        ("add_jobapp_note", {"jobapp_id": 1, "description": ""}),
        ("add_jobapp_note", {"jobapp_id": 1}),
        ("add_jobapp_note", {"description": "x"}),
        ("add_jobapp_note", {"jobapp_id": 1, "description": "x" * 10_000}),
        ("update_jobapp_note", {"jobapp_note_id": 1, "description": "  "}),
        ("update_jobapp_note", {"jobapp_note_id": "one", "description": "x"}),
        ("delete_jobapp_note", {}),
    ],
)
def test_note_endpoints_refuse_bad_input(auth_client, user, name, payload):
    note = NoteFactory(id=1, job_application=make_app(user, id=1), description="Kept")
    assert_invalid(auth_client.post(url(name), payload, format="json"))
    note.refresh_from_db()
    assert (note.description, Note.objects.count()) == ("Kept", 1)


# --- shapes and cache invalidation ----------------------------------------------------------


def test_documented_jobapp_shape_is_the_returned_shape(user):
    app = make_app(user)
    app.application_status = ApplicationStatus.objects.get(pk=1)
    assert list(jobapp_instance_data(app)) == list(JobappOutput().fields)


@pytest.mark.parametrize(
    "name, payload",
    [
        ("add_jobapp", lambda app, note: add_payload()),
        ("update_jobapp", lambda app, note: {"jobapp_id": app.id, "status_id": 4}),
        ("edit_jobapp", lambda app, note: {"jobapp_id": app.id, "salary": "1"}),
        ("delete_jobapp", lambda app, note: {"jobapp_id": app.id}),
        ("add_jobapp_note", lambda app, note: {"jobapp_id": app.id, "description": "x"}),
        ("update_jobapp_note", lambda app, note: {"jobapp_note_id": note.id, "description": "y"}),
        ("delete_jobapp_note", lambda app, note: {"jobapp_note_id": note.id}),
        (
            "capture",
            lambda app, note: {"job_url": "https://a.test/1", "job_title": "t", "company": "c"},
        ),
    ],
)
def test_every_write_announces_that_the_users_applications_changed(
    auth_client, user, name, payload, django_capture_on_commit_callbacks
):
    from jobapps.events import applications_changed

    app = make_app(user)
    note = NoteFactory(job_application=app)
    announced = []
    receiver = lambda sender, user_id, **kwargs: announced.append(user_id)  # noqa: E731
    applications_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert_ok(auth_client.post(url(name), payload(app, note), format="json"))
    finally:
        applications_changed.disconnect(receiver)
    assert announced == [user.id]
