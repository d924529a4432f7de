"""refresh_token rotation and reuse, logout revocation, expiry, where a token may travel: what a
signed-in client lives by."""

from datetime import timedelta

import pytest
from django.utils import timezone
from oauth2_provider.models import AccessToken

from tests.helpers import (
    PASSWORD,
    assert_error,
    assert_ok,
    assert_token_object,
    bearer_client,
    stored_access_token,
    stored_refresh_token,
)

pytestmark = pytest.mark.django_db
REFRESH = "/api/users/refresh_token"
LOGOUT = "/api/users/logout"


def refresh(api_client, client_credentials, refresh_token):
    return api_client.post(
        REFRESH, {**client_credentials, "refresh_token": refresh_token}, format="json"
    )


# --- refresh_token -------------------------------------------------------------------------------


def test_refresh_returns_a_new_pair_and_the_old_refresh_token_is_spent(
    api_client, client_credentials, login
):
    first = login()
    response = refresh(api_client, client_credentials, first["refresh_token"])
    second = assert_ok(response)
    assert_token_object(second)
    assert response["Cache-Control"] == "no-store"
    assert second["access_token"] != first["access_token"]
    assert second["refresh_token"] != first["refresh_token"]
    assert_ok(bearer_client(second["access_token"]).get("/api/users/me"))
    # The access token it replaced is gone.
    assert_error(bearer_client(first["access_token"]).get("/api/users/me"), 401, 12)


def test_replaying_a_used_refresh_token_revokes_the_whole_family(
    api_client, client_credentials, login
):
    """Finding 7: whoever replays a rotated refresh token (a thief, or the owner after the
    thief) ends every session that came from it: the pair issued from it dies too."""
    first = login()
    second = assert_ok(refresh(api_client, client_credentials, first["refresh_token"]))
    third = assert_ok(refresh(api_client, client_credentials, second["refresh_token"]))
    elsewhere = login()  # another login is another family: untouched
    assert_error(refresh(api_client, client_credentials, first["refresh_token"]), 401, 1)
    assert_error(bearer_client(third["access_token"]).get("/api/users/me"), 401, 12)
    assert_error(refresh(api_client, client_credentials, third["refresh_token"]), 401, 1)
    assert_ok(bearer_client(elsewhere["access_token"]).get("/api/users/me"))
    assert_ok(refresh(api_client, client_credentials, elsewhere["refresh_token"]))


def test_refresh_with_form_body(api_client, client_credentials, login):
    response = api_client.post(
        REFRESH, {**client_credentials, "refresh_token": login()["refresh_token"]}
    )
    assert_token_object(assert_ok(response))


@pytest.mark.parametrize(
    "overrides",
    [
        {"refresh_token": "not-a-refresh-token"},
        {"client_secret": "wrong-secret"},
        {"client_id": "unknown-client"},
    ],
)
def test_bad_refresh_token_or_client_is_1(api_client, client_credentials, login, overrides):
    body = {**client_credentials, "refresh_token": login()["refresh_token"], **overrides}
    assert_error(api_client.post(REFRESH, body, format="json"), 401, 1)


def test_a_refresh_token_only_works_for_the_client_it_was_issued_to(
    api_client, client_credentials, login, public_app
):
    body = {"client_id": public_app.client_id, "refresh_token": login()["refresh_token"]}
    assert_error(api_client.post(REFRESH, body, format="json"), 401, 1)


def test_public_client_refreshes_with_its_id_only(api_client, public_app, user):
    first = assert_ok(
        api_client.post(
            "/api/users/login",
            {"client_id": public_app.client_id, "username": "alice", "password": PASSWORD},
            format="json",
        )
    )
    body = {"client_id": public_app.client_id, "refresh_token": first["refresh_token"]}
    assert_token_object(assert_ok(api_client.post(REFRESH, body, format="json")))


def test_tokens_are_stored_as_checksums_only(login):
    data = login()
    assert stored_access_token(data["access_token"]).token == ""
    assert stored_refresh_token(data["refresh_token"]).token == ""


# --- logout (RFC 7009: revocation is idempotent) -------------------------------------------------


@pytest.mark.parametrize("as_header_value", [False, True])
def test_logout_revokes_the_access_token_and_its_refresh_token(
    api_client, client_credentials, login, as_header_value
):
    data = login()
    token = f"Bearer {data['access_token']}" if as_header_value else data["access_token"]
    assert (
        assert_ok(api_client.post(LOGOUT, {**client_credentials, "token": token}, format="json"))
        is None
    )
    assert_error(bearer_client(data["access_token"]).get("/api/users/me"), 401, 12)
    assert_error(refresh(api_client, client_credentials, data["refresh_token"]), 401, 1)
    assert not AccessToken.objects.exists()
    assert stored_refresh_token(data["refresh_token"]).revoked is not None


def test_logout_with_the_refresh_token_ends_the_session_too(api_client, client_credentials, login):
    data = login()
    assert_ok(
        api_client.post(
            LOGOUT, {**client_credentials, "token": data["refresh_token"]}, format="json"
        )
    )
    assert_error(bearer_client(data["access_token"]).get("/api/users/me"), 401, 12)
    assert_error(refresh(api_client, client_credentials, data["refresh_token"]), 401, 1)


