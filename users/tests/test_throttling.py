"""Brute-force brakes: 429 code 13 with Retry-After once a rate is spent, counted per real
client address and per account, whichever way either is dressed up (issue 13, findings 2-4)."""

import time

import pytest
from django.contrib.auth.hashers import make_password
from oauth2_provider.models import Application
from rest_framework.throttling import SimpleRateThrottle

from tests.factories import UserFactory
from tests.helpers import CLIENT_SECRET, PASSWORD, assert_error, assert_ok
from users import oauth

pytestmark = pytest.mark.django_db
LOGIN = "/api/users/login"


@pytest.fixture
def rates(monkeypatch):
    """rates(scope="2/min", ...): tighter limits for one test."""

    def _set(**scoped):
        current = dict(SimpleRateThrottle.THROTTLE_RATES)
        monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {**current, **scoped})

    return _set


@pytest.fixture
def proxies(settings):
    """proxies(1): that many reverse proxies in front (TRUSTED_PROXY_COUNT)."""

    def _set(count):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": count}

    return _set


def assert_throttled(response):
    assert_error(response, 429, 13)
    assert int(response["Retry-After"]) >= 1


def login(api_client, client_credentials, username, password="guess", ip="10.0.0.1"):
    body = {**client_credentials, "username": username, "password": password}
    return api_client.post(LOGIN, body, format="json", REMOTE_ADDR=ip)


# --- Finding 2: the client address is not whatever X-Forwarded-For says --------------------------

# Each public endpoint, the scope of its per-address bucket, and a body for the n-th request
# (varied, so that only the address can be what they have in common).
PUBLIC_ENDPOINTS = {
    "login": (
        "login_ip",
        lambda n: {"client_id": "test-client-id", "username": f"u{n}", "password": "guess"},
    ),
    "register": (
        "register_ip",
        lambda n: {
            "first_name": "",
            "last_name": "",
            "username": f"new{n}",
            "email": f"new{n}@example.com",
            "password": "a",
            "password2": "b",
        },
    ),
    "refresh_token": (
        "login_ip",
        lambda n: {"client_id": "test-client-id", "refresh_token": f"r{n}"},
    ),
    "auth_social_user": (
        "login_ip",
        lambda n: {"client_id": "test-client-id", "provider": "google-oauth2", "token": f"t{n}"},
    ),
    "logout": ("login_ip", lambda n: {"client_id": "test-client-id", "token": f"t{n}"}),
    "request_password_reset": ("password_reset", lambda n: {"email": f"x{n}@example.com"}),
    "reset_password": (
        "password_reset",
        lambda n: {"uid": "MQ", "token": f"t{n}", "password": "p", "password2": "p"},
    ),
}


