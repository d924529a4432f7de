"""The only code in JobHax that talks to Google's Gmail API.

Built from plain values (tokens, client id/secret, endpoints) so it knows nothing about Django
models; the sync service reads the user's stored tokens, builds a ``GmailClient`` and persists a
refreshed token through ``on_token_refreshed``.

Retries are ours, not googleapiclient's (we always pass ``num_retries=0``), run by tenacity: 429/5xx
and transport failures wait as long as ``Retry-After`` says, else exponentially longer with
random jitter (so clients throttled together do not retry together), never beyond a cap; the
sleep is injectable for tests, and every attempt is counted in ``stats`` for the quota report.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import partial
from typing import Any, TypeVar, overload

import httplib2
from google.auth.exceptions import GoogleAuthError, RefreshError, TransportError
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest, HttpRequest
from tenacity import (
    RetryCallState,
    RetryError,
    Retrying,
    retry_if_exception_type,
    retry_if_result,
    stop_after_attempt,
    wait_exponential_jitter,
)
from tenacity.wait import wait_base

DEFAULT_API_ENDPOINT = "https://gmail.googleapis.com/"
DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token"
BATCH_PATH = "batch/gmail/v1"
MAX_BATCH_SIZE = 50  # Google's advice for Gmail; larger batches get rate limited as a whole.
MAX_PAGE_SIZE = 500  # The most messages.list / history.list return per page.

# Gmail API quota units per call (https://developers.google.com/gmail/api/reference/quota).
QUOTA_UNITS = {
    "users.getProfile": 1,
    "users.messages.list": 5,
    "users.messages.get": 5,
    "users.history.list": 2,
}

# A 403 with one of these reasons is throttling, not a refusal of the token.
RATE_LIMIT_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded"})
TRANSPORT_ERRORS = (OSError, httplib2.HttpLib2Error, TransportError)

T = TypeVar("T")
TokenRefreshedCallback = Callable[[str, datetime | None], None]


class GmailError(Exception):
    """Base class of every error the Gmail client raises."""


class GmailAuthError(GmailError):
    """Google refused the user's token and it could not be refreshed: Gmail is not readable."""


class GmailUnavailable(GmailError):
    """Gmail kept failing with 429/5xx or transport errors after every retry."""


class GmailRequestError(GmailError):
    """Gmail rejected a request for a reason retrying cannot fix (e.g. 400, 404)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"Gmail answered {status}: {reason}")
        self.status = status
        self.reason = reason


class HistoryTooOld(GmailError):
    """history.list no longer knows the stored startHistoryId; the caller must do a full sync."""


@dataclass
class GmailStats:
    """What the client spent: API calls by method (each batch item counted), HTTP round trips."""

    calls: Counter[str] = field(default_factory=Counter)
    http_requests: int = 0
    batch_requests: int = 0
    retries: int = 0
    token_refreshes: int = 0

    @property
    def quota_units(self) -> int:
        return sum(QUOTA_UNITS[method] * count for method, count in self.calls.items())

    def as_dict(self) -> dict[str, Any]:
        return {
            "calls": dict(self.calls),
            "quota_units": self.quota_units,
            "http_requests": self.http_requests,
            "batch_requests": self.batch_requests,
            "retries": self.retries,
            "token_refreshes": self.token_refreshes,
        }


@dataclass(frozen=True)
class MessageFailure:
    """A message a batch could not fetch; ``status`` is None when no HTTP answer came."""

    message_id: str
    status: int | None
    reason: str


@dataclass
class FetchResult:
    messages: list[dict[str, Any]] = field(default_factory=list)
    failures: list[MessageFailure] = field(default_factory=list)

    def extend(self, other: FetchResult) -> None:
        self.messages.extend(other.messages)
        self.failures.extend(other.failures)


class _RetryableFailure(Exception):
    """Internal: an attempt failed in a way worth retrying, with the server's wait hint if any."""

    def __init__(self, cause: BaseException, retry_after: float | None = None) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.retry_after = retry_after


@dataclass
class _Pending:
    """Messages of a batch still to fetch, and the longest wait Gmail asked for them."""

    ids: list[str]
    retry_after: float | None = None


