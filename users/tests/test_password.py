"""change_password, request_password_reset and reset_password."""

import re

import pytest
from django.core import mail
from oauth2_provider.models import AccessToken, RefreshToken

from tests.helpers import PASSWORD, assert_error, assert_ok, bearer_client

pytestmark = pytest.mark.django_db
CHANGE = "/api/users/change_password"
REQUEST_RESET = "/api/users/request_password_reset"
RESET = "/api/users/reset_password"
NEW = "an-entirely-new-passphrase"


def change_body(**overrides):
    return {"old_password": PASSWORD, "password": NEW, "password2": NEW} | overrides


def test_change_password_keeps_this_session_and_ends_the_others(
    api_client, client_credentials, login, user
):
    here, elsewhere = login(), login()
    client = bearer_client(here["access_token"])
    assert assert_ok(client.post(CHANGE, change_body(), format="json")) is None
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert_ok(client.get("/api/users/me"))
    assert_error(bearer_client(elsewhere["access_token"]).get("/api/users/me"), 401, 12)
    body = {**client_credentials, "refresh_token": elsewhere["refresh_token"]}
    assert_error(api_client.post("/api/users/refresh_token", body, format="json"), 401, 1)
    # This session's refresh token still works.
    body = {**client_credentials, "refresh_token": here["refresh_token"]}
    assert_ok(api_client.post("/api/users/refresh_token", body, format="json"))


@pytest.mark.parametrize(
    "overrides,status,code",
    [
        ({"old_password": "not-my-password"}, 400, 10),
        ({"password2": "something-else-entirely"}, 400, 7),
        ({"password": "123", "password2": "123"}, 400, 16),
        ({"old_password": None}, 400, 10),
    ],
)
def test_change_password_failures(auth_client, user, overrides, status, code):
    assert_error(auth_client.post(CHANGE, change_body(**overrides), format="json"), status, code)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_change_password_needs_a_token(api_client):
    assert_error(api_client.post(CHANGE, change_body(), format="json"), 401, 12)


def reset_link_of(message):
    match = re.search(r"\?uid=([\w-]+)&token=([\w-]+)", message.body)
    return {"uid": match.group(1), "token": match.group(2)}


def test_password_reset_by_emailed_link(api_client, login, user, verified, settings):
    session = login()
    assert_ok(api_client.post(REQUEST_RESET, {"email": "ALICE@example.com"}, format="json"))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["alice@example.com"]
    assert settings.PASSWORD_RESET_URL in mail.outbox[0].body
    link = reset_link_of(mail.outbox[0])
    assert_ok(api_client.post(RESET, {**link, "password": NEW, "password2": NEW}, format="json"))
    user.refresh_from_db()
    assert user.check_password(NEW)
    # Every session ends, and the link works once.
    assert_error(bearer_client(session["access_token"]).get("/api/users/me"), 401, 12)
    assert not AccessToken.objects.filter(user=user).exists()
    assert not RefreshToken.objects.filter(user=user, revoked__isnull=True).exists()
    again = {**link, "password": "yet-another-passphrase", "password2": "yet-another-passphrase"}
    assert_error(api_client.post(RESET, again, format="json"), 400, 10)


def test_reset_request_for_an_unknown_email_looks_the_same(api_client, verified):
    known = api_client.post(REQUEST_RESET, {"email": "alice@example.com"}, format="json")
    unknown = api_client.post(REQUEST_RESET, {"email": "nobody@example.com"}, format="json")
    assert known.status_code == unknown.status_code == 200
    assert known.json() == unknown.json()
    assert len(mail.outbox) == 1


def test_reset_request_by_form(api_client, verified):
    assert_ok(api_client.post(REQUEST_RESET, {"email": "alice@example.com"}))
    assert len(mail.outbox) == 1


def test_social_only_accounts_get_no_reset_mail(api_client, verified):
    user = verified
    user.set_unusable_password()
    user.save()
    assert_ok(api_client.post(REQUEST_RESET, {"email": "alice@example.com"}, format="json"))
    assert mail.outbox == []


@pytest.mark.parametrize(
    "link",
    [
        {"uid": "MQ", "token": "bogus-token"},
        {"uid": "not-base64!", "token": "bogus-token"},
        {"uid": "OTk5OTk5", "token": "bogus-token"},
    ],
)
def test_bad_reset_link_is_10(api_client, user, link):
    body = {**link, "password": NEW, "password2": NEW}
    assert_error(api_client.post(RESET, body, format="json"), 400, 10)


@pytest.mark.parametrize(
    "passwords,status,code",
    [
        ({"password": NEW, "password2": "different-passphrase"}, 400, 7),
        ({"password": "123", "password2": "123"}, 400, 16),
    ],
)
def test_reset_checks_the_new_password(api_client, user, verified, passwords, status, code):
    assert_ok(api_client.post(REQUEST_RESET, {"email": "alice@example.com"}, format="json"))
    body = {**reset_link_of(mail.outbox[0]), **passwords}
    assert_error(api_client.post(RESET, body, format="json"), status, code)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize(
    "path,body",
    [
        (REQUEST_RESET, {"email": "not-an-email"}),
        (REQUEST_RESET, {}),
        (RESET, {"uid": "MQ", "token": "t", "password": NEW}),
    ],
)
def test_reset_bad_input_is_10(api_client, path, body):
    assert_error(api_client.post(path, body, format="json"), 400, 10)


# --- Issue 13: weak passwords and where reset links may go ----------------------------------------


@pytest.mark.parametrize("weak", [" " * 10, "alice-is-back-2026", "ECILA reversed 99"])
def test_change_password_refuses_blank_or_username_like_passwords(auth_client, user, weak):
    body = assert_error(
        auth_client.post(CHANGE, change_body(password=weak, password2=weak), format="json"), 400, 16
    )
    assert body["data"]["fields"]["password"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_reset_refuses_a_whitespace_only_password(api_client, verified):
    assert_ok(api_client.post(REQUEST_RESET, {"email": "alice@example.com"}, format="json"))
    blank = " " * 12
    body = {**reset_link_of(mail.outbox[0]), "password": blank, "password2": blank}
    assert_error(api_client.post(RESET, body, format="json"), 400, 16)


def test_reset_mail_reaches_the_owner_of_the_email_in_any_spelling(api_client, verified):
    assert_ok(api_client.post(REQUEST_RESET, {"email": "Alice@ＥＸＡＭＰＬＥ.com"}, format="json"))
    assert [message.to for message in mail.outbox] == [["alice@example.com"]]


def test_without_a_configured_mail_backend_no_reset_link_is_sent_or_logged(
    api_client, user, settings, caplog
):
    """Finding 8: with DEBUG=0 the console backend printed live reset links into the server
    log. Without EMAIL_BACKEND set, the endpoint refuses instead (19) and logs why."""
    settings.PASSWORD_RESET_MAIL_ENABLED = False
    response = api_client.post(REQUEST_RESET, {"email": "alice@example.com"}, format="json")
    assert_error(response, 503, 19)
    assert mail.outbox == []
    assert "EMAIL_BACKEND is not set" in caplog.text
    assert "token=" not in caplog.text
