"""Every read the job application endpoints make: scoped to the user, live applications only,
shaped as the contract's plain dicts in a fixed number of queries."""

import hashlib
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from itertools import chain
from math import ceil
from typing import Any

import orjson
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.db.models import DateTimeField, F, Manager, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from jobhax.api.errors import InvalidParameters, NotFound

from .csv_io import format_history, format_notes
from .job_urls import normalize_job_url
from .live_counts import LIVE_COUNT_SQL
from .models import (
    ApplicationStatus,
    Contact,
    Event,
    JobApplication,
    JobEmail,
    Note,
    Source,
    StatusHistory,
    TrackerSettings,
)
from .serializers import (
    CONTACT_ROW_FIELDS,
    EVENT_ROW_FIELDS,
    FOLLOW_UP,
    GHOSTED,
    JOBAPP_ROW_FIELDS,
    contact_data,
    event_data,
    iso_date,
    iso_local,
    iso_utc,
    jobapp_data,
    local_zone,
    note_data,
    status_data,
)

DEFAULT_PAGE_SIZE = 20


def live_jobapps(*, user) -> QuerySet[JobApplication]:
    return JobApplication.objects.filter(user=user, is_deleted=False)


def status_list() -> list[Mapping[str, Any]]:
    return list(ApplicationStatus.objects.order_by("id").values("id", "value"))


def _status_exists(status_id: int) -> bool:
    return ApplicationStatus.objects.filter(pk=status_id).exists()


@dataclass(frozen=True)
class JobappFilters:
    status_id: int | None = None
    q: str = ""
    source: str | None = None
    rejected: bool | None = None
    applied_from: datetime | None = None
    applied_to: datetime | None = None
    ordering: str = "-apply_date"


UNFILTERED = JobappFilters()


@dataclass(frozen=True)
class Page:
    number: int
    size: int


# The list is read with SQL of its own, not the ORM: building and compiling the ORM query cost
# several times what PostgreSQL takes to run it, more than any other part of a page of 20. The
# SQL runs on PostgreSQL and SQLite alike; its filters mean what the ORM lookups meant
# (icontains, iexact, dates as DateTimeField adapts them).
APPLICATION_TABLE = JobApplication._meta.db_table
STATUS_TABLE = ApplicationStatus._meta.db_table
# The list's orderings (API names) -> SQL (text case-insensitively, as people sort names). `id`
# breaks ties so pages never overlap, and `-name` is exactly the reverse of `name`, ties and
# applications without a status (last ascending, so first descending) included: each ordering
# is one index (models.JobApplication.Meta.indexes), read forwards or backwards.
ORDERING_SQL = {
    "apply_date": "app.apply_date",
    "company": "LOWER(app.company)",
    "job_title": "LOWER(app.job_title)",
    "status_id": "app.application_status_id",
    "updated_at": "app.updated_at",
}
# A listed application's columns, in the order _jobapp_objects unpacks them. The apply date
# comes as text, `YYYY-MM-DD HH:MM:SS[.ffffff]...` in UTC on both databases (Django keeps
# PostgreSQL sessions in UTC and stores SQLite's in UTC): cutting the contract's
# `YYYY-MM-DDTHH:MM:SSZ` out of it costs a fifth of parsing a datetime and formatting it again.
# The owner is not read (the list is the caller's). The status's value is read only by the
# first query of a list or a page (STATUS_VALUE_SQL): a long list's streamed rest reads NULL in
# its place and takes the status objects the first batch met (_StatusObjects). Joining and
# reading the value 20,000 times and building a status object per row were about a sixth of a
# long list's cost (CPU per application, Python and PostgreSQL, in-process: 4.8 µs before,
# 4.1 after).
LIST_COLUMNS = (
    "app.id, app.application_status_id, {status_value}, app.job_title, app.company, "
    "app.company_logo, CAST(app.apply_date AS TEXT), app.msg_id, app.source, app.is_rejected, "
    "app.job_url, app.location, app.salary, CAST(app.follow_up_on AS TEXT)"
)
# How a query reads the status's value: (the column, the join it needs).
# * "lookup": a page of up to STATUS_LOOKUP_ROWS rows. Planning the join was a third of a page
#   query's time in PostgreSQL; looking each value up by primary key costs less up to about 150
#   rows (a page of 20: 0.25 -> 0.19 ms; of 500: 0.92 -> 1.15 ms; bench/RESULTS.md, fourth pass).
# * "join": a list's first query and a longer page.
# * "none": a long list's streamed rest.
STATUS_VALUE_SQL = {
    "join": (
        "status.value",
        f"LEFT JOIN {STATUS_TABLE} status ON status.id = app.application_status_id ",
    ),
    "lookup": (
        f"(SELECT status.value FROM {STATUS_TABLE} status"  # noqa: S608 (constants only)
        " WHERE status.id = app.application_status_id)",
        "",
    ),
    "none": ("NULL", ""),
}
STATUS_LOOKUP_ROWS = 100
# Rows fetched (from a server-side cursor on PostgreSQL) and handed on at a time: a list of
# 20,000 applications never holds more than this many objects in the worker.
LIST_BATCH_ROWS = 1000
# How long a list's total (for `pagination`) is kept; any write to the user's applications
# drops it sooner (forget_list_counts).
LIST_COUNT_CACHE_SECONDS = 300


