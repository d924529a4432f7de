"""Every /api/metrics/ endpoint, through HTTP, with frozen time, with the cache off and on."""

import pytest
import time_machine

from jobapps.models import ApplicationStatus, JobEmail

from .builders import (
    APPLIED,
    OFFER,
    ONSITE,
    PHONE_SCREEN,
    TO_APPLY,
    add_application,
    add_email,
    add_history,
    utc,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("metrics_cache")]

# "Today" in most tests: mid-January, so the 12 months straddle a year boundary.
TODAY = utc(2026, 1, 15, 12)
MONTHS_TO_JANUARY_2026 = [
    "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December", "January",
]  # fmt: skip
ZEROS = [0] * 12


def get_data(client, name, **query):
    response = client.get(f"/api/metrics/{name}", query)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["success"] is True
    return body["data"]


def month_row(*counts_by_position):
    """12 zeros with the given {position: count} pairs filled in."""
    row = [0] * 12
    for position, count in counts_by_position:
        row[position] = count
    return row


@pytest.fixture
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


# --- total ---------------------------------------------------------------------------------


def test_total_counts_only_the_callers_live_applications(auth_client, user, other_user):
    add_application(user)
    add_application(user)
    add_application(user, is_deleted=True)
    add_application(other_user)
    assert get_data(auth_client, "get_total_application_count") == {"count": 2}


@pytest.mark.parametrize("slash", ["", "/"])
def test_paths_work_with_and_without_trailing_slash(auth_client, slash):
    response = auth_client.get(f"/api/metrics/get_total_application_count{slash}")
    assert response.json()["data"] == {"count": 0}


def test_metrics_need_a_token(api_client):
    response = api_client.get("/api/metrics/get_funnel")
    assert response.status_code == 401
    assert response.json()["error_code"] == 12


# --- months ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("frozen_today")
def test_month_chart_covers_twelve_months_to_today_across_the_year_boundary(
    auth_client, user, other_user
):
    add_application(user, utc(2025, 2, 1, 0, 0), source="LinkedIn")  # first bucket
    add_application(user, utc(2025, 1, 31, 23, 59), source="LinkedIn")  # before the window
    add_application(user, utc(2025, 12, 31, 23, 59), source="Indeed")
    add_application(user, utc(2026, 1, 15, 11, 0), source="Vettery")  # today
    add_application(user, utc(2026, 2, 1, 0, 0), source="Vettery")  # future: not shown
    add_application(user, utc(2026, 1, 2), source="LinkedIn", is_deleted=True)
    add_application(other_user, utc(2026, 1, 2), source="LinkedIn")

    rows, months = get_data(auth_client, "get_application_count_by_month")

    assert months == MONTHS_TO_JANUARY_2026
    assert rows == [
        {"source": "Hired.com", "data": ZEROS},
        {"source": "LinkedIn", "data": month_row((0, 1))},
        {"source": "Indeed", "data": month_row((10, 1))},
        {"source": "Vettery", "data": month_row((11, 1))},
        {"source": "Others", "data": ZEROS},
    ]


@pytest.mark.usefixtures("frozen_today")
def test_month_chart_matches_named_sources_loosely_and_puts_the_rest_in_others(auth_client, user):
    january = utc(2026, 1, 5)
    for source in ["Hired", " hired.com ", "HIRED.COM", "linkedin", "Indeed ", "vettery"]:
        add_application(user, january, source=source)
    for source in ["", "Referral", "Hired.co", "Company website"]:
        add_application(user, january, source=source)

    rows, _ = get_data(auth_client, "get_application_count_by_month_with_total")

    assert [(row["source"], row["data"][11]) for row in rows] == [
        ("Hired.com", 3),
        ("LinkedIn", 1),
        ("Indeed", 1),
        ("Vettery", 1),
        ("Others", 4),
        ("Total", 10),
    ]


