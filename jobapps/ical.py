"""The iCalendar (RFC 5545) feed of a user's interview events, written with the `icalendar`
library: one VEVENT per event, with a stable UID and a SEQUENCE that rises on every edit, so
Google Calendar, Apple Calendar and Outlook update subscribed events in place (and drop deleted
ones on their next refresh)."""

from datetime import UTC, datetime, timedelta

from icalendar import Calendar, vDuration
from icalendar import Event as CalendarEvent

from .models import Event

PRODUCT_ID = "-//JobHax//Interviews//EN"
CALENDAR_NAME = "JobHax interviews"
# How often subscribed clients should refresh (Apple and Outlook read these; Google polls on
# its own schedule).
REFRESH = timedelta(hours=1)
KIND_TITLES = {
    Event.Kind.PHONE: "Phone interview",
    Event.Kind.VIDEO: "Video interview",
    Event.Kind.ONSITE: "Onsite interview",
    Event.Kind.ASSESSMENT_DEADLINE: "Assessment due",
}


def calendar_feed(events: list[dict], *, now: datetime | None = None) -> bytes:
    """The feed of jobapps.selectors.calendar_events' rows."""
    now = now or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    calendar.add("x-published-ttl", vDuration(REFRESH))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    for event in events:
        calendar.add_component(_vevent(event, now))
    return calendar.to_ical()


def _vevent(event: dict, now: datetime) -> CalendarEvent:
    title = event["job_application__job_title"]
    company = event["job_application__company"]
    job_url = event["job_application__job_url"]
    vevent = CalendarEvent()
    vevent.add("uid", f"jobhax-event-{event['id']}@jobhax")
    vevent.add("dtstamp", now)
    vevent.add("created", event["created_date"])
    vevent.add("last-modified", event["update_date"] or event["created_date"])
    vevent.add("sequence", event["sequence"])
    vevent.add("summary", f"{KIND_TITLES.get(event['kind'], 'Interview')}: {title} at {company}")
    vevent.add("dtstart", event["start"].astimezone(UTC))
    if event["end"] is not None:
        vevent.add("dtend", event["end"].astimezone(UTC))
    if event["location"]:
        vevent.add("location", event["location"])
    description = "\n\n".join(part for part in (event["notes"], job_url) if part)
    if description:
        vevent.add("description", description)
    if job_url:
        vevent.add("url", job_url)
    vevent.add("status", "CONFIRMED")
    # A deadline is a moment to remember, not time taken out of the day.
    vevent.add(
        "transp", "TRANSPARENT" if event["kind"] == Event.Kind.ASSESSMENT_DEADLINE else "OPAQUE"
    )
    return vevent
