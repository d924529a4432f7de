"""Verified email: registration mails a link, `me` says whether the email is verified, password
resets and the Google/LinkedIn account link use verified emails only, resending is throttled.
An unverified account uses the tracker all the same."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from social_django.models import UserSocialAuth

from tests.helpers import assert_error, assert_ok, bearer_client
from users import services
from users.models import Profile

from .test_register import STRONG, body

pytestmark = pytest.mark.django_db
User = get_user_model()
REGISTER = "/api/users/register"
VERIFY = "/api/users/verify_email"
RESEND = "/api/users/resend_verification_email"
LINK = re.compile(r"(\S+)\?uid=([\w-]+)&token=([\w-]+)")


def link_in(message) -> tuple[str, dict]:
    link = LINK.search(message.body)
    assert link is not None, message.body
    base, uid, token = link.groups()
    return base, {"uid": uid, "token": token}


def login(api_client, client_credentials, username="carol", password=STRONG):
    data = assert_ok(
        api_client.post(
            "/api/users/login",
            {**client_credentials, "username": username, "password": password},
            format="json",
        )
    )
    return bearer_client(data["access_token"])


def test_registration_mails_a_link_that_verifies_the_email(api_client, client_credentials):
    assert_ok(api_client.post(REGISTER, body(), format="json"))
    assert [message.to for message in mail.outbox] == [["carol@example.com"]]
    base, link = link_in(mail.outbox[0])
    assert base == "http://testserver/api/users/verify_email"
    # Not verified yet, and the tracker works all the same.
    carol = login(api_client, client_credentials)
    assert assert_ok(carol.get("/api/users/me"))["email_verified"] is False
    assert assert_ok(
        carol.post(
            "/api/jobapps/add_jobapp",
            {"job_title": "Dev", "company": "Acme", "application_date": "2026-03-01"},
            format="json",
        )
    )["id"]

    assert assert_ok(api_client.get(VERIFY, link)) is None  # the link opened in a browser
    assert assert_ok(carol.get("/api/users/me"))["email_verified"] is True
    # Opened again (mail scanners open links first): still fine.
    assert_ok(api_client.get(VERIFY, link))


def test_a_web_client_page_can_take_the_link_and_post_it(api_client, settings):
    settings.EMAIL_VERIFICATION_URL = "https://app.jobhax.example/verify-email"
    assert_ok(api_client.post(REGISTER, body(), format="json"))
    base, link = link_in(mail.outbox[0])
    assert base == "https://app.jobhax.example/verify-email"
    assert_ok(api_client.post(VERIFY, link, format="json"))
    assert services.selectors.email_is_verified(user=User.objects.get(username="carol"))


@pytest.mark.parametrize(
    "tamper",
    [
        lambda link: {**link, "token": link["token"][:-3] + "abc"},
        lambda link: {**link, "uid": "MQ"},
        lambda link: {**link, "uid": "not-base64!"},
        lambda link: {"uid": link["uid"]},
        lambda link: {},
        lambda link: {**link, "token": "x" * 500},
    ],
)
def test_a_bad_link_is_10_and_verifies_nothing(api_client, tamper):
    first = User.objects.create_user("first", "first@example.com", STRONG)
    assert_ok(api_client.post(REGISTER, body(), format="json"))
    _, link = link_in(mail.outbox[0])
    assert_error(api_client.get(VERIFY, tamper(link)), 400, 10)
    assert_error(api_client.post(VERIFY, tamper(link), format="json"), 400, 10)
    for user in (first, User.objects.get(username="carol")):
        assert not services.selectors.email_is_verified(user=user)


def test_a_link_is_for_the_address_it_was_sent_to(api_client):
    assert_ok(api_client.post(REGISTER, body(), format="json"))
    _, link = link_in(mail.outbox[0])
    carol = User.objects.get(username="carol")
    carol.email = "carol.new@example.com"  # changed by an administrator
    carol.save()
    assert_error(api_client.get(VERIFY, link), 400, 10)
    assert not services.selectors.email_is_verified(user=carol)


def test_a_verified_email_that_changes_is_unverified_again(verified):
    assert services.selectors.email_is_verified(user=verified)
    verified.email = "alice.new@example.com"
    verified.save()
    assert not services.selectors.email_is_verified(user=verified)


def test_registration_succeeds_when_the_mail_server_fails(api_client, monkeypatch, caplog):
    def smtp_down(**kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(services, "send_mail", smtp_down)
    assert_ok(api_client.post(REGISTER, body(), format="json"))
    assert User.objects.filter(username="carol").exists()
    assert "Verification mail to new account" in caplog.text


def test_without_a_mail_backend_registration_works_and_resend_is_19(
    api_client, client_credentials, settings
):
    settings.PASSWORD_RESET_MAIL_ENABLED = False
    assert_ok(api_client.post(REGISTER, body(), format="json"))
    assert mail.outbox == []
    assert_error(login(api_client, client_credentials).post(RESEND), 503, 19)


def test_resend_mails_a_fresh_link_and_is_throttled(api_client, client_credentials, settings):
    assert_ok(api_client.post(REGISTER, body(), format="json"))
    carol = login(api_client, client_credentials)
    for _ in range(3):  # THROTTLE_VERIFICATION_EMAIL: 3/hour
        assert assert_ok(carol.post(RESEND)) is None
    assert len(mail.outbox) == 4
    response = carol.post(RESEND)
    assert_error(response, 429, 13)
    assert int(response["Retry-After"]) > 0
    assert len(mail.outbox) == 4
    # Any of the links works.
    assert_ok(api_client.get(VERIFY, link_in(mail.outbox[2])[1]))


def test_resend_for_a_verified_email_sends_nothing(auth_client, verified):
    assert_ok(auth_client.post(RESEND))
    assert mail.outbox == []


def test_password_reset_mails_only_a_verified_email(api_client, user):
    request = {"email": "alice@example.com"}
    assert_ok(api_client.post("/api/users/request_password_reset", request, format="json"))
    assert mail.outbox == []
    services.email_mark_verified(user=user)
    assert_ok(api_client.post("/api/users/request_password_reset", request, format="json"))
    assert [message.to for message in mail.outbox] == [["alice@example.com"]]


# --- Google and LinkedIn ----------------------------------------------------------------------


@pytest.fixture
def google_login(api_client, client_credentials):
    def _login(token):
        return api_client.post(
            "/api/users/auth_social_user",
            {**client_credentials, "provider": "google-oauth2", "token": token},
            format="json",
        )

    return _login


def test_google_is_not_linked_to_an_account_that_never_verified_its_email(
    providers, google_login, user
):
    """Whoever registered alice@example.com without reading that mailbox (and knows the
    password) must not get the real owner's Gmail when she signs in with Google."""
    providers.google_user("g-token", email="alice@example.com")
    assert_error(google_login("g-token"), 401, 1)
    assert not UserSocialAuth.objects.exists()
    services.email_mark_verified(user=user)
    data = assert_ok(google_login("g-token"))
    assert assert_ok(bearer_client(data["access_token"]).get("/api/users/me"))["id"] == user.id


def test_an_account_made_by_a_google_sign_in_has_googles_verified_email(providers, google_login):
    providers.google_user("g-token", email="new.person@gmail.com")
    data = assert_ok(google_login("g-token"))
    me = assert_ok(bearer_client(data["access_token"]).get("/api/users/me"))
    assert (me["email"], me["email_verified"]) == ("new.person@gmail.com", True)
    assert Profile.objects.get(user_id=me["id"]).email_verified_at is not None
