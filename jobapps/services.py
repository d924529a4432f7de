"""Every write to applications, their status history and notes.

Each service is scoped to `user`: an id that is not one of the user's live applications (or
notes) raises `NotFound`, so another user's object is indistinguishable from a missing one.
The Gmail sync uses the same services as the API, passing who caused a change
(`changed_by`), the email behind it (`msg_id`, `evidence`) and when it happened (`changed_at`).
The CSV import (csv_import) writes in bulk instead, all rows of a file or none.
"""

from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Lower
from django.utils import timezone

from jobhax.api.errors import InvalidParameters, NotFound

from . import csv_import
from .answers import first_answer, refresh_first_answers
from .events import applications_changed_for
from .job_urls import normalize_job_url
from .live_counts import live_count_add, refresh_live_counts
from .models import (
    ApplicationStatus,
    Contact,
    Event,
    GhostedRecord,
    JobApplication,
    JobEmail,
    Note,
    Source,
    StatusHistory,
    TrackerSettings,
)
from .selectors import ensure_live_jobapp, looks_ghosted, with_last_activity

# A keyword argument's default meaning "leave this as it is" where None means "clear it".
UNCHANGED = object()


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


@transaction.atomic
def jobapp_create(*, user, status_id: int | None, **fields) -> JobApplication:
    """Creates an application and its first history row (`fields` are jobapp_build's).

    A live application with the same non-empty `msg_id` or `job_url` raises IntegrityError
    (the unique constraints); callers that import idempotently catch it.
    """
    status = status_get(status_id) if status_id is not None else None
    jobapp, history = jobapp_build(user=user, status_id=status_id, **fields)
    jobapp.application_status = status
    jobapp.save(force_insert=True)
    history.save(force_insert=True)
    live_count_add(user_id=user.id, delta=1)
    applications_changed_for(user.id)
    return jobapp


def jobapp_build(
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
) -> tuple[JobApplication, StatusHistory]:
    """The application jobapp_create writes and its first history row, unsaved: for writers
    that save many at once (jobapps_save_all). `status_id` must be a known status."""
    changed_at = changed_at or timezone.now()
    jobapp = JobApplication(
        user=user,
        application_status_id=status_id,
        job_title=job_title,
        company=company,
        apply_date=apply_date,
        source=source,
        is_rejected=is_rejected,
        rejection_changed_at=changed_at if is_rejected else None,
        rejection_changed_by=changed_by if is_rejected else "",
        msg_id=msg_id,
        job_url=normalize_job_url(job_url) if job_url else "",
        location=location,
        salary=salary,
        description=description,
        company_logo=company_logo,
    )
    history = StatusHistory(
        job_application=jobapp,
        application_status_id=status_id,
        changed_by=changed_by,
        msg_id=msg_id,
        evidence=evidence,
        changed_at=changed_at,
    )
    return jobapp, history


@transaction.atomic
def jobapp_update_status(
    *, user, jobapp_id: int, status_id: int | None = None, **change
) -> JobApplication:
    """Moves an application to `status_id` and/or sets its rejection flag (`change` holds
    jobapp_status_change's other arguments).

    A real status change appends one history row; the status it already has appends none.
    """
    jobapp = _live_jobapp_locked(user=user, jobapp_id=jobapp_id)
    status = status_get(status_id) if status_id is not None else None
    changed_fields, history = jobapp_status_change(jobapp, status_id=status_id, **change)
    if status is not None:
        jobapp.application_status = status  # loaded for the caller's response
    if history is not None:
        history.save(force_insert=True)
        # Recomputed by the UPDATE that saves the status (a query of its own cost a sixth of
        # the request), then read again only if someone asks for it.
        jobapp.first_answer_at = first_answer()
        changed_fields.append("first_answer_at")
    if changed_fields:
        jobapp.save(update_fields=[*changed_fields, "updated_at"])
        applications_changed_for(user.id)
    if history is not None:
        del jobapp.first_answer_at  # the expression, not a value: loaded again when read
    return jobapp