@pytest.mark.usefixtures("frozen_today")
def test_month_chart_with_total_adds_a_total_row(auth_client, user):
    add_application(user, utc(2025, 6, 10), source="LinkedIn")
    add_application(user, utc(2025, 6, 11), source="Somewhere")
    add_application(user, utc(2025, 7, 1), source="Hired.com")

    rows, months = get_data(auth_client, "get_application_count_by_month_with_total")

    june, july = months.index("June"), months.index("July")
    assert [row["source"] for row in rows] == [
        "Hired.com", "LinkedIn", "Indeed", "Vettery", "Others", "Total",
    ]  # fmt: skip
    assert rows[-1] == {"source": "Total", "data": month_row((june, 2), (july, 1))}
    assert rows[4] == {"source": "Others", "data": month_row((june, 1))}


@pytest.mark.usefixtures("frozen_today")
@pytest.mark.parametrize(
    "name", ["get_application_count_by_month", "get_application_count_by_month_with_total"]
)
def test_month_charts_of_an_empty_account_are_zeros(auth_client, name):
    rows, months = get_data(auth_client, name)
    assert months == MONTHS_TO_JANUARY_2026
    assert all(row["data"] == ZEROS for row in rows)


def test_month_buckets_follow_the_configured_time_zone(auth_client, user, settings):
    """23:30 UTC on 31 October is already 1 November in Berlin (UTC+1 in winter)."""
    settings.TIME_ZONE = "Europe/Berlin"
    add_application(user, utc(2025, 10, 31, 23, 30), source="LinkedIn")
    add_application(user, utc(2025, 10, 31, 22, 30), source="LinkedIn")  # 23:30 in Berlin

    with time_machine.travel(utc(2025, 11, 20, 12), tick=False):
        rows, months = get_data(auth_client, "get_application_count_by_month")

    assert months[-2:] == ["October", "November"]
    assert rows[1]["data"][-2:] == [1, 1]


def test_today_is_the_local_date(auth_client, user, settings):
    """At 23:30 UTC on 31 January it is already February in Berlin: February is the last month,
    and an application made a minute ago is in it."""
    settings.TIME_ZONE = "Europe/Berlin"
    add_application(user, utc(2026, 1, 31, 23, 29), source="Indeed")

    with time_machine.travel(utc(2026, 1, 31, 23, 30), tick=False):
        rows, months = get_data(auth_client, "get_application_count_by_month")

    assert months[0] == "March" and months[-1] == "February"
    assert rows[2]["data"] == month_row((11, 1))


# --- statuses, companies, titles ---------------------------------------------------------------


def test_count_by_statuses_lists_the_callers_statuses_in_id_order(auth_client, user, other_user):
    add_application(user, status=PHONE_SCREEN)
    add_application(user, status=APPLIED)
    add_application(user, status=APPLIED)
    add_application(user, status=TO_APPLY)
    add_application(user, status=None)  # no status: not a slice of the pie
    add_application(user, status=OFFER, is_deleted=True)
    add_application(other_user, status=ONSITE)

    assert get_data(auth_client, "get_count_by_statuses") == [
        {"name": "Applied", "value": 2},
        {"name": "To Apply", "value": 1},
        {"name": "Phone Screen", "value": 1},
    ]


def test_word_count_groups_companies_ignoring_case_and_spaces(auth_client, user, other_user):
    add_application(user, utc(2026, 1, 1), company="amazon")
    add_application(user, utc(2026, 1, 3), company=" Amazon ")  # latest spelling, trimmed
    add_application(user, utc(2026, 1, 2), company="AMAZON")
    add_application(user, utc(2026, 1, 1), company="Carvana")
    add_application(user, utc(2026, 1, 1), company="Brainypro")
    add_application(user, utc(2026, 1, 2), company="BrainyPro")
    add_application(user, company="Carvana", is_deleted=True)
    add_application(other_user, company="Carvana")
    add_application(other_user, company="Carvana")

    assert get_data(auth_client, "get_word_count") == [
        {"word": "Amazon", "value": 3},
        {"word": "BrainyPro", "value": 2},
        {"word": "Carvana", "value": 1},
    ]


