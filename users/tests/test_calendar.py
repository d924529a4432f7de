"""The interview calendar feed: `calendar_url` in `me` serves the owner's upcoming events as
iCalendar (read back here with the icalendar library, as calendar apps parse it), shows nothing
of anyone else, and its key can be rotated."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from icalendar import Calendar

from jobapps.models import Event
from tests.factories import JobApplicationFactory
from tests.helpers import assert_error, assert_ok
from tests.query_counts import assert_query_count

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def calendar_url(client) -> str:
    return assert_ok(client.get("/api/users/me"))["calendar_url"]


def fetch(api_client, url: str):
    """As a calendar app subscribes: no token, only the URL."""
    return api_client.get(url.removeprefix("http://testserver"), HTTP_ACCEPT="text/calendar")


def feed_events(api_client, url: str) -> dict[str, dict]:
    response = fetch(api_client, url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    # Apple Calendar and Outlook refresh as often as these ask.
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in response.content
    assert b"X-PUBLISHED-TTL:PT1H\r\n" in response.content
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"])
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def event(app, days: float, kind=Event.Kind.VIDEO, **fields) -> Event:
    return Event.objects.create(
        job_application=app, start=NOW + timedelta(days=days), kind=kind, **fields
    )


def test_the_feed_holds_the_owners_upcoming_interviews(api_client, auth_client, user, other_user):
    app = JobApplicationFactory(
        user=user,
        job_title="Android Developer",
        company="Genuent",
        job_url="https://jobs.genuent.example/1",
    )
    video = event(
        app,
        2,
        end=NOW + timedelta(days=2, hours=1),
        location="https://meet.example/abc",
        notes="Ask about the team",
    )
    deadline = event(app, 5, kind=Event.Kind.ASSESSMENT_DEADLINE)
    recent = event(app, -3, kind=Event.Kind.PHONE)  # last week: stays on the calendar a while
    event(app, -45)  # long past
    Event.objects.create(
        job_application=app, start=NOW + timedelta(days=9), kind="onsite", deleted_at=NOW
    )
    event(JobApplicationFactory(user=user, is_deleted=True), 3)
    event(JobApplicationFactory(user=other_user, company="Secret Corp"), 1)

    events = feed_events(api_client, calendar_url(auth_client))

    assert set(events) == {f"jobhax-event-{e.id}@jobhax" for e in (video, deadline, recent)}
    vevent = events[f"jobhax-event-{video.id}@jobhax"]
    assert str(vevent["SUMMARY"]) == "Video interview: Android Developer at Genuent"
    assert vevent.decoded("DTSTART") == NOW + timedelta(days=2)
    assert vevent.decoded("DTEND") == NOW + timedelta(days=2, hours=1)
    assert str(vevent["LOCATION"]) == "https://meet.example/abc"
    assert str(vevent["DESCRIPTION"]) == "Ask about the team\n\nhttps://jobs.genuent.example/1"
    assert int(vevent["SEQUENCE"]) == 0
    due = events[f"jobhax-event-{deadline.id}@jobhax"]
    assert str(due["SUMMARY"]).startswith("Assessment due: ")
    assert "DTEND" not in due and str(due["TRANSP"]) == "TRANSPARENT"


def test_an_edited_event_comes_with_a_higher_sequence(api_client, auth_client, user):
    interview = event(JobApplicationFactory(user=user), 2)
    url = calendar_url(auth_client)
    assert_ok(
        auth_client.post(
            "/api/jobapps/update_jobapp_event",
            {"jobapp_event_id": interview.id, "start": "2026-03-04T15:00:00Z"},
            format="json",
        )
    )
    vevent = feed_events(api_client, url)[f"jobhax-event-{interview.id}@jobhax"]
    assert int(vevent["SEQUENCE"]) == 1
    assert vevent.decoded("DTSTART") == datetime(2026, 3, 4, 15, tzinfo=UTC)


def test_each_key_opens_only_its_owners_feed(
    api_client, auth_client, other_client, user, other_user
):
    mine = event(JobApplicationFactory(user=user, company="Mine Inc"), 1)
    theirs = event(JobApplicationFactory(user=other_user, company="Theirs Inc"), 1)
    response = fetch(api_client, calendar_url(other_client))
    assert b"Mine Inc" not in response.content
    assert set(feed_events(api_client, calendar_url(other_client))) == {
        f"jobhax-event-{theirs.id}@jobhax"
    }
    assert set(feed_events(api_client, calendar_url(auth_client))) == {
        f"jobhax-event-{mine.id}@jobhax"
    }


def test_rotating_the_key_retires_the_old_url(api_client, auth_client, user):
    event(JobApplicationFactory(user=user), 1)
    old = calendar_url(auth_client)
    new = assert_ok(auth_client.post("/api/users/rotate_calendar_key"))["calendar_url"]
    assert new != old and calendar_url(auth_client) == new
    assert_error(fetch(api_client, old), 401, 12)
    assert len(feed_events(api_client, new)) == 1


@pytest.mark.parametrize(
    "query", ["", "?key=", "?key=wrong", "?key=" + "k" * 5000, "?key[]=x", "?other=1"]
)
def test_a_missing_or_wrong_key_is_12(api_client, auth_client, query):
    calendar_url(auth_client)
    body = assert_error(api_client.get(f"/api/users/calendar.ics{query}"), 401, 12)
    assert body["data"] is None


def test_a_bearer_token_does_not_open_the_feed(auth_client):
    assert_error(auth_client.get("/api/users/calendar.ics"), 401, 12)


def test_an_inactive_account_has_no_feed(api_client, auth_client, user):
    url = calendar_url(auth_client)
    user.is_active = False
    user.save()
    assert_error(fetch(api_client, url), 401, 12)


def test_the_feed_costs_the_same_for_one_event_and_many(api_client, auth_client, user):
    app = JobApplicationFactory(user=user)
    event(app, 1)
    url = calendar_url(auth_client)
    # The key's owner, their events.
    response = assert_query_count("users.calendar_feed", lambda: fetch(api_client, url))
    assert response.status_code == 200
    for day in range(2, 60):
        event(JobApplicationFactory(user=user), day / 2)
    response = assert_query_count("users.calendar_feed", lambda: fetch(api_client, url))
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 59