def jobapp_status_change(
    jobapp: JobApplication,
    *,
    status_id: int | None = None,
    is_rejected: bool | None = None,
    changed_by: str = Source.USER,
    msg_id: str = "",
    evidence: str = "",
    changed_at: datetime | None = None,
) -> tuple[list[str], StatusHistory | None]:
    """jobapp_update_status's change made on `jobapp` in memory: the fields it changed and
    the history row to add (None when the status stays), both unsaved."""
    changed_at = changed_at or timezone.now()
    changed_fields: list[str] = []
    history = None
    if status_id is not None and status_id != jobapp.application_status_id:
        jobapp.application_status_id = status_id
        changed_fields.append("application_status")
        history = StatusHistory(
            job_application=jobapp,
            application_status_id=status_id,
            changed_by=changed_by,
            msg_id=msg_id,
            evidence=evidence,
            changed_at=changed_at,
        )
    if is_rejected is not None and is_rejected != jobapp.is_rejected:
        jobapp.is_rejected = is_rejected
        jobapp.rejection_changed_at = changed_at
        jobapp.rejection_changed_by = changed_by
        changed_fields += ["is_rejected", "rejection_changed_at", "rejection_changed_by"]
    return changed_fields, history


def jobapps_save_all(
    *,
    user,
    created: list[JobApplication],
    changed: dict[JobApplication, set[str]],
    history: list[StatusHistory],
) -> None:
    """Saves what jobapp_build and jobapp_status_change made in memory, in a fixed number of
    queries however many applications there are (the mail import writes a batch at a time).
    `changed` maps each existing application to the fields to write: only those are written,
    so an application loaded in part keeps the rest as it is."""
    JobApplication.objects.bulk_create(created)
    now = timezone.now()
    by_fields: dict[tuple[str, ...], list[JobApplication]] = {}
    for jobapp, fields in changed.items():
        jobapp.updated_at = now
        by_fields.setdefault(tuple(sorted(fields)), []).append(jobapp)
    for field_names, jobapps in by_fields.items():
        JobApplication.objects.bulk_update(jobapps, [*field_names, "updated_at"])
    StatusHistory.objects.bulk_create(history)
    refresh_first_answers(row.job_application_id for row in history)
    live_count_add(user_id=user.id, delta=sum(not jobapp.is_deleted for jobapp in created))
    if any(fields & {"is_deleted", "user"} for fields in changed.values()):
        refresh_live_counts([user.id])  # no writer moves applications this way today
    if created or changed:
        applications_changed_for(user.id)


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
    follow_up_on: date | None | object = UNCHANGED,
) -> JobApplication:
    """Edits what the user typed about an application; `None` leaves a field as it is, but
    `follow_up_on=None` clears the follow-up day (UNCHANGED leaves it)."""
    changes: dict[str, Any] = {
        name: value
        for name, value in {
            "job_title": job_title,
            "company": company,
            "apply_date": apply_date,
            "source": source,
            "job_url": job_url,
            "location": location,
            "salary": salary,
        }.items()
        if value is not None
    }
    if follow_up_on is not UNCHANGED:
        changes["follow_up_on"] = follow_up_on
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
        # No status (NULL) finds none, as it should.
        ApplicationStatus.objects.filter(pk=jobapp.application_status_id).first()  # type: ignore[misc]
    )
    applications_changed_for(user.id)
    return jobapp


@transaction.atomic
def jobapp_delete(*, user, jobapp_id: int) -> None:
    """Soft delete: hidden from lists, details and metrics, kept in the database."""
    jobapp = _live_jobapp_locked(user=user, jobapp_id=jobapp_id)
    jobapp.is_deleted = True
    jobapp.save(update_fields=["is_deleted", "updated_at"])
    live_count_add(user_id=user.id, delta=-1)
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
    salary: str = "",
    source: str = "",
    application_date: datetime | None = None,
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
            user=user,
            job_title=job_title,
            company=company,
            apply_date=application_date or timezone.now(),
            status_id=status_id,
            job_url=normalized_url,
            location=location,
            salary=salary,
            source=source,
            description=description,
            changed_by=Source.EXTENSION,
        )
    except IntegrityError:
        # A concurrent capture of the same posting committed first: the constraint kept one.
        existing = _live_jobapp_by_url(user=user, job_url=normalized_url)
        if existing is None:
            raise
        return existing, False
    return jobapp, True