def test_the_name_shown_is_the_spelling_last_applied_with(auth_client, user):
    add_application(user, utc(2026, 1, 5), company="ACME", job_title="sre")
    add_application(user, utc(2026, 1, 5), company="Acme", job_title="SRE")  # same day, later
    add_application(user, utc(2026, 1, 1), company="acme", job_title="Sre")  # added last
    add_application(user, utc(2026, 1, 2), company=" Globex", job_title="Dev")

    assert get_data(auth_client, "get_word_count") == [
        {"word": "Acme", "value": 3},
        {"word": "Globex", "value": 1},
    ]
    assert get_data(auth_client, "get_top_titles") == [
        {"name": "SRE", "count": 3},
        {"name": "Dev", "count": 1},
    ]
    assert get_data(auth_client, "get_count_by_jobtitle_and_statuses")["jobs"] == ["SRE", "Dev"]


def test_count_by_jobtitle_and_statuses_is_one_matrix(auth_client, user, other_user):
    add_application(user, job_title="Android Developer", status=APPLIED)
    add_application(user, job_title="android developer ", status=APPLIED)
    add_application(user, job_title="Android Developer", status=PHONE_SCREEN)
    add_application(user, job_title="Software Engineer", status=APPLIED)
    add_application(user, job_title="Mobile Developer", status=APPLIED)
    add_application(user, job_title="Mobile Developer", status=PHONE_SCREEN)
    add_application(user, job_title="Backend Engineer", status=OFFER, is_deleted=True)
    add_application(other_user, job_title="Backend Engineer", status=ONSITE)

    assert get_data(auth_client, "get_count_by_jobtitle_and_statuses") == {
        # Most applications first, then alphabetically.
        "jobs": ["Android Developer", "Mobile Developer", "Software Engineer"],
        "statuses": ["Applied", "Phone Screen"],
        "data": [
            {"name": "Applied", "data": [2, 1, 1]},
            {"name": "Phone Screen", "data": [1, 1, 0]},
        ],
    }


def test_top_companies_and_titles_honour_the_limit(auth_client, user):
    for company, title, times in [("Acme", "SRE", 3), ("Globex", "Dev", 2), ("Initech", "QA", 1)]:
        for _ in range(times):
            add_application(user, company=company, job_title=title)

    assert get_data(auth_client, "get_top_companies") == [
        {"name": "Acme", "count": 3},
        {"name": "Globex", "count": 2},
        {"name": "Initech", "count": 1},
    ]
    assert get_data(auth_client, "get_top_companies", limit=2) == [
        {"name": "Acme", "count": 3},
        {"name": "Globex", "count": 2},
    ]
    assert get_data(auth_client, "get_top_titles", limit="1") == [{"name": "SRE", "count": 3}]


def test_top_lists_default_to_ten(auth_client, user):
    for n in range(12):
        add_application(user, company=f"Company {n:02d}", job_title=f"Title {n:02d}")
    assert len(get_data(auth_client, "get_top_companies")) == 10
    assert len(get_data(auth_client, "get_top_titles")) == 10


@pytest.mark.parametrize("name", ["get_top_companies", "get_top_titles"])
@pytest.mark.parametrize("limit", ["0", "101", "-3", "ten", "", "2.5"])
def test_a_bad_limit_is_code_10(auth_client, name, limit):
    response = auth_client.get(f"/api/metrics/{name}", {"limit": limit})
    body = response.json()
    assert response.status_code == 400
    assert body["error_code"] == 10
    assert list(body["data"]["fields"]) == ["limit"]


# --- weeks -------------------------------------------------------------------------------------


@pytest.mark.usefixtures("frozen_today")
def test_weekly_counts_cover_twelve_iso_weeks_across_the_year_boundary(auth_client, user):
    add_application(user, utc(2025, 10, 27, 0, 0))  # Monday of the first week shown
    add_application(user, utc(2025, 10, 26, 23, 59))  # the Sunday before: not shown
    add_application(user, utc(2025, 12, 29, 9))  # Monday of 2026-W01
    add_application(user, utc(2026, 1, 4, 23, 0))  # Sunday of 2026-W01
    add_application(user, utc(2026, 1, 15, 11))  # today
    add_application(user, utc(2026, 1, 15, 11), is_deleted=True)

    weeks = get_data(auth_client, "get_weekly_counts")

    assert weeks[0] == {"week": "2025-W44", "start": "2025-10-27", "count": 1}
    assert weeks[-3:] == [
        {"week": "2026-W01", "start": "2025-12-29", "count": 2},
        {"week": "2026-W02", "start": "2026-01-05", "count": 0},
        {"week": "2026-W03", "start": "2026-01-12", "count": 1},
    ]
    assert len(weeks) == 12
    assert sum(week["count"] for week in weeks) == 4


