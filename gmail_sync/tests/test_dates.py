"""When an interview or a deadline is, as mail states it (gmail_sync.dates)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from gmail_sync.dates import stated_times

# A Monday morning mail from someone seven hours behind UTC.
SENT = datetime(2026, 3, 2, 9, 15, tzinfo=timezone(timedelta(hours=-7)))
PACIFIC = ZoneInfo("America/Los_Angeles")


def when(*sentences: str, calendar: str = "", sent_at: datetime = SENT):
    return [
        (found.start, found.end)
        for found in stated_times(sentences, sent_at=sent_at, calendar=calendar)
    ]


@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        (
            "Your interview is on Tuesday, March 3 at 2:00 PM PST.",
            datetime(2026, 3, 3, 14, 0, tzinfo=PACIFIC),
        ),
        (
            "We'll see you 03/03/2026 14:00 CET at the front desk.",
            datetime(2026, 3, 3, 14, 0, tzinfo=ZoneInfo("Europe/Paris")),
        ),
        ("Slot booked: 2026-03-10 09:30 (UTC).", datetime(2026, 3, 10, 9, 30, tzinfo=UTC)),
        (
            "Paul proposed Tuesday 10 March at 10am at the Parramatta office.",
            datetime(2026, 3, 10, 10, 0, tzinfo=SENT.tzinfo),
        ),
        (
            "Please join us at 4.30 pm on Thursday 5 March.",
            datetime(2026, 3, 5, 16, 30, tzinfo=SENT.tzinfo),
        ),
        (
            "Complete it by Friday, March 6th at 11:59 p.m. Eastern.",
            datetime(2026, 3, 6, 23, 59, tzinfo=ZoneInfo("America/New_York")),
        ),
        (
            "Interview confirmed: Tuesday 3 March, 11:30 (Toronto)",
            datetime(2026, 3, 3, 11, 30, tzinfo=ZoneInfo("America/Toronto")),
        ),
        (
            "Complete by: 15 March 2026, 23:59 (UTC-04:00)",
            datetime(2026, 3, 15, 23, 59, tzinfo=timezone(timedelta(hours=-4))),
        ),
        (
            "An invitation for Tuesday 5 May at 14:00 Brasília time.",
            datetime(2026, 5, 5, 14, 0, tzinfo=ZoneInfo("America/Sao_Paulo")),
        ),
    ],
)
def test_a_stated_date_and_time_is_read_in_its_time_zone(sentence, start):
    assert when(sentence) == [(start, None)]


def test_a_time_range_gives_the_end_too():
    assert when("The call is Wednesday, March 4, 1:00-1:45 pm PT.") == [
        (datetime(2026, 3, 4, 13, 0, tzinfo=PACIFIC), datetime(2026, 3, 4, 13, 45, tzinfo=PACIFIC))
    ]


def test_a_date_without_a_year_is_the_next_one_after_the_mail():
    january_mail = SENT.replace(year=2026, month=12, day=28)
    assert when("See you January 6 at 3pm.", sent_at=january_mail)[0][0].year == 2027


@pytest.mark.parametrize(
    "sentences",
    [
        ("Applications close on Sunday 16 August.",),  # a day, no time
        ("Would Tuesday, March 3 at 10:00 or Wednesday, March 4 at 15:00 work for you?",),
        ("Is Tuesday, March 3 at 10:00 good?", "Otherwise Thursday, March 5 at 11:00."),
        ("Does Tuesday, March 3 at 10:00 work for you?",),  # asked, not yet agreed
        ("We'll meet on 03/04/2026 at 14:00.",),  # March 4 or 3 April: no telling
        ("Tuesday, March 4 at 2pm works.",),  # March 4, 2026 is a Wednesday
        ("Our office is at 1450 Brickell Avenue, suite 12.",),
    ],
)
def test_no_appointment_where_the_mail_states_none_or_several(sentences):
    assert when(*sentences) == []


def test_a_calendar_invitation_states_it_exactly():
    invitation = "\r\n".join(
        (
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//test//EN",
            "BEGIN:VEVENT",
            "UID:abc@example.test",
            "SUMMARY:Interview with Acme",
            "DTSTART;TZID=Europe/Berlin:20260310T110000",
            "DTEND;TZID=Europe/Berlin:20260310T120000",
            "LOCATION:https://meet.example.test/xyz",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        )
    )

    [found] = stated_times(("Looking forward to it.",), sent_at=SENT, calendar=invitation)

    berlin = ZoneInfo("Europe/Berlin")
    assert (found.start, found.end) == (
        datetime(2026, 3, 10, 11, tzinfo=berlin),
        datetime(2026, 3, 10, 12, tzinfo=berlin),
    )
    assert found.location == "https://meet.example.test/xyz"
    assert found.sentence == "Interview with Acme"


def test_a_broken_calendar_part_is_no_appointment():
    assert when("Thanks.", calendar="BEGIN:VCALENDAR\r\nnot really") == []


def test_a_phone_number_after_gmt_is_no_offset():
    # The number that follows is the recruiter's phone line, not a zone 44 hours from UTC.
    assert when("We have you down for Wednesday 11 March at 10:00 GMT +44 20 7946 0321.") == [
        (datetime(2026, 3, 11, 10, 0, tzinfo=ZoneInfo("Europe/London")), None)
    ]
