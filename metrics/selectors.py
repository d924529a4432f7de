"""Every metric, over the caller's live (not deleted) applications, aggregated in SQL.

Each selector runs a fixed number of queries whatever the number of applications: the database
groups and counts, Python only arranges the few grouped rows into the shape the client expects.
Month and week buckets are computed in settings.TIME_ZONE, so "March" means March where the user
is, not in UTC.

The queries are plain aggregates a database runs fastest (hash aggregation on stored values,
no sorting of text), most of them written in SQL: building their ORM expressions cost more than
running them (bench/RESULTS.md). Every query here runs on PostgreSQL and SQLite alike (one
expression, EPOCH_SECONDS, is spelt per database).
"""

import statistics
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractIsoYear, ExtractMonth, ExtractWeek, ExtractYear
from django.utils import timezone

from jobapps import selectors as jobapp_selectors
from jobapps.models import (
    ApplicationStatus,
    GhostedRecord,
    JobApplication,
    StatusHistory,
)
from jobhax.db import fetch_prepared

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
NAMED_SOURCE_OF_SPELLING = {
    spelling: label for label, spellings in NAMED_SOURCES.items() for spelling in spellings
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

SECONDS_PER_DAY = 86400


def live_applications(user_id: int) -> QuerySet[JobApplication]:
    return jobapp_selectors.live_jobapps(user=user_id)


APPLICATION_TABLE = JobApplication._meta.db_table
STATUS_TABLE = ApplicationStatus._meta.db_table
HISTORY_TABLE = StatusHistory._meta.db_table
# A timestamp as seconds since 1970 (a float), per database.
EPOCH_SECONDS = {
    "postgresql": "CAST(EXTRACT(EPOCH FROM {}) AS DOUBLE PRECISION)",
    "sqlite": "((julianday({}) - 2440587.5) * 86400.0)",
}


def _fetch_all(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


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


def total_application_count(*, user: User) -> dict:
    user_id = user.pk
    return {"count": live_applications(user_id).count()}


def application_counts_by_month(*, user: User, with_total: bool = False) -> list:
    """`[[{"source", "data": [12 counts]}...], [12 month names]]`, oldest month first."""
    user_id = user.pk
    zone = local_zone()
    months = last_months(local_today())
    first_day = date(*months[0], 1)
    after_last_day = (date(*months[-1], 1) + timedelta(days=31)).replace(day=1)
    # Counted per stored source spelling (a handful per user); named here.
    rows = (
        live_applications(user_id)
        .filter(
            apply_date__gte=local_midnight(first_day),
            apply_date__lt=local_midnight(after_last_day),
        )
        .values_list(
            ExtractYear("apply_date", tzinfo=zone),
            ExtractMonth("apply_date", tzinfo=zone),
            "source",
        )
        .annotate(count=Count("id"))
        .order_by()
    )
    position = {year_month: i for i, year_month in enumerate(months)}
    series = {label: [0] * len(months) for label in [*NAMED_SOURCES, OTHER_SOURCES, "Total"]}
    for year, month, source, count in rows:
        i = position[(year, month)]
        label = NAMED_SOURCE_OF_SPELLING.get(source.strip().lower(), OTHER_SOURCES)
        series[label][i] += count
        series["Total"][i] += count
    if not with_total:
        del series["Total"]
    chart = [{"source": label, "data": data} for label, data in series.items()]
    return [chart, [MONTH_NAMES[month - 1] for _, month in months]]


def count_by_statuses(*, user: User) -> list[dict]:
    user_id = user.pk
    sql = f"""
        SELECT status.value, COUNT(*)
        FROM {APPLICATION_TABLE} app JOIN {STATUS_TABLE} status
             ON status.id = app.application_status_id
        WHERE app.user_id = %s AND app.is_deleted = %s
        GROUP BY app.application_status_id, status.value
        ORDER BY app.application_status_id
    """  # noqa: S608 (table names only; the values are parameters)
    return [{"name": name, "value": count} for name, count in _fetch_all(sql, [user_id, False])]


def word_count(*, user: User) -> list[dict]:
    """Companies for the word cloud, grouped ignoring case and surrounding spaces."""
    user_id = user.pk
    groups = grouped_by_spelling(user_id, "company")
    return [{"word": spelling, "value": count} for spelling, count in groups]


def top_companies(*, user: User, limit: int) -> list[dict]:
    user_id = user.pk
    groups = grouped_by_spelling(user_id, "company")[:limit]
    return [{"name": spelling, "count": count} for spelling, count in groups]


def top_titles(*, user: User, limit: int) -> list[dict]:
    user_id = user.pk
    groups = grouped_by_spelling(user_id, "job_title")[:limit]
    return [{"name": spelling, "count": count} for spelling, count in groups]


GROUPED_FIELDS = {"company", "job_title"}


def grouped_by_spelling(user_id: int, field: str) -> list[tuple[str, int]]:
    """(spelling, count) per `field` compared ignoring case and surrounding spaces, most
    frequent first, then by name. The spelling shown is the one the user last applied with
    (the group's latest apply date; of spellings last used on the same instant, the one
    entered last): their most recent way of writing it, the same on every database.

    One plain GROUP BY on the stored values, as the 2019 backend's (which grouped "Acme" and
    "ACME " apart); the few stored spellings of a name are merged here. A statement prepared
    once per database session (jobhax.db.fetch_prepared), as the title x status matrix's: not
    parsed and planned again for every request (in-process 2.25 -> 2.19 ms for the word count,
    2.04 -> 1.89 ms for the matrix; bench/RESULTS.md, fourth pass).
    """
    if field not in GROUPED_FIELDS:  # a column name in the SQL
        raise ValueError(field)
    sql = f"""
        SELECT app.{field}, COUNT(*), CAST(MAX(app.apply_date) AS TEXT), MAX(app.id)
        FROM {APPLICATION_TABLE} app
        WHERE app.user_id = %s AND NOT app.is_deleted
        GROUP BY app.{field}
    """  # noqa: S608 (table and column names only; the values are parameters)
    groups: dict[str, SpellingGroup] = {}
    for value, count, latest, last_id in fetch_prepared(sql, [user_id]):
        add_spelling(groups, value, count, (latest, last_id))
    ordered = sorted(groups.items(), key=lambda item: (-item[1].count, item[0]))
    return [(group.spelling, group.count) for _, group in ordered]


class SpellingGroup:
    """The applications of one name whatever its spelling: their number and latest spelling."""

    __slots__ = ("count", "recency", "spelling")

    def __init__(self, spelling: str, count: int, recency: tuple):
        self.spelling, self.count, self.recency = spelling, count, recency


def add_spelling(
    groups: dict[str, SpellingGroup], value: str, count: int, recency: tuple
) -> str | None:
    """Counts `count` applications spelt `value` (last used at `recency`: the latest apply date,
    as UTC text in one fixed format on each database, which sorts in time order and costs no
    parsing, then the latest id) into their group; returns the group's key, None for an empty
    name."""
    spelling = value.strip()
    key = spelling.lower()
    if not key:
        return None
    group = groups.get(key)
    if group is None:
        groups[key] = SpellingGroup(spelling, count, recency)
    else:
        group.count += count
        if recency > group.recency:
            group.spelling, group.recency = spelling, recency
    return key


def count_by_jobtitle_and_statuses(*, user: User) -> dict:
    """Titles by number of applications (then alphabetically), statuses by id, one count per
    (status, title): the stacked bar chart's matrix, from one plain grouped query."""
    user_id = user.pk
    sql = f"""
        SELECT app.job_title, app.application_status_id, status.value,
               COUNT(*), CAST(MAX(app.apply_date) AS TEXT), MAX(app.id)
        FROM {APPLICATION_TABLE} app JOIN {STATUS_TABLE} status
             ON status.id = app.application_status_id
        WHERE app.user_id = %s AND NOT app.is_deleted
        GROUP BY app.job_title, app.application_status_id, status.value
    """  # noqa: S608 (table names only; the values are parameters)
    rows = fetch_prepared(sql, [user_id])
    titles: dict[str, SpellingGroup] = {}
    counts: Counter[tuple[str, int]] = Counter()
    statuses: dict[int, str] = {}
    for title, status_id, status_value, count, latest, last_id in rows:
        key = add_spelling(titles, title, count, (latest, last_id))
        if key is not None:
            counts[(key, status_id)] += count
            statuses[status_id] = status_value
    ordered = sorted(titles, key=lambda key: (-titles[key].count, key))
    status_ids = sorted(statuses)
    return {
        "jobs": [titles[key].spelling for key in ordered],
        "statuses": [statuses[status_id] for status_id in status_ids],
        "data": [
            {"name": statuses[status_id], "data": [counts[(key, status_id)] for key in ordered]}
            for status_id in status_ids
        ],
    }


# --- beyond 2019 -------------------------------------------------------------------------------


def weekly_counts(*, user: User) -> list[dict]:
    """Applications per ISO week (Monday to Sunday, local time) for the last 12 weeks."""
    user_id = user.pk
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


def funnel(*, user: User) -> dict:
    """How far applications got along PIPELINE, and where the rejected ones stopped.

    An application reached a stage when its current status or any status in its history is that
    stage or a later one: one recorded straight as "Onsite Interview" went through the earlier
    stages even if nobody wrote them down, and counting it there keeps every conversion rate a
    real fraction (never above 100%). Statuses outside the pipeline don't place an application.
    """
    user_id = user.pk
    stopped_at: Counter[int] = Counter()
    rejected_at: Counter[int] = Counter()
    for status_id, furthest_in_history, is_rejected, count in _furthest_stages(user_id):
        furthest = max(
            pipeline_rank(status_id),
            NOT_IN_PIPELINE if furthest_in_history is None else furthest_in_history,
        )
        stopped_at[furthest] += count
        if is_rejected:
            rejected_at[furthest] += count
    names = _pipeline_names()
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


def _pipeline_names() -> dict[int, str]:
    """{status id: value} of the PIPELINE statuses, in SQL: the ORM query cost a sixth of the
    funnel, three times running it."""
    ids = ", ".join(str(status_id) for status_id in PIPELINE)
    sql = f"SELECT id, value FROM {STATUS_TABLE} WHERE id IN ({ids})"  # noqa: S608 (constants)
    return dict(_fetch_all(sql, []))


def pipeline_rank(status_id: int | None) -> int:
    return PIPELINE.index(status_id) if status_id in PIPELINE else NOT_IN_PIPELINE


def _furthest_stages(user_id: int) -> list[tuple]:
    """(current status, furthest pipeline rank in the history or None, rejected, how many):
    each application's history is read once, from the history index."""
    rank = " ".join(f"WHEN {status_id} THEN {rank}" for rank, status_id in enumerate(PIPELINE))
    sql = f"""
        SELECT app.application_status_id,
               (SELECT MAX(CASE history.application_status_id {rank} ELSE {NOT_IN_PIPELINE} END)
                FROM {HISTORY_TABLE} history
                WHERE history.job_application_id = app.id) AS furthest_in_history,
               app.is_rejected,
               COUNT(*)
        FROM {APPLICATION_TABLE} app
        WHERE app.user_id = %s AND app.is_deleted = %s
        GROUP BY 1, 2, 3
    """  # noqa: S608 (table names and integer constants only; the values are parameters)
    return _fetch_all(sql, [user_id, False])


def _rate(part: int | None, whole: int) -> float | None:
    if part is None or not whole:
        return None
    return round(part / whole, 4)


def response_times(*, user: User) -> dict:
    """Days from applying to the employer's first answer, overall and per source.

    The first answer (jobapps.answers, stored on the application) is the earlier of the first
    status change after the application was recorded (to a status beyond Applied: moving to To
    Apply or Applied is the seeker's own step) and the first linked email that is not a
    confirmation. Applications without an answer yet are left out. PostgreSQL could take the
    median itself but SQLite cannot, so the per-application timestamps come back in one query
    and the median and mean are taken here.
    """
    user_id = user.pk
    # The delays are gathered by stored source first and grouped after: a user has a handful
    # of source spellings, so the grouping runs once per spelling, not once per application.
    delays_by_stored_source: dict[str, list[float]] = defaultdict(list)
    for source, applied_at, answered_at in _first_answers(user_id):
        # An apply date typed in after the answer arrived would give a negative wait.
        delays_by_stored_source[source].append(
            max(0.0, (answered_at - applied_at) / SECONDS_PER_DAY)
        )
    delays_by_source: dict[str, list[float]] = defaultdict(list)
    spellings_by_source: dict[str, Counter[str]] = defaultdict(Counter)
    for source, delays in delays_by_stored_source.items():
        key, spelling = source_group(source)
        delays_by_source[key] += delays
        spellings_by_source[key][spelling] += len(delays)
    by_source = [
        {"source": _most_common_spelling(spellings_by_source[key]), **_delay_summary(delays)}
        for key, delays in delays_by_source.items()
    ]
    by_source.sort(key=lambda entry: (-entry["count"], entry["source"]))
    every_delay = [days for delays in delays_by_source.values() for days in delays]
    return {"overall": _delay_summary(every_delay), "by_source": by_source}


def _first_answers(user_id: int) -> list[tuple]:
    """(source, apply date, first answer) of each live application that has been answered,
    the moments in seconds since 1970 (numbers cost nothing to read, datetimes do)."""
    seconds = EPOCH_SECONDS[connection.vendor].format
    sql = f"""
        SELECT app.source, {seconds("app.apply_date")}, {seconds("app.first_answer_at")}
        FROM {APPLICATION_TABLE} app
        WHERE app.user_id = %s AND app.is_deleted = %s AND app.first_answer_at IS NOT NULL
    """  # noqa: S608 (table names only; the values are parameters)
    return _fetch_all(sql, [user_id, False])


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


# --- the flow of the search (a Sankey chart's links) -------------------------------------------

FLOW_REJECTED = "Rejected"
FLOW_NO_RESPONSE = "No response"
GHOSTED_TABLE = GhostedRecord._meta.db_table


def status_flow(*, user: User) -> list[dict]:
    """`[{from, to, count}]`: how many applications went from one stage to the next, and from
    the furthest stage each reached to `Rejected` (rejected) or `No response` (still Applied and
    recorded ghosted by the daily task).

    An application's path is the PIPELINE stages of its status history (and its current
    status) in the order it reached them, each stage counted when it goes further than every
    stage before it: a move back is a correction, not a step of the search, and statuses
    outside the pipeline are no stage (as in the funnel). So every link points forward and the
    chart has no cycle. The database spells each application's path and counts the
    applications per path (a user has a few dozen distinct paths); the few paths are walked
    here. Two queries whatever the number of applications.
    """
    user_id = user.pk
    names = _pipeline_names()
    counts: Counter[tuple[int, int | None, str | None]] = Counter()
    for path, current, terminal, count in _flow_paths(user_id):
        furthest = None
        for stage in map(int, (path or "") + (current or "")):
            if furthest is None or stage > furthest:
                if furthest is not None:
                    counts[furthest, stage, None] += count
                furthest = stage
        if terminal is not None and furthest is not None:
            counts[furthest, None, terminal] += count
    links = []
    for (from_rank, to_rank, terminal), count in counts.items():
        if to_rank is not None:
            target = names.get(PIPELINE[to_rank], "")
        else:
            target = FLOW_REJECTED if terminal == "rejected" else FLOW_NO_RESPONSE
        order = (
            from_rank,
            to_rank if to_rank is not None else len(PIPELINE) + (terminal != "rejected"),
        )
        links.append(
            (order, {"from": names.get(PIPELINE[from_rank], ""), "to": target, "count": count})
        )
    return [link for _, link in sorted(links, key=lambda item: item[0])]


# An application's history as the string of its PIPELINE ranks in order (statuses outside the
# pipeline left out: both aggregates skip NULL), per database: PostgreSQL orders the
# aggregate; SQLite (before 3.44) concatenates in the order of an ordered subquery.
HISTORY_PATH = {
    "postgresql": """(SELECT string_agg({rank}, '' ORDER BY history.changed_at, history.id)
                      FROM {table} history WHERE history.job_application_id = app.id)""",
    "sqlite": """(SELECT group_concat(stage, '') FROM (
                      SELECT {rank} AS stage FROM {table} history
                      WHERE history.job_application_id = app.id
                      ORDER BY history.changed_at, history.id))""",
}


def _flow_paths(user_id: int) -> list[tuple]:
    """(history path, current status's rank or None, "rejected" | "ghosted" | None, how many
    applications). Each application's history is read off the history index (one lookup per
    application, as the funnel's): joining the user's applications to the history let
    PostgreSQL read the whole history table, and the terminal stages read every user's
    applications (12 ms at 500 applications, most of it other users' rows)."""

    def rank_of(column: str) -> str:
        cases = " ".join(
            f"WHEN {status_id} THEN '{rank}'" for rank, status_id in enumerate(PIPELINE)
        )
        return f"CASE {column} {cases} END"

    path = HISTORY_PATH[connection.vendor].format(
        rank=rank_of("history.application_status_id"), table=HISTORY_TABLE
    )
    sql = f"""
        SELECT {path}, {rank_of("app.application_status_id")},
               CASE WHEN app.is_rejected = %s THEN 'rejected'
                    WHEN app.application_status_id = %s AND EXISTS (
                        SELECT 1 FROM {GHOSTED_TABLE} ghosted
                        WHERE ghosted.job_application_id = app.id AND ghosted.ended_at IS NULL)
                    THEN 'ghosted' END,
               COUNT(*)
        FROM {APPLICATION_TABLE} app
        WHERE app.user_id = %s AND app.is_deleted = %s
        GROUP BY 1, 2, 3
    """  # noqa: S608 (table names and integer constants only; the values are parameters)
    return _fetch_all(sql, [True, ApplicationStatus.APPLIED, user_id, False])