def test_weekly_counts_follow_the_configured_time_zone(auth_client, user, settings):
    """Sunday 23:30 UTC is already Monday in Berlin: the next week there."""
    settings.TIME_ZONE = "Europe/Berlin"
    add_application(user, utc(2026, 1, 11, 23, 30))

    with time_machine.travel(TODAY, tick=False):
        weeks = get_data(auth_client, "get_weekly_counts")

    assert weeks[-1] == {"week": "2026-W03", "start": "2026-01-12", "count": 1}
    assert weeks[-2]["count"] == 0


@pytest.mark.usefixtures("frozen_today")
def test_weekly_counts_of_an_empty_account_are_zeros(auth_client):
    weeks = get_data(auth_client, "get_weekly_counts")
    assert [week["count"] for week in weeks] == [0] * 12
    assert weeks[-1]["week"] == "2026-W03"


# --- funnel ------------------------------------------------------------------------------------


def test_funnel_counts_how_far_applications_got(auth_client, user, other_user):
    day = utc(2026, 1, 2)
    add_application(user, status=TO_APPLY)
    add_application(user, status=APPLIED)
    rejected_after_phone_screen = add_application(user, status=APPLIED, is_rejected=True)
    add_history(rejected_after_phone_screen, PHONE_SCREEN, day)
    rejected_onsite = add_application(user, status=APPLIED, is_rejected=True)
    add_history(rejected_onsite, PHONE_SCREEN, day)
    add_history(rejected_onsite, ONSITE, day)
    rejected_onsite.application_status_id = ONSITE
    rejected_onsite.save()
    add_application(user, status=OFFER)  # recorded straight at the offer
    ghosted = ApplicationStatus.objects.create(value="Ghosted")  # an admin's extra status
    add_application(user, status=ghosted.id)
    add_application(user, status=APPLIED, is_rejected=True)
    add_application(user, status=OFFER, is_deleted=True)
    add_application(other_user, status=OFFER)

    funnel = get_data(auth_client, "get_funnel")

    assert funnel == {
        "total": 7,
        "rejected": 3,
        "stages": [
            {"status_id": 2, "name": "To Apply", "reached": 6, "rejected": 0,
             "conversion_rate": 0.8333},
            {"status_id": 1, "name": "Applied", "reached": 5, "rejected": 1,
             "conversion_rate": 0.6},
            {"status_id": 3, "name": "Phone Screen", "reached": 3, "rejected": 1,
             "conversion_rate": 0.6667},
            {"status_id": 4, "name": "Onsite Interview", "reached": 2, "rejected": 1,
             "conversion_rate": 0.5},
            {"status_id": 5, "name": "Offer", "reached": 1, "rejected": 0,
             "conversion_rate": None},
        ],
    }  # fmt: skip


def test_funnel_reads_stages_from_history_when_the_status_moved_off_the_pipeline(auth_client, user):
    ghosted = ApplicationStatus.objects.create(value="Ghosted")
    application = add_application(user, status=APPLIED)
    add_history(application, PHONE_SCREEN, utc(2026, 1, 12))
    add_history(application, ghosted.id, utc(2026, 1, 20))
    application.application_status = ghosted
    application.save()

    stages = get_data(auth_client, "get_funnel")["stages"]

    assert [stage["reached"] for stage in stages] == [1, 1, 1, 0, 0]


def test_funnel_of_an_empty_account_is_zeros(auth_client):
    funnel = get_data(auth_client, "get_funnel")
    assert funnel["total"] == funnel["rejected"] == 0
    assert [stage["name"] for stage in funnel["stages"]] == [
        "To Apply", "Applied", "Phone Screen", "Onsite Interview", "Offer",
    ]  # fmt: skip
    assert all(stage["reached"] == 0 for stage in funnel["stages"])
    assert all(stage["conversion_rate"] is None for stage in funnel["stages"])


