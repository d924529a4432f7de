"""GmailClient against the fake Gmail server, through the real google-api-python-client.

Plain pytest: no Django database is touched.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from gmail_sync.client import (
    GmailAuthError,
    GmailClient,
    GmailUnavailable,
    HistoryTooOld,
    MessageFailure,
)
from tests.fakes import gmail_server
from tests.fakes.gmail_server import FakeGmailServer, build_message

# Registers the shared fixture in this module, so these tests run before the root conftest does.
fake_gmail = gmail_server.fake_gmail

TOKEN_PATH = r"^/token$"
BATCH_PATH = r"^/batch/gmail/v1$"
MESSAGE_GET_PATH = r"/messages/[^/]+$"


class RecordingSleep:
    """Stands in for time.sleep: remembers the delays instead of waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture
def sleep() -> RecordingSleep:
    return RecordingSleep()


def make_client(server: FakeGmailServer, sleep: RecordingSleep, **overrides: Any) -> GmailClient:
    arguments: dict[str, Any] = {
        "access_token": gmail_server.DEFAULT_ACCESS_TOKEN,
        "refresh_token": gmail_server.DEFAULT_REFRESH_TOKEN,
        "client_id": server.client_id,
        "client_secret": server.client_secret,
        "api_endpoint": server.api_endpoint,
        "token_uri": server.token_uri,
        "sleep": sleep,
        "backoff_jitter": 0.0,  # exact waits; test_backoff_is_jittered_but_retry_after_is_not
        **overrides,
    }
    return GmailClient(**arguments)


def add_job_mails(server: FakeGmailServer, count: int) -> list[dict[str, Any]]:
    """``count`` synthetic confirmations, one minute apart, oldest first."""
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    return server.add_messages(
        [
            build_message(
                subject=f"Thank you for applying to Example Co {number}",
                sender="Example Co Careers <careers@example-co.test>",
                body_text=f"We received your application for Engineer {number}.",
                date=start + timedelta(minutes=number),
            )
            for number in range(count)
        ]
    )


# -- messages.list -------------------------------------------------------------------------------


def test_list_message_ids_follows_every_page(fake_gmail, sleep):
    added = add_job_mails(fake_gmail, 12)
    client = make_client(fake_gmail, sleep)

    refs = client.list_message_ids("from:careers@example-co.test", page_size=5)

    newest_first = [message["id"] for message in reversed(added)]
    assert [ref["id"] for ref in refs] == newest_first
    assert all(ref["threadId"] == ref["id"] for ref in refs)
    assert fake_gmail.count(r"/users/me/messages$") == 3


def test_list_message_ids_sends_the_search_query(fake_gmail, sleep):
    add_job_mails(fake_gmail, 3)
    recent = fake_gmail.add_message(
        build_message(
            subject="Your application was sent to Example Co",
            sender="jobs-noreply@linkedin.test",
            body_text="Application sent.",
            date=datetime(2026, 6, 1, tzinfo=UTC),
        )
    )
    client = make_client(fake_gmail, sleep)

    refs = client.list_message_ids("after:2026/05/01 subject:application")

    assert [ref["id"] for ref in refs] == [recent["id"]]
    (request,) = fake_gmail.requests(r"/users/me/messages$")
    assert request.query["q"] == "after:2026/05/01 subject:application"


def test_list_message_ids_of_an_empty_search_is_empty(fake_gmail, sleep):
    client = make_client(fake_gmail, sleep)

    assert client.list_message_ids("from:nobody@example.test") == []


# -- batched messages.get ------------------------------------------------------------------------


def test_get_messages_fetches_120_messages_in_batches_of_at_most_50(fake_gmail, sleep):
    added = add_job_mails(fake_gmail, 120)
    wanted = [message["id"] for message in added]
    client = make_client(fake_gmail, sleep)

    result = client.get_messages(wanted)

    assert [message["id"] for message in result.messages] == wanted
    assert result.messages[0]["payload"] == added[0]["payload"]
    assert result.failures == []
    assert fake_gmail.count(BATCH_PATH) == 3
    assert fake_gmail.count(MESSAGE_GET_PATH, in_batch=True) == 120
    assert fake_gmail.count(MESSAGE_GET_PATH, in_batch=False) == 0
    assert all(r.query["format"] == "full" for r in fake_gmail.requests(MESSAGE_GET_PATH))