def _list_conditions(*, user_id: int, filters: JobappFilters) -> tuple[str, list]:
    """The list's WHERE clause and its parameters."""
    adapt_datetime = connection.ops.adapt_datetimefield_value
    conditions: list[str] = ["app.user_id = %s", "app.is_deleted = %s"]
    params: list[Any] = [user_id, False]
    if filters.status_id is not None:
        conditions.append("app.application_status_id = %s")
        params.append(filters.status_id)
    if filters.q:
        pattern = f"%{connection.ops.prep_for_like_query(filters.q)}%"
        conditions.append(
            "(UPPER(app.job_title) LIKE UPPER(%s) ESCAPE '\\'"
            " OR UPPER(app.company) LIKE UPPER(%s) ESCAPE '\\')"
        )
        params += [pattern, pattern]
    if filters.source is not None:
        conditions.append("UPPER(app.source) = UPPER(%s)")
        params.append(filters.source)
    if filters.rejected is not None:
        conditions.append("app.is_rejected = %s")
        params.append(filters.rejected)
    if filters.applied_from is not None:
        conditions.append("app.apply_date >= %s")
        params.append(adapt_datetime(filters.applied_from))
    if filters.applied_to is not None:
        conditions.append("app.apply_date <= %s")
        params.append(adapt_datetime(filters.applied_to))
    return " AND ".join(conditions), params


def _list_sql(
    *, user_id: int, filters: JobappFilters, status_values: str, with_total: bool = False
) -> tuple[str, list]:
    """The list's query, reading the status's value as STATUS_VALUE_SQL[status_values] says;
    `with_total`, the user's count of live applications after LIST_COLUMNS."""
    where, params = _list_conditions(user_id=user_id, filters=filters)
    expression = ORDERING_SQL[filters.ordering.lstrip("-")]
    if filters.ordering.startswith("-"):
        order = f"{expression} DESC NULLS FIRST, app.id DESC"
    else:
        order = f"{expression} ASC NULLS LAST, app.id ASC"
    status_value, join = STATUS_VALUE_SQL[status_values]
    columns = LIST_COLUMNS.format(status_value=status_value)
    if with_total:
        columns += f", {LIVE_COUNT_SQL}"
        params = [user_id, *params]
    sql = (
        f"SELECT {columns} FROM {APPLICATION_TABLE} app {join}"  # noqa: S608 (constants only)
        f"WHERE {where} ORDER BY {order}"
    )
    return sql, params


def jobapp_list(
    *, user, filters: JobappFilters, page: Page | None = None
) -> tuple[Iterator[list[dict]], dict | None]:
    """(the applications in batches of at most LIST_BATCH_ROWS, pagination or None).

    One query up to LIST_BATCH_ROWS applications, two beyond (three when a status first
    appears past the first batch: _StatusObjects); paged, one query reading a page off the
    ordering's index and the list's total (_page_rows).
    The objects are serializers.jobapp_data's as orjson writes them (their status an
    orjson.Fragment: _StatusObjects).

    The first batch is read here, so a failing query fails the request before any of the
    response is sent. An unknown `status_id` is invalid input; it is only looked up when
    nothing matched, so a list that has rows costs no extra query.
    """
    if page is None:
        batches, pagination = _jobapp_batches(user_id=user.pk, filters=filters), None
    else:
        rows, total = _page_rows(user_id=user.pk, filters=filters, page=page)
        batches = iter(
            [_jobapp_objects(rows, user_id=user.pk, statuses=_StatusObjects.met_in(rows))]
        )
        pagination = {
            "current_page": page.number,
            "page_count": max(1, ceil(total / page.size)),
            "total_count": total,
        }
    first = next(batches, [])
    if not first and filters.status_id is not None and not _status_exists(filters.status_id):
        raise InvalidParameters({"status_id": ["Unknown status."]})
    return chain([first], batches), pagination


