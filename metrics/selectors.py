"""Every metric, over the caller's live (not deleted) applications, aggregated in SQL.

Each selector runs a fixed number of queries whatever the number of applications: the database
groups and counts, Python only arranges the few grouped rows into the shape the client expects.
Month and week buckets are computed in settings.TIME_ZONE, so "March" means March where the user
is, not in UTC.
"""
import statistics
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import (
    Coalesce,
    ExtractIsoYear,
    ExtractMonth,
    ExtractWeek,
    ExtractYear,
    FirstValue,
    Greatest,
    Lower,
    RowNumber,
    Trim,
)
from django.utils import timezone

from jobapps.models import ApplicationStatus, JobApplication, JobEmail, StatusHistory

# Month names are fixed English words in the contract; calendar.month_name follows the locale.
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS_SHOWN = 12
WEEKS_SHOWN = 12

# The 2019 dashboard's sources, in its row order, with the spellings users type for each
# (compared lower-cased and trimmed). Every other source, empty included, is "Others".
NAMED_SOURCES: dict[str, tuple[str, ...]] = {
    "Hired.com": ("hired.com", "hired"),
    "LinkedIn": ("linkedin",),
    "Indeed": ("indeed",),
    "Vettery": ("vettery",),
}
OTHER_SOURCES = "Others"
UNKNOWN_SOURCE = "Unknown"

# The pipeline a funnel walks, first stage first (status ids are seeded and fixed).
PIPELINE = (
    ApplicationStatus.TO_APPLY,
    ApplicationStatus.APPLIED,
    ApplicationStatus.PHONE_SCREEN,
    ApplicationStatus.ONSITE_INTERVIEW,
    ApplicationStatus.OFFER,
)
NOT_IN_PIPELINE = -1

# Moving to these is the seeker's own step, not an answer from the employer.
SEEKER_STATUSES = (ApplicationStatus.TO_APPLY, ApplicationStatus.APPLIED)
# Emails that are not a reply from the employer.
NON_REPLY_EMAILS = (JobEmail.Kind.APPLICATION_CONFIRMATION, JobEmail.Kind.NOT_JOB)

SECONDS_PER_DAY = 86400


def live_applications(user_id: int) -> QuerySet[JobApplication]:
    return JobApplication.objects.filter(user_id=user_id, is_deleted=False)


# --- time windows ------------------------------------------------------------------------------


def local_zone():
    return timezone.get_default_timezone()


def local_today() -> date:
    return timezone.localdate(timezone=local_zone())


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=local_zone())


