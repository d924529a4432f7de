"""When an interview or a test deadline is, as a mail states it.

"Tuesday, March 3 at 2:00 PM PST", "22 September at 10am", "03/03/2026 14:00 CET",
"2026-03-03 14:00", or a calendar invitation's `text/calendar` part. A mail that offers several
times ("would Tuesday at 10:00 or Wednesday at 15:00 work?") states no appointment yet, and one
that names a day without a time states none either. Times without a zone are the sender's: the
UTC offset of the mail's Date header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import icalendar


@dataclass(frozen=True)
class StatedTime:
    start: datetime
    end: datetime | None
    sentence: str  # the evidence: where the mail says it
    location: str = ""


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        )
    )
    for name in names
}
_ZONES = {
    **dict.fromkeys(("pst", "pdt", "pt", "pacific"), "America/Los_Angeles"),
    **dict.fromkeys(("mst", "mdt", "mt", "mountain"), "America/Denver"),
    **dict.fromkeys(("cst", "cdt", "ct", "central"), "America/Chicago"),
    **dict.fromkeys(("est", "edt", "et", "eastern"), "America/New_York"),
    **dict.fromkeys(("gmt", "utc", "z"), "UTC"),
    **dict.fromkeys(("bst", "uk time", "london time"), "Europe/London"),
    **dict.fromkeys(("cet", "cest"), "Europe/Paris"),
    **dict.fromkeys(("ist", "india time"), "Asia/Kolkata"),
    **dict.fromkeys(("aest", "aedt", "sydney time"), "Australia/Sydney"),
    "jst": "Asia/Tokyo",
    "sgt": "Asia/Singapore",
    "nzst": "Pacific/Auckland",
    "nzdt": "Pacific/Auckland",
    "sast": "Africa/Johannesburg",
    "gst": "Asia/Dubai",
    # "11:30 (Toronto)", "14:00 Brasília time": cities people name their time by.
    **dict.fromkeys(("toronto", "new york", "boston", "montreal"), "America/Toronto"),
    **dict.fromkeys(("chicago", "austin", "dallas", "houston"), "America/Chicago"),
    "denver": "America/Denver",
    "mexico city": "America/Mexico_City",
    **dict.fromkeys(
        ("los angeles", "san francisco", "seattle", "vancouver"), "America/Los_Angeles"
    ),
    **dict.fromkeys(("são paulo", "sao paulo", "brasília", "brasilia"), "America/Sao_Paulo"),
    "bogotá": "America/Bogota",
    "bogota": "America/Bogota",
    "london": "Europe/London",
    "dublin": "Europe/Dublin",
    "lisbon": "Europe/Lisbon",
    **dict.fromkeys(
        (
            "paris",
            "berlin",
            "amsterdam",
            "madrid",
            "stockholm",
            "copenhagen",
            "brussels",
            "vienna",
            "zurich",
            "warsaw",
            "rome",
            "prague",
        ),
        "Europe/Paris",
    ),
    **dict.fromkeys(("mumbai", "bangalore", "bengaluru", "delhi", "pune", "india"), "Asia/Kolkata"),
    "dubai": "Asia/Dubai",
    "singapore": "Asia/Singapore",
    "tokyo": "Asia/Tokyo",
    **dict.fromkeys(("sydney", "melbourne"), "Australia/Sydney"),
    "auckland": "Pacific/Auckland",
    "johannesburg": "Africa/Johannesburg",
    "lagos": "Africa/Lagos",
    "nairobi": "Africa/Nairobi",
}
_OFFSET = re.compile(r"(?:utc|gmt)\s*([+-−])\s*(\d{1,2})(?::?(\d\d))?$", re.IGNORECASE)

_WEEKDAY = r"(?P<weekday>(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*)\.?,?\s+"
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>20\d\d))?"
_DATES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"\b(?:{_WEEKDAY})?{_MONTH}\s+{_DAY}\b{_YEAR}",  # Tuesday, March 3(, 2026)
        rf"\b(?:{_WEEKDAY})?{_DAY}\s+(?:of\s+)?{_MONTH}\b{_YEAR}",  # Tuesday 3 March (2026)
        r"\b(?:(?P<weekday>(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*)\.?,?\s+)?(?P<first>\d{1,2})/"
        r"(?P<second>\d{1,2})/(?P<year>(?:20)?\d\d)\b",  # 03/03/2026
        r"\b(?P<year>20\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b",  # 2026-03-03
    )
)
_CLOCK = r"(?P<{n}h>\d{{1,2}})(?:[:.](?P<{n}m>\d\d))?\s*(?P<{n}ampm>a\.?m\.?|p\.?m\.?)?"
_TIME = re.compile(
    rf"(?<![\d/:-])(?:{_CLOCK.format(n='s')})(?:\s*(?:-|–|—|to|until)\s*"
    rf"(?:{_CLOCK.format(n='e')}))?"
    r"(?:\s*\(?\s*(?P<zone>(?:utc|gmt)\s*[+-−]\s*\d{1,2}(?::?\d\d)?|"
    + "|".join(sorted((re.escape(name) for name in _ZONES), key=len, reverse=True))
    + r")(?:\s+time)?\b\)?)?",
    re.IGNORECASE,
)


def stated_times(
    sentences: tuple[str, ...], *, sent_at: datetime, calendar: str = ""
) -> list[StatedTime]:
    """The appointment the mail states: from its calendar invitation when it has one, else
    the one date and time its sentences state (none when they offer several, or ask: "does
    Tuesday at 10:00 work?" is a proposal)."""
    invited = _from_calendar(calendar)
    if invited:
        return invited
    found = [
        stated
        for sentence in sentences
        if not sentence.rstrip().endswith("?")
        for stated in _in_sentence(sentence, sent_at)
    ]
    asked = [
        sentence
        for sentence in sentences
        if sentence.rstrip().endswith("?") and any(True for _ in _in_sentence(sentence, sent_at))
    ]
    if asked or len({stated.start for stated in found}) != 1:
        return []
    return [found[0]]


def states_a_time(sentence: str, *, sent_at: datetime) -> bool:
    """The sentence names a day and a time of day ("Thursday 3/5 at 10am"), stated or asked."""
    return bool(_in_sentence(sentence, sent_at))


def _in_sentence(sentence: str, sent_at: datetime) -> list[StatedTime]:
    if not any(character.isdigit() for character in sentence):
        return []  # most sentences: no date, no time
    found = []
    for pattern in _DATES:
        for match in pattern.finditer(sentence):
            day = _date_of(match, sent_at)
            clock = _time_near(sentence, match)
            if day is None or clock is None:
                continue
            start_time, end_time, zone = clock
            where = _zone(zone) or sent_at.tzinfo
            start = datetime.combine(day, start_time, tzinfo=where)
            end = datetime.combine(day, end_time, tzinfo=where) if end_time else None
            found.append(StatedTime(start, end if end and end > start else None, sentence))
    return found


def _date_of(match: re.Match[str], sent_at: datetime) -> date | None:
    parts = match.groupdict()
    weekday = _WEEKDAYS.get((parts.get("weekday") or "").lower().rstrip("."))
    year = int(parts["year"]) if parts.get("year") else None
    if year is not None and year < 100:
        year += 2000
    if parts.get("first"):
        # 03/04/2026 is March 4 or 3 April: only a weekday or a number over 12 tells which.
        first, second = int(parts["first"]), int(parts["second"])
        days = {
            meant
            for month, day in {(first, second), (second, first)}
            if (meant := _a_day(year, month, day, sent_at, weekday))
        }
        return days.pop() if len(days) == 1 else None
    month = parts["month"]
    month_number = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    return _a_day(year, month_number, int(parts["day"]), sent_at, weekday)


def _a_day(
    year: int | None, month: int | None, day: int, sent_at: datetime, weekday: int | None
) -> date | None:
    """The date meant: the year given, else the first such date from the mail's own week on
    (an interview is arranged ahead); it must fall on the weekday named with it."""
    if month is None or not 1 <= month <= 12:
        return None
    years = [year] if year else [sent_at.year, sent_at.year + 1]
    for candidate_year in years:
        try:
            meant = date(candidate_year, month, day)
        except ValueError:
            return None
        if year is None and meant < sent_at.date() - timedelta(days=7):
            continue
        if weekday is not None and meant.weekday() != weekday:
            continue
        return meant
    return None


def _time_near(sentence: str, match: re.Match[str]) -> tuple[time, time | None, str] | None:
    """The clock time said with a date: just after it ("March 3 at 2pm", "03/03 14:00") or
    just before ("at 10am on Tuesday 22 September")."""
    after = _TIME.match(sentence, _skip_joiner(sentence, match.end()))
    if after and _is_clock(after):
        return _clock(after)
    before = sentence[max(0, match.start() - 25) : match.start()]
    for candidate in reversed(list(_TIME.finditer(before))):
        if _is_clock(candidate) and re.fullmatch(r"\s*(?:on|,)?\s*", before[candidate.end() :]):
            return _clock(candidate)
    return None


def _skip_joiner(sentence: str, position: int) -> int:
    joiner = re.compile(r",?\s*(?:at|from|@|-|–|,)?\s*", re.IGNORECASE)
    match = joiner.match(sentence, position)  # always matches: every part is optional
    return match.end() if match else position


def _is_clock(match: re.Match[str]) -> bool:
    """'2pm', '14:00', '10.30 am': a time of day, not a bare number."""
    return bool(match.group("sm") or match.group("sampm"))


def _clock(match: re.Match[str]) -> tuple[time, time | None, str] | None:
    # "1:00-1:45 pm": the end's am/pm is the start's too.
    start = _to_time(
        match.group("sh"), match.group("sm"), match.group("sampm") or match.group("eampm")
    )
    end_ampm = match.group("eampm") or match.group("sampm") if match.group("eh") else None
    end = _to_time(match.group("eh"), match.group("em"), end_ampm) if match.group("eh") else None
    if start is None:
        return None
    return start, end, (match.group("zone") or "")


def _to_time(hour_text: str, minute_text: str | None, ampm: str | None) -> time | None:
    hour, minute = int(hour_text), int(minute_text or 0)
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _zone(name: str) -> tzinfo | None:
    offset = _OFFSET.match(name.strip())
    if offset:
        hours, minutes = int(offset.group(2)), int(offset.group(3) or 0)
        if hours > 14 or minutes >= 60:  # "10:00 GMT +44 20 7946 0321": then a phone number
            return _zone(name.strip()[:3])
        sign = -1 if offset.group(1) in "-−" else 1
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    key = _ZONES.get(name.lower().strip())
    return ZoneInfo(key) if key else None


def _from_calendar(calendar: str) -> list[StatedTime]:
    """The events of a calendar invitation (`text/calendar`, RFC 5545)."""
    if not calendar:
        return []
    try:
        parsed = icalendar.Calendar.from_ical(calendar)
    except ValueError:
        return []
    events = []
    for event in parsed.walk("VEVENT"):
        start = event.decoded("DTSTART", None)
        if not isinstance(start, datetime):  # an all-day entry is no appointment
            continue
        end = event.decoded("DTEND", None)
        summary = str(event.get("SUMMARY", "")).strip()
        events.append(
            StatedTime(
                start,
                end if isinstance(end, datetime) else None,
                summary or "Calendar invitation",
                str(event.get("LOCATION", "")).strip(),
            )
        )
    return events