def _page_rows(*, user_id: int, filters: JobappFilters, page: Page) -> tuple[list[tuple], int]:
    """(a page's LIST_COLUMNS rows, the list's total).

    Unfiltered, the total is the user's stored count of live applications (live_counts),
    read by the page's own query: one query, one round trip. Filtered, it is counted under the
    filters and cached (_cached_count): counting reads every matching row (at 20,000
    applications 1.2 ms by status, 20 ms by source: more than the cache's round trip), and a
    count stored per filter would have to be kept by every edit.
    """
    start = (page.number - 1) * page.size
    status_values = "lookup" if page.size <= STATUS_LOOKUP_ROWS else "join"
    if replace(filters, ordering=UNFILTERED.ordering) != UNFILTERED:
        total = _cached_count(user_id=user_id, filters=filters)
        if start >= total:
            return [], total
        sql, params = _list_sql(user_id=user_id, filters=filters, status_values=status_values)
        return _fetch_all(f"{sql} LIMIT %s OFFSET %s", [*params, page.size, start]), total
    sql, params = _list_sql(
        user_id=user_id, filters=filters, status_values=status_values, with_total=True
    )
    rows = _fetch_all(f"{sql} LIMIT %s OFFSET %s", [*params, page.size, start])
    if not rows:  # no applications, or a page past the end
        return [], _fetch_all(f"SELECT {LIVE_COUNT_SQL}", [user_id])[0][0]
    return [row[:-1] for row in rows], rows[0][-1]


class _StatusObjects(dict):
    """Status id -> the contract's status object (serializers.status_data) as JSON text that
    orjson writes as it is (orjson.Fragment), None -> None, shared by the rows. Made from the
    statuses the first query's rows met; a status first met further down a long list (whose
    rows carry no value) has every status read, in one query of a handful of rows.

    A fragment, not a dict: a dict holding another dict is tracked by Python's garbage
    collector, one holding only strings, numbers, None and fragments is not. Tracked, a long
    list's objects made the collector run through them as they were built and pushed its full
    collection of the whole process (140,000 objects, 70 ms) into every tenth list of 20,000:
    about a fifth of such a list's cost (bench/RESULTS.md, fourth pass)."""

    @classmethod
    def met_in(cls, rows: list[tuple]) -> "_StatusObjects":
        return cls(
            {
                status_id: _status_json(status_id, value)
                for status_id, value in {(row[1], row[2]) for row in rows}
            }
        )

    def __missing__(self, status_id: int | None) -> dict | None:
        if status_id is None:
            return None
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id, value FROM {STATUS_TABLE}")  # noqa: S608 (constant)
            self.update((pk, _status_json(pk, value)) for pk, value in cursor.fetchall())
        # get(), not []: a status deleted meanwhile must not recurse (the foreign key
        # protects it; it cannot be null here).
        return self.get(status_id)


def _status_json(status_id: int | None, value: str | None) -> orjson.Fragment | None:
    status = status_data(status_id, value)
    return None if status is None else orjson.Fragment(orjson.dumps(status))


