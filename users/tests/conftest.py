"""Fixtures of the users tests: fake Google and LinkedIn (the `responses` library; any other
URL raises ConnectionError, so nothing here can reach the network), OAuth clients, helpers."""
import json

import pytest
import requests
import responses
from oauth2_provider.models import Application
from rest_framework.test import APIClient

from conftest import CLIENT_SECRET, PASSWORD
from jobhax.celery import app as celery_app

ENVELOPE_KEYS = ["success", "error_code", "error_message", "data"]

GOOGLE_USERINFO = "https://www.googleapis.com/oauth2/v3/userinfo"
GOOGLE_TOKENINFO = "https://oauth2.googleapis.com/tokeninfo"
LINKEDIN_ME = "https://api.linkedin.com/v2/me"
LINKEDIN_EMAIL = "https://api.linkedin.com/v2/emailAddress"
LINKEDIN_USERINFO = "https://api.linkedin.com/v2/userinfo"
GMAIL_SCOPE = "https://www.googleapis.com/auth/gmail.readonly"

MESSAGES = {
    1: "Invalid credentials",
    2: "User profile not found.",
    3: "Error occured while updating the google token.",
    4: "Google token has expired. Please refresh Google token.",
    5: "Couldnt logout user...",
    6: "Could not login... Please check your credentials...",
    7: "Passwords do not match",
    8: "That username is taken",
    9: "That email is being used",
    10: "Invalid parameters...",
    12: "Authentication credentials were not provided or are invalid.",
    13: "Too many requests. Try again later.",
    15: "Unsupported media type.",
    16: "Password is too weak.",
    17: "Gmail is not connected.",
}


def assert_ok(response, http_status=200):
    body = response.json()
    assert list(body) == ENVELOPE_KEYS, body
    assert response.status_code == http_status, body
    assert body["success"] is True and body["error_code"] == 0 and body["error_message"] == ""
    return body["data"]


def assert_error(response, http_status, code):
    body = response.json()
    assert list(body) == ENVELOPE_KEYS, body
    assert (response.status_code, body["error_code"]) == (http_status, code), body
    assert body["success"] is False
    assert body["error_message"] == MESSAGES[code]
    return body


def assert_token_object(data):
    assert list(data) == ["access_token", "expires_in", "token_type", "scope", "refresh_token"]
    assert data["expires_in"] == 36000
    assert data["token_type"] == "Bearer"
    assert data["scope"] == "read write"
    assert data["access_token"] and data["refresh_token"]


