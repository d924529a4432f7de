import pytest

from gmail_sync.models import SyncState
from users.models import Provider, ProviderCredential

from .conftest import assert_error, assert_ok

pytestmark = pytest.mark.django_db
URL = "/api/users/me"


def test_profile_of_a_password_user(auth_client, user):
    assert assert_ok(auth_client.get(URL)) == {
        "id": user.id, "username": "alice", "first_name": "Sam", "last_name": "Seeker",
        "email": "alice@example.com", "providers": [], "gmail": None,
    }


def test_profile_lists_linked_providers_and_gmail_status(auth_client, user):
    for provider in (Provider.LINKEDIN, Provider.GOOGLE):
        ProviderCredential.objects.create(user=user, provider=provider, uid=f"{provider}-1",
                                          access_token="secret-provider-token")
    SyncState.objects.create(user=user, gmail_ok=False, messages_seen=12)
    profile = assert_ok(auth_client.get(URL))
    assert profile["providers"] == ["google-oauth2", "linkedin-oauth2"]
    assert profile["gmail"]["gmail_ok"] is False and profile["gmail"]["messages_seen"] == 12
    assert "secret-provider-token" not in str(profile)


def test_update_names(auth_client, user):
    data = assert_ok(auth_client.post(URL, {"first_name": "Alice", "last_name": ""},
                                      format="json"))
    assert (data["first_name"], data["last_name"]) == ("Alice", "")
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Alice", "")


def test_update_one_name_keeps_the_other(auth_client, user):
    assert_ok(auth_client.post(URL, {"last_name": "Liddell"}, format="json"))
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Sam", "Liddell")


def test_email_and_username_cannot_be_changed_here(auth_client, user):
    assert_ok(auth_client.post(URL, {"first_name": "A", "email": "x@example.com",
                                     "username": "root"}, format="json"))
    user.refresh_from_db()
    assert (user.username, user.email) == ("alice", "alice@example.com")


@pytest.mark.parametrize("body", [{}, {"first_name": 5}, {"last_name": "x" * 151}, ["first_name"]])
def test_bad_update_is_10(auth_client, body):
    assert_error(auth_client.post(URL, body, format="json"), 400, 10)


def test_profile_is_json_only(auth_client):
    assert_error(auth_client.post(URL, {"first_name": "A"}), 415, 15)  # multipart


@pytest.mark.parametrize("method", ["get", "post"])
def test_profile_needs_a_token(api_client, method):
    assert_error(getattr(api_client, method)(URL), 401, 12)


def test_profile_is_the_callers(other_client, user):
    assert assert_ok(other_client.get(URL))["username"] == "bob"