def test_iter_messages_yields_one_result_per_batch(fake_gmail, sleep):
    wanted = [message["id"] for message in add_job_mails(fake_gmail, 51)]
    client = make_client(fake_gmail, sleep)

    sizes = [len(batch.messages) for batch in client.iter_messages(wanted)]

    assert sizes == [50, 1]


def test_a_missing_message_is_reported_without_failing_its_batch(fake_gmail, sleep):
    wanted = [message["id"] for message in add_job_mails(fake_gmail, 3)]
    client = make_client(fake_gmail, sleep)

    result = client.get_messages([wanted[0], "deleted-meanwhile", wanted[1], wanted[2]])

    assert [message["id"] for message in result.messages] == wanted
    assert result.failures == [
        MessageFailure("deleted-meanwhile", 404, "Requested entity was not found.")
    ]
    assert fake_gmail.count(BATCH_PATH) == 1  # a 404 is final: not retried
    assert sleep.delays == []


def test_a_failing_item_is_retried_alone_in_the_next_batch(fake_gmail, sleep):
    wanted = [message["id"] for message in add_job_mails(fake_gmail, 4)]
    fake_gmail.inject(rf"/messages/{wanted[2]}$", 500)
    client = make_client(fake_gmail, sleep)

    result = client.get_messages(wanted)

    assert [message["id"] for message in result.messages] == wanted
    assert result.failures == []
    assert fake_gmail.count(BATCH_PATH) == 2
    assert fake_gmail.count(rf"/messages/{wanted[2]}$") == 2
    assert fake_gmail.count(MESSAGE_GET_PATH) == 5
    assert sleep.delays == [1.0]


def test_an_item_throttled_past_every_retry_is_reported_as_failed(fake_gmail, sleep):
    wanted = [message["id"] for message in add_job_mails(fake_gmail, 3)]
    fake_gmail.inject(rf"/messages/{wanted[0]}$", 429, times=100, headers={"Retry-After": "3"})
    client = make_client(fake_gmail, sleep, max_retries=2)

    result = client.get_messages(wanted)

    assert [message["id"] for message in result.messages] == wanted[1:]
    assert [(f.message_id, f.status) for f in result.failures] == [(wanted[0], 429)]
    assert sleep.delays == [3.0, 3.0]  # the item's own Retry-After
    assert fake_gmail.count(BATCH_PATH) == 3


def test_a_whole_batch_answered_500_is_retried(fake_gmail, sleep):
    wanted = [message["id"] for message in add_job_mails(fake_gmail, 5)]
    fake_gmail.inject(BATCH_PATH, 503)
    client = make_client(fake_gmail, sleep)

    result = client.get_messages(wanted)

    assert len(result.messages) == 5
    assert fake_gmail.count(BATCH_PATH) == 2
    assert sleep.delays == [1.0]


# -- history.list --------------------------------------------------------------------------------


def test_list_history_returns_messages_added_since_the_stored_id(fake_gmail, sleep):
    add_job_mails(fake_gmail, 4)
    client = make_client(fake_gmail, sleep)
    stored_history_id = client.get_profile()["historyId"]
    new_mail = add_job_mails(fake_gmail, 7)

    refs, new_history_id = client.list_history(stored_history_id, page_size=3)

    assert [ref["id"] for ref in refs] == [message["id"] for message in new_mail]
    assert refs[0]["labelIds"] == ["INBOX", "UNREAD"]
    assert new_history_id == str(fake_gmail.history_id)
    history_calls = fake_gmail.requests(r"/users/me/history$")
    assert len(history_calls) == 3
    assert {call.query["historyTypes"] for call in history_calls} == {"messageAdded"}


