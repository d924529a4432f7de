"""Every write to applications, their status history and notes.

Each service is scoped to `user`: an id that is not one of the user's live applications (or
notes) raises `NotFound`, so another user's object is indistinguishable from a missing one.
The Gmail sync and the CSV import use the same services as the API, passing who caused a change
(`changed_by`), the email behind it (`msg_id`, `evidence`) and when it happened (`changed_at`).
"""
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.serializers import ValidationError

from jobhax.api.errors import InvalidParameters, NotFound

from . import csv_io
from .events import applications_changed_for
from .job_urls import normalize_job_url
from .models import ApplicationStatus, JobApplication, Note, Source, StatusHistory
from .selectors import ensure_live_jobapp
from .serializers import CsvRowSerializer, FlexibleDateTimeField

CSV_MAX_ROWS = 5000


def status_get(status_id: int) -> ApplicationStatus:
    try:
        return ApplicationStatus.objects.get(pk=status_id)
    except ApplicationStatus.DoesNotExist:
        raise InvalidParameters({"status_id": ["Unknown status."]}) from None


def _live_jobapp_locked(*, user, jobapp_id: int) -> JobApplication:
    """The user's live application, row-locked until the transaction ends so concurrent
    changes apply one after the other and each sees the status the previous one left."""
    try:
        return JobApplication.objects.select_for_update().get(
            pk=jobapp_id, user=user, is_deleted=False
        )
    except JobApplication.DoesNotExist:
        raise NotFound() from None


def _history_append(
    *, jobapp: JobApplication, changed_by: str, msg_id: str, evidence: str,
    changed_at: datetime | None,
) -> StatusHistory:
    return StatusHistory.objects.create(
        job_application=jobapp,
        application_status_id=jobapp.application_status_id,
        changed_by=changed_by,
        msg_id=msg_id,
        evidence=evidence,
        changed_at=changed_at or timezone.now(),
    )


@transaction.atomic
def jobapp_create(
    *,
    user,
    job_title: str,
    company: str,
    apply_date: datetime,
    status_id: int | None,
    source: str = "",
    is_rejected: bool = False,
    msg_id: str = "",
    job_url: str = "",
    location: str = "",
    salary: str = "",
    description: str = "",
    company_logo: str | None = None,
    changed_by: str = Source.USER,
    evidence: str = "",
    changed_at: datetime | None = None,
) -> JobApplication:
    """Creates an application and its first history row.

    A live application with the same non-empty `msg_id` or `job_url` raises IntegrityError
    (the unique constraints); callers that import idempotently catch it.
    """
    status = status_get(status_id) if status_id is not None else None
    jobapp = JobApplication.objects.create(
        user=user,
        application_status=status,
        job_title=job_title,
        company=company,
        apply_date=apply_date,
        source=source,
        is_rejected=is_rejected,
        rejection_changed_at=(changed_at or timezone.now()) if is_rejected else None,
        rejection_changed_by=changed_by if is_rejected else "",
        msg_id=msg_id,
        job_url=normalize_job_url(job_url) if job_url else "",
        location=location,
        salary=salary,
        description=description,
        company_logo=company_logo,
    )
    _history_append(
        jobapp=jobapp, changed_by=changed_by, msg_id=msg_id, evidence=evidence,
        changed_at=changed_at,
    )
    applications_changed_for(user.id)
    return jobapp


@transaction.atomic
def jobapp_update_status(
    *,
    user,
    jobapp_id: int,
    status_id: int | None = None,
    is_rejected: bool | None = None,
    changed_by: str = Source.USER,
    msg_id: str = "",
    evidence: str = "",
    changed_at: datetime | None = None,
) -> JobApplication:
    """Moves an application to `status_id` and/or sets its rejection flag.

    A real status change appends one history row; the status it already has appends none.
    """
    jobapp = _live_jobapp_locked(user=user, jobapp_id=jobapp_id)
    changed_fields = []
    if status_id is not None:
        status = status_get(status_id)
        if status.pk != jobapp.application_status_id:
            jobapp.application_status = status
            changed_fields.append("application_status")
            _history_append(
                jobapp=jobapp, changed_by=changed_by, msg_id=msg_id, evidence=evidence,
                changed_at=changed_at,
            )
        else:
            jobapp.application_status = status  # loaded for the caller's response
    if is_rejected is not None and is_rejected != jobapp.is_rejected:
        jobapp.is_rejected = is_rejected
        jobapp.rejection_changed_at = changed_at or timezone.now()
        jobapp.rejection_changed_by = changed_by
        changed_fields += ["is_rejected", "rejection_changed_at", "rejection_changed_by"]
    if changed_fields:
        jobapp.save(update_fields=[*changed_fields, "updated_at"])
        applications_changed_for(user.id)
    return jobapp