@pytest.mark.parametrize("name", sorted(PUBLIC_ENDPOINTS))
def test_spoofed_forwarded_for_values_are_no_fresh_buckets(api_client, oauth_app, rates, name):
    """Finding 2: every spoofed X-Forwarded-For value was a bucket of its own. With no proxy
    trusted (the default) the header is ignored."""
    scope, body = PUBLIC_ENDPOINTS[name]
    rates(**{scope: "1/min"})
    path = f"/api/users/{name}"
    first = api_client.post(path, body(1), format="json", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert first.status_code != 429
    assert_throttled(
        api_client.post(path, body(2), format="json", HTTP_X_FORWARDED_FOR="198.51.100.2")
    )
    # The same client with a proxy appending its own address: still the same client.
    assert_throttled(
        api_client.post(path, body(3), format="json", HTTP_X_FORWARDED_FOR="198.51.100.3, 10.9.9.9")
    )
    # Another address is not affected.
    response = api_client.post(path, body(4), format="json", REMOTE_ADDR="10.7.7.7")
    assert response.status_code != 429


def test_behind_a_trusted_proxy_the_address_it_saw_is_the_client(
    api_client, client_credentials, rates, proxies
):
    proxies(1)
    rates(login_ip="1/min")

    def via_proxy(forwarded_for, username):
        body = {**client_credentials, "username": username, "password": "x"}
        return api_client.post(
            LOGIN, body, format="json", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded_for
        )

    assert_error(via_proxy("spoofed-1, 203.0.113.5", "u1"), 401, 6)
    # What the client wrote before the proxy's entry is not its address; the proxy's entry is.
    assert_throttled(via_proxy("spoofed-2, 203.0.113.5", "u2"))
    # Another client behind the same proxy has a bucket of its own.
    assert_error(via_proxy("203.0.113.6", "u3"), 401, 6)


# --- Finding 3: login attempts count against the account they reach -------------------------------


def test_every_spelling_of_an_account_spends_one_bucket(
    api_client, client_credentials, user, rates
):
    """Finding 3: case, Unicode variants and the email each had a bucket of their own (160
    guesses a minute instead of 10)."""
    rates(login_username="4/min")
    for spelling in ("ALICE", "ａｌｉｃｅ", "alice@example.com", "Alice@EXAMPLE.com"):
        assert_error(login(api_client, client_credentials, spelling), 401, 6)
    # Even the right password waits now, whatever the spelling.
    assert_throttled(login(api_client, client_credentials, "alice", PASSWORD))


def test_the_long_s_reaches_the_account_and_its_bucket(api_client, client_credentials, rates):
    UserFactory(username="sasha", email="sasha@example.com")
    rates(login_username="2/min")
    assert_ok(login(api_client, client_credentials, "ſaſha", PASSWORD))  # NFKC: ſ is s
    assert_error(login(api_client, client_credentials, "SASHA"), 401, 6)
    assert_throttled(login(api_client, client_credentials, "sasha", PASSWORD))


def test_the_dotless_i_reaches_no_account(api_client, client_credentials, user, rates):
    # "alıce" (U+0131) is another name: it neither logs into alice nor spends her bucket.
    rates(login_username="2/min")
    for _ in range(2):
        assert_error(login(api_client, client_credentials, "alıce", PASSWORD), 401, 6)
    assert_ok(login(api_client, client_credentials, "alice", PASSWORD))


def test_at_the_shipped_rates_ten_guesses_a_minute_from_one_address(
    api_client, client_credentials, user
):
    spellings = ["alice", "ALICE", "alice@example.com", "ＡＬＩＣＥ", "Alice"]
    for attempt in range(10):
        assert_error(login(api_client, client_credentials, spellings[attempt % 5]), 401, 6)
    assert_throttled(login(api_client, client_credentials, "alice@example.com", PASSWORD))


def test_an_attacker_cannot_lock_the_owner_out_from_their_own_address(
    api_client, client_credentials, user, rates
):
    """Finding 3: the username bucket ignored the address, so anyone could keep anyone's
    account locked."""
    rates(login_username="3/min")
    for _ in range(5):
        login(api_client, client_credentials, "alice", ip="203.0.113.66")
    assert_throttled(login(api_client, client_credentials, "alice", PASSWORD, ip="203.0.113.66"))
    assert_ok(login(api_client, client_credentials, "alice", PASSWORD, ip="192.0.2.10"))


def test_guesses_spread_over_many_addresses_meet_the_per_account_ceiling(
    api_client, client_credentials, user, rates
):
    rates(login_username="10/min", login_account="3/min")
    for ip in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
        assert_error(login(api_client, client_credentials, "alice", ip=ip), 401, 6)
    assert_throttled(login(api_client, client_credentials, "alice", PASSWORD, ip="203.0.113.4"))


def test_the_shipped_per_account_ceiling_is_several_addresses_worth(settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    per_address, per_account = rates["login_username"], rates["login_account"]
    assert (per_address, per_account) == ("10/min", "50/min")
    # Locking an account out from everywhere takes five addresses guessing flat out.
    assert int(per_account.split("/")[0]) >= 5 * int(per_address.split("/")[0])


def test_login_is_throttled_per_address_whatever_the_username(
    api_client, client_credentials, rates
):
    rates(login_ip="2/min")
    for name in ("u1", "u2"):
        assert_error(login(api_client, client_credentials, name), 401, 6)
    assert_throttled(login(api_client, client_credentials, "u3"))
    assert_error(login(api_client, client_credentials, "u3", ip="10.9.9.9"), 401, 6)


# --- Finding 4: every expensive or guessable endpoint is throttled -------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "logout",
        "refresh_token",
        "auth_social_user",
        "request_password_reset",
        "reset_password",
        "register",
    ],
)
def test_public_endpoint_is_throttled_per_address(api_client, oauth_app, rates, name):
    scope, body = PUBLIC_ENDPOINTS[name]
    rates(**{scope: "2/min"})
    for n in range(2):
        assert api_client.post(f"/api/users/{name}", body(n), format="json").status_code != 429
    assert_throttled(api_client.post(f"/api/users/{name}", body(9), format="json"))


def test_register_is_throttled_per_username_in_any_spelling(api_client, rates):
    rates(login_username="1/min")
    body = PUBLIC_ENDPOINTS["register"][1](1)
    assert_error(api_client.post("/api/users/register", body, format="json"), 400, 7)
    assert_throttled(
        api_client.post(
            "/api/users/register",
            {**body, "username": "NEW1"},
            format="json",
            REMOTE_ADDR="10.1.1.1",
        )
    )


