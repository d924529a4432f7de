import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from tests.factories import UserFactory
from tests.helpers import PASSWORD, assert_error, assert_ok, stored_access_token

pytestmark = pytest.mark.django_db
User = get_user_model()
URL = "/api/users/register"
STRONG = "a-long-enough-passphrase"


def body(**overrides):
    return {
        "first_name": "Carol",
        "last_name": "Danvers",
        "username": "carol",
        "email": "carol@example.com",
        "password": STRONG,
        "password2": STRONG,
        # The web client sends these too; they are ignored.
        "client_id": "whatever",
        "client_secret": "whatever",
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
        path,
        "first_name=D&last_name=E&username=dave&email=dave%40example.com"
        f"&password={STRONG}&password2={STRONG}",
        content_type="application/x-www-form-urlencoded",
    )
    assert_ok(response)
    assert User.objects.filter(username__in=["carol", "dave"]).count() == 2


def test_mismatched_passwords_are_7(api_client):
    assert_error(api_client.post(URL, body(password2="something-else-1"), format="json"), 400, 7)


@pytest.mark.parametrize("weak", ["short", "password123", "12345678901", "carolcarol"])
def test_weak_password_is_16(api_client, weak):
    response = api_client.post(
        URL, body(password=weak, password2=weak, username="carolcarol"), format="json"
    )
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
    assert_error(
        api_client.post(URL, body(**taken, password="1", password2="1"), format="json"), 400, 16
    )
    assert_error(api_client.post(URL, body(**taken), format="json"), 409, 8)
    assert_error(api_client.post(URL, body(email="alice@example.com"), format="json"), 409, 9)


def test_a_registered_user_can_log_in(api_client, client_credentials):
    assert_ok(api_client.post(URL, body(), format="json"))
    response = api_client.post(
        "/api/users/login",
        {**client_credentials, "username": "carol", "password": STRONG},
        format="json",
    )
    assert assert_ok(response)["access_token"]


def test_a_stale_authorization_header_does_not_block_registering(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer revoked-long-ago")
    assert_ok(api_client.post(URL, body(), format="json"))


# --- One account per person: names stored NFKC, unique folded (issue 13, findings 5 and 6) --------


def test_names_are_stored_nfkc_normalised(api_client):
    assert_ok(
        api_client.post(
            URL, body(username="ｃａｒｏｌ", email="Carol@ｅｘａｍｐｌｅ.COM"), format="json"
        )
    )
    user = User.objects.get()
    assert (user.username, user.email) == ("carol", "Carol@example.com")


@pytest.mark.parametrize("username", ["ａｌｉｃｅ", "ＡＬＩＣＥ", "Alice"])
def test_a_username_taken_in_any_unicode_spelling_is_8(api_client, user, username):
    assert_error(api_client.post(URL, body(username=username), format="json"), 409, 8)


def test_an_email_taken_in_any_unicode_spelling_is_9(api_client, user):
    response = api_client.post(URL, body(email="ALICE@ｅｘａｍｐｌｅ.com"), format="json")
    assert_error(response, 409, 9)


def test_the_database_refuses_a_second_account_with_the_same_name_in_another_case(user):
    """What stops a race (PostgreSQL and SQLite alike): the folded names are unique."""
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="ALICE", email="other@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="other", email="Alice@EXAMPLE.com")
    assert User.objects.count() == 1


def test_a_username_that_is_someone_elses_email_is_refused(api_client, user):
    """Finding 5: registering the *username* victim@corp.example hijacked login by email."""
    hijack = body(username="alice@example.com", email="mallory@example.com")
    response = assert_error(api_client.post(URL, hijack, format="json"), 400, 10)
    assert list(response["data"]["fields"]) == ["username"]
    # Nor a username that is an email nobody has yet.
    squat = body(username="victim@corp.example", email="mallory@example.com")
    assert_error(api_client.post(URL, squat, format="json"), 400, 10)
    assert User.objects.count() == 1


def test_a_username_may_be_the_accounts_own_email(api_client, client_credentials):
    assert_ok(api_client.post(URL, body(username="Carol@Example.com"), format="json"))
    response = api_client.post(
        "/api/users/login",
        {**client_credentials, "username": "carol@example.com", "password": STRONG},
        format="json",
    )
    assert assert_ok(response)["access_token"]


def test_login_by_email_finds_the_owner_of_the_email(api_client, client_credentials, user):
    # An account from before the rule above, whose username is alice's email.
    UserFactory(username="alice@example.com", email="mallory@example.com")
    response = api_client.post(
        "/api/users/login",
        {**client_credentials, "username": "ALICE@example.com", "password": PASSWORD},
        format="json",
    )
    assert stored_access_token(assert_ok(response)["access_token"]).user == user
    # And nobody can register alice's email as theirs, as email or as username.
    assert_error(
        api_client.post(
            URL, body(email="mallory2@example.com", username="alice@example.com"), format="json"
        ),
        400,
        10,
    )


@pytest.mark.parametrize("password", [" " * 10, "\t" * 12, " \u00a0 " * 4])
def test_whitespace_only_passwords_are_16(api_client, password):
    """Finding 7: ten spaces passed every check."""
    assert_error(
        api_client.post(URL, body(password=password, password2=password), format="json"), 400, 16
    )
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "password", ["carol-2024-rocks", "2024LORAC!!xyz", "Carol Danvers x9", "my ＣＡＲＯＬ pass"]
)
def test_passwords_that_contain_the_username_or_email_are_16(api_client, password):
    response = api_client.post(URL, body(password=password, password2=password), format="json")
    assert_error(response, 400, 16)
    assert "cannot contain your username" in str(response.json()["data"])
