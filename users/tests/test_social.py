"""auth_social_user: a provider's access token in, a JobHax token out."""
import pytest
import requests
from django.contrib.auth import get_user_model
from django.db import connection
from oauth2_provider.models import AccessToken
from social_django.models import UserSocialAuth

from gmail_sync.models import SyncState
from users.models import Provider, ProviderCredential

from .conftest import (
    GOOGLE_USERINFO,
    LINKEDIN_ME,
    LINKEDIN_USERINFO,
    assert_error,
    assert_ok,
    assert_token_object,
    bearer_client,
)

pytestmark = pytest.mark.django_db
User = get_user_model()
URL = "/api/users/auth_social_user"


@pytest.fixture
def social_login(api_client, client_credentials):
    def _login(provider, token, **overrides):
        body = {**client_credentials, "provider": provider, "token": token, **overrides}
        return api_client.post(URL, body, format="json")

    return _login


def token_owner(data):
    return AccessToken.objects.get(token=data["access_token"]).user


def test_google_login_creates_a_user_and_returns_a_token_object(providers, social_login):
    providers.google_user("g-token")
    data = assert_ok(social_login("google-oauth2", "g-token"))
    assert_token_object(data)
    user = token_owner(data)
    assert (user.email, user.first_name, user.last_name) == ("alice@gmail.com", "Alice", "Google")
    assert not user.has_usable_password()
    credential = ProviderCredential.objects.get(user=user)
    assert (credential.provider, credential.uid) == (Provider.GOOGLE, "g-1001")
    assert credential.access_token == "g-token"
    assert assert_ok(bearer_client(data["access_token"]).get("/api/users/me"))["providers"] == [
        "google-oauth2"
    ]


def test_google_login_refuses_a_token_minted_for_another_app(providers, social_login, settings):
    settings.GOOGLE_CLIENT_ID = "jobhax-google-client"
    providers.google_user("g-token")
    providers.google_token("g-token", aud="some-other-site")
    assert_error(social_login("google-oauth2", "g-token"), 401, 1)
    assert not User.objects.exists()
    assert not ProviderCredential.objects.exists()


def test_google_login_accepts_a_token_minted_for_jobhax(providers, social_login, settings):
    settings.GOOGLE_CLIENT_ID = "jobhax-google-client"
    providers.google_user("g-token")
    providers.google_token("g-token", aud="jobhax-google-client")
    assert_token_object(assert_ok(social_login("google-oauth2", "g-token")))
    assert ProviderCredential.objects.get().uid == "g-1001"


def test_second_login_returns_a_new_token_for_the_same_user(providers, social_login):
    providers.google_user("g-token")
    providers.google_user("g-token-2")
    first = assert_ok(social_login("google-oauth2", "g-token"))
    second = assert_ok(social_login("google-oauth2", "g-token-2"))
    assert first["access_token"] != second["access_token"]
    assert token_owner(first) == token_owner(second)
    assert User.objects.count() == 1
    # The newest provider token replaces the old one.
    assert ProviderCredential.objects.get().access_token == "g-token-2"


def test_google_login_links_an_existing_account_with_the_same_verified_email(
    providers, social_login, user
):
    providers.google_user("g-token", email="ALICE@example.com")
    data = assert_ok(social_login("google-oauth2", "g-token"))
    assert token_owner(data) == user
    assert User.objects.count() == 1
    assert UserSocialAuth.objects.get().user == user


def test_linkedin_email_without_verification_never_takes_over_an_account(
    providers, social_login, user
):
    # LinkedIn's v2 API does not say whether the email is verified.
    providers.linkedin_user("li-token", email="alice@example.com")
    assert_error(social_login("linkedin-oauth2", "li-token"), 401, 1)
    assert User.objects.count() == 1
    assert not ProviderCredential.objects.exists()
    assert not UserSocialAuth.objects.exists()


def test_unverified_oidc_email_is_not_linked(providers, social_login, user):
    providers.linkedin_oidc_user("oidc-token", email="alice@example.com", verified=False)
    assert_error(social_login("linkedin-openidconnect", "oidc-token"), 401, 1)
    assert User.objects.count() == 1


def test_google_refuses_unverified_emails(providers, social_login):
    providers.google_user("g-token", verified=False)
    assert_error(social_login("google-oauth2", "g-token"), 401, 1)
    assert not User.objects.exists()


def test_linkedin_login_stores_the_profile(providers, social_login):
    providers.linkedin_user("li-token", email="li@example.com")
    data = assert_ok(social_login("linkedin-oauth2", "li-token"))
    client = bearer_client(data["access_token"])
    assert assert_ok(client.get("/api/users/get_linkedin_profile")) == {
        "id": "li-42",
        "first_name": "Alice",
        "last_name": "Linked",
        "email": "li@example.com",
        "picture": "https://media.licdn.example/large.jpg",
        "headline": "Android Developer",
    }
    assert token_owner(data).email == "li@example.com"