# --- CSV import -----------------------------------------------------------------------------


def jobapps_import_csv(*, user, text: str) -> dict:
    """Imports the export format, all rows or none (see csv_import)."""
    return csv_import.import_csv(user=user, text=text)


# --- contacts -------------------------------------------------------------------------------


def _contact_of_user(*, user, contact_id: int) -> Contact:
    """The user's contact on a live application (one they deleted is not found), row-locked."""
    try:
        return Contact.objects.select_for_update().get(
            pk=contact_id,
            job_application__user=user,
            job_application__is_deleted=False,
            deleted_at__isnull=True,
        )
    except Contact.DoesNotExist:
        raise NotFound() from None


def _same_email(email: str) -> Q:
    """Compares as the unique constraint does (lower-cased in the database)."""
    return Q(email_key=Lower(Value(email)))


def _contacts_with_email(jobapp_id: int, email: str) -> QuerySet[Contact]:
    return (
        Contact.objects.filter(job_application_id=jobapp_id)
        .annotate(email_key=Lower("email"))
        .filter(_same_email(email))
    )


EMAIL_TAKEN = {"email": ["Another contact of this application has this email."]}


@transaction.atomic
def contact_create(
    *,
    user,
    jobapp_id: int,
    name: str = "",
    email: str = "",
    phone: str = "",
    role: str = "",
    linkedin_url: str = "",
    notes: str = "",
) -> Contact:
    """A person of the application, added by the user. An email (any case) belongs to one
    contact per application; the email of a contact the user deleted may be used again."""
    ensure_live_jobapp(user=user, jobapp_id=jobapp_id)
    fields = {
        "name": name,
        "email": email,
        "phone": phone,
        "role": role,
        "linkedin_url": linkedin_url,
        "notes": notes,
    }
    if email:
        existing = _contacts_with_email(jobapp_id, email).select_for_update().first()
        if existing is not None and existing.deleted_at is None:
            raise InvalidParameters(EMAIL_TAKEN)
        if existing is not None:  # the user deleted this person before: they are back
            existing.delete()
    try:
        with transaction.atomic():
            return Contact.objects.create(
                job_application_id=jobapp_id, source=Source.USER, **fields
            )
    except IntegrityError:  # the same email added a moment ago
        raise InvalidParameters(EMAIL_TAKEN) from None


@transaction.atomic
def contact_update(*, user, contact_id: int, **changes) -> Contact:
    """Changes the fields given (CONTACT_FIELDS); from then on mail never touches it."""
    contact = _contact_of_user(user=user, contact_id=contact_id)
    for name, value in changes.items():
        setattr(contact, name, value)
    if not contact.name and not contact.email:
        raise InvalidParameters({"name": ["A contact needs a name or an email."]})
    if changes.get("email"):
        # A deleted contact's email taken up again: its marker has done its work.
        _contacts_with_email(contact.job_application_id, contact.email).filter(
            deleted_at__isnull=False
        ).delete()
    contact.update_date = timezone.now()
    try:
        with transaction.atomic():
            contact.save(update_fields=[*changes, "update_date"])
    except IntegrityError:
        raise InvalidParameters(EMAIL_TAKEN) from None
    return contact


@transaction.atomic
def contact_delete(*, user, contact_id: int) -> None:
    """Gone from the application. A contact with an email leaves only that email behind,
    hidden, so mail from the same person does not add them again."""
    contact = _contact_of_user(user=user, contact_id=contact_id)
    if not contact.email:
        contact.delete()
        return
    Contact.objects.filter(pk=contact.pk).update(
        name="", phone="", role="", linkedin_url="", notes="", msg_id="", deleted_at=timezone.now()
    )


