import pytest
from django.contrib.auth.hashers import check_password
from oauth2_provider.models import AccessToken

from tests.factories import UserFactory
from tests.helpers import (
    CLIENT_SECRET,
    PASSWORD,
    assert_error,
    assert_ok,
    assert_token_object,
    bearer_client,
    stored_access_token,
    stored_refresh_token,
)

pytestmark = pytest.mark.django_db
URL = "/api/users/login"


@pytest.mark.parametrize("username", ["alice", "ALICE", "alice@example.com", "Alice@Example.COM"])
def test_login_by_username_or_email_any_case_returns_a_token_object(login, username):
    data = login(username=username)
    assert_token_object(data)
    token = stored_access_token(data["access_token"])
    assert token.user.username == "alice"
    assert stored_refresh_token(data["refresh_token"]).access_token == token


def test_the_token_works_on_protected_endpoints(login):
    data = login()
    profile = assert_ok(bearer_client(data["access_token"]).get("/api/users/me"))
    assert profile["username"] == "alice"


def test_form_encoded_login(api_client, client_credentials, user):
    body = {**client_credentials, "username": "alice", "password": PASSWORD}
    response = api_client.post(URL, body)
    assert_token_object(assert_ok(response))


@pytest.mark.parametrize(
    "overrides",
    [
        {"password": "wrong-password"},
        {"username": "nobody"},
        {"client_secret": "wrong-secret"},
        {"client_secret": ""},
        {"client_id": "unknown-client"},
    ],
)
def test_bad_password_or_client_is_6(api_client, client_credentials, user, overrides):
    body = {**client_credentials, "username": "alice", "password": PASSWORD, **overrides}
    assert_error(api_client.post(URL, body, format="json"), 401, 6)
    assert not AccessToken.objects.exists()


def test_inactive_user_cannot_log_in(api_client, client_credentials, user):
    user.is_active = False
    user.save()
    body = {**client_credentials, "username": "alice", "password": PASSWORD}
    assert_error(api_client.post(URL, body, format="json"), 401, 6)


def test_public_client_logs_in_with_its_id_only(api_client, public_app, user):
    body = {"client_id": public_app.client_id, "username": "alice", "password": PASSWORD}
    data = assert_ok(api_client.post(URL, body, format="json"))
    assert_token_object(data)
    assert stored_access_token(data["access_token"]).application == public_app


def test_client_secrets_are_stored_hashed(oauth_app):
    oauth_app.refresh_from_db()
    assert oauth_app.client_secret != CLIENT_SECRET
    assert check_password(CLIENT_SECRET, oauth_app.client_secret)


def test_username_that_looks_like_another_users_email_logs_into_the_username(
    api_client, client_credentials, user
):
    UserFactory(username="alice@example.org", email="mallory@example.com")
    # "alice@example.com" is alice's email; no one has it as a username.
    assert login_user(api_client, client_credentials, "alice@example.com") == "alice"
    assert login_user(api_client, client_credentials, "alice@example.org") == "alice@example.org"


def login_user(api_client, client_credentials, username):
    body = {**client_credentials, "username": username, "password": PASSWORD}
    data = assert_ok(api_client.post(URL, body, format="json"))
    return stored_access_token(data["access_token"]).user.username