# --- response times ----------------------------------------------------------------------------


def test_response_times_measure_days_to_the_first_answer(auth_client, user, other_user):
    jan1 = utc(2026, 1, 1)
    answered_by_phone_screen = add_application(user, jan1, source="LinkedIn")
    add_history(answered_by_phone_screen, PHONE_SCREEN, utc(2026, 1, 5))  # 4 days

    answered_by_email = add_application(user, jan1, source="linkedin ")
    add_email(answered_by_email, JobEmail.Kind.APPLICATION_CONFIRMATION, utc(2026, 1, 1, 1))
    add_email(answered_by_email, JobEmail.Kind.INTERVIEW_INVITATION, utc(2026, 1, 3, 12))  # 2.5

    # The earlier of a status change and a reply counts; moving to Applied is the seeker's step.
    planned = add_application(user, jan1, source="Indeed", status=TO_APPLY)
    add_history(planned, APPLIED, utc(2026, 1, 2))
    add_history(planned, ONSITE, utc(2026, 1, 11))
    add_email(planned, JobEmail.Kind.REJECTION, utc(2026, 1, 8))  # 7 days

    no_source = add_application(user, jan1, source="")
    add_history(no_source, OFFER, utc(2026, 1, 21, 12))  # 20.5 days

    add_application(user, jan1, source="Referral")  # no answer yet
    recorded_at_phone_screen = add_application(user, jan1, source="Referral", status=PHONE_SCREEN)
    add_email(recorded_at_phone_screen, JobEmail.Kind.NOT_JOB, utc(2026, 1, 2))
    deleted = add_application(user, jan1, source="LinkedIn", is_deleted=True)
    add_history(deleted, PHONE_SCREEN, utc(2026, 1, 2))
    others = add_application(other_user, jan1, source="LinkedIn")
    add_history(others, PHONE_SCREEN, utc(2026, 1, 2))

    assert get_data(auth_client, "get_response_times") == {
        "overall": {"count": 4, "median_days": 5.5, "mean_days": 8.5},
        "by_source": [
            {"source": "LinkedIn", "count": 2, "median_days": 3.25, "mean_days": 3.25},
            {"source": "Indeed", "count": 1, "median_days": 7.0, "mean_days": 7.0},
            {"source": "Unknown", "count": 1, "median_days": 20.5, "mean_days": 20.5},
        ],
    }


def test_only_the_first_history_row_is_no_answer_even_at_the_same_moment(auth_client, user):
    """The first row is the first by time, then by id: a change written in the same second as
    the application's first row is an answer; the first row itself never is."""
    jan1 = utc(2026, 1, 1)
    same_second = add_application(user, jan1, source="LinkedIn", status=PHONE_SCREEN)
    add_history(same_second, OFFER, jan1)  # answered at once: 0 days
    add_application(user, jan1, source="Indeed", status=PHONE_SCREEN)  # the first row only
    assert get_data(auth_client, "get_response_times") == {
        "overall": {"count": 1, "median_days": 0.0, "mean_days": 0.0},
        "by_source": [{"source": "LinkedIn", "count": 1, "median_days": 0.0, "mean_days": 0.0}],
    }


def test_response_times_of_an_account_without_answers(auth_client, user):
    add_application(user)
    assert get_data(auth_client, "get_response_times") == {
        "overall": {"count": 0, "median_days": None, "mean_days": None},
        "by_source": [],
    }


# --- empty accounts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("get_total_application_count", {"count": 0}),
        ("get_count_by_statuses", []),
        ("get_word_count", []),
        ("get_count_by_jobtitle_and_statuses", {"jobs": [], "statuses": [], "data": []}),
        ("get_top_companies", []),
        ("get_top_titles", []),
    ],
)
def test_an_empty_account_gets_empty_answers(auth_client, user, other_user, name, expected):
    add_application(user, is_deleted=True)
    add_application(other_user)
    assert get_data(auth_client, name) == expected
