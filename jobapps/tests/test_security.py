"""Every id is checked against the caller; every endpoint needs a token; no input is a 500."""

import pytest
from django.forms.models import model_to_dict

from jobapps.models import JobApplication, Note, StatusHistory
from jobapps.tests.helpers import url
from tests.factories import JobApplicationFactory, NoteFactory
from tests.helpers import assert_error, assert_invalid, assert_not_found

pytestmark = pytest.mark.django_db

# (method, endpoint, request parameters built from the victim's application and note)
ID_ENDPOINTS = [
    ("get", "get_status_history", lambda app, note: {"jobapp_id": app.id}),
    ("get", "get_status_history", lambda app, note: {"jopapp_id": app.id}),
    ("get", "get_jobapp_detail", lambda app, note: {"jobapp_id": app.id}),
    ("get", "get_jobapp_detail", lambda app, note: {"jopapp_id": app.id}),
    ("get", "get_jobapp_notes", lambda app, note: {"jobapp_id": app.id}),
    ("get", "get_jobapp_notes", lambda app, note: {"jopapp_id": app.id}),
    ("post", "update_jobapp", lambda app, note: {"jobapp_id": app.id, "status_id": 5}),
    ("post", "update_jobapp", lambda app, note: {"jopapp_id": app.id, "rejected": True}),
    ("post", "edit_jobapp", lambda app, note: {"jobapp_id": app.id, "job_title": "Owned"}),
    ("post", "delete_jobapp", lambda app, note: {"jobapp_id": app.id}),
    ("post", "delete_jobapp", lambda app, note: {"jopapp_id": app.id}),
    ("post", "add_jobapp_note", lambda app, note: {"jobapp_id": app.id, "description": "x"}),
    (
        "post",
        "update_jobapp_note",
        lambda app, note: {"jobapp_note_id": note.id, "description": "Owned"},
    ),
    ("post", "delete_jobapp_note", lambda app, note: {"jobapp_note_id": note.id}),
]
ID_ENDPOINT_IDS = [f"{name}-{index}" for index, (_, name, _) in enumerate(ID_ENDPOINTS)]


def snapshot() -> list:
    """Everything the endpoints could change, to prove a refused request changed nothing."""
    return [
        [model_to_dict(row) for row in model.objects.order_by("pk")]
        for model in (JobApplication, StatusHistory, Note)
    ]


def call(client, method, name, params):
    if method == "get":
        return client.get(url(name), params)
    return client.post(url(name), params, format="json")


# Another user's ids, and every endpoint without a valid token: tests/test_security_matrix.py.


@pytest.mark.parametrize("method, name, build", ID_ENDPOINTS, ids=ID_ENDPOINT_IDS)
def test_ids_of_deleted_applications_are_not_found(auth_client, user, method, name, build):
    app = JobApplicationFactory(user=user, is_deleted=True)
    note = NoteFactory(job_application=app)
    before = snapshot()
    assert_not_found(call(auth_client, method, name, build(app, note)))
    assert snapshot() == before


@pytest.mark.parametrize("method, name, build", ID_ENDPOINTS, ids=ID_ENDPOINT_IDS)
def test_ids_that_do_not_exist_are_not_found(auth_client, method, name, build):
    missing = type("Missing", (), {"id": 987654})()
    assert_not_found(call(auth_client, method, name, build(missing, missing)))


BAD_IDS = ["abc", "", "1e3", "-1", "0", " ", "1.5", "9" * 10_000, str(2**64)]
# JSON can carry other types than text.
BAD_JSON_IDS = [*BAD_IDS, True, None, 1.5, 2**64, [1], {"id": 1}]


@pytest.mark.parametrize("method, name, build", ID_ENDPOINTS, ids=ID_ENDPOINT_IDS)
def test_bad_ids_are_invalid_parameters(auth_client, user, method, name, build):
    app = JobApplicationFactory(user=user)
    note = NoteFactory(job_application=app)
    before = snapshot()
    for bad_id in BAD_IDS if method == "get" else BAD_JSON_IDS:
        params = build(app, note)
        id_key = next(key for key in params if key.endswith("_id") and key != "status_id")
        params[id_key] = bad_id
        assert_invalid(call(auth_client, method, name, params))
    assert snapshot() == before


POST_ENDPOINTS = sorted(
    {name for method, name, _ in ID_ENDPOINTS if method == "post"} | {"add_jobapp", "capture"}
)


@pytest.mark.parametrize("name", POST_ENDPOINTS)
def test_bodies_that_are_not_objects_are_invalid(auth_client, name):
    for body in ["[]", '[{"jobapp_id": 1}]', '"x"', "1", "null", "{", "\x00"]:
        assert_invalid(auth_client.post(url(name), body, content_type="application/json"))


ALL_ENDPOINTS = [
    ("get", "get_jobapps"),
    ("get", "get_statuses"),
    ("get", "get_status_history"),
    ("post", "add_jobapp"),
    ("post", "update_jobapp"),
    ("post", "edit_jobapp"),
    ("post", "delete_jobapp"),
    ("get", "get_jobapp_detail"),
    ("post", "add_jobapp_note"),
    ("get", "get_jobapp_notes"),
    ("post", "update_jobapp_note"),
    ("post", "delete_jobapp_note"),
    ("get", "capture"),
    ("post", "capture"),
    ("get", "export_jobapps.csv"),
    ("post", "import_jobapps_csv"),
]


@pytest.mark.parametrize("method, name", ALL_ENDPOINTS)
def test_wrong_method_is_405(auth_client, method, name):
    other = "post" if method == "get" else "get"
    if name == "capture":
        other = "delete"
    assert_error(getattr(auth_client, other)(url(name)), 405, 14)