@transaction.atomic
def jobapp_edit(
    *,
    user,
    jobapp_id: int,
    job_title: str | None = None,
    company: str | None = None,
    apply_date: datetime | None = None,
    source: str | None = None,
    job_url: str | None = None,
    location: str | None = None,
    salary: str | None = None,
) -> JobApplication:
    """Edits what the user typed about an application; `None` leaves a field as it is."""
    changes = {
        name: value
        for name, value in {
            "job_title": job_title, "company": company, "apply_date": apply_date,
            "source": source, "job_url": job_url, "location": location, "salary": salary,
        }.items()
        if value is not None
    }
    jobapp = _live_jobapp_locked(user=user, jobapp_id=jobapp_id)
    if changes.get("job_url"):
        changes["job_url"] = normalize_job_url(changes["job_url"])
    for name, value in changes.items():
        setattr(jobapp, name, value)
    try:
        with transaction.atomic():
            jobapp.save(update_fields=[*changes, "updated_at"])
    except IntegrityError:
        raise InvalidParameters({"job_url": ["Another application tracks this posting."]}) from None
    # Loaded for the caller's response; an edit never changes the status.
    jobapp.application_status = (
        ApplicationStatus.objects.filter(pk=jobapp.application_status_id).first()
    )
    applications_changed_for(user.id)
    return jobapp


@transaction.atomic
def jobapp_delete(*, user, jobapp_id: int) -> None:
    """Soft delete: hidden from lists, details and metrics, kept in the database."""
    jobapp = _live_jobapp_locked(user=user, jobapp_id=jobapp_id)
    jobapp.is_deleted = True
    jobapp.save(update_fields=["is_deleted", "updated_at"])
    applications_changed_for(user.id)


# --- notes ----------------------------------------------------------------------------------


def _note_of_user(*, user, note_id: int) -> Note:
    try:
        return Note.objects.get(
            pk=note_id, job_application__user=user, job_application__is_deleted=False
        )
    except Note.DoesNotExist:
        raise NotFound() from None


@transaction.atomic
def note_create(*, user, jobapp_id: int, description: str) -> Note:
    ensure_live_jobapp(user=user, jobapp_id=jobapp_id)
    note = Note.objects.create(job_application_id=jobapp_id, description=description)
    applications_changed_for(user.id)
    return note


@transaction.atomic
def note_update(*, user, note_id: int, description: str) -> Note:
    note = _note_of_user(user=user, note_id=note_id)
    note.description = description
    note.update_date = timezone.now()
    note.save(update_fields=["description", "update_date"])
    applications_changed_for(user.id)
    return note


@transaction.atomic
def note_delete(*, user, note_id: int) -> None:
    _note_of_user(user=user, note_id=note_id).delete()
    applications_changed_for(user.id)


# --- browser extension ----------------------------------------------------------------------


def _live_jobapp_by_url(*, user, job_url: str) -> JobApplication | None:
    return (
        JobApplication.objects.select_related("application_status")
        .filter(user=user, job_url=job_url, is_deleted=False)
        .first()
    )


def jobapp_capture(
    *,
    user,
    job_url: str,
    job_title: str,
    company: str,
    location: str = "",
    description: str = "",
    status_id: int = ApplicationStatus.TO_APPLY,
) -> tuple[JobApplication, bool]:
    """Tracks the posting at `job_url` once: (application, created). Capturing a posting that
    is already tracked returns the existing application unchanged."""
    normalized_url = normalize_job_url(job_url)
    existing = _live_jobapp_by_url(user=user, job_url=normalized_url)
    if existing is not None:
        return existing, False
    try:
        jobapp = jobapp_create(
            user=user, job_title=job_title, company=company, apply_date=timezone.now(),
            status_id=status_id, job_url=normalized_url, location=location,
            description=description, changed_by=Source.EXTENSION,
        )
    except IntegrityError:
        # A concurrent capture of the same posting committed first: the constraint kept one.
        existing = _live_jobapp_by_url(user=user, job_url=normalized_url)
        if existing is None:
            raise
        return existing, False
    return jobapp, True