def contact_add_from_mail(
    *,
    user,
    jobapp_id: int,
    name: str,
    email: str,
    role: str = "",
    phone: str = "",
    linkedin_url: str = "",
    msg_id: str = "",
) -> Contact | None:
    """The person who wrote a mail, added to the application the mail was matched to: once.

    For the mail import (gmail_sync), which decides who is a person (not a no-reply address or
    an ATS mailbox). The same email (any case) on the same application is the same person: a
    contact already there, whether the user edited or deleted it or not, is left exactly as it
    is. `msg_id` is recorded as the contact's source. Returns the new contact, or None when
    nothing was added (already known, an unusable email, or not one of the user's live
    applications). Safe inside a caller's transaction with many calls (an insert that loses a
    race is rolled back to its own savepoint): two queries and a savepoint per call.
    """
    email = email.strip()
    if not _is_email(email):
        return None
    return _create_once_from_mail(
        Contact,
        user=user,
        jobapp_id=jobapp_id,
        known=Exists(_contacts_with_email(jobapp_id, email)),
        name=_clip(name, Contact, "name"),
        email=email,
        role=_clip(role, Contact, "role"),
        phone=_clip(phone, Contact, "phone"),
        linkedin_url=_clip(linkedin_url, Contact, "linkedin_url"),
        msg_id=_clip(msg_id, Contact, "msg_id"),
    )


def _create_once_from_mail(model, *, user, jobapp_id: int, known: Exists, **fields):
    """`model`'s row from mail on one of the user's live applications, unless `known` (an
    Exists over the application's rows) says it is there already: one query for both checks,
    one insert in a savepoint (one that loses a race with a concurrent import adds nothing).
    None when nothing was added."""
    target = (
        JobApplication.objects.filter(pk=jobapp_id, user=user, is_deleted=False)
        .annotate(known=known)
        .values_list("known", flat=True)
        .first()
    )
    if target is None or target:
        return None
    try:
        with transaction.atomic():
            return model.objects.create(job_application_id=jobapp_id, source=Source.EMAIL, **fields)
    except IntegrityError:  # added by a concurrent import a moment ago
        return None


def _is_email(text: str) -> bool:
    max_length = Contact._meta.get_field("email").max_length
    if not text or (max_length is not None and len(text) > max_length):
        return False
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


def _clip(text: str, model, field: str) -> str:
    """Mail text cut to the column's length (a display name can be anything)."""
    return (text or "").strip()[: model._meta.get_field(field).max_length]


# --- events ---------------------------------------------------------------------------------


def _event_of_user(*, user, event_id: int) -> Event:
    try:
        return Event.objects.select_for_update().get(
            pk=event_id,
            job_application__user=user,
            job_application__is_deleted=False,
            deleted_at__isnull=True,
        )
    except Event.DoesNotExist:
        raise NotFound() from None


@transaction.atomic
def event_create(
    *,
    user,
    jobapp_id: int,
    start: datetime,
    end: datetime | None = None,
    kind: str,
    location: str = "",
    notes: str = "",
) -> Event:
    ensure_live_jobapp(user=user, jobapp_id=jobapp_id)
    return Event.objects.create(
        job_application_id=jobapp_id,
        start=start,
        end=end,
        kind=kind,
        location=location,
        notes=notes,
        source=Source.USER,
    )


@transaction.atomic
def event_update(*, user, event_id: int, **changes) -> Event:
    """Changes the fields given (EVENT_FIELDS; `end=None` removes the end); from then on mail
    never touches it. Subscribed calendars see the new version (SEQUENCE goes up)."""
    event = _event_of_user(user=user, event_id=event_id)
    for name, value in changes.items():
        setattr(event, name, value)
    if event.end is not None and event.end < event.start:
        raise InvalidParameters({"end": ["Must not be before `start`."]})
    event.update_date = timezone.now()
    event.sequence += 1
    event.save(update_fields=[*changes, "update_date", "sequence"])
    return event


@transaction.atomic
def event_delete(*, user, event_id: int) -> None:
    """Gone from the application and the calendar. Its time and message stay, hidden, so the
    mail it came from (or another mail about the same interview) does not add it again."""
    event = _event_of_user(user=user, event_id=event_id)
    Event.objects.filter(pk=event.pk).update(
        location="", notes="", evidence="", deleted_at=timezone.now(), sequence=event.sequence + 1
    )


