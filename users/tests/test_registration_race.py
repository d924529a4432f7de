"""Concurrent registrations of one name or one email create one account (PostgreSQL only).

Issue 13, finding 6: 20 concurrent registrations with case variants of one username created 3
accounts, and 20 with one email created 3 accounts with that email: every request checked
"is it taken?" before any had inserted. The folded names are unique in the database
(users.models.AccountName), so whichever insert comes second fails and is answered 8 or 9.
"""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every write, so registrations never race",
    ),
]
User = get_user_model()
THREADS = 20
PASSWORD = "a-long-enough-passphrase"


@pytest.fixture(autouse=True)
def _no_throttling(monkeypatch):
    # 20 registrations of one name would meet the per-username limit before any race.
    rates = {scope: "10000/min" for scope in SimpleRateThrottle.THROTTLE_RATES}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)


def register_at_once(bodies: list[dict]) -> list[tuple[int, int]]:
    """POSTs the bodies to register from THREADS threads released together; returns each
    answer's (HTTP status, error_code)."""
    barrier = threading.Barrier(len(bodies))
    answers: list[tuple[int, int]] = []

    def target(body):
        try:
            barrier.wait(timeout=30)
            response = APIClient().post("/api/users/register", body, format="json")
            answers.append((response.status_code, response.json()["error_code"]))
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=target, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return answers


def body(username, email):
    return {
        "first_name": "",
        "last_name": "",
        "username": username,
        "email": email,
        "password": PASSWORD,
        "password2": PASSWORD,
    }


def case_variants(word: str, count: int) -> list[str]:
    return [
        "".join(ch.upper() if (n >> i) & 1 else ch for i, ch in enumerate(word))
        for n in range(count)
    ]


def test_case_variants_of_one_username_make_one_account():
    names = case_variants("racer-name", THREADS)
    answers = register_at_once(
        [body(name, f"racer{n}@example.com") for n, name in enumerate(names)]
    )
    assert sorted(answers) == [(200, 0)] + [(409, 8)] * (THREADS - 1)
    assert User.objects.count() == 1


def test_one_email_in_any_case_makes_one_account():
    emails = [f"{local}@Example.com" for local in case_variants("shared", THREADS)]
    answers = register_at_once([body(f"racer{n}", email) for n, email in enumerate(emails)])
    assert sorted(answers) == [(200, 0)] + [(409, 9)] * (THREADS - 1)
    assert User.objects.count() == 1