def test_linkedin_openid_connect_links_by_verified_email(providers, social_login, user):
    providers.linkedin_oidc_user("oidc-token", email="alice@example.com")
    data = assert_ok(social_login("linkedin-openidconnect", "oidc-token"))
    assert token_owner(data) == user
    profile = assert_ok(bearer_client(data["access_token"]).get("/api/users/get_linkedin_profile"))
    assert profile == {
        "id": "li-oidc-7", "first_name": "Alice", "last_name": "Oidc",
        "email": "alice@example.com", "picture": "https://media.licdn.example/oidc.jpg",
    }
    credential = ProviderCredential.objects.get()
    assert credential.provider == Provider.LINKEDIN


@pytest.mark.parametrize("provider", ["google-oauth2", "linkedin-oauth2",
                                      "linkedin-openidconnect"])
def test_refused_token_is_1_and_creates_nothing(providers, social_login, provider):
    assert_error(social_login(provider, "expired-token"), 401, 1)
    assert not User.objects.exists()
    assert not UserSocialAuth.objects.exists()
    assert not ProviderCredential.objects.exists()
    assert not AccessToken.objects.exists()


@pytest.mark.parametrize("error", [requests.ConnectTimeout("slow"), requests.ReadTimeout("slow"),
                                   requests.ConnectionError("unreachable")])
@pytest.mark.parametrize("provider,url", [("google-oauth2", GOOGLE_USERINFO),
                                          ("linkedin-oauth2", LINKEDIN_ME),
                                          ("linkedin-openidconnect", LINKEDIN_USERINFO)])
def test_provider_timeout_or_network_error_is_1(
    provider_down, social_login, provider, url, error
):
    provider_down(url, error)
    assert_error(social_login(provider, "any-token"), 401, 1)
    assert not User.objects.exists()


def test_provider_server_error_is_1(providers, social_login):
    providers.mock.replace("GET", GOOGLE_USERINFO, status=503, body="unavailable")
    assert_error(social_login("google-oauth2", "g-token"), 401, 1)


def test_provider_answer_of_unexpected_shape_is_1(providers, social_login):
    providers.mock.replace("GET", LINKEDIN_ME, json={"id": "li-1"})  # no names
    assert_error(social_login("linkedin-oauth2", "li-token"), 401, 1)
    assert not User.objects.exists()


@pytest.mark.parametrize("overrides", [{"client_secret": "wrong"}, {"client_id": "unknown"}])
def test_bad_client_is_1_and_rolls_back_the_new_user(providers, social_login, overrides):
    providers.google_user("g-token")
    assert_error(social_login("google-oauth2", "g-token", **overrides), 401, 1)
    assert not User.objects.exists()
    assert not ProviderCredential.objects.exists()


def test_public_client_social_login(providers, api_client, public_app):
    providers.google_user("g-token")
    body = {"client_id": public_app.client_id, "provider": "google-oauth2", "token": "g-token"}
    assert_token_object(assert_ok(api_client.post(URL, body)))  # form body


def test_unknown_provider_is_10(social_login):
    assert_error(social_login("facebook", "token"), 400, 10)


def test_a_provider_account_of_another_user_is_not_moved(providers, social_login, other_user):
    ProviderCredential.objects.create(user=other_user, provider=Provider.LINKEDIN, uid="li-oidc-7")
    providers.linkedin_oidc_user("oidc-token", email="new@example.com")
    assert_error(social_login("linkedin-openidconnect", "oidc-token"), 401, 1)
    assert ProviderCredential.objects.get().user == other_user


def test_google_login_queues_a_gmail_sync(
    providers, social_login, eager_celery, django_capture_on_commit_callbacks
):
    providers.google_user("g-token")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        data = assert_ok(social_login("google-oauth2", "g-token"))
    assert len(callbacks) == 1
    state = SyncState.objects.get(user=token_owner(data))
    # The (placeholder) sync ran eagerly once the login committed.
    assert state.gmail_ok is True
    assert state.state == SyncState.State.IDLE and state.last_synced_at is not None


def test_google_login_marks_gmail_readable_again(providers, social_login, user):
    SyncState.objects.create(user=user, gmail_ok=False)
    providers.google_user("g-token", email="alice@example.com")
    assert_ok(social_login("google-oauth2", "g-token"))
    state = SyncState.objects.get(user=user)
    assert state.gmail_ok is True and state.state == SyncState.State.QUEUED


def test_linkedin_login_queues_no_sync(providers, social_login):
    providers.linkedin_user("li-token")
    assert_ok(social_login("linkedin-oauth2", "li-token"))
    assert not SyncState.objects.exists()


def test_provider_token_is_encrypted_at_rest_and_not_in_social_auth(providers, social_login):
    providers.google_user("g-secret-token-value")
    assert_ok(social_login("google-oauth2", "g-secret-token-value"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT access_token FROM users_providercredential")
        (stored,) = cursor.fetchone()
    assert stored and "g-secret-token-value" not in stored
    assert ProviderCredential.objects.get().access_token == "g-secret-token-value"
    assert "g-secret-token-value" not in str(UserSocialAuth.objects.get().extra_data)
