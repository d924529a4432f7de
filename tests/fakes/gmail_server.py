"""A fake Gmail HTTP server on 127.0.0.1 that the real google-api-python-client talks to.

Point a client at it with ``api_endpoint=server.api_endpoint`` and ``token_uri=server.token_uri``.
It implements the handful of Gmail endpoints JobHax uses (profile, messages.list, messages.get,
history.list, the batch endpoint) plus the OAuth token refresh endpoint, checks bearer tokens,
records every request (batch items included) and lets a test inject faults by path.
"""

from __future__ import annotations

import base64
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from email.parser import BytesParser, Parser
from email.utils import format_datetime, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast
from urllib.parse import parse_qs, urlsplit
from uuid import uuid4

import pytest

from tests.fakes.gmail_search import SearchableMessage, compile_query, searchable

DEFAULT_ACCESS_TOKEN = "fake-access-token"
DEFAULT_REFRESH_TOKEN = "fake-refresh-token"
DEFAULT_CLIENT_ID = "fake-client-id.apps.example.test"
DEFAULT_CLIENT_SECRET = "fake-client-secret"
DEFAULT_EMAIL = "candidate@example.test"

FIRST_HISTORY_ID = 1000
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
BATCH_PATH = "/batch/gmail/v1"
TOKEN_PATH = "/token"

_USER_PATH = r"/gmail/v1/users/(?P<user>[^/]+)"
_PROFILE_ROUTE = re.compile(_USER_PATH + r"/profile")
_MESSAGES_ROUTE = re.compile(_USER_PATH + r"/messages")
_MESSAGE_ROUTE = re.compile(_USER_PATH + r"/messages/(?P<message_id>[^/]+)")
_HISTORY_ROUTE = re.compile(_USER_PATH + r"/history")

# Google's canonical status names, used in JSON error bodies the way the real API writes them.
_ERROR_STATUS = {
    400: ("INVALID_ARGUMENT", "badRequest"),
    401: ("UNAUTHENTICATED", "authError"),
    403: ("PERMISSION_DENIED", "forbidden"),
    404: ("NOT_FOUND", "notFound"),
    429: ("RESOURCE_EXHAUSTED", "rateLimitExceeded"),
    500: ("INTERNAL", "backendError"),
    503: ("UNAVAILABLE", "backendError"),
}


@dataclass
class FakeResponse:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json; charset=UTF-8"


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: dict[str, str]
    in_batch: bool
    status: int


@dataclass
class Fault:
    """An injected answer for requests whose path matches ``pattern`` (batch items included)."""

    pattern: re.Pattern[str]
    status: int
    remaining: int
    headers: dict[str, str]
    body: dict[str, Any] | None
    method: str | None

    def matches(self, method: str, path: str) -> bool:
        method_matches = self.method is None or self.method == method
        return self.remaining > 0 and method_matches and bool(self.pattern.search(path))


def json_response(status: int, payload: dict[str, Any]) -> FakeResponse:
    return FakeResponse(status=status, body=json.dumps(payload).encode())


def google_error(status: int, message: str, reason: str | None = None) -> dict[str, Any]:
    """An error body shaped like Google's, so the client's error parsing meets the real thing."""
    status_name, default_reason = _ERROR_STATUS.get(status, ("UNKNOWN", "unknown"))
    reason = reason or default_reason
    return {
        "error": {
            "code": status,
            "message": message,
            "errors": [{"message": message, "domain": "global", "reason": reason}],
            "status": status_name,
        }
    }


def error_response(status: int, message: str, reason: str | None = None) -> FakeResponse:
    return json_response(status, google_error(status, message, reason))


