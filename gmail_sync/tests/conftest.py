"""Gmail sync fixtures: a fake Gmail server the settings point at, a user linked to Google, and
the synthetic fixture messages, dated so a story (confirmation, then interview...) reads in order.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest

from gmail_sync import services
from gmail_sync.services import SyncReport
from tests.fakes import gmail_server
from tests.fakes.gmail_server import FakeGmailServer
from tests.helpers import link_google

FIXTURES = Path(__file__).parent / "fixtures"
CASES: dict[str, dict[str, Any]] = {
    path.stem: json.loads(path.read_text(encoding="utf-8"))
    for path in sorted(FIXTURES.glob("*.json"))
}

# When each kind of mail arrives in the stories the tests tell.
DATE_BY_KIND = {
    "application_confirmation": datetime(2025, 1, 10, 9, 0, tzinfo=UTC),
    "not_job": datetime(2025, 1, 12, 9, 0, tzinfo=UTC),
    "assessment": datetime(2025, 1, 15, 9, 0, tzinfo=UTC),
    "interview_invitation": datetime(2025, 1, 20, 9, 0, tzinfo=UTC),
    "offer": datetime(2025, 2, 1, 9, 0, tzinfo=UTC),
    "rejection": datetime(2025, 2, 5, 9, 0, tzinfo=UTC),
}
PARSE_ERROR_DATE = datetime(2025, 1, 11, 9, 0, tzinfo=UTC)

fake_gmail = gmail_server.fake_gmail


@pytest.fixture
def gmail(fake_gmail: FakeGmailServer, settings) -> FakeGmailServer:
    """The fake Gmail server, with the settings a sync reads pointing at it."""
    settings.GMAIL_API_ENDPOINT = fake_gmail.api_endpoint
    settings.GOOGLE_TOKEN_URI = fake_gmail.token_uri
    settings.GOOGLE_CLIENT_ID = fake_gmail.client_id
    settings.GOOGLE_CLIENT_SECRET = fake_gmail.client_secret
    # The fixtures are dated early 2025; the look-back window must reach them.
    settings.GMAIL_LOOKBACK_DAYS = 36500
    return fake_gmail


@pytest.fixture
def google_user(user):
    """`user` (alice) with a Google account whose tokens the fake server accepts."""
    link_google(user)
    return user


def run_sync(user) -> SyncReport:
    """One sync, without waiting out the client's retry backoff."""
    return services.sync_user(user.pk, sleep=lambda seconds: None)


def dated(message: dict[str, Any], when: datetime) -> dict[str, Any]:
    """A copy of a Gmail message sent and received at `when` (a missing Date header stays
    missing: only the received time, Gmail's internalDate, is set then)."""
    message = copy.deepcopy(message)
    message["internalDate"] = str(int(when.timestamp() * 1000))
    for header in message.get("payload", {}).get("headers", []):
        if header["name"].lower() == "date":
            header["value"] = format_datetime(when)
    return message


def fixture_message(name: str, when: datetime | None = None) -> dict[str, Any]:
    case = CASES[name]
    kind = case["expected"].get("kind")
    return dated(case["message"], when or DATE_BY_KIND.get(kind, PARSE_ERROR_DATE))


def add_fixtures(server: FakeGmailServer, names: list[str]) -> list[dict[str, Any]]:
    return [server.add_message(fixture_message(name)) for name in names]