def test_list_history_without_new_mail_costs_one_call(fake_gmail, sleep):
    add_job_mails(fake_gmail, 2)
    client = make_client(fake_gmail, sleep)

    refs, new_history_id = client.list_history(fake_gmail.history_id)

    assert refs == []
    assert new_history_id == str(fake_gmail.history_id)
    assert fake_gmail.count() == 1
    assert client.stats.quota_units == 2


def test_list_history_from_a_forgotten_id_raises_history_too_old(fake_gmail, sleep):
    add_job_mails(fake_gmail, 2)
    fake_gmail.min_history_id = fake_gmail.history_id
    client = make_client(fake_gmail, sleep)

    with pytest.raises(HistoryTooOld):
        client.list_history(fake_gmail.history_id - 1)
    assert sleep.delays == []  # a 404 is an answer, not an outage


# -- throttling and outages ----------------------------------------------------------------------


def test_429_waits_as_long_as_retry_after_says_then_succeeds(fake_gmail, sleep):
    fake_gmail.inject(r"/profile$", 429, headers={"Retry-After": "7"})
    client = make_client(fake_gmail, sleep)

    profile = client.get_profile()

    assert profile["emailAddress"] == fake_gmail.email_address
    assert sleep.delays == [7.0]
    assert fake_gmail.count(r"/profile$") == 2


def test_500_is_retried_with_exponential_backoff(fake_gmail, sleep):
    fake_gmail.inject(r"/users/me/messages$", 500, times=3)
    client = make_client(fake_gmail, sleep)

    assert client.list_message_ids("") == []
    assert sleep.delays == [1.0, 2.0, 4.0]
    assert client.stats.retries == 3


def test_backoff_never_exceeds_the_cap(fake_gmail, sleep):
    fake_gmail.inject(r"/profile$", 503, times=4)
    fake_gmail.inject(r"/profile$", 429, headers={"Retry-After": "3600"})
    client = make_client(fake_gmail, sleep, backoff_base=2.0, backoff_cap=10.0)

    client.get_profile()

    assert sleep.delays == [2.0, 4.0, 8.0, 10.0, 10.0]


def test_backoff_is_jittered_but_retry_after_is_not(fake_gmail, sleep):
    """Clients throttled at once must not retry at once: each exponential wait gets up to
    `backoff_jitter` seconds more; a wait the server asked for is kept exactly."""
    fake_gmail.inject(r"/profile$", 503, times=3)
    fake_gmail.inject(r"/profile$", 429, headers={"Retry-After": "5"})
    client = make_client(fake_gmail, sleep, backoff_jitter=0.5)

    client.get_profile()

    exponential, server_asked = sleep.delays[:3], sleep.delays[3:]
    assert all(
        base <= delay <= base + 0.5
        for base, delay in zip([1.0, 2.0, 4.0], exponential, strict=True)
    )
    assert exponential != [1.0, 2.0, 4.0]  # jittered (the chance of three exact draws is nil)
    assert server_asked == [5.0]


def test_5xx_past_every_retry_raises_gmail_unavailable(fake_gmail, sleep):
    fake_gmail.inject(r"/profile$", 503, times=100)
    client = make_client(fake_gmail, sleep, max_retries=2)

    with pytest.raises(GmailUnavailable):
        client.get_profile()
    assert fake_gmail.count(r"/profile$") == 3
    assert len(sleep.delays) == 2


def test_an_unreachable_server_raises_gmail_unavailable(sleep):
    with FakeGmailServer() as server:
        client = make_client(server, sleep, max_retries=1)
    # The server is stopped now: every connection is refused.

    with pytest.raises(GmailUnavailable):
        client.get_profile()
    assert sleep.delays == [1.0]


def test_403_rate_limit_is_throttling_not_a_refused_token(fake_gmail, sleep):
    rate_limited = gmail_server.google_error(
        403, "User rate limit exceeded", "userRateLimitExceeded"
    )
    fake_gmail.inject(r"/profile$", 403, body=rate_limited)
    client = make_client(fake_gmail, sleep)

    assert client.get_profile()["historyId"]
    assert sleep.delays == [1.0]


