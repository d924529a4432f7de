"""refresh_token rotation, logout revocation, expiry: what a signed-in client lives by."""
from datetime import timedelta

import pytest
from django.utils import timezone
from oauth2_provider.models import AccessToken, RefreshToken

from conftest import PASSWORD

from .conftest import assert_error, assert_ok, assert_token_object, bearer_client

pytestmark = pytest.mark.django_db
REFRESH = "/api/users/refresh_token"
LOGOUT = "/api/users/logout"


def refresh(api_client, client_credentials, refresh_token):
    return api_client.post(REFRESH, {**client_credentials, "refresh_token": refresh_token},
                           format="json")


def test_refresh_returns_a_new_pair_and_the_old_refresh_token_is_spent(
    api_client, client_credentials, login
):
    first = login()
    second = assert_ok(refresh(api_client, client_credentials, first["refresh_token"]))
    assert_token_object(second)
    assert second["access_token"] != first["access_token"]
    assert second["refresh_token"] != first["refresh_token"]
    assert_ok(bearer_client(second["access_token"]).get("/api/users/me"))
    # Rotation: the used refresh token is refused, and the access token it replaced is gone.
    assert_error(refresh(api_client, client_credentials, first["refresh_token"]), 401, 1)
    assert_error(bearer_client(first["access_token"]).get("/api/users/me"), 401, 12)


def test_refresh_with_form_body(api_client, client_credentials, login):
    response = api_client.post(REFRESH, {**client_credentials,
                                         "refresh_token": login()["refresh_token"]})
    assert_token_object(assert_ok(response))


@pytest.mark.parametrize("overrides", [
    {"refresh_token": "not-a-refresh-token"},
    {"client_secret": "wrong-secret"},
    {"client_id": "unknown-client"},
])
def test_bad_refresh_token_or_client_is_1(api_client, client_credentials, login, overrides):
    body = {**client_credentials, "refresh_token": login()["refresh_token"], **overrides}
    assert_error(api_client.post(REFRESH, body, format="json"), 401, 1)


def test_a_refresh_token_only_works_for_the_client_it_was_issued_to(
    api_client, client_credentials, login, public_app
):
    body = {"client_id": public_app.client_id, "refresh_token": login()["refresh_token"]}
    assert_error(api_client.post(REFRESH, body, format="json"), 401, 1)


def test_public_client_refreshes_with_its_id_only(api_client, public_app, user):
    first = assert_ok(api_client.post("/api/users/login", {
        "client_id": public_app.client_id, "username": "alice", "password": PASSWORD},
        format="json"))
    body = {"client_id": public_app.client_id, "refresh_token": first["refresh_token"]}
    assert_token_object(assert_ok(api_client.post(REFRESH, body, format="json")))


@pytest.mark.parametrize("as_header_value", [False, True])
def test_logout_revokes_the_access_token_and_its_refresh_token(
    api_client, client_credentials, login, as_header_value
):
    data = login()
    token = f"Bearer {data['access_token']}" if as_header_value else data["access_token"]
    assert assert_ok(api_client.post(LOGOUT, {**client_credentials, "token": token},
                                     format="json")) is None
    assert_error(bearer_client(data["access_token"]).get("/api/users/me"), 401, 12)
    assert_error(refresh(api_client, client_credentials, data["refresh_token"]), 401, 1)
    assert not AccessToken.objects.filter(token=data["access_token"]).exists()
    assert RefreshToken.objects.get(token=data["refresh_token"]).revoked is not None


def test_logout_leaves_the_users_other_sessions_alone(api_client, client_credentials, login):
    phone, laptop = login(), login()
    assert_ok(api_client.post(LOGOUT, {**client_credentials, "token": phone["access_token"]},
                              format="json"))
    assert_ok(bearer_client(laptop["access_token"]).get("/api/users/me"))


def test_logout_twice_is_5_the_second_time(api_client, client_credentials, login):
    body = {**client_credentials, "token": login()["access_token"]}
    assert_ok(api_client.post(LOGOUT, body, format="json"))
    assert_error(api_client.post(LOGOUT, body, format="json"), 400, 5)


@pytest.mark.parametrize("overrides", [
    {"token": "unknown-token"},
    {"token": "Bearer unknown-token"},
    {"client_secret": "wrong-secret"},
    {"client_id": "unknown-client"},
])
def test_unknown_token_or_bad_client_is_5(api_client, client_credentials, login, overrides):
    data = login()
    body = {**client_credentials, "token": data["access_token"], **overrides}
    assert_error(api_client.post(LOGOUT, body, format="json"), 400, 5)
    assert_ok(bearer_client(data["access_token"]).get("/api/users/me"))


def test_another_clients_token_cannot_be_revoked(api_client, public_app, login):
    data = login()
    body = {"client_id": public_app.client_id, "token": data["access_token"]}
    assert_error(api_client.post(LOGOUT, body, format="json"), 400, 5)


def test_logout_by_form_from_the_public_client(api_client, public_app, user):
    data = assert_ok(api_client.post("/api/users/login", {
        "client_id": public_app.client_id, "username": "alice", "password": PASSWORD}))
    assert_ok(api_client.post(LOGOUT, {"client_id": public_app.client_id,
                                       "token": data["access_token"]}))
    assert_error(bearer_client(data["access_token"]).get("/api/users/me"), 401, 12)


def test_expired_token_is_401_code_12(login):
    data = login()
    AccessToken.objects.filter(token=data["access_token"]).update(
        expires=timezone.now() - timedelta(seconds=1))
    assert_error(bearer_client(data["access_token"]).get("/api/users/me"), 401, 12)


def test_expires_in_follows_the_configured_lifetime(login, settings):
    # DOT reloads its settings on setting_changed, and again when the fixture restores them.
    settings.OAUTH2_PROVIDER = {**settings.OAUTH2_PROVIDER, "ACCESS_TOKEN_EXPIRE_SECONDS": 60}
    data = login()
    assert data["expires_in"] == 60
    token = AccessToken.objects.get(token=data["access_token"])
    assert timedelta(seconds=50) < token.expires - timezone.now() <= timedelta(seconds=60)


# Every protected endpoint refusing missing, garbage, expired and revoked tokens:
# tests/test_security_matrix.py.