def event_add_from_mail(
    *,
    user,
    jobapp_id: int,
    start: datetime,
    end: datetime | None,
    kind: str,
    location: str = "",
    evidence: str = "",
    msg_id: str,
) -> Event | None:
    """An interview or assessment deadline a mail states, added to its application once.

    For the mail import (gmail_sync), which reads the date, time and zone. Idempotent: nothing
    is added when this message already gave the application an event, or the application
    already has an event at that instant (the invitation and its calendar invite are one
    interview), including one the user edited or deleted, which stays as the user left it.
    `start`/`end` must be aware; an `end` before `start` is dropped. Returns the new event, or
    None when nothing was added (also for an id that is not one of the user's live
    applications). Safe inside a caller's transaction with many calls: two queries and a
    savepoint per call.
    """
    if kind not in Event.Kind.values:
        raise ValueError(f"unknown event kind {kind!r}")
    if not msg_id:
        raise ValueError("msg_id is required: an event from mail is added once per message")
    if timezone.is_naive(start) or (end is not None and timezone.is_naive(end)):
        raise ValueError("start and end must be aware datetimes")
    msg_id = _clip(msg_id, Event, "msg_id")
    if end is not None and end < start:
        end = None
    same_events = Event.objects.filter(job_application=OuterRef("pk"))
    return _create_once_from_mail(
        Event,
        user=user,
        jobapp_id=jobapp_id,
        known=Exists(same_events.filter(Q(msg_id=msg_id) | Q(start=start))),
        start=start,
        end=end,
        kind=kind,
        location=_clip(location, Event, "location"),
        evidence=(evidence or "").strip(),
        msg_id=msg_id,
    )


# --- settings and ghosted applications --------------------------------------------------------


def ghosted_after_days_set(*, user, days: int) -> None:
    TrackerSettings.objects.update_or_create(user=user, defaults={"ghosted_after_days": days})


GHOSTED_WRITE_BATCH = 1000


def ghosted_applications_record(*, now: datetime | None = None) -> dict:
    """The daily task's work (jobapps.tasks): records the applications that became ghosted
    since the last run, and ends the records of those that showed life again (a status change,
    mail or note since, or rejected, moved on or deleted). Records only: no status changes.
    `{"recorded": N, "ended": N}`; queries: a few, plus one per distinct ghosted_after_days
    that users chose."""
    now = now or timezone.now()
    with transaction.atomic():
        ended, ended_users = _end_revived_records(now)
        recorded, recorded_users = 0, set()
        for days, of_users in _users_by_ghosted_days():
            cutoff = now - timedelta(days=days)
            ghosted = (
                with_last_activity(JobApplication.objects.filter(of_users, is_deleted=False))
                .filter(looks_ghosted(cutoff=cutoff))
                .exclude(
                    Exists(
                        GhostedRecord.objects.filter(
                            job_application=OuterRef("pk"), ended_at__isnull=True
                        )
                    )
                )
                .values_list("id", "user_id", "last_activity")
            )
            batch = []
            for jobapp_id, user_id, last_activity in ghosted.iterator(chunk_size=2000):
                batch.append(
                    GhostedRecord(
                        job_application_id=jobapp_id, ghosted_at=now, last_activity_at=last_activity
                    )
                )
                recorded_users.add(user_id)
                if len(batch) == GHOSTED_WRITE_BATCH:
                    recorded += _save_records(batch)
            recorded += _save_records(batch)
        for user_id in ended_users | recorded_users:
            applications_changed_for(user_id)  # their status flow metric changed
    return {"recorded": recorded, "ended": ended}


def _save_records(batch: list[GhostedRecord]) -> int:
    # A record another run wrote meanwhile is kept (one open record per application).
    GhostedRecord.objects.bulk_create(batch, ignore_conflicts=True)
    saved = len(batch)
    batch.clear()
    return saved


def _users_by_ghosted_days() -> list[tuple[int, Q]]:
    """(days, the users who wait that long): the default for everyone without a choice."""
    chosen = sorted(
        {
            days
            for days in TrackerSettings.objects.exclude(ghosted_after_days=None).values_list(
                "ghosted_after_days", flat=True
            )
            if days is not None
        }
    )
    default = settings.GHOSTED_AFTER_DAYS
    groups = [
        (days, Q(user__tracker_settings__ghosted_after_days=days))
        for days in chosen
        if days != default
    ]
    groups.append(
        (
            default,
            Q(user__tracker_settings__ghosted_after_days=default)
            | Q(user__tracker_settings__isnull=True)
            | Q(user__tracker_settings__ghosted_after_days__isnull=True),
        )
    )
    return groups


