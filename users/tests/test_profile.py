import pytest

from gmail_sync.models import SyncState
from tests.helpers import assert_error, assert_ok
from users.models import Profile, Provider, ProviderCredential

pytestmark = pytest.mark.django_db
URL = "/api/users/me"


def test_profile_of_a_password_user(auth_client, user):
    profile = assert_ok(auth_client.get(URL))
    key = Profile.objects.get(user=user).calendar_key
    assert profile == {
        "id": user.id,
        "username": "alice",
        "first_name": "Sam",
        "last_name": "Seeker",
        "email": "alice@example.com",
        "providers": [],
        "gmail": None,
        "email_verified": False,
        "ghosted_after_days": 21,
        "calendar_url": f"http://testserver/api/users/calendar.ics?key={key}",
    }
    assert len(key) >= 40


def test_profile_lists_linked_providers_and_gmail_status(auth_client, user):
    for provider in (Provider.LINKEDIN, Provider.GOOGLE):
        ProviderCredential.objects.create(
            user=user, provider=provider, uid=f"{provider}-1", access_token="secret-provider-token"
        )
    SyncState.objects.create(user=user, gmail_ok=False, messages_seen=12)
    profile = assert_ok(auth_client.get(URL))
    assert profile["providers"] == ["google-oauth2", "linkedin-oauth2"]
    assert profile["gmail"]["gmail_ok"] is False and profile["gmail"]["messages_seen"] == 12
    assert "secret-provider-token" not in str(profile)


def test_update_names(auth_client, user):
    data = assert_ok(auth_client.post(URL, {"first_name": "Alice", "last_name": ""}, format="json"))
    assert (data["first_name"], data["last_name"]) == ("Alice", "")
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Alice", "")


def test_update_one_name_keeps_the_other(auth_client, user):
    assert_ok(auth_client.post(URL, {"last_name": "Liddell"}, format="json"))
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Sam", "Liddell")


def test_email_and_username_cannot_be_changed_here(auth_client, user):
    assert_ok(
        auth_client.post(
            URL, {"first_name": "A", "email": "x@example.com", "username": "root"}, format="json"
        )
    )
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


def test_the_admin_says_when_a_name_is_taken_in_another_spelling(client, user):
    from tests.factories import UserFactory

    admin = UserFactory(username="root", email="root@example.com", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        "/admin/auth/user/add/",
        {
            "username": "ＡＬＩＣＥ",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
            "usable_password": "true",
        },
    )
    assert response.status_code == 200  # the form again, not a 500
    assert "username" in response.context["adminform"].form.errors
    assert not type(user).objects.filter(username__in=["ALICE", "ＡＬＩＣＥ"]).exists()
    response = client.post(
        f"/admin/auth/user/{admin.pk}/change/",
        {
            "username": "root",
            "email": "Alice@Example.com",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == ["Another account has this email."]
    admin.refresh_from_db()
    assert admin.email == "root@example.com"