class FakeProviders:
    """Google's userinfo/tokeninfo and LinkedIn's /me, /emailAddress, /userinfo. A token is
    accepted only if registered; every other token gets the provider's 401."""

    def __init__(self, mock: responses.RequestsMock):
        self.mock = mock
        self.google_users: dict[str, dict] = {}
        self.google_tokens: dict[str, dict] = {}
        self.linkedin_users: dict[str, dict] = {}
        self.linkedin_oidc_users: dict[str, dict] = {}
        for url, answer in [
            (GOOGLE_USERINFO, self._google_userinfo),
            (LINKEDIN_ME, self._linkedin_me),
            (LINKEDIN_EMAIL, self._linkedin_email),
            (LINKEDIN_USERINFO, self._linkedin_userinfo),
        ]:
            mock.add_callback(responses.GET, url, callback=answer)
        mock.add_callback(responses.POST, GOOGLE_TOKENINFO, callback=self._google_tokeninfo)

    # What tests register -----------------------------------------------------------------------

    def google_user(self, token, *, sub="g-1001", email="alice@gmail.com", verified=True):
        self.google_users[token] = {
            "sub": sub,
            "email": email,
            "email_verified": verified,
            "given_name": "Alice",
            "family_name": "Google",
            "name": "Alice Google",
            "picture": "https://lh3.example/alice.png",
        }

    def google_token(self, token, *, sub="g-1001", scope=GMAIL_SCOPE, aud="google-client"):
        self.google_tokens[token] = {
            "sub": sub, "aud": aud, "azp": aud, "scope": scope, "expires_in": "3599",
            "email": "alice@gmail.com", "email_verified": "true",
        }

    def linkedin_user(self, token, *, member_id="li-42", email="alice@example.com"):
        self.linkedin_users[token] = {
            "id": member_id,
            "firstName": {"localized": {"en_US": "Alice"},
                          "preferredLocale": {"country": "US", "language": "en"}},
            "lastName": {"localized": {"en_US": "Linked"},
                         "preferredLocale": {"country": "US", "language": "en"}},
            "localizedHeadline": "Android Developer",
            "profilePicture": {"displayImage~": {"elements": [
                {"identifiers": [{"identifier": "https://media.licdn.example/small.jpg"}]},
                {"identifiers": [{"identifier": "https://media.licdn.example/large.jpg"}]},
            ]}},
            "_email": email,
        }

    def linkedin_oidc_user(self, token, *, sub="li-oidc-7", email="alice@example.com",
                           verified=True):
        self.linkedin_oidc_users[token] = {
            "sub": sub, "email": email, "email_verified": verified, "given_name": "Alice",
            "family_name": "Oidc", "name": "Alice Oidc",
            "picture": "https://media.licdn.example/oidc.jpg",
        }

    def calls_to(self, url):
        return [call for call in self.mock.calls if call.request.url.startswith(url)]

    # Callbacks ---------------------------------------------------------------------------------

    @staticmethod
    def _bearer(request):
        return request.headers.get("Authorization", "").removeprefix("Bearer ")

    @staticmethod
    def _answer(payload):
        if payload is None:
            return 401, {}, json.dumps({"error": "invalid_token"})
        return 200, {"Content-Type": "application/json"}, json.dumps(payload)

    def _google_userinfo(self, request):
        return self._answer(self.google_users.get(self._bearer(request)))

    def _google_tokeninfo(self, request):
        form = dict(pair.split("=", 1) for pair in request.body.split("&"))
        payload = self.google_tokens.get(form.get("access_token", ""))
        if payload is None:
            return 400, {}, json.dumps({"error": "invalid_token"})
        return self._answer(payload)

    def _linkedin_me(self, request):
        user = self.linkedin_users.get(self._bearer(request))
        return self._answer({k: v for k, v in user.items() if k != "_email"} if user else None)

    def _linkedin_email(self, request):
        user = self.linkedin_users.get(self._bearer(request))
        if user is None:
            return self._answer(None)
        return self._answer({"elements": [{"handle~": {"emailAddress": user["_email"]},
                                            "handle": "urn:li:emailAddress:1"}]})

    def _linkedin_userinfo(self, request):
        return self._answer(self.linkedin_oidc_users.get(self._bearer(request)))


@pytest.fixture(autouse=True)
def providers():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield FakeProviders(mock)


@pytest.fixture
def provider_down(providers):
    """provider_down(url, error): the provider cannot be reached (timeout, connection...)."""

    def _down(url, error=None, method=responses.GET):
        providers.mock.replace(method, url, body=error or requests.ConnectTimeout("timed out"))

    return _down


@pytest.fixture
def public_app(db):
    """Like the browser extension: a public client, no secret."""
    return Application.objects.create(
        name="Test extension",
        client_id="test-extension",
        client_type=Application.CLIENT_PUBLIC,
        authorization_grant_type=Application.GRANT_PASSWORD,
    )


@pytest.fixture
def client_credentials(oauth_app):
    return {"client_id": oauth_app.client_id, "client_secret": CLIENT_SECRET}


@pytest.fixture
def login(api_client, client_credentials, user):
    """login(username=..., password=...) -> the token object of a successful login."""

    def _login(username="alice", password=PASSWORD, **extra):
        body = {**client_credentials, "username": username, "password": password, **extra}
        return assert_ok(api_client.post("/api/users/login", body, format="json"))

    return _login


@pytest.fixture
def eager_celery():
    """Queued syncs run in-process when their transaction commits, whatever REDIS_URL says."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def bearer_client(access_token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access_token}")
    return client