def _fetch_all(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _jobapp_batches(*, user_id: int, filters: JobappFilters) -> Iterator[list[dict]]:
    """The rows in batches. The first batch is one plain query (one round trip, the whole
    answer for most users); only a longer list reads the rest, from a server-side cursor on
    PostgreSQL (as QuerySet.iterator), so it never sits whole in the worker: two queries
    whatever its length."""
    sql, params = _list_sql(user_id=user_id, filters=filters, status_values="join")
    rows = _fetch_all(f"{sql} LIMIT %s", [*params, LIST_BATCH_ROWS + 1])
    statuses = _StatusObjects.met_in(rows)
    yield _jobapp_objects(rows[:LIST_BATCH_ROWS], user_id=user_id, statuses=statuses)
    if len(rows) <= LIST_BATCH_ROWS:
        return
    sql, params = _list_sql(user_id=user_id, filters=filters, status_values="none")
    no_limit = connection.ops.no_limit_value()  # SQLite needs a LIMIT before an OFFSET
    rest = f"{sql} OFFSET %s" if no_limit is None else f"{sql} LIMIT {no_limit} OFFSET %s"
    with connection.chunked_cursor() as cursor:
        cursor.execute(rest, [*params, LIST_BATCH_ROWS])
        while rows := cursor.fetchmany(LIST_BATCH_ROWS):
            yield _jobapp_objects(rows, user_id=user_id, statuses=statuses)


def _jobapp_objects(rows: Iterable[tuple], *, user_id: int, statuses: _StatusObjects) -> list[dict]:
    """serializers.jobapp_data's objects, built straight from LIST_COLUMNS rows: this loop is
    most of what a long list costs in Python, so it only picks values
    (jobapps/tests/test_list_speed.py holds their JSON equal to jobapp_data's)."""
    return [
        {
            "id": jobapp_id,
            "applicationStatus": statuses[status_id],
            "jobTitle": job_title,
            "company": company,
            "companyLogo": company_logo or None,
            "applyDate": f"{apply_date[:10]}T{apply_date[11:19]}Z",
            "msgId": msg_id,
            "source": source,
            "isRejected": is_rejected,
            "user": user_id,  # the caller's list (WHERE app.user_id = ...)
            "jobUrl": job_url,
            "location": location,
            "salary": salary,
            "followUpOn": follow_up_on,  # YYYY-MM-DD text on both databases, or None
        }
        for (
            jobapp_id,
            status_id,
            _status_value,
            job_title,
            company,
            company_logo,
            apply_date,
            msg_id,
            source,
            is_rejected,
            job_url,
            location,
            salary,
            follow_up_on,
        ) in rows
    ]


def _cached_count(*, user_id: int, filters: JobappFilters) -> int:
    """The list's total: a COUNT reads every matching row (20,000 index entries for a long
    list), so it is kept per user and filters until the user's applications change.

    The count is stored with the list version it was counted under and is good while that is
    still the user's version; both are read in one round trip (a page's cache reads were a
    twentieth of its cost when the version was read first and the count, under it, second).
    A count stored by a request that began before a write carries the version from before the
    write, so it is never taken for the new total.
    """
    filters_key = hashlib.sha256(repr(replace(filters, ordering="")).encode()).hexdigest()[:32]
    key, version_key = f"jobapps:list-count:{user_id}:{filters_key}", _list_version_key(user_id)
    found = cache.get_many([version_key, key])
    version, stored = found.get(version_key), found.get(key)
    if version is not None and stored is not None and stored[0] == version:
        return stored[1]
    if version is None:
        version = _list_version(user_id)
    where, params = _list_conditions(user_id=user_id, filters=filters)
    count_sql = f"SELECT COUNT(*) FROM {APPLICATION_TABLE} app WHERE {where}"  # noqa: S608
    total = _fetch_all(count_sql, params)[0][0]
    cache.set(key, (version, total), LIST_COUNT_CACHE_SECONDS)
    return total


def _list_version_key(user_id: int) -> str:
    return f"jobapps:list-version:{user_id}"


def _list_version(user_id: int) -> str:
    """A token that changes on every write to the user's applications: counts stored with an
    older one are never read again. Random, not a counter, so an evicted token cannot bring
    back counts from before the eviction. Without a cache (Redis away) nothing is reused."""
    key = _list_version_key(user_id)
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        version = cache.get(key)
    return version or uuid.uuid4().hex


def forget_list_counts(sender, user_id: int, **kwargs) -> None:
    """jobapps.events.applications_changed receiver (connected in apps.py)."""
    cache.set(_list_version_key(user_id), uuid.uuid4().hex, timeout=None)


def ensure_live_jobapp(*, user, jobapp_id: int) -> None:
    """NotFound unless `jobapp_id` is one of the user's live applications."""
    if not live_jobapps(user=user).filter(pk=jobapp_id).exists():
        raise NotFound()


def status_history_list(*, user, jobapp_id: int) -> list[dict]:
    """Oldest first."""
    ensure_live_jobapp(user=user, jobapp_id=jobapp_id)
    rows = (
        StatusHistory.objects.filter(job_application_id=jobapp_id)
        .order_by("changed_at", "id")
        .values("application_status_id", "application_status__value", "changed_at")
    )
    return [
        {
            "applicationStatus": status_data(
                row["application_status_id"], row["application_status__value"]
            ),
            "update_date": iso_utc(row["changed_at"]),
        }
        for row in rows
    ]


def jobapp_detail(*, user, jobapp_id: int) -> dict:
    """The application, its posting (null when nothing is known) and its emails, newest
    first, with the low-confidence readings of them as `suggestions`."""
    row = (
        live_jobapps(user=user)
        .filter(pk=jobapp_id)
        .values(*JOBAPP_ROW_FIELDS, "description")
        .first()
    )
    if row is None:
        raise NotFound()
    emails = list(
        JobEmail.objects.filter(user=user, job_application_id=jobapp_id)
        .order_by(F("date").desc(nulls_last=True), "-id")
        .values(
            "subject",
            "body",
            "date",
            "msg_id",
            "kind",
            "sender",
            "outcome",
            "confidence",
            "evidence",
        )
    )
    return {
        "jobapp": jobapp_data(row),
        "posting": _posting_data(row),
        "emails": [_email_data(email) for email in emails],
        "suggestions": [
            _suggestion_data(email)
            for email in emails
            if email["outcome"] == JobEmail.Outcome.SUGGESTION
        ],
    }


def _posting_data(row: dict) -> dict | None:
    posting = {
        "jobUrl": row["job_url"],
        "location": row["location"],
        "salary": row["salary"],
        "description": row["description"],
    }
    return posting if any(posting.values()) else None


def _email_data(email: Mapping[str, Any]) -> dict:
    return {
        "subject": email["subject"],
        "body": email["body"],
        "date": iso_utc(email["date"]),
        "msgId": email["msg_id"],
        "kind": email["kind"],
        "sender": email["sender"],
    }


def _suggestion_data(email: Mapping[str, Any]) -> dict:
    return {
        "msgId": email["msg_id"],
        "kind": email["kind"],
        "confidence": email["confidence"],
        "evidence": email["evidence"],
        "date": iso_utc(email["date"]),
    }


def note_list(*, user, jobapp_id: int) -> list[dict]:
    """Oldest first."""
    ensure_live_jobapp(user=user, jobapp_id=jobapp_id)
    rows = (
        Note.objects.filter(job_application_id=jobapp_id)
        .order_by("created_date", "id")
        .values("id", "description", "created_date", "update_date")
    )
    return [note_data(row) for row in rows]


def jobapp_by_job_url(*, user, job_url: str) -> dict | None:
    """The live application tracking this posting (however its URL was decorated), or None."""
    row = (
        live_jobapps(user=user)
        .filter(job_url=normalize_job_url(job_url))
        .values(*JOBAPP_ROW_FIELDS)
        .first()
    )
    return jobapp_data(row) if row else None


def jobapps_export_rows(*, user) -> list[dict]:
    """The caller's live applications with their full status history, notes, contacts and
    events, for csv_io.write_csv; dates in TIME_ZONE, so the file shows the days the charts
    count. Five queries whatever the number of applications."""
    live_of_user = {"job_application__user": user, "job_application__is_deleted": False}
    history_by_jobapp: dict[int, list[tuple[str | None, str]]] = {}
    history = (
        StatusHistory.objects.filter(**live_of_user)
        .order_by("job_application_id", "changed_at", "id")
        .values_list("job_application_id", "changed_at", "application_status__value")
    )
    for jobapp_id, changed_at, status_value in history:
        history_by_jobapp.setdefault(jobapp_id, []).append(
            (iso_local(changed_at), status_value or "")
        )
    notes_by_jobapp: dict[int, list[dict]] = {}
    notes = (
        Note.objects.filter(**live_of_user)
        .order_by("job_application_id", "created_date", "id")
        .values_list("job_application_id", "description", "created_date", "update_date")
    )
    for jobapp_id, description, created_date, update_date in notes:
        notes_by_jobapp.setdefault(jobapp_id, []).append(
            {
                "description": description,
                "created_date": iso_local(created_date),
                "update_date": iso_local(update_date),
            }
        )
    contacts_by_jobapp = _export_lists(
        Contact.objects.filter(**live_of_user, deleted_at__isnull=True),
        ("name", "email", "phone", "role", "linkedin_url", "notes", "created_date"),
    )
    events_by_jobapp = _export_lists(
        Event.objects.filter(**live_of_user, deleted_at__isnull=True),
        ("start", "end", "kind", "location", "notes", "msg_id", "evidence"),
    )
    return [
        {
            "id": row["id"],
            "job_title": row["job_title"],
            "company": row["company"],
            "status": row["application_status__value"] or "",
            "apply_date": iso_local(row["apply_date"]),
            "source": row["source"],
            "is_rejected": row["is_rejected"],
            "msg_id": row["msg_id"],
            "job_url": row["job_url"],
            "location": row["location"],
            "salary": row["salary"],
            "status_history": format_history(history_by_jobapp.get(row["id"], [])),
            "notes": format_notes(notes_by_jobapp.get(row["id"], [])),
            "follow_up_on": iso_date(row["follow_up_on"]),
            "contacts": format_notes(contacts_by_jobapp.get(row["id"], [])),
            "events": format_notes(events_by_jobapp.get(row["id"], [])),
        }
        for row in live_jobapps(user=user).order_by("-apply_date", "-id").values(*JOBAPP_ROW_FIELDS)
    ]


def _export_lists(queryset: QuerySet, fields: tuple[str, ...]) -> dict[int, list[dict]]:
    """{application id: [its rows as dicts, datetimes in TIME_ZONE]} in one query."""
    by_jobapp: dict[int, list[dict]] = {}
    for row in queryset.order_by("job_application_id", "id").values("job_application_id", *fields):
        jobapp_id = row.pop("job_application_id")
        by_jobapp.setdefault(jobapp_id, []).append(
            {
                name: iso_local(value) if isinstance(value, datetime) else value
                for name, value in row.items()
            }
        )
    return by_jobapp


# --- contacts and events ----------------------------------------------------------------------


def contact_list(*, user, jobapp_id: int) -> list[dict]:
    """Oldest first; contacts the user deleted are gone."""
    ensure_live_jobapp(user=user, jobapp_id=jobapp_id)
    rows = (
        Contact.objects.filter(job_application_id=jobapp_id, deleted_at__isnull=True)
        .order_by("created_date", "id")
        .values(*CONTACT_ROW_FIELDS)
    )
    return [contact_data(row) for row in rows]


def event_list(*, user, jobapp_id: int) -> list[dict]:
    """Soonest first; events the user deleted are gone."""
    ensure_live_jobapp(user=user, jobapp_id=jobapp_id)
    rows = (
        Event.objects.filter(job_application_id=jobapp_id, deleted_at__isnull=True)
        .order_by("start", "id")
        .values(*EVENT_ROW_FIELDS)
    )
    return [event_data(row) for row in rows]


# The feed keeps events of the last days as well: an interview should not vanish from the
# user's calendar the moment it starts.
CALENDAR_PAST_DAYS = 30


def calendar_events(*, user) -> list[Mapping[str, Any]]:
    """The user's upcoming events (and those of the last CALENDAR_PAST_DAYS) with their
    application's title, company and posting, soonest first, for the iCalendar feed."""
    since = timezone.now() - timedelta(days=CALENDAR_PAST_DAYS)
    return list(
        Event.objects.filter(
            job_application__user=user, job_application__is_deleted=False, deleted_at__isnull=True
        )
        .filter(Q(start__gte=since) | Q(end__gte=since))
        .order_by("start", "id")
        .values(
            "id",
            "start",
            "end",
            "kind",
            "location",
            "notes",
            "sequence",
            "created_date",
            "update_date",
            "job_application_id",
            "job_application__job_title",
            "job_application__company",
            "job_application__job_url",
        )
    )


# --- follow-ups and ghosted applications -------------------------------------------------------


def ghosted_after_days(*, user) -> int:
    """The user's setting (see TrackerSettings), else settings.GHOSTED_AFTER_DAYS."""
    days = (
        TrackerSettings.objects.filter(user=user)
        .values_list("ghosted_after_days", flat=True)
        .first()
    )
    return days or settings.GHOSTED_AFTER_DAYS


def _latest(queryset: QuerySet[Any] | Manager[Any], field: str) -> Subquery:
    """The latest `field` of an application's rows (a correlated subquery, read off an index
    by application)."""
    return Subquery(
        queryset.filter(job_application=OuterRef("pk"), **{f"{field}__isnull": False})
        .order_by(f"-{field}")
        .values(field)[:1]
    )


def with_last_activity(applications: QuerySet[JobApplication]) -> QuerySet[Any]:
    """Annotates `last_activity`: the latest of the apply date, status changes, linked mails
    and notes (written or edited). Every part falls back to the apply date, as SQLite's
    GREATEST is NULL when any argument is."""
    apply_date = F("apply_date")
    parts = [
        _latest(StatusHistory.objects, "changed_at"),
        _latest(JobEmail.objects, "date"),
        _latest(Note.objects, "created_date"),
        _latest(Note.objects, "update_date"),
    ]
    return applications.annotate(
        last_activity=Greatest(
            apply_date,
            *(Coalesce(part, apply_date) for part in parts),
            output_field=DateTimeField(),
        )
    )


def looks_ghosted(*, cutoff: datetime) -> Q:
    """Still Applied, not rejected, and nothing happened since `cutoff` (on a queryset
    annotated by with_last_activity)."""
    return Q(
        application_status_id=ApplicationStatus.APPLIED, is_rejected=False, last_activity__lt=cutoff
    )


def follow_up_list(*, user) -> list[dict]:
    """The caller's applications whose follow-up day (in TIME_ZONE) has come, and those that
    look ghosted: `{jobapp, reasons, last_activity}`, due follow-ups first (earliest day
    first), then the longest silent. Two queries (the setting, the list)."""
    days = ghosted_after_days(user=user)
    today = timezone.localdate(timezone=local_zone())
    cutoff = timezone.now() - timedelta(days=days)
    rows = (
        with_last_activity(live_jobapps(user=user))
        .filter(Q(follow_up_on__lte=today) | looks_ghosted(cutoff=cutoff))
        .values(*JOBAPP_ROW_FIELDS, "last_activity")
    )
    items = []
    for row in rows:
        reasons = []
        if row["follow_up_on"] is not None and row["follow_up_on"] <= today:
            reasons.append(FOLLOW_UP)
        if (
            row["application_status_id"] == ApplicationStatus.APPLIED
            and not row["is_rejected"]
            and row["last_activity"] < cutoff
        ):
            reasons.append(GHOSTED)
        items.append((row, reasons))
    items.sort(
        key=lambda item: (
            item[0]["follow_up_on"] or date.max,
            item[0]["last_activity"],
            item[0]["id"],
        )
    )
    return [
        {
            "jobapp": jobapp_data(row),
            "reasons": reasons,
            "last_activity": iso_utc(row["last_activity"]),
        }
        for row, reasons in items
    ]


# --- what the Gmail sync reads back (gmail_sync: its index, its rows, its evaluation) ---------
# gmail_sync reads jobapps' tables only through these: each is one query (or one per chunk).


def job_email_list(*, user: User) -> list[dict]:
    """The user's job-related emails, newest first, in the 2019 client's shape."""
    rows = (
        JobEmail.objects.filter(user=user)
        .exclude(kind=JobEmail.Kind.NOT_JOB)
        .order_by(F("date").desc(nulls_last=True), "-pk")
        .values("subject", "body", "date", "msg_id", "job_application_id")
    )
    return [
        {
            "subject": row["subject"],
            "body": row["body"],
            "date": row["date"],
            "msgId": row["msg_id"],
            "jobapp_id": row["job_application_id"],
        }
        for row in rows
    ]


def job_email_ids_processed(*, user: User, msg_ids: Iterable[str] | None = None) -> set[str]:
    """The stored message ids of the user's mails that were read to the end (not those that
    failed): all of them, or those among `msg_ids`."""
    emails = JobEmail.objects.filter(user=user)
    if msg_ids is not None:
        emails = emails.filter(msg_id__in=msg_ids)
    return set(emails.exclude(outcome=JobEmail.Outcome.FAILED).values_list("msg_id", flat=True))


def job_email_ids_retryable(*, user: User, max_attempts: int) -> list[str]:
    """Gmail messages that failed fewer than `max_attempts` times, oldest first."""
    return list(
        JobEmail.objects.filter(
            user=user,
            origin=JobEmail.Origin.GMAIL,
            outcome=JobEmail.Outcome.FAILED,
            attempts__lt=max_attempts,
        )
        .order_by("date", "id")
        .values_list("msg_id", flat=True)
    )


def job_emails_stored(
    *, user: User, msg_ids: list[str], message_id_headers: list[str]
) -> list[JobEmail]:
    """The user's rows stored under one of these message ids or Message-ID headers (a
    failed one is taken over and saved again through job_emails_save)."""
    return list(
        JobEmail.objects.filter(user=user).filter(
            Q(msg_id__in=msg_ids) | Q(message_id_header__in=message_id_headers)
        )
    )


def jobapps_for_matching(*, user: User, deleted: bool = False) -> list[dict]:
    """The user's live applications (or, with `deleted`, those the user deleted) as matching
    mail to them needs them: id, company, job title, apply date, rejection, posting URL; the
    live ones also with their status, when they changed and who last changed the flag."""
    fields = ["id", "company", "job_title", "apply_date", "is_rejected", "job_url"]
    if not deleted:
        fields += [
            "application_status_id",
            "updated_at",
            "rejection_changed_by",
            "rejection_changed_at",
        ]
    return list(JobApplication.objects.filter(user=user, is_deleted=deleted).values(*fields))


def job_email_links(*, user: User) -> list[tuple[str, int, str]]:
    """(thread id, application id, employer domain) of each of the user's mails linked to an
    application (deleted ones included), oldest mail first."""
    return list(
        JobEmail.objects.filter(user=user, job_application__isnull=False)
        .order_by("date", "id")
        .values_list("thread_id", "job_application_id", "employer_domain")
    )


def contacts_from_mail(*, user: User) -> list[tuple[int, str]]:
    """(application id, address) of the contacts the user's mail added to live applications."""
    return list(
        Contact.objects.filter(
            job_application__user=user, job_application__is_deleted=False, source=Source.EMAIL
        ).values_list("job_application_id", "email")
    )


def jobapp_hand_status_changes(*, user: User, jobapp_id: int | None = None) -> dict[int, datetime]:
    """{application id: the latest status change the user made by hand}, creating the
    application aside: one the user added today still moves on with last month's mail."""
    changes = StatusHistory.objects.filter(job_application__user=user, changed_by=Source.USER)
    if jobapp_id is not None:
        changes = changes.filter(job_application_id=jobapp_id)
    creation_row = (
        StatusHistory.objects.filter(job_application=OuterRef("job_application"))
        .order_by("id")
        .values("id")[:1]
    )
    return dict(
        changes.exclude(id=Subquery(creation_row))
        .values("job_application")
        .annotate(latest=Max("changed_at"))
        .values_list("job_application", "latest")
    )


def jobapp_lock(*, user: User, jobapp_id: int) -> JobApplication:
    """The application, its row locked until the transaction ends (DoesNotExist if the user
    has no such application)."""
    return JobApplication.objects.select_for_update().get(pk=jobapp_id, user=user)


def jobapps_lock_live(*, user: User, jobapp_ids: list[int]) -> dict[int, datetime]:
    """{id: updated_at} of those of these applications that are still live, their rows locked
    until the transaction ends."""
    return dict(
        JobApplication.objects.select_for_update()
        .filter(pk__in=jobapp_ids, user=user, is_deleted=False)
        .values_list("id", "updated_at")
    )


def job_emails_as_read(*, user: User) -> dict[str, dict[str, Any]]:
    """{msg_id: how the import read it} for every mail of the user (gmail_sync.evaluation)."""
    return {
        row["msg_id"]: dict(row)
        for row in JobEmail.objects.filter(user=user).values(
            "msg_id", "kind", "outcome", "job_application_id", "evidence", "company", "job_title"
        )
    }


def jobapps_as_read(*, user: User) -> dict[int, dict[str, Any]]:
    """{id: what the import made of it} for every application of the user, deleted ones
    included (gmail_sync.evaluation)."""
    return {
        row["id"]: dict(row)
        for row in JobApplication.objects.filter(user=user).values(
            "id", "company", "job_title", "application_status_id", "is_rejected", "msg_id"
        )
    }