def _encode_body(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def build_message(
    *,
    subject: str,
    sender: str,
    body_text: str,
    date: datetime | None = None,
    to: str = DEFAULT_EMAIL,
    thread_id: str | None = None,
    labels: list[str] | None = None,
) -> dict[str, Any]:
    """A small synthetic single-part text/plain message in Gmail ``format=full`` shape.

    Leave ``id``/``historyId`` to :meth:`FakeGmailServer.add_message`, which assigns them.
    """
    sent_at = date or datetime.now(UTC)
    message: dict[str, Any] = {
        "internalDate": str(int(sent_at.timestamp() * 1000)),
        "labelIds": labels if labels is not None else ["INBOX", "UNREAD"],
        "snippet": body_text[:100],
        "payload": {
            "partId": "",
            "mimeType": "text/plain",
            "filename": "",
            "headers": [
                {"name": "From", "value": sender},
                {"name": "To", "value": to},
                {"name": "Subject", "value": subject},
                {"name": "Date", "value": format_datetime(sent_at)},
                {"name": "Content-Type", "value": 'text/plain; charset="UTF-8"'},
            ],
            "body": {"size": len(body_text.encode()), "data": _encode_body(body_text)},
        },
    }
    if thread_id is not None:
        message["threadId"] = thread_id
    return message


def message_from_rfc822(raw: bytes) -> dict[str, Any]:
    """A mail file (as Takeout exports it) in Gmail's ``format=full`` shape: the MIME tree with
    each leaf's decoded bytes base64url-encoded, headers as sent, the thread id from
    ``X-GM-THRID`` (hex, as the API spells it) and labels from ``X-Gmail-Labels``."""
    message = BytesParser().parsebytes(raw)
    headers = dict((name.lower(), value) for name, value in message.items())
    thread = headers.get("x-gm-thrid", "").strip()
    labels = [
        label.strip().upper().replace(" ", "_")
        for label in headers.get("x-gmail-labels", "Inbox").split(",")
        if label.strip()
    ]
    try:
        sent_at = parsedate_to_datetime(headers.get("date", ""))
    except (TypeError, ValueError):
        sent_at = datetime.now(UTC)
    converted: dict[str, Any] = {
        "internalDate": str(int(sent_at.timestamp() * 1000)),
        "labelIds": labels,
        "payload": _gmail_part(message, ""),
    }
    if thread.isdigit():
        converted["threadId"] = f"{int(thread):x}"
    return converted


def _gmail_part(part: Message, part_id: str) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "partId": part_id,
        "mimeType": part.get_content_type(),
        "filename": part.get_filename() or "",
        "headers": [{"name": name, "value": str(value)} for name, value in part.items()],
    }
    if part.is_multipart():
        payload["body"] = {"size": 0}
        payload["parts"] = [
            _gmail_part(child, f"{part_id}.{index}".lstrip("."))
            for index, child in enumerate(part.get_payload())
        ]
        return payload
    data = cast("bytes | None", part.get_payload(decode=True)) or b""  # a leaf part's bytes
    if payload["filename"]:
        payload["body"] = {"size": len(data), "attachmentId": f"att-{uuid4().hex[:12]}"}
    else:
        payload["body"] = {
            "size": len(data),
            "data": base64.urlsafe_b64encode(data).decode().rstrip("="),
        }
    return payload


def _internal_datetime(message: dict[str, Any]) -> datetime:
    return datetime.fromtimestamp(int(message["internalDate"]) / 1000, UTC)


