"""Every read the job application endpoints make: scoped to the user, live applications only,
shaped as the contract's plain dicts in a fixed number of queries."""
from dataclasses import dataclass
from datetime import datetime
from math import ceil

from django.db.models import F, Q, QuerySet
from django.db.models.functions import Lower

from jobhax.api.errors import InvalidParameters, NotFound

from .csv_io import format_history
from .job_urls import normalize_job_url
from .models import ApplicationStatus, JobApplication, JobEmail, Note, StatusHistory
from .serializers import JOBAPP_ROW_FIELDS, iso_utc, jobapp_data, note_data, status_data

DEFAULT_PAGE_SIZE = 20
# API ordering names -> expressions (text case-insensitively, as people sort names);
# `-id` always breaks ties so pages never overlap.
ORDERING_EXPRESSIONS = {
    "apply_date": F("apply_date"),
    "company": Lower("company"),
    "job_title": Lower("job_title"),
    "status_id": F("application_status_id"),
    "updated_at": F("updated_at"),
}


def live_jobapps(*, user) -> QuerySet[JobApplication]:
    return JobApplication.objects.filter(user=user, is_deleted=False)


def status_list() -> list[dict]:
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


@dataclass(frozen=True)
class Page:
    number: int
    size: int


def _filtered(*, user, filters: JobappFilters) -> QuerySet[JobApplication]:
    queryset = live_jobapps(user=user)
    if filters.status_id is not None:
        queryset = queryset.filter(application_status_id=filters.status_id)
    if filters.q:
        queryset = queryset.filter(
            Q(job_title__icontains=filters.q) | Q(company__icontains=filters.q)
        )
    if filters.source is not None:
        queryset = queryset.filter(source__iexact=filters.source)
    if filters.rejected is not None:
        queryset = queryset.filter(is_rejected=filters.rejected)
    if filters.applied_from is not None:
        queryset = queryset.filter(apply_date__gte=filters.applied_from)
    if filters.applied_to is not None:
        queryset = queryset.filter(apply_date__lte=filters.applied_to)
    expression = ORDERING_EXPRESSIONS[filters.ordering.lstrip("-")]
    if filters.ordering.startswith("-"):
        return queryset.order_by(expression.desc(nulls_last=True), "-id")
    return queryset.order_by(expression.asc(nulls_last=True), "-id")


def jobapp_list(
    *, user, filters: JobappFilters, page: Page | None = None
) -> tuple[list[dict], dict | None]:
    """(applications, pagination or None). One query (two when paged).

    An unknown `status_id` is invalid input; it is only looked up when nothing matched, so a
    list that has rows costs no extra query.
    """
    queryset = _filtered(user=user, filters=filters).values(*JOBAPP_ROW_FIELDS)
    if page is None:
        rows, pagination = list(queryset), None
    else:
        rows, pagination = _paginate(queryset, page)
    if not rows and filters.status_id is not None and not _status_exists(filters.status_id):
        raise InvalidParameters({"status_id": ["Unknown status."]})
    return [jobapp_data(row) for row in rows], pagination


def _paginate(queryset: QuerySet, page: Page) -> tuple[list[dict], dict]:
    total = queryset.count()
    start = (page.number - 1) * page.size
    rows = list(queryset[start : start + page.size]) if start < total else []
    pagination = {
        "current_page": page.number,
        "page_count": max(1, ceil(total / page.size)),
        "total_count": total,
    }
    return rows, pagination


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


def jobapp_get(*, user, jobapp_id: int) -> dict:
    row = live_jobapps(user=user).filter(pk=jobapp_id).values(*JOBAPP_ROW_FIELDS).first()
    if row is None:
        raise NotFound()
    return jobapp_data(row)


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
        .values("subject", "body", "date", "msg_id", "kind", "sender", "outcome", "confidence",
                "evidence")
    )
    return {
        "jobapp": jobapp_data(row),
        "posting": _posting_data(row),
        "emails": [_email_data(email) for email in emails],
        "suggestions": [
            _suggestion_data(email) for email in emails
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


def _email_data(email: dict) -> dict:
    return {
        "subject": email["subject"],
        "body": email["body"],
        "date": iso_utc(email["date"]),
        "msgId": email["msg_id"],
        "kind": email["kind"],
        "sender": email["sender"],
    }


def _suggestion_data(email: dict) -> dict:
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
    """The caller's live applications with their full status history, for csv_io.write_csv.
    Two queries whatever the number of applications."""
    history_by_jobapp: dict[int, list[tuple[str, str]]] = {}
    history = (
        StatusHistory.objects.filter(job_application__user=user,
                                     job_application__is_deleted=False)
        .order_by("job_application_id", "changed_at", "id")
        .values_list("job_application_id", "changed_at", "application_status__value")
    )
    for jobapp_id, changed_at, status_value in history:
        history_by_jobapp.setdefault(jobapp_id, []).append(
            (iso_utc(changed_at), status_value or "")
        )
    return [
        {
            "id": row["id"],
            "job_title": row["job_title"],
            "company": row["company"],
            "status": row["application_status__value"] or "",
            "apply_date": iso_utc(row["apply_date"]),
            "source": row["source"],
            "is_rejected": row["is_rejected"],
            "msg_id": row["msg_id"],
            "job_url": row["job_url"],
            "location": row["location"],
            "salary": row["salary"],
            "status_history": format_history(history_by_jobapp.get(row["id"], [])),
        }
        for row in live_jobapps(user=user)
        .order_by("-apply_date", "-id")
        .values(*JOBAPP_ROW_FIELDS)
    ]