class _WaitRetryAfter(wait_base):
    """How long to wait before the next attempt: the server's ``Retry-After`` when the failure
    (an exception or a batch's pending items) carries one, else ``fallback`` (exponential with
    jitter); never beyond ``cap``."""

    def __init__(self, fallback: wait_base, *, cap: float) -> None:
        self.fallback = fallback
        self.cap = cap

    def __call__(self, retry_state: RetryCallState) -> float:
        outcome = retry_state.outcome
        failure = outcome.exception() if outcome is not None and outcome.failed else None
        reason = failure if failure is not None else outcome.result() if outcome else None
        retry_after = getattr(reason, "retry_after", None)
        delay = retry_after if retry_after is not None else self.fallback(retry_state)
        return min(delay, self.cap)


class GmailClient:
    """Gmail for one user. Not thread-safe (httplib2 underneath): one client per sync run."""

    def __init__(
        self,
        *,
        access_token: str,
        refresh_token: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        api_endpoint: str | None = None,
        token_uri: str | None = None,
        on_token_refreshed: TokenRefreshedCallback | None = None,
        max_retries: int = 5,
        sleep: Callable[[float], None] = time.sleep,
        access_token_expiry: datetime | None = None,
        backoff_base: float = 1.0,
        backoff_cap: float = 60.0,
        backoff_jitter: float = 1.0,
    ) -> None:
        self._credentials = Credentials(
            token=access_token,
            refresh_token=refresh_token,
            client_id=client_id,
            client_secret=client_secret,
            token_uri=token_uri or DEFAULT_TOKEN_URI,
            # google-auth compares expiry with a naive UTC "now".
            expiry=_as_naive_utc(access_token_expiry),
        )
        endpoint = (api_endpoint or DEFAULT_API_ENDPOINT).rstrip("/") + "/"
        self._service = build(
            "gmail",
            "v1",
            credentials=self._credentials,
            static_discovery=True,
            cache_discovery=False,
            client_options={"api_endpoint": endpoint},
        )
        # service.new_batch_http_request() would use the discovery document's rootUrl, i.e. real
        # Google, even with a custom api_endpoint; the batch endpoint must follow the endpoint.
        self._batch_uri = endpoint + BATCH_PATH
        self._on_token_refreshed = on_token_refreshed
        self._known_token = access_token
        self._max_retries = max_retries
        self._sleep = sleep
        self._wait = _WaitRetryAfter(
            wait_exponential_jitter(initial=backoff_base, exp_base=2, jitter=backoff_jitter),
            cap=backoff_cap,
        )
        self.stats = GmailStats()

    # -- public API ----------------------------------------------------------------------------

    def get_profile(self) -> dict[str, Any]:
        """The mailbox's ``emailAddress`` and current ``historyId`` (among others)."""
        request = self._users().getProfile(userId="me")
        return self._execute("users.getProfile", request)

    def list_message_ids(
        self, query: str, *, page_size: int = MAX_PAGE_SIZE
    ) -> list[dict[str, str]]:
        """Every ``{"id", "threadId"}`` matching a Gmail search, across all pages."""
        refs: list[dict[str, str]] = []
        page_token: str | None = None
        while True:
            request = (
                self._users()
                .messages()
                .list(userId="me", q=query, maxResults=page_size, pageToken=page_token)
            )
            page = self._execute("users.messages.list", request)
            refs.extend(
                {"id": ref["id"], "threadId": ref["threadId"]} for ref in page.get("messages", [])
            )
            page_token = page.get("nextPageToken")
            if not page_token:
                return refs

    def list_history(
        self, start_history_id: str | int, *, page_size: int = MAX_PAGE_SIZE
    ) -> tuple[list[dict[str, Any]], str]:
        """Messages added since ``start_history_id`` and the mailbox's new historyId.

        Each ref is ``{"id", "threadId", "labelIds"}``, in history order without duplicates.
        Raises ``HistoryTooOld`` when Gmail no longer has that point in history (404).
        """
        refs: dict[str, dict[str, Any]] = {}
        page_token: str | None = None
        while True:
            request = (
                self._users()
                .history()
                .list(
                    userId="me",
                    startHistoryId=str(start_history_id),
                    historyTypes="messageAdded",
                    maxResults=page_size,
                    pageToken=page_token,
                )
            )
            try:
                page = self._execute("users.history.list", request)
            except GmailRequestError as error:
                if error.status == 404:
                    raise HistoryTooOld(f"startHistoryId {start_history_id} is too old") from error
                raise
            for record in page.get("history", []):
                for added in record.get("messagesAdded", []):
                    message = added["message"]
                    refs.setdefault(message["id"], message)
            page_token = page.get("nextPageToken")
            if not page_token:
                return list(refs.values()), str(page["historyId"])

    def iter_messages(
        self, ids: Iterable[str], *, message_format: str = "full"
    ) -> Iterator[FetchResult]:
        """Fetch messages in batches of at most 50, yielding one result per batch.

        A message that fails inside a batch is retried on its own (429/5xx) or reported in
        ``failures`` (e.g. 404 for a message deleted meanwhile); it never fails its neighbours.
        """
        unique_ids = list(dict.fromkeys(ids))
        for start in range(0, len(unique_ids), MAX_BATCH_SIZE):
            yield self._fetch_batch(unique_ids[start : start + MAX_BATCH_SIZE], message_format)

    def get_messages(self, ids: Iterable[str], *, message_format: str = "full") -> FetchResult:
        """All of ``iter_messages`` at once."""
        result = FetchResult()
        for batch_result in self.iter_messages(ids, message_format=message_format):
            result.extend(batch_result)
        return result

    # -- batches -------------------------------------------------------------------------------

    def _fetch_batch(self, ids: list[str], message_format: str) -> FetchResult:
        fetched: dict[str, dict[str, Any]] = {}
        failed: dict[str, MessageFailure] = {}
        pending = _Pending(ids)

        def send_pending() -> _Pending:
            """One batch of what is still pending; what failed transiently is pending next."""
            outcomes = self._call_with_retries(
                partial(self._send_batch, pending.ids, message_format)
            )
            still = _Pending([])
            for message_id, outcome in outcomes.items():
                if isinstance(outcome, HttpError):
                    failed[message_id] = _message_failure(message_id, outcome)
                    if _is_auth_failure(outcome):
                        raise GmailAuthError(
                            f"Gmail refused the token: {outcome.reason}"
                        ) from outcome
                    if _is_transient(outcome):
                        still.ids.append(message_id)
                        still.retry_after = _max_optional(
                            still.retry_after, _retry_after_seconds(outcome.resp)
                        )
                else:
                    fetched[message_id] = outcome
                    failed.pop(message_id, None)
            return still

        # Whatever is still pending after the last retry stays in `failed` with its last error.
        for attempt in self._retrying(
            retry=retry_if_result(lambda still: bool(still.ids)),
            retry_error_callback=lambda state: None,
        ):
            with attempt:
                pending = send_pending()
            outcome = attempt.retry_state.outcome  # set when the attempt's block ends
            if outcome is not None and not outcome.failed:
                attempt.retry_state.set_result(pending)
        return FetchResult(
            messages=[fetched[message_id] for message_id in ids if message_id in fetched],
            failures=list(failed.values()),
        )

    def _send_batch(
        self, ids: list[str], message_format: str
    ) -> dict[str, dict[str, Any] | HttpError]:
        outcomes: dict[str, dict[str, Any] | HttpError] = {}

        def collect(
            message_id: str, response: dict[str, Any] | None, error: HttpError | None
        ) -> None:
            outcomes[message_id] = error if error is not None else response or {}

        batch = BatchHttpRequest(callback=collect, batch_uri=self._batch_uri)
        # Built once per batch: each users().messages() builds every method from discovery,
        # which cost more than parsing the messages did.
        messages = self._users().messages()
        for message_id in ids:
            request = messages.get(userId="me", id=message_id, format=message_format)
            batch.add(request, request_id=message_id)
        self.stats.calls["users.messages.get"] += len(ids)
        self.stats.batch_requests += 1
        self.stats.http_requests += 1
        batch.execute()
        return outcomes

    # -- single requests and retries -----------------------------------------------------------

    def _execute(self, method: str, request: HttpRequest) -> dict[str, Any]:
        def send() -> dict[str, Any]:
            self.stats.calls[method] += 1
            self.stats.http_requests += 1
            return request.execute(num_retries=0)

        return self._call_with_retries(send)

    def _retrying(self, **options: Any) -> Retrying:
        """tenacity with this client's attempts, waits and sleep; each wait counts a retry."""
        return Retrying(
            stop=stop_after_attempt(self._max_retries + 1),
            wait=self._wait,
            sleep=self._sleep,
            before_sleep=self._count_retry,
            **options,
        )

    def _count_retry(self, retry_state: RetryCallState) -> None:
        self.stats.retries += 1

    def _call_with_retries(self, send: Callable[[], T]) -> T:
        """Run ``send`` until it succeeds, retrying throttling and server errors with backoff."""
        try:
            return self._retrying(retry=retry_if_exception_type(_RetryableFailure))(
                self._attempt, send
            )
        except RetryError as error:
            failure = error.last_attempt.exception()
            message = f"Gmail still failing after {self._max_retries} retries: {failure}"
            raise GmailUnavailable(message) from getattr(failure, "cause", failure)

    def _attempt(self, send: Callable[[], T]) -> T:
        """One attempt, with every Google/transport error turned into our typed errors."""
        try:
            return send()
        except HttpError as error:
            if _is_auth_failure(error):
                raise GmailAuthError(f"Gmail refused the token: {error.reason}") from error
            if _is_transient(error):
                raise _RetryableFailure(error, _retry_after_seconds(error.resp)) from error
            raise GmailRequestError(error.status_code, error.reason) from error
        except RefreshError as error:
            if error.retryable:
                raise _RetryableFailure(error) from error
            raise GmailAuthError(f"Could not refresh the Google token: {error}") from error
        except (*TRANSPORT_ERRORS, GoogleAuthError) as error:
            raise _RetryableFailure(error) from error
        finally:
            # google-auth may have refreshed the token inside this attempt, even a failed one.
            self._report_token_refresh()

    def _report_token_refresh(self) -> None:
        token = self._credentials.token
        if token == self._known_token:
            return
        self._known_token = token
        self.stats.token_refreshes += 1
        if self._on_token_refreshed is not None:
            self._on_token_refreshed(token, _as_aware_utc(self._credentials.expiry))

    def _users(self) -> Any:
        return self._service.users()