def _end_revived_records(now: datetime) -> tuple[int, set[int]]:
    after = OuterRef("last_activity_at")
    of_record = {"job_application": OuterRef("job_application")}
    revived = GhostedRecord.objects.filter(ended_at__isnull=True).filter(
        Q(job_application__is_deleted=True)
        | Q(job_application__is_rejected=True)
        | ~Q(job_application__application_status_id=ApplicationStatus.APPLIED)
        | Q(job_application__apply_date__gt=F("last_activity_at"))
        | Exists(StatusHistory.objects.filter(**of_record, changed_at__gt=after))
        | Exists(JobEmail.objects.filter(**of_record, date__gt=after))
        | Exists(Note.objects.filter(**of_record, created_date__gt=after))
        | Exists(Note.objects.filter(**of_record, update_date__gt=after))
    )
    users = set(revived.values_list("job_application__user_id", flat=True).distinct())
    ended = GhostedRecord.objects.filter(pk__in=revived.values("pk")).update(ended_at=now)
    return ended, users


# --- the mail the Gmail sync and import_mail store (gmail_sync writes through these) --------


def job_email_claim(*, user, fields: dict) -> JobEmail | None:
    """The message's row, created now (or a failed attempt's row, taken over for this retry);
    None when the message was stored before, under this id or, by its Message-ID header,
    under another (Takeout, then the Gmail sync), or is being stored by a concurrent
    transaction, which this one waits for on PostgreSQL. Inside the caller's transaction, so
    the row and everything the mail changes commit together."""
    try:
        with transaction.atomic():
            email = JobEmail.objects.create(user=user, **fields)
    except IntegrityError:
        pass
    else:
        refresh_first_answers([email.job_application_id])
        return email
    failed = (
        JobEmail.objects.select_for_update()
        .filter(user=user, msg_id=fields["msg_id"], outcome=JobEmail.Outcome.FAILED)
        .first()
    )
    if failed is None:
        return None
    for name, value in fields.items():
        setattr(failed, name, value)
    failed.failure_reason = ""
    failed.attempts += 1
    unlinked = failed.job_application_id
    try:
        with transaction.atomic():
            failed.save()
    except IntegrityError:  # its Message-ID header was imported meanwhile under another id
        return None
    refresh_first_answers([unlinked, failed.job_application_id])
    return failed


def job_email_outcome_set(
    *, email: JobEmail, outcome: str, jobapp_id: int | None, reason: str = ""
) -> None:
    unlinked = email.job_application_id
    email.outcome = outcome
    email.job_application_id = jobapp_id
    email.failure_reason = reason[:500]
    email.save(update_fields=["outcome", "job_application", "failure_reason"])
    refresh_first_answers([unlinked, jobapp_id])


@transaction.atomic
def job_email_failure_record(*, user, msg_id: str, fields: dict) -> bool:
    """The message as failed (`fields` hold its outcome and reason): a new row, or one more
    attempt on a failed one. False when the message was already stored successfully (its row
    stays as it is)."""
    email, created = JobEmail.objects.select_for_update().get_or_create(
        user=user, msg_id=msg_id, defaults=fields
    )
    if created:
        return True
    if email.outcome != JobEmail.Outcome.FAILED:
        return False
    email.attempts += 1
    email.failure_reason = fields["failure_reason"]
    email.save(update_fields=["attempts", "failure_reason"])
    return True


def job_emails_save(*, new: list[JobEmail], retried: list[JobEmail]) -> None:
    """A batch's rows: the new ones in one insert, failed attempts taken over one by one (rare)."""
    JobEmail.objects.bulk_create(new)
    for email in retried:
        email.save()
    # (A failed attempt's row is linked to no application: retrying it unlinks none.)
    refresh_first_answers(email.job_application_id for email in [*new, *retried])
