"""A date is a calendar day in settings.TIME_ZONE: what a user types as `2026-11-01` is 1 November
in the list's filters, the CSV and every chart, in a zone west of UTC and in one east of it.

The days chosen sit on the edges: 1 November is a month's first day (and, in Los Angeles, the
day summer time ends), 16 November 2026 is a Monday, and 23:30 or 00:30 local time is another
UTC day in both zones.
"""

import csv
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from jobapps.models import JobApplication
from jobapps.tests.helpers import add_payload, url
from tests.helpers import assert_ok

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)  # a Friday, in both zones
# zone -> (its UTC offset at midnight on 1 November 2026, later that day and the rest of November)
ZONES = {
    "America/Los_Angeles": ("-07:00", "-08:00"),
    "Asia/Tokyo": ("+09:00", "+09:00"),
}


@pytest.fixture(params=list(ZONES))
def zone(request, settings):
    settings.TIME_ZONE = request.param
    with time_machine.travel(NOW, tick=False):
        yield request.param


def add(client, application_date: str, **fields) -> dict:
    payload = add_payload(application_date=application_date, **fields)
    return assert_ok(client.post(url("add_jobapp"), payload, format="json"))


def listed(client, **params) -> list[str]:
    return sorted(app["jobTitle"] for app in assert_ok(client.get(url("get_jobapps"), params)))


def metric(client, name: str):
    response = client.get(f"/api/metrics/{name}")
    assert response.status_code == 200, response.content
    return response.json()["data"]


def month_totals(client) -> list[int]:
    rows, months = metric(client, "get_application_count_by_month_with_total")
    assert months[-2:] == ["October", "November"]
    return rows[-1]["data"][-2:]


def add_the_edge_cases(client, zone: str) -> dict:
    _, later_offset = ZONES[zone]
    return {
        "date": add(client, "2026-11-01", job_title="date"),
        "just after midnight": add(client, "2026-11-01T00:30:00", job_title="00:30 local"),
        "late": add(client, f"2026-11-01T23:30:00{later_offset}", job_title="23:30 local"),
        "day before": add(client, "2026-10-31T23:30:00", job_title="day before"),
    }


def test_a_date_is_the_first_instant_of_that_day_in_time_zone(auth_client, zone):
    november_offset, _ = ZONES[zone]
    added = add(auth_client, "2026-11-01")
    expected = datetime.fromisoformat(f"2026-11-01T00:00:00{november_offset}").astimezone(UTC)
    assert added["applyDate"] == expected.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_filters_and_month_charts_agree_on_the_day(auth_client, zone):
    add_the_edge_cases(auth_client, zone)
    november_first = ["00:30 local", "23:30 local", "date"]

    assert listed(auth_client, **{"from": "2026-11-01", "to": "2026-11-01"}) == november_first
    assert listed(auth_client, to="2026-10-31") == ["day before"]
    assert listed(auth_client, **{"from": "2026-11-02"}) == []
    assert month_totals(auth_client) == [1, 3]


def test_weekly_counts_agree_on_the_week(auth_client, zone):
    add(auth_client, "2026-11-16", job_title="Monday")
    add(auth_client, "2026-11-16T00:30:00", job_title="Monday, early")
    add(auth_client, "2026-11-15T23:30:00", job_title="Sunday, late")

    weeks = metric(auth_client, "get_weekly_counts")

    assert weeks[-1] == {"week": "2026-W47", "start": "2026-11-16", "count": 2}
    assert weeks[-2] == {"week": "2026-W46", "start": "2026-11-09", "count": 1}
    assert listed(auth_client, **{"from": "2026-11-16"}) == ["Monday", "Monday, early"]


def test_the_csv_shows_local_days_and_imports_them_back_to_the_same_days(
    auth_client, other_client, other_user, zone
):
    november_offset, _ = ZONES[zone]
    add_the_edge_cases(auth_client, zone)
    exported = auth_client.get(url("export_jobapps.csv")).content.decode()
    rows = {row["job_title"]: row for row in csv.DictReader(io.StringIO(exported))}

    assert rows["date"]["apply_date"] == f"2026-11-01T00:00:00{november_offset}"
    added_at = NOW.astimezone(ZoneInfo(zone)).isoformat()
    assert rows["date"]["status_history"] == f"{added_at} Applied"
    assert {title: row["apply_date"][:10] for title, row in rows.items()} == {
        "date": "2026-11-01",
        "00:30 local": "2026-11-01",
        "23:30 local": "2026-11-01",
        "day before": "2026-10-31",
    }

    # A spreadsheet user who keeps only the day gets the same day back.
    dates_only = exported.replace(f"T00:00:00{november_offset}", "")
    response = other_client.post(
        url("import_jobapps_csv"), dates_only.encode(), content_type="text/csv"
    )
    assert assert_ok(response)["created"] == 4
    assert month_totals(other_client) == [1, 3]
    assert listed(other_client, **{"from": "2026-11-01", "to": "2026-11-01"}) == [
        "00:30 local",
        "23:30 local",
        "date",
    ]
    imported = JobApplication.objects.get(user=other_user, job_title="date")
    assert (
        imported.apply_date
        == JobApplication.objects.get(user__username="alice", job_title="date").apply_date
    )
