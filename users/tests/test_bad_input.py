"""Whatever a client sends, the answer is an envelope: code 10 for bad input, never a 500."""

import json

import pytest

from tests.helpers import assert_error

pytestmark = pytest.mark.django_db

VALID = {
    "register": {
        "first_name": "A",
        "last_name": "B",
        "username": "newbie",
        "email": "newbie@example.com",
        "password": "a-long-enough-passphrase",
        "password2": "a-long-enough-passphrase",
    },
    "login": {
        "client_id": "test-client-id",
        "client_secret": "s",
        "username": "alice",
        "password": "p",
    },
    "logout": {"client_id": "test-client-id", "client_secret": "s", "token": "t"},
    "refresh_token": {"client_id": "test-client-id", "client_secret": "s", "refresh_token": "r"},
    "auth_social_user": {
        "client_id": "test-client-id",
        "client_secret": "s",
        "provider": "google-oauth2",
        "token": "t",
    },
    "request_password_reset": {"email": "alice@example.com"},
    "reset_password": {"uid": "MQ", "token": "t", "password": "p", "password2": "p"},
}
AUTHENTICATED = {
    "me": {"first_name": "A"},
    "change_password": {"old_password": "a", "password": "b", "password2": "b"},
    "update_gmail_token": {"token": "t"},
}
ALL = {**VALID, **AUTHENTICATED}
BAD_VALUES = [123, 1.5, True, None, ["x"], {"x": 1}, "x" * 10_000, "nul\x00byte"]


def post(client, name, payload):
    return client.post(f"/api/users/{name}", json.dumps(payload), content_type="application/json")


@pytest.fixture
def client_for(request):
    """client_for(name): a signed-in client for the endpoints that need one (built only then)."""

    def _client(name):
        fixture = "auth_client" if name in AUTHENTICATED else "api_client"
        return request.getfixturevalue(fixture)

    return _client


@pytest.mark.parametrize("name", sorted(ALL))
@pytest.mark.parametrize("payload", [[], ["a", "b"], "text", 42, None, {}])
def test_body_that_is_not_an_object_or_is_empty_is_10(client_for, name, payload):
    assert_error(post(client_for(name), name, payload), 400, 10)


@pytest.mark.parametrize(
    "name,field", [(name, field) for name in sorted(ALL) for field in ALL[name]]
)
@pytest.mark.parametrize("value", BAD_VALUES, ids=lambda v: type(v).__name__ + str(len(str(v))))
def test_wrong_type_or_oversized_field_is_10(client_for, name, field, value):
    if value is None and name == "me":
        pytest.skip("me takes any subset of its fields")
    payload = {**ALL[name], field: value}
    response = post(client_for(name), name, payload)
    assert_error(response, 400, 10)


@pytest.mark.parametrize(
    "name,field",
    [
        (name, field)
        for name in sorted(ALL)
        for field in ALL[name]
        if name != "me" and field != "client_secret"
    ],
)
def test_missing_field_is_10(client_for, name, field):
    payload = {key: value for key, value in ALL[name].items() if key != field}
    body = assert_error(post(client_for(name), name, payload), 400, 10)
    assert field in body["data"]["fields"]


@pytest.mark.parametrize("name", sorted(ALL))
def test_malformed_json_is_10(client_for, name):
    client = client_for(name)
    response = client.post(f"/api/users/{name}", '{"username": ', content_type="application/json")
    assert_error(response, 400, 10)


@pytest.mark.parametrize("name", sorted(AUTHENTICATED))
def test_non_public_endpoints_take_json_only(auth_client, name):
    response = auth_client.post(f"/api/users/{name}", AUTHENTICATED[name])  # multipart
    assert_error(response, 415, 15)


@pytest.mark.parametrize("name", sorted(ALL))
def test_other_content_types_are_415(client_for, name):
    response = client_for(name).post(f"/api/users/{name}", "<xml/>", content_type="application/xml")
    assert_error(response, 415, 15)


@pytest.mark.parametrize("name", sorted(VALID))
def test_public_endpoints_take_get_as_wrong_method(api_client, name):
    response = api_client.get(f"/api/users/{name}")
    assert response.status_code == 405 and response.json()["error_code"] == 14


@pytest.mark.parametrize(
    "name",
    [
        "get_linkedin_profile",
        "sync_user_emails",
        "get_sync_status",
        "get_user_google_mails",
        "get_user_google_emails",
    ],
)
def test_read_endpoints_refuse_post(auth_client, name):
    response = auth_client.post(f"/api/users/{name}", {}, format="json")
    assert response.status_code == 405 and response.json()["error_code"] == 14