def test_logout_leaves_the_users_other_sessions_alone(api_client, client_credentials, login):
    phone, laptop = login(), login()
    assert_ok(
        api_client.post(
            LOGOUT, {**client_credentials, "token": phone["access_token"]}, format="json"
        )
    )
    assert_ok(bearer_client(laptop["access_token"]).get("/api/users/me"))


def test_logging_out_twice_succeeds_both_times(api_client, client_credentials, login):
    """CONTRACT.md §3: an already revoked token is a success, so the 2019 web client's logout
    always logs out."""
    body = {**client_credentials, "token": f"Bearer {login()['access_token']}"}
    assert assert_ok(api_client.post(LOGOUT, body, format="json")) is None
    assert assert_ok(api_client.post(LOGOUT, body, format="json")) is None


@pytest.mark.parametrize("token", ["unknown-token", "Bearer unknown-token", "Bearer "])
def test_logout_with_an_unknown_token_succeeds_and_touches_nothing(
    api_client, client_credentials, login, token
):
    data = login()
    assert (
        assert_ok(api_client.post(LOGOUT, {**client_credentials, "token": token}, format="json"))
        is None
    )
    assert_ok(bearer_client(data["access_token"]).get("/api/users/me"))


def test_logout_with_an_expired_token_succeeds_and_revokes_its_refresh_token(
    api_client, client_credentials, login
):
    data = login()
    AccessToken.objects.update(expires=timezone.now() - timedelta(seconds=1))
    assert (
        assert_ok(
            api_client.post(
                LOGOUT, {**client_credentials, "token": data["access_token"]}, format="json"
            )
        )
        is None
    )
    assert not AccessToken.objects.exists()
    assert_error(refresh(api_client, client_credentials, data["refresh_token"]), 401, 1)


@pytest.mark.parametrize(
    "overrides",
    [
        {"client_secret": "wrong-secret"},
        {"client_secret": ""},
        {"client_id": "unknown-client"},
    ],
)
def test_bad_client_credentials_are_still_5(api_client, client_credentials, login, overrides):
    data = login()
    body = {**client_credentials, "token": data["access_token"], **overrides}
    assert_error(api_client.post(LOGOUT, body, format="json"), 400, 5)
    assert_ok(bearer_client(data["access_token"]).get("/api/users/me"))
    # Even for a token that means nothing.
    assert_error(api_client.post(LOGOUT, {**body, "token": "unknown"}, format="json"), 400, 5)


def test_another_clients_token_cannot_be_revoked(api_client, public_app, login):
    data = login()
    body = {"client_id": public_app.client_id, "token": data["access_token"]}
    assert_error(api_client.post(LOGOUT, body, format="json"), 400, 5)
    assert_ok(bearer_client(data["access_token"]).get("/api/users/me"))


def test_logout_by_form_from_the_public_client(api_client, public_app, user):
    data = assert_ok(
        api_client.post(
            "/api/users/login",
            {"client_id": public_app.client_id, "username": "alice", "password": PASSWORD},
        )
    )
    assert_ok(
        api_client.post(LOGOUT, {"client_id": public_app.client_id, "token": data["access_token"]})
    )
    assert_error(bearer_client(data["access_token"]).get("/api/users/me"), 401, 12)


# --- where an access token is accepted ------------------------------------------------------------


def test_access_tokens_in_the_query_string_are_refused(api_client, login):
    """Finding 7: `?access_token=` worked, and put live tokens in the access log."""
    token = login()["access_token"]
    assert_error(api_client.get(f"/api/users/me?access_token={token}"), 401, 12)
    # Not even next to an Authorization header of another scheme, which oauthlib would
    # otherwise skip to fall back on the query.
    assert_error(
        api_client.get(f"/api/users/me?access_token={token}", HTTP_AUTHORIZATION="Basic eDp5"),
        401,
        12,
    )


def test_access_tokens_in_the_body_are_refused(api_client, login):
    token = login()["access_token"]
    response = api_client.post(
        "/api/users/me", {"access_token": token, "first_name": "X"}, format="json"
    )
    assert_error(response, 401, 12)
    response = api_client.post("/api/users/me", {"access_token": token, "first_name": "X"})
    assert_error(response, 401, 12)


def test_the_authorization_header_works_whatever_else_the_query_holds(login):
    client = bearer_client(login()["access_token"])
    assert_ok(client.get("/api/users/me?x=%zz&token=1"))


def test_expired_token_is_401_code_12(login):
    data = login()
    AccessToken.objects.update(expires=timezone.now() - timedelta(seconds=1))
    assert_error(bearer_client(data["access_token"]).get("/api/users/me"), 401, 12)


def test_expires_in_follows_the_configured_lifetime(login, settings):
    # DOT reloads its settings on setting_changed, and again when the fixture restores them.
    settings.OAUTH2_PROVIDER = {**settings.OAUTH2_PROVIDER, "ACCESS_TOKEN_EXPIRE_SECONDS": 60}
    data = login()
    assert data["expires_in"] == 60
    token = stored_access_token(data["access_token"])
    assert timedelta(seconds=50) < token.expires - timezone.now() <= timedelta(seconds=60)


def test_token_responses_are_never_cached(login, api_client, client_credentials, user):
    body = {**client_credentials, "username": "alice", "password": PASSWORD}
    response = api_client.post("/api/users/login", body, format="json")
    assert_ok(response)
    assert response["Cache-Control"] == "no-store" and response["Pragma"] == "no-cache"


# Every protected endpoint refusing missing, garbage, expired and revoked tokens:
# tests/test_security_matrix.py.