def last_months(today: date, count: int = MONTHS_SHOWN) -> list[tuple[int, int]]:
    """(year, month) of the `count` calendar months ending with today's, oldest first."""
    index = today.year * 12 + today.month - 1
    return [(i // 12, i % 12 + 1) for i in range(index - count + 1, index + 1)]


# --- the 2019 dashboard ------------------------------------------------------------------------


def total_application_count(*, user_id: int) -> dict:
    return {"count": live_applications(user_id).count()}


def application_counts_by_month(*, user_id: int, with_total: bool = False) -> list:
    """`[[{"source", "data": [12 counts]}...], [12 month names]]`, oldest month first."""
    zone = local_zone()
    months = last_months(local_today())
    first_day = date(*months[0], 1)
    after_last_day = (date(*months[-1], 1) + timedelta(days=31)).replace(day=1)
    # "Hired.com" is no SQL alias: count each named source under its position.
    per_named_source = {
        f"named_{i}": Count("id", filter=Q(source_key__in=spellings))
        for i, spellings in enumerate(NAMED_SOURCES.values())
    }
    rows = (
        live_applications(user_id)
        .filter(
            apply_date__gte=local_midnight(first_day),
            apply_date__lt=local_midnight(after_last_day),
        )
        .annotate(source_key=Lower(Trim("source")))
        .values(
            year=ExtractYear("apply_date", tzinfo=zone),
            month=ExtractMonth("apply_date", tzinfo=zone),
        )
        .annotate(total=Count("id"), **per_named_source)
        .order_by()
    )
    position = {year_month: i for i, year_month in enumerate(months)}
    series = {label: [0] * len(months) for label in [*NAMED_SOURCES, OTHER_SOURCES, "Total"]}
    for row in rows:
        i = position[(row["year"], row["month"])]
        named_counts = [row[f"named_{n}"] for n in range(len(NAMED_SOURCES))]
        for label, count in zip(NAMED_SOURCES, named_counts, strict=True):
            series[label][i] = count
        series[OTHER_SOURCES][i] = row["total"] - sum(named_counts)
        series["Total"][i] = row["total"]
    if not with_total:
        del series["Total"]
    chart = [{"source": label, "data": data} for label, data in series.items()]
    return [chart, [MONTH_NAMES[month - 1] for _, month in months]]


def count_by_statuses(*, user_id: int) -> list[dict]:
    rows = (
        live_applications(user_id)
        .filter(application_status__isnull=False)
        .values("application_status_id", "application_status__value")
        .annotate(count=Count("id"))
        .order_by("application_status_id")
    )
    return [{"name": row["application_status__value"], "value": row["count"]} for row in rows]


def word_count(*, user_id: int) -> list[dict]:
    """Companies for the word cloud, grouped ignoring case and surrounding spaces."""
    rows = grouped_by_spelling(live_applications(user_id), "company")
    return [{"word": row["spelling"], "value": row["count"]} for row in rows]


def top_companies(*, user_id: int, limit: int) -> list[dict]:
    rows = grouped_by_spelling(live_applications(user_id), "company")[:limit]
    return [{"name": row["spelling"], "count": row["count"]} for row in rows]


def top_titles(*, user_id: int, limit: int) -> list[dict]:
    rows = grouped_by_spelling(live_applications(user_id), "job_title")[:limit]
    return [{"name": row["spelling"], "count": row["count"]} for row in rows]


def grouped_by_spelling(applications: QuerySet, field: str) -> QuerySet:
    """Rows `{key, spelling, count}` per `field` compared lower-cased and trimmed, most
    frequent first. The spelling shown is the one on the group's latest application: the user's
    most recent way of writing it, and the same answer on every database.

    One pass of window functions over the user's rows (count per group, and the group's rows
    numbered newest first; the newest row carries the spelling), not a GROUP BY with a
    correlated subquery per group: that rescanned the user's applications once per company
    and made these metrics ~100x slower than the others at 500 applications (bench/RESULTS.md).
    """
    return (
        _keyed(applications, field)
        .annotate(
            count=Window(Count("id"), partition_by=[F("key")]),
            newest=Window(RowNumber(), partition_by=[F("key")], order_by=NEWEST_FIRST),
        )
        .filter(newest=1)
        .values("key", "spelling", "count")
        .order_by("-count", "key")
    )


NEWEST_FIRST = [F("apply_date").desc(), F("id").desc()]


def _keyed(applications: QuerySet, field: str) -> QuerySet:
    """`key` (the value compared: lower-cased, trimmed) and `spelling` (trimmed) of `field`."""
    return applications.annotate(key=Lower(Trim(field)), spelling=Trim(field)).exclude(key="")


def count_by_jobtitle_and_statuses(*, user_id: int) -> dict:
    """Titles by number of applications (then alphabetically), statuses by id, one count per
    (status, title): the stacked bar chart's matrix, from one query of window functions."""
    keyed = _keyed(live_applications(user_id).filter(application_status__isnull=False),
                   "job_title")
    by_title_and_status = [F("key"), F("application_status_id")]
    rows = (
        keyed.annotate(
            count=Window(Count("id"), partition_by=by_title_and_status),
            latest_spelling=Window(FirstValue("spelling"), partition_by=[F("key")],
                                   order_by=NEWEST_FIRST),
            first_of_pair=Window(RowNumber(), partition_by=by_title_and_status),
        )
        .filter(first_of_pair=1)
        .values("key", "application_status_id", "application_status__value", "count",
                "latest_spelling")
        .order_by()
    )
    counts: dict[tuple[str, int], int] = {}
    title_totals: Counter[str] = Counter()
    spellings: dict[str, str] = {}
    statuses: dict[int, str] = {}
    for row in rows:
        key, status_id = row["key"], row["application_status_id"]
        counts[(key, status_id)] = row["count"]
        title_totals[key] += row["count"]
        spellings[key] = row["latest_spelling"]
        statuses[status_id] = row["application_status__value"]
    titles = sorted(title_totals, key=lambda key: (-title_totals[key], key))
    status_ids = sorted(statuses)
    return {
        "jobs": [spellings[key] for key in titles],
        "statuses": [statuses[status_id] for status_id in status_ids],
        "data": [
            {
                "name": statuses[status_id],
                "data": [counts.get((key, status_id), 0) for key in titles],
            }
            for status_id in status_ids
        ],
    }


# --- beyond 2019 -------------------------------------------------------------------------------


def weekly_counts(*, user_id: int) -> list[dict]:
    """Applications per ISO week (Monday to Sunday, local time) for the last 12 weeks."""
    zone = local_zone()
    today = local_today()
    this_monday = today - timedelta(days=today.weekday())
    mondays = [this_monday - timedelta(weeks=n) for n in range(WEEKS_SHOWN - 1, -1, -1)]
    rows = (
        live_applications(user_id)
        .filter(
            apply_date__gte=local_midnight(mondays[0]),
            apply_date__lt=local_midnight(this_monday + timedelta(weeks=1)),
        )
        .values(
            iso_year=ExtractIsoYear("apply_date", tzinfo=zone),
            iso_week=ExtractWeek("apply_date", tzinfo=zone),
        )
        .annotate(count=Count("id"))
        .order_by()
    )
    counts = {date.fromisocalendar(r["iso_year"], r["iso_week"], 1): r["count"] for r in rows}
    return [
        {
            "week": iso_week_label(monday),
            "start": monday.isoformat(),
            "count": counts.get(monday, 0),
        }
        for monday in mondays
    ]


def iso_week_label(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def funnel(*, user_id: int) -> dict:
    """How far applications got along PIPELINE, and where the rejected ones stopped.

    An application reached a stage when its current status or any status in its history is that
    stage or a later one: one recorded straight as "Onsite Interview" went through the earlier
    stages even if nobody wrote them down, and counting it there keeps every conversion rate a
    real fraction (never above 100%). Statuses outside the pipeline don't place an application.
    """
    rows = (
        live_applications(user_id)
        .annotate(furthest=_furthest_stage())
        .values("furthest", "is_rejected")
        .annotate(count=Count("id"))
        .order_by()
    )
    stopped_at: Counter[int] = Counter()
    rejected_at: Counter[int] = Counter()
    for row in rows:
        stopped_at[row["furthest"]] += row["count"]
        if row["is_rejected"]:
            rejected_at[row["furthest"]] += row["count"]
    names = dict(ApplicationStatus.objects.filter(id__in=PIPELINE).values_list("id", "value"))
    reached = [
        sum(n for rank, n in stopped_at.items() if rank >= stage) for stage in range(len(PIPELINE))
    ]
    stages = []
    for stage, status_id in enumerate(PIPELINE):
        next_reached = reached[stage + 1] if stage + 1 < len(PIPELINE) else None
        stages.append(
            {
                "status_id": status_id,
                "name": names.get(status_id, ""),
                "reached": reached[stage],
                "rejected": rejected_at[stage],
                "conversion_rate": _rate(next_reached, reached[stage]),
            }
        )
    return {
        "total": sum(stopped_at.values()),
        "rejected": sum(rejected_at.values()),
        "stages": stages,
    }


def _pipeline_rank(status_field: str) -> Case:
    stages = [
        When(**{status_field: status_id}, then=Value(rank))
        for rank, status_id in enumerate(PIPELINE)
    ]
    return Case(*stages, default=Value(NOT_IN_PIPELINE), output_field=IntegerField())


def _furthest_stage():
    """The furthest pipeline rank among an application's current status and its history."""
    furthest_in_history = (
        StatusHistory.objects.filter(job_application=OuterRef("pk"))
        .annotate(rank=_pipeline_rank("application_status_id"))
        .order_by("-rank")
        .values("rank")[:1]
    )
    return Greatest(
        _pipeline_rank("application_status_id"),
        # Greatest is NULL on SQLite when any argument is; an empty history must not erase the rank.
        Coalesce(Subquery(furthest_in_history), Value(NOT_IN_PIPELINE)),
        output_field=IntegerField(),
    )


def _rate(part: int | None, whole: int) -> float | None:
    if part is None or not whole:
        return None
    return round(part / whole, 4)


def response_times(*, user_id: int) -> dict:
    """Days from applying to the employer's first answer, overall and per source.

    The first answer is the earlier of the first status change after the application was
    recorded (to a status beyond Applied: moving to To Apply or Applied is the seeker's own step)
    and the first linked email that is not a confirmation. Applications without an answer yet
    are left out. PostgreSQL could take the median itself but SQLite cannot, so the per-application
    timestamps come back in one query and the median and mean are taken here.
    """
    # Unanswered applications are skipped here, not in SQL: a WHERE on the two annotations
    # made PostgreSQL run both correlated subqueries twice per application.
    rows = (
        live_applications(user_id)
        .annotate(first_change=_first_employer_status_change(), first_reply=_first_reply_email())
        .values_list("source", "apply_date", "first_change", "first_reply")
    )
    delays_by_source: dict[str, list[float]] = defaultdict(list)
    spellings_by_source: dict[str, Counter[str]] = defaultdict(Counter)
    for source, apply_date, first_change, first_reply in rows:
        if first_change is None and first_reply is None:
            continue
        answered_at = min(moment for moment in (first_change, first_reply) if moment is not None)
        # An apply date typed in after the answer arrived would give a negative wait.
        days = max(0.0, (answered_at - apply_date).total_seconds() / SECONDS_PER_DAY)
        key, spelling = source_group(source)
        delays_by_source[key].append(days)
        spellings_by_source[key][spelling] += 1
    by_source = [
        {"source": _most_common_spelling(spellings_by_source[key]), **_delay_summary(delays)}
        for key, delays in delays_by_source.items()
    ]
    by_source.sort(key=lambda entry: (-entry["count"], entry["source"]))
    every_delay = [days for delays in delays_by_source.values() for days in delays]
    return {"overall": _delay_summary(every_delay), "by_source": by_source}


def _first_employer_status_change() -> Subquery:
    # The first row records the application being added, whatever its status.
    first_row_of_same_application = (
        StatusHistory.objects.filter(job_application=OuterRef("job_application"))
        .order_by("changed_at", "id")
        .values("id")[:1]
    )
    later_changes = (
        StatusHistory.objects.filter(
            job_application=OuterRef("pk"), application_status__isnull=False
        )
        .exclude(id=Subquery(first_row_of_same_application))
        .exclude(application_status_id__in=SEEKER_STATUSES)
        .order_by("changed_at", "id")
    )
    return Subquery(later_changes.values("changed_at")[:1])


def _first_reply_email() -> Subquery:
    replies = (
        JobEmail.objects.filter(job_application=OuterRef("pk"), date__isnull=False)
        .exclude(kind__in=NON_REPLY_EMAILS)
        .order_by("date", "id")
    )
    return Subquery(replies.values("date")[:1])


def source_group(source: str) -> tuple[str, str]:
    """(grouping key, display spelling): the dashboard's named sources under their names,
    any other source case-insensitively, an empty one as "Unknown"."""
    spelling = source.strip()
    key = spelling.lower()
    for label, aliases in NAMED_SOURCES.items():
        if key in aliases:
            return label.lower(), label
    if not key:
        return "", UNKNOWN_SOURCE
    return key, spelling


def _most_common_spelling(spellings: Counter[str]) -> str:
    return min(spellings, key=lambda spelling: (-spellings[spelling], spelling))


def _delay_summary(delays: list[float]) -> dict:
    if not delays:
        return {"count": 0, "median_days": None, "mean_days": None}
    return {
        "count": len(delays),
        "median_days": round(statistics.median(delays), 2),
        "mean_days": round(statistics.fmean(delays), 2),
    }