# -- tokens --------------------------------------------------------------------------------------


def test_401_refreshes_the_token_through_the_token_endpoint(fake_gmail, sleep):
    refreshed: list[tuple[str, datetime | None]] = []
    client = make_client(
        fake_gmail,
        sleep,
        access_token="expired-access-token",
        on_token_refreshed=lambda token, expiry: refreshed.append((token, expiry)),
    )

    assert client.get_profile()["emailAddress"] == fake_gmail.email_address
    client.get_profile()

    ((token, expiry),) = refreshed
    assert token in fake_gmail.valid_access_tokens
    assert expiry is not None and expiry.tzinfo is not None
    assert expiry > datetime.now(UTC)
    assert fake_gmail.count(TOKEN_PATH) == 1  # the second call reuses the new token
    assert client.stats.token_refreshes == 1
    assert sleep.delays == []


def test_a_401_inside_a_batch_refreshes_and_refetches_that_item(fake_gmail, sleep):
    wanted = [message["id"] for message in add_job_mails(fake_gmail, 3)]
    fake_gmail.inject(rf"/messages/{wanted[1]}$", 401)
    refreshed: list[str] = []
    client = make_client(
        fake_gmail, sleep, on_token_refreshed=lambda token, expiry: refreshed.append(token)
    )

    result = client.get_messages(wanted)

    assert [message["id"] for message in result.messages] == wanted
    assert len(refreshed) == 1
    assert fake_gmail.count(TOKEN_PATH) == 1


def test_401_with_a_revoked_refresh_token_raises_gmail_auth_error(fake_gmail, sleep):
    fake_gmail.expire_access_token()
    fake_gmail.revoke_refresh_token()
    client = make_client(fake_gmail, sleep)

    with pytest.raises(GmailAuthError):
        client.get_profile()
    assert fake_gmail.count(TOKEN_PATH) == 1
    assert sleep.delays == []


def test_401_without_a_refresh_token_raises_gmail_auth_error(fake_gmail, sleep):
    client = make_client(fake_gmail, sleep, access_token="expired-access-token", refresh_token=None)

    with pytest.raises(GmailAuthError):
        client.list_message_ids("")
    assert fake_gmail.count(TOKEN_PATH) == 0


def test_403_without_a_rate_limit_reason_raises_gmail_auth_error(fake_gmail, sleep):
    no_scope = gmail_server.google_error(403, "Insufficient Permission", "insufficientPermissions")
    fake_gmail.inject(r"/history$", 403, body=no_scope)
    client = make_client(fake_gmail, sleep)

    with pytest.raises(GmailAuthError):
        client.list_history(fake_gmail.history_id)


# -- stats ---------------------------------------------------------------------------------------


def test_stats_count_calls_by_method_and_quota_units(fake_gmail, sleep):
    added = add_job_mails(fake_gmail, 3)
    client = make_client(fake_gmail, sleep)

    client.get_profile()
    client.list_message_ids("", page_size=2)
    client.get_messages([message["id"] for message in added])
    client.list_history(fake_gmail.history_id)

    assert client.stats.calls == {
        "users.getProfile": 1,
        "users.messages.list": 2,
        "users.messages.get": 3,
        "users.history.list": 1,
    }
    assert client.stats.quota_units == 1 + 2 * 5 + 3 * 5 + 2
    assert client.stats.http_requests == 5  # three messages.get travel in one batch
    assert client.stats.batch_requests == 1
    assert client.stats.as_dict()["quota_units"] == 28


def test_stats_count_every_retried_attempt(fake_gmail, sleep):
    fake_gmail.inject(r"/profile$", 500)
    client = make_client(fake_gmail, sleep)

    client.get_profile()

    assert client.stats.calls["users.getProfile"] == 2
    assert client.stats.quota_units == 2