# --- CSV import -----------------------------------------------------------------------------


class _RowError(Exception):
    def __init__(self, fields: dict[str, list[str]]):
        self.fields = fields


def jobapps_import_csv(*, user, text: str) -> dict:
    """Imports the export format. Each row is imported whole or not at all; rows that fail are
    reported as `{row: line number, fields: {column: [message]}}` and the others still import.
    A file that cannot be read at all (or is too long) imports nothing."""
    try:
        rows = list(csv_io.read_csv(text, max_rows=CSV_MAX_ROWS))
    except csv_io.CsvFormatError as exc:
        raise InvalidParameters({"file": [str(exc)]}) from None
    statuses = _status_lookup()
    imported, errors = 0, []
    for line, row in rows:
        try:
            _import_row(user=user, row=row, statuses=statuses)
            imported += 1
        except _RowError as exc:
            errors.append({"row": line, "fields": exc.fields})
    if imported:
        applications_changed_for(user.id)
    return {"imported": imported, "failed": len(errors), "errors": errors}


def _status_lookup() -> dict[str, int]:
    """Status value (any case) or id, as text -> id."""
    lookup = {}
    for status_id, value in ApplicationStatus.objects.values_list("id", "value"):
        lookup[value.strip().lower()] = status_id
        lookup[str(status_id)] = status_id
    return lookup


def _import_row(*, user, row: dict, statuses: dict[str, int]) -> None:
    # Empty cells mean "not given": optional columns take their defaults.
    given = {name: value for name, value in row.items() if value.strip()}
    serializer = CsvRowSerializer(data=given)
    if not serializer.is_valid():
        raise _RowError({name: [str(m) for m in msgs] for name, msgs in serializer.errors.items()})
    data = serializer.validated_data
    status_id = _resolve_status(data["status"], statuses, column="status")
    history = _parse_history_cell(data["status_history"], statuses)
    try:
        with transaction.atomic():
            jobapp = JobApplication.objects.create(
                user=user, application_status_id=status_id, job_title=data["job_title"],
                company=data["company"], apply_date=data["apply_date"], source=data["source"],
                is_rejected=data["is_rejected"], msg_id=data["msg_id"],
                job_url=normalize_job_url(data["job_url"]) if data["job_url"] else "",
                location=data["location"], salary=data["salary"],
            )
            StatusHistory.objects.bulk_create(
                StatusHistory(job_application=jobapp, application_status_id=entry_status,
                              changed_at=when, changed_by=Source.IMPORT)
                for when, entry_status in history or [(timezone.now(), status_id)]
            )
    except IntegrityError:
        raise _RowError(_duplicate_columns(user=user, data=data)) from None


def _duplicate_columns(*, user, data: dict) -> dict[str, list[str]]:
    """Which of the row's unique columns an application already tracks."""
    tracked = JobApplication.objects.filter(user=user, is_deleted=False)
    job_url = normalize_job_url(data["job_url"]) if data["job_url"] else ""
    duplicates = {
        column: ["Another application already tracks this."]
        for column, value in (("msg_id", data["msg_id"]), ("job_url", job_url))
        if value and tracked.filter(**{column: value}).exists()
    }
    return duplicates or {"msg_id": ["Another application already tracks this."]}


def _resolve_status(text: str, statuses: dict[str, int], *, column: str) -> int | None:
    if not text:
        return None
    status_id = statuses.get(text.strip().lower())
    if status_id is None:
        raise _RowError({column: [f"Unknown status: {text[:50]}"]})
    return status_id


def _parse_history_cell(cell: str, statuses: dict[str, int]) -> list[tuple[datetime, int | None]]:
    date_field = FlexibleDateTimeField()
    entries = []
    for when_text, status_text in csv_io.parse_history(cell):
        try:
            when = date_field.to_internal_value(when_text)
        except ValidationError:
            raise _RowError({"status_history": [f"Bad date: {when_text[:40]}"]}) from None
        entries.append((when, _resolve_status(status_text, statuses, column="status_history")))
    return entries
