"""Brute-force brakes: 429 code 13 with Retry-After once a rate is spent."""
import pytest
from rest_framework.throttling import SimpleRateThrottle

from conftest import PASSWORD

from .conftest import assert_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(monkeypatch):
    """rates(scope="2/min", ...): tighter limits for one test."""

    def _set(**scoped):
        current = dict(SimpleRateThrottle.THROTTLE_RATES)
        monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {**current, **scoped})

    return _set


def assert_throttled(response):
    assert_error(response, 429, 13)
    assert int(response["Retry-After"]) >= 1


def test_login_is_throttled_per_username_whatever_the_ip(api_client, client_credentials, user,
                                                         rates):
    rates(login_username="2/min")
    body = {**client_credentials, "username": "alice", "password": "guess"}
    for ip in ("10.0.0.1", "10.0.0.2"):
        assert_error(api_client.post("/api/users/login", body, format="json", REMOTE_ADDR=ip),
                     401, 6)
    # Even the right password waits now, from a third address, and in another case.
    body = {**body, "username": "ALICE", "password": PASSWORD}
    assert_throttled(api_client.post("/api/users/login", body, format="json",
                                     REMOTE_ADDR="10.0.0.3"))


def test_login_is_throttled_per_ip_whatever_the_username(api_client, client_credentials, rates):
    rates(login_ip="2/min")
    for name in ("u1", "u2"):
        body = {**client_credentials, "username": name, "password": "guess"}
        assert_error(api_client.post("/api/users/login", body, format="json"), 401, 6)
    body = {**client_credentials, "username": "u3", "password": "guess"}
    assert_throttled(api_client.post("/api/users/login", body, format="json"))
    # Another address is not affected.
    assert_error(api_client.post("/api/users/login", body, format="json",
                                 REMOTE_ADDR="10.9.9.9"), 401, 6)


def test_register_is_throttled_per_ip(api_client, rates):
    rates(register_ip="1/hour")
    body = {"first_name": "", "last_name": "", "username": "x", "email": "x@example.com",
            "password": "a", "password2": "b"}
    assert_error(api_client.post("/api/users/register", body, format="json"), 400, 7)
    assert_throttled(api_client.post("/api/users/register", {**body, "username": "y"},
                                     format="json"))


def test_register_is_throttled_per_username(api_client, rates):
    rates(login_username="1/min")
    body = {"first_name": "", "last_name": "", "username": "x", "email": "x@example.com",
            "password": "a", "password2": "b"}
    assert_error(api_client.post("/api/users/register", body, format="json"), 400, 7)
    assert_throttled(api_client.post("/api/users/register", body, format="json",
                                     REMOTE_ADDR="10.1.1.1"))


def test_password_reset_requests_are_throttled_per_email(api_client, user, rates):
    rates(password_reset="1/hour")
    body = {"email": "alice@example.com"}
    api_client.post("/api/users/request_password_reset", body, format="json")
    assert_throttled(api_client.post("/api/users/request_password_reset", body, format="json",
                                     REMOTE_ADDR="10.2.2.2"))


def test_change_password_guesses_are_throttled(auth_client, rates):
    rates(login_username="1/min")
    new = "x-new-passphrase"
    body = {"old_password": "guess", "password": new, "password2": new}
    assert_error(auth_client.post("/api/users/change_password", body, format="json"), 401, 6)
    assert_throttled(auth_client.post("/api/users/change_password", body, format="json"))