def _page(items: list[Any], query: dict[str, str]) -> tuple[list[Any], str | None]:
    """Offset paging: the page token is simply the index of the next item."""
    size = min(int(query.get("maxResults", DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE)
    start = int(query.get("pageToken", "0"))
    end = start + size
    return items[start:end], (str(end) if end < len(items) else None)


def _as_minimal(message: dict[str, Any]) -> dict[str, Any]:
    kept = ("id", "threadId", "labelIds", "snippet", "historyId", "internalDate", "sizeEstimate")
    return {key: message[key] for key in kept if key in message}


def _as_metadata(message: dict[str, Any]) -> dict[str, Any]:
    payload = message.get("payload", {})
    return {**_as_minimal(message), "payload": {"headers": payload.get("headers", [])}}


class FakeGmailServer:
    """One fake mailbox behind a real HTTP server; start it, point a GmailClient at it."""

    def __init__(self, email_address: str = DEFAULT_EMAIL) -> None:
        self.email_address = email_address
        self.client_id = DEFAULT_CLIENT_ID
        self.client_secret = DEFAULT_CLIENT_SECRET
        self.valid_access_tokens: set[str] = {DEFAULT_ACCESS_TOKEN}
        self.valid_refresh_tokens: set[str] = {DEFAULT_REFRESH_TOKEN}
        # For a stand-in mailbox that whatever token a test stored may read.
        self.accept_any_access_token = False
        # Seconds every request (batch items included) takes: a slow Gmail, for tests that must
        # catch a sync half-way.
        self.response_delay_seconds = 0.0
        # For tests of broken messages (no payload, no text): Gmail indexes what it stores, so
        # such fakes would never match a search; this lists every message whatever the query.
        self.search_matches_everything = False
        # history.list answers 404 for a startHistoryId below this, as Gmail does for old ids.
        self.min_history_id = FIRST_HISTORY_ID
        self.history_id = FIRST_HISTORY_ID
        self.recorded: list[RecordedRequest] = []
        self._messages: dict[str, dict[str, Any]] = {}
        self._searchable: dict[str, SearchableMessage] = {}
        # A query's matches, newest first, until the mailbox changes: Gmail answers each page
        # of a listing quickly, and the time it takes is not the sync's.
        self._listings: dict[str, list[dict[str, Any]]] = {}
        self._history: list[tuple[int, str]] = []
        self._faults: list[Fault] = []
        self._issued_tokens = 0
        self._lock = threading.RLock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> FakeGmailServer:
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        # A short poll interval keeps stop() (and so every test's teardown) fast.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None

    def __enter__(self) -> FakeGmailServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the fake Gmail server is not running")
        host, port = self._httpd.server_address[:2]
        return f"http://{host if isinstance(host, str) else host.decode()}:{port}"

    @property
    def api_endpoint(self) -> str:
        return self.base_url + "/"

    @property
    def token_uri(self) -> str:
        return self.base_url + TOKEN_PATH

    # -- mailbox -----------------------------------------------------------------------------

    def add_message(self, message: dict[str, Any]) -> dict[str, Any]:
        """Store a copy of ``message``, assigning id, threadId and the next historyId if absent."""
        with self._lock:
            self.history_id += 1
            stored = dict(message)
            stored.setdefault("id", f"{0x18F0000000000000 + self.history_id:016x}")
            stored.setdefault("threadId", stored["id"])
            stored.setdefault("labelIds", ["INBOX"])
            stored.setdefault("internalDate", str(int(time.time() * 1000)))
            stored.setdefault("snippet", "")
            stored["historyId"] = str(self.history_id)
            stored.setdefault("sizeEstimate", len(json.dumps(stored)))
            self._messages[stored["id"]] = stored
            self._searchable[stored["id"]] = searchable(stored)
            self._history.append((self.history_id, stored["id"]))
            self._listings.clear()
            return stored

    def add_messages(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [self.add_message(message) for message in messages]

    # -- tokens ------------------------------------------------------------------------------

    def expire_access_token(self, token: str = DEFAULT_ACCESS_TOKEN) -> None:
        with self._lock:
            self.valid_access_tokens.discard(token)

    def revoke_refresh_token(self, token: str = DEFAULT_REFRESH_TOKEN) -> None:
        with self._lock:
            self.valid_refresh_tokens.discard(token)

    # -- faults and recording ----------------------------------------------------------------

    def inject(
        self,
        path_regex: str,
        status: int,
        *,
        times: int = 1,
        headers: dict[str, str] | None = None,
        body: dict[str, Any] | None = None,
        method: str | None = None,
    ) -> Fault:
        """Answer the next ``times`` requests whose path matches with ``status``.

        The regex is searched in the path only (no query string). Batch items are matched one by
        one against their own path; ``^/batch`` targets the whole batch request instead.
        """
        fault = Fault(
            pattern=re.compile(path_regex),
            status=status,
            remaining=times,
            headers=dict(headers or {}),
            body=body,
            method=method,
        )
        with self._lock:
            self._faults.append(fault)
        return fault

    def requests(
        self, path_regex: str = "", *, in_batch: bool | None = None
    ) -> list[RecordedRequest]:
        pattern = re.compile(path_regex)
        with self._lock:
            return [
                request
                for request in self.recorded
                if pattern.search(request.path)
                and (in_batch is None or request.in_batch == in_batch)
            ]

    def count(self, path_regex: str = "", *, in_batch: bool | None = None) -> int:
        return len(self.requests(path_regex, in_batch=in_batch))

    def reset_requests(self) -> None:
        with self._lock:
            self.recorded.clear()

    # -- request handling --------------------------------------------------------------------

    def handle(
        self, method: str, target: str, headers: Message, body: bytes, *, in_batch: bool = False
    ) -> FakeResponse:
        """Answer one request, top-level or batch item, and record it."""
        if self.response_delay_seconds:
            time.sleep(self.response_delay_seconds)
        split = urlsplit(target)
        path = split.path
        query = {key: values[-1] for key, values in parse_qs(split.query).items()}
        with self._lock:
            response = self._injected_fault(method, path) or self._route(
                method, path, query, headers, body
            )
            self.recorded.append(RecordedRequest(method, path, query, in_batch, response.status))
        return response

    def _injected_fault(self, method: str, path: str) -> FakeResponse | None:
        for fault in self._faults:
            if fault.matches(method, path):
                fault.remaining -= 1
                payload = fault.body or google_error(fault.status, f"Injected fault {fault.status}")
                response = json_response(fault.status, payload)
                response.headers.update(fault.headers)
                return response
        return None

    def _route(
        self, method: str, path: str, query: dict[str, str], headers: Message, body: bytes
    ) -> FakeResponse:
        if method == "POST" and path == TOKEN_PATH:
            return self._refresh_token(body)
        if not self._is_authorized(headers):
            return error_response(401, "Request had invalid authentication credentials.")
        if method == "POST" and path == BATCH_PATH:
            return self._batch(headers, body)
        if method != "GET":
            return error_response(405, f"{method} is not supported by the fake")
        if _PROFILE_ROUTE.fullmatch(path):
            return self._profile()
        if _MESSAGES_ROUTE.fullmatch(path):
            return self._list_messages(query)
        if match := _MESSAGE_ROUTE.fullmatch(path):
            return self._get_message(match["message_id"], query)
        if _HISTORY_ROUTE.fullmatch(path):
            return self._list_history(query)
        return error_response(404, f"No fake route for {path}")

    def _is_authorized(self, headers: Message) -> bool:
        scheme, _, token = (headers.get("Authorization") or "").partition(" ")
        if scheme.lower() != "bearer":
            return False
        return self.accept_any_access_token or token in self.valid_access_tokens

    def _refresh_token(self, body: bytes) -> FakeResponse:
        form = {key: values[-1] for key, values in parse_qs(body.decode()).items()}
        if (
            form.get("client_id") != self.client_id
            or form.get("client_secret") != self.client_secret
        ):
            return json_response(
                401, {"error": "invalid_client", "error_description": "Unauthorized"}
            )
        if (
            form.get("grant_type") != "refresh_token"
            or form.get("refresh_token") not in self.valid_refresh_tokens
        ):
            return json_response(
                400,
                {
                    "error": "invalid_grant",
                    "error_description": "Token has been expired or revoked.",
                },
            )
        self._issued_tokens += 1
        token = f"{DEFAULT_ACCESS_TOKEN}-{self._issued_tokens}"
        self.valid_access_tokens.add(token)
        return json_response(
            200, {"access_token": token, "expires_in": 3599, "token_type": "Bearer"}
        )

    def _profile(self) -> FakeResponse:
        return json_response(
            200,
            {
                "emailAddress": self.email_address,
                "messagesTotal": len(self._messages),
                "threadsTotal": len({message["threadId"] for message in self._messages.values()}),
                "historyId": str(self.history_id),
            },
        )

    def _list_messages(self, query: dict[str, str]) -> FakeResponse:
        search = "" if self.search_matches_everything else query.get("q", "").strip()
        with self._lock:
            matching = self._listings.get(search)
            if matching is None:
                matcher = compile_query(search) if search else (lambda message: True)
                matching = [
                    message
                    for message in self._messages.values()
                    if matcher(self._searchable[message["id"]])
                ]
                # Gmail lists newest first.
                matching.sort(key=lambda message: int(message["internalDate"]), reverse=True)
                self._listings[search] = matching
        page, next_token = _page(matching, query)
        payload: dict[str, Any] = {"resultSizeEstimate": len(matching)}
        if page:  # Gmail leaves the key out entirely when nothing matches.
            payload["messages"] = [{"id": m["id"], "threadId": m["threadId"]} for m in page]
        if next_token:
            payload["nextPageToken"] = next_token
        return json_response(200, payload)

    def _get_message(self, message_id: str, query: dict[str, str]) -> FakeResponse:
        message = self._messages.get(message_id)
        if message is None:
            return error_response(404, "Requested entity was not found.")
        shape: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
            "minimal": _as_minimal,
            "metadata": _as_metadata,
            "full": dict,
        }
        message_format = query.get("format", "full")
        if message_format not in shape:
            return error_response(400, f"The fake does not serve format={message_format}")
        return json_response(200, shape[message_format](message))

    def _list_history(self, query: dict[str, str]) -> FakeResponse:
        start = query.get("startHistoryId", "")
        if not start.isdigit():
            return error_response(400, "Invalid startHistoryId")
        if int(start) < self.min_history_id:
            return error_response(404, "Requested entity was not found.")
        wanted_types = query.get("historyTypes", "messageAdded")
        records = [
            self._history_record(history_id, message_id)
            for history_id, message_id in self._history
            if history_id > int(start) and "messageAdded" in wanted_types
        ]
        page, next_token = _page(records, query)
        payload: dict[str, Any] = {"historyId": str(self.history_id)}
        if page:
            payload["history"] = page
        if next_token:
            payload["nextPageToken"] = next_token
        return json_response(200, payload)

    def _history_record(self, history_id: int, message_id: str) -> dict[str, Any]:
        message = self._messages[message_id]
        ref = {"id": message["id"], "threadId": message["threadId"]}
        return {
            "id": str(history_id),
            "messages": [ref],
            "messagesAdded": [{"message": {**ref, "labelIds": message["labelIds"]}}],
        }

    def _batch(self, headers: Message, body: bytes) -> FakeResponse:
        """Answer each application/http part of a multipart/mixed batch, the way Google does."""
        content_type = headers.get("Content-Type", "")
        envelope = BytesParser().parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        if not envelope.is_multipart():
            return error_response(400, "Batch body is not multipart/mixed")
        boundary = f"batch_{uuid4().hex}"
        parts = [self._batch_part(part) for part in cast(list[Message], envelope.get_payload())]
        answer = "".join(f"--{boundary}\r\n{part}\r\n" for part in parts) + f"--{boundary}--\r\n"
        return FakeResponse(
            status=200, body=answer.encode(), content_type=f"multipart/mixed; boundary={boundary}"
        )

    def _batch_part(self, part: Message) -> str:
        request_line, _, rest = cast(str, part.get_payload()).lstrip("\r\n").partition("\n")
        method, target, _ = request_line.strip().split(" ", 2)
        inner = Parser().parsestr(rest)
        response = self.handle(
            method, target, inner, (cast(str, inner.get_payload()) or "").encode(), in_batch=True
        )
        reason = HTTPStatus(response.status).phrase
        inner_headers = {"Content-Type": response.content_type, **response.headers}
        header_lines = "".join(f"{name}: {value}\r\n" for name, value in inner_headers.items())
        content_id = (part["Content-ID"] or "<>").strip("<>")
        return (
            "Content-Type: application/http\r\n"
            f"Content-ID: <response-{content_id}>\r\n\r\n"
            f"HTTP/1.1 {response.status} {reason}\r\n{header_lines}\r\n{response.body.decode()}"
        )


def _handler_for(fake: FakeGmailServer) -> type[BaseHTTPRequestHandler]:
    class FakeGmailHandler(BaseHTTPRequestHandler):
        # HTTP/1.1 keeps httplib2's connection alive between calls, as Google's servers do.
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._answer()

        def do_POST(self) -> None:
            self._answer()

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            response = fake.handle(self.command, self.path, self.headers, body)
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(response.body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
            """Keep test output quiet; the server records requests itself."""

    return FakeGmailHandler


@pytest.fixture
def fake_gmail() -> Iterator[FakeGmailServer]:
    """A running fake Gmail server with an empty mailbox and the default tokens."""
    with FakeGmailServer() as server:
        yield server