def test_password_reset_requests_are_throttled_per_email_in_any_spelling(api_client, user, rates):
    rates(password_reset="1/hour")
    api_client.post(
        "/api/users/request_password_reset", {"email": "alice@example.com"}, format="json"
    )
    assert_throttled(
        api_client.post(
            "/api/users/request_password_reset",
            {"email": "ALICE@example.com"},
            format="json",
            REMOTE_ADDR="10.2.2.2",
        )
    )


def test_change_password_guesses_are_throttled(auth_client, rates):
    rates(login_username="1/min")
    new = "x-new-passphrase"
    body = {"old_password": "guess", "password": new, "password2": new}
    assert_error(auth_client.post("/api/users/change_password", body, format="json"), 400, 10)
    assert_throttled(auth_client.post("/api/users/change_password", body, format="json"))


def test_csv_import_is_throttled_per_user(auth_client, other_client, rates):
    rates(import_jobapps_csv="2/hour")
    path = "/api/jobapps/import_jobapps_csv"
    for _ in range(2):
        response = auth_client.post(path, "job_title,company\n", content_type="text/csv")
        assert response.status_code != 429
    assert_throttled(auth_client.post(path, "job_title,company\n", content_type="text/csv"))
    # Another user's imports are their own.
    assert (
        other_client.post(path, "job_title,company\n", content_type="text/csv").status_code != 429
    )


def test_the_shipped_csv_import_rate(settings):
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["import_jobapps_csv"] == "30/hour"


def test_endpoints_without_a_rate_are_not_counted(auth_client):
    for _ in range(50):
        assert_ok(auth_client.get("/api/users/me"))


def test_the_admin_login_is_throttled_like_the_apis(client, user, api_client, client_credentials):
    """Finding 4: 40 wrong passwords on the admin login, then the right one worked."""
    user.is_staff = True
    user.save()
    for attempt in range(10):
        response = client.post(
            "/admin/login/",
            {"username": "alice", "password": f"g{attempt}"},
            REMOTE_ADDR="203.0.113.9",
        )
        assert response.status_code == 200  # the form again, with an error
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "ALICE", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1
    assert "_auth_user_id" not in client.session
    # The admin page and the API share the buckets: the API login from there waits too.
    assert_throttled(login(api_client, client_credentials, "alice", PASSWORD, ip="203.0.113.9"))
    # The owner, from their own address, gets in.
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "alice", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.10",
    )
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_the_admin_login_accepts_the_email_too(client, user):
    user.is_staff = True
    user.save()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "Alice@Example.com", "password": PASSWORD}
    )
    assert response.status_code == 302


# --- Finding 4: a client-secret check costs microseconds ------------------------------------------


def test_client_secrets_are_hashed_for_speed_not_stretching(oauth_app, settings):
    oauth_app.refresh_from_db()
    assert oauth_app.client_secret.startswith("client_secret_sha256$1$")
    assert settings.OAUTH2_PROVIDER["CLIENT_SECRET_HASHER"] == "client_secret_sha256"
    started = time.perf_counter()
    for _ in range(50):
        assert (
            oauth.authenticate_client(client_id=oauth_app.client_id, client_secret=CLIENT_SECRET)
            is not None
        )
    # Argon2 took 250-400 ms a check; fifty of these take a few milliseconds.
    assert time.perf_counter() - started < 1.0


def test_a_secret_stored_with_a_slow_hash_is_rehashed_on_first_use(api_client, user, settings):
    settings.PASSWORD_HASHERS = [
        *settings.PASSWORD_HASHERS,
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    app = Application.objects.create(
        name="Old client",
        client_id="old-client",
        client_secret=make_password("old-secret", hasher="pbkdf2_sha256"),
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_PASSWORD,
    )
    assert app.client_secret.startswith("pbkdf2_sha256$")
    assert_ok(
        login(
            api_client,
            {"client_id": "old-client", "client_secret": "old-secret"},
            "alice",
            PASSWORD,
        )
    )
    app.refresh_from_db()
    assert app.client_secret.startswith("client_secret_sha256$")
    assert_ok(
        login(
            api_client,
            {"client_id": "old-client", "client_secret": "old-secret"},
            "alice",
            PASSWORD,
        )
    )
    assert_error(
        login(api_client, {"client_id": "old-client", "client_secret": "wrong"}, "alice", PASSWORD),
        401,
        6,
    )
