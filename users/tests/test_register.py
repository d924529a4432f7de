import pytest
from django.contrib.auth import get_user_model

from .conftest import assert_error, assert_ok

pytestmark = pytest.mark.django_db
User = get_user_model()
URL = "/api/users/register"
STRONG = "a-long-enough-passphrase"


def body(**overrides):
    return {
        "first_name": "Carol", "last_name": "Danvers", "username": "carol",
        "email": "carol@example.com", "password": STRONG, "password2": STRONG,
        # The web client sends these too; they are ignored.
        "client_id": "whatever", "client_secret": "whatever",
    } | overrides


def test_project_settings_hash_passwords_with_argon2():
    # The test suite swaps in a fast hasher; the settings module users run with must not.
    from jobhax import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_register_creates_a_user_with_a_hashed_password(api_client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    assert assert_ok(api_client.post(URL, body(), format="json")) is None
    user = User.objects.get(username="carol")
    assert (user.first_name, user.last_name) == ("Carol", "Danvers")
    assert user.email == "carol@example.com"
    assert user.password.startswith("argon2$")
    assert user.check_password(STRONG)


@pytest.mark.parametrize("path", ["/api/users/register", "/api/users/register/"])
def test_register_takes_form_bodies_with_and_without_slash(api_client, path):
    assert_ok(api_client.post(path, body()))  # multipart, as Postman sends
    response = api_client.post(
        path, "first_name=D&last_name=E&username=dave&email=dave%40example.com"
        f"&password={STRONG}&password2={STRONG}",
        content_type="application/x-www-form-urlencoded",
    )
    assert_ok(response)
    assert User.objects.filter(username__in=["carol", "dave"]).count() == 2


def test_mismatched_passwords_are_7(api_client):
    assert_error(api_client.post(URL, body(password2="something-else-1"), format="json"), 400, 7)


@pytest.mark.parametrize("weak", ["short", "password123", "12345678901", "carolcarol"])
def test_weak_password_is_16(api_client, weak):
    response = api_client.post(URL, body(password=weak, password2=weak, username="carolcarol"),
                               format="json")
    assert_error(response, 400, 16)
    assert not User.objects.filter(username="carolcarol").exists()


@pytest.mark.parametrize("username", ["alice", "ALICE", "Alice"])
def test_taken_username_is_8_whatever_the_case(api_client, user, username):
    assert_error(api_client.post(URL, body(username=username), format="json"), 409, 8)


@pytest.mark.parametrize("email", ["alice@example.com", "ALICE@Example.com"])
def test_taken_email_is_9_whatever_the_case(api_client, user, email):
    assert_error(api_client.post(URL, body(email=email), format="json"), 409, 9)


def test_checks_run_in_contract_order_7_16_8_9(api_client, user):
    taken = {"username": "alice", "email": "alice@example.com"}
    assert_error(api_client.post(URL, body(**taken, password2="x"), format="json"), 400, 7)
    assert_error(api_client.post(URL, body(**taken, password="1", password2="1"),
                                 format="json"), 400, 16)
    assert_error(api_client.post(URL, body(**taken), format="json"), 409, 8)
    assert_error(api_client.post(URL, body(email="alice@example.com"), format="json"), 409, 9)


def test_a_registered_user_can_log_in(api_client, client_credentials):
    assert_ok(api_client.post(URL, body(), format="json"))
    response = api_client.post("/api/users/login", {**client_credentials, "username": "carol",
                                                    "password": STRONG}, format="json")
    assert assert_ok(response)["access_token"]


def test_a_stale_authorization_header_does_not_block_registering(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer revoked-long-ago")
    assert_ok(api_client.post(URL, body(), format="json"))