def _is_auth_failure(error: HttpError) -> bool:
    """401, or 403 that is not throttling (e.g. the scope was revoked)."""
    status = error.status_code
    return status == 401 or (status == 403 and _error_reason(error) not in RATE_LIMIT_REASONS)


def _is_transient(error: HttpError) -> bool:
    status = error.status_code
    return (
        status == 429
        or status >= 500
        or (status == 403 and _error_reason(error) in RATE_LIMIT_REASONS)
    )


def _error_reason(error: HttpError) -> str | None:
    """Google's machine-readable reason ("rateLimitExceeded", ...) from a JSON error body."""
    details = error.error_details
    if isinstance(details, list) and details and isinstance(details[0], dict):
        return details[0].get("reason")
    return None


def _message_failure(message_id: str, error: HttpError) -> MessageFailure:
    return MessageFailure(
        message_id=message_id, status=error.status_code, reason=error.reason or ""
    )


def _retry_after_seconds(response: httplib2.Response) -> float | None:
    """``Retry-After`` as seconds; it may be a number of seconds or an HTTP date."""
    value = response.get("retry-after")
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        retry_at = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max((_as_aware_utc(retry_at) - datetime.now(UTC)).total_seconds(), 0.0)


def _max_optional(first: float | None, second: float | None) -> float | None:
    present = [value for value in (first, second) if value is not None]
    return max(present) if present else None


def _as_naive_utc(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


@overload
def _as_aware_utc(moment: datetime) -> datetime: ...
@overload
def _as_aware_utc(moment: None) -> None: ...
def _as_aware_utc(moment: datetime | None) -> datetime | None:
    """google-auth keeps naive UTC datetimes; callers (Django, USE_TZ) want aware ones."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)
