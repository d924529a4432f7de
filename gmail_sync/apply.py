"""Apply one parsed and classified mail to its owner's applications, in one transaction.

Idempotent: the mail's `JobEmail` row (unique per user and message id) is created first, in the
same transaction as every change the mail causes. A message that already has a row changes
nothing, so a rerun after a crash, two syncs racing, or `import_mail` run twice never applies a
mail twice; a crash before the commit leaves neither the row nor the change behind.

Rules: a confirmation creates an application (or joins the one it duplicates); a follow-up
moves its application forward (never backwards) or flags it rejected, unless the user changed
that application by hand after the mail was sent. Results below `AUTO_APPLY_CONFIDENCE`, and
guesses between several applications, are stored as suggestions instead.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction

from gmail_sync.classifier import AUTO_APPLY_CONFIDENCE, Classification, MailKind
from gmail_sync.matching import ApplicationIndex, Match
from gmail_sync.parsing import ParsedMail
from jobapps import services as jobapp_services
from jobapps.job_urls import normalize_job_url
from jobapps.models import ApplicationStatus, JobApplication, JobEmail, Source, StatusHistory

# Stored text of a job mail; the full text stays in the mailbox.
STORED_BODY_CHARS = 20_000
MAX_MSG_ID_CHARS = 200  # JobApplication.msg_id; JobEmail.msg_id allows more
MAX_JOB_URL_CHARS = 2000

# Pipeline order of the seeded statuses. Statuses an admin added have no rank: the sync leaves
# an application in such a status alone rather than guess where it sits.
STATUS_RANK = {
    ApplicationStatus.TO_APPLY: 0,
    ApplicationStatus.APPLIED: 1,
    ApplicationStatus.PHONE_SCREEN: 2,
    ApplicationStatus.ONSITE_INTERVIEW: 3,
    ApplicationStatus.OFFER: 4,
}
NO_STATUS_RANK = -1


@dataclass(frozen=True)
class ApplyResult:
    outcome: str  # a JobEmail.Outcome
    jobapp_id: int | None = None
    created: bool = False
    updated: bool = False
    already_processed: bool = False
    reason: str = ""


def storage_msg_id(msg_id: str) -> str:
    """A message id that fits the columns; very long Message-IDs are hashed (stably)."""
    if len(msg_id) <= MAX_MSG_ID_CHARS:
        return msg_id
    return "sha256-" + hashlib.sha256(msg_id.encode()).hexdigest()


def processed_message_ids(*, user) -> set[str]:
    """The user's messages that were read to the end (not those that failed)."""
    return set(JobEmail.objects.filter(user=user).exclude(
        outcome=JobEmail.Outcome.FAILED).values_list("msg_id", flat=True))


def owner_names_of(user) -> tuple[str, ...]:
    """The mailbox owner's names, which are never an employer's ("Hi Jamie Rivera,")."""
    return tuple(name for name in (user.get_full_name(), user.first_name, user.last_name) if name)


def apply_mail(*, user, mail: ParsedMail, classification: Classification,
               index: ApplicationIndex | None = None) -> ApplyResult:
    """Store the mail for `user` and apply it; a no-op for a message already stored.

    `index` is the user's applications as a sync or an import holds them across mails (kept
    current here); without it they are loaded for this mail alone.
    """
    with transaction.atomic():
        email = _claim(user=user, mail=mail, classification=classification)
        if email is None:
            return ApplyResult(JobEmail.Outcome.SKIPPED, already_processed=True)
        index = index if index is not None else ApplicationIndex.load(user=user)
        result = _decide_and_apply(user=user, mail=mail, classification=classification,
                                   index=index)
        email.outcome = result.outcome
        email.job_application_id = result.jobapp_id
        email.failure_reason = result.reason[:500]
        email.save(update_fields=["outcome", "job_application", "failure_reason"])
    if result.jobapp_id is not None and result.outcome != JobEmail.Outcome.SUGGESTION:
        index.linked(jobapp_id=result.jobapp_id, thread_id=mail.thread_id,
                     employer_domain=classification.employer_domain)
    return result


def record_failure(
    *, user, msg_id: str, reason: str, thread_id: str = "", date: datetime | None = None,
    origin: str = JobEmail.Origin.GMAIL,
) -> bool:
    """Store a message that could not be read or applied as failed: the run goes on past it,
    and the next run tries it again (up to MAX_ATTEMPTS). False when the message was already
    processed successfully (its row stays as it is)."""
    fields = {"thread_id": _clean(thread_id)[:255], "date": date, "origin": origin,
              "outcome": JobEmail.Outcome.FAILED, "failure_reason": _clean(reason)[:500]}
    key = storage_msg_id(msg_id)
    with transaction.atomic():
        email, created = JobEmail.objects.select_for_update().get_or_create(
            user=user, msg_id=key, defaults=fields)
        if created:
            return True
        if email.outcome != JobEmail.Outcome.FAILED:
            return False
        email.attempts += 1
        email.failure_reason = fields["failure_reason"]
        email.save(update_fields=["attempts", "failure_reason"])
    return True


# --------------------------------------------------------------------------- storing the mail


def _claim(*, user, mail: ParsedMail, classification: Classification) -> JobEmail | None:
    """The mail's row, created now (or a failed attempt's row, taken over for this retry);
    None when the message was processed before, under this id or, by its Message-ID header,
    under another (Takeout, then the Gmail sync), or is being processed by a concurrent
    transaction, which this one waits for on PostgreSQL."""
    fields = _email_fields(mail, classification)
    try:
        with transaction.atomic():
            return JobEmail.objects.create(user=user, **fields)
    except IntegrityError:
        pass
    failed = JobEmail.objects.select_for_update().filter(
        user=user, msg_id=fields["msg_id"], outcome=JobEmail.Outcome.FAILED).first()
    if failed is None:
        return None
    for name, value in fields.items():
        setattr(failed, name, value)
    failed.failure_reason = ""
    failed.attempts += 1
    try:
        with transaction.atomic():
            failed.save()
    except IntegrityError:  # its Message-ID header was imported meanwhile under another id
        return None
    return failed


def _email_fields(mail: ParsedMail, classification: Classification) -> dict:
    fields = {
        "msg_id": storage_msg_id(mail.msg_id),
        "message_id_header": mail.message_id_header,
        "origin": JobEmail.Origin.GMAIL if mail.from_gmail else JobEmail.Origin.FILE,
        "thread_id": mail.thread_id[:255],
        "date": mail.date,
        "kind": classification.kind.value,
        "confidence": classification.confidence,
    }
    if classification.kind is MailKind.NOT_JOB:
        # Not the user's job search: keep only what stops it being fetched again.
        return fields
    return {
        **fields,
        "subject": _clean(mail.subject)[:1000],
        "sender": _clean(_sender(mail))[:500],
        "body": _clean(mail.text)[:STORED_BODY_CHARS],
        "source": classification.source[:100],
        "employer_domain": classification.employer_domain[:255],
        "company": _clean(classification.company)[:200],
        "job_title": _clean(classification.job_title)[:300],
        "evidence": _clean(classification.evidence),
    }


def _sender(mail: ParsedMail) -> str:
    if not mail.sender_name:
        return mail.sender_address
    return f"{mail.sender_name} <{mail.sender_address}>"


def _clean(text: str) -> str:
    # PostgreSQL text cannot hold NUL, which broken mails do contain.
    return text.replace("\x00", "")


# --------------------------------------------------------------------------- deciding


def _decide_and_apply(*, user, mail: ParsedMail, classification: Classification,
                      index: ApplicationIndex) -> ApplyResult:
    if classification.kind is MailKind.NOT_JOB:
        return ApplyResult(JobEmail.Outcome.SKIPPED)
    if classification.kind is MailKind.APPLICATION_CONFIRMATION:
        return _apply_confirmation(user=user, mail=mail, classification=classification,
                                   index=index)
    return _apply_follow_up(user=user, mail=mail, classification=classification, index=index)


def _is_confident(classification: Classification) -> bool:
    return classification.confidence >= AUTO_APPLY_CONFIDENCE


def _apply_confirmation(
    *, user, mail: ParsedMail, classification: Classification, index: ApplicationIndex
) -> ApplyResult:
    duplicate = index.find_duplicate(
        thread_id=mail.thread_id, classification=classification, mail_date=mail.date
    )
    if not _is_confident(classification):
        return _suggestion(duplicate, "low confidence")
    if duplicate is not None:
        return _move(
            user=user, jobapp_id=duplicate.jobapp_id, mail=mail, classification=classification,
            status_id=ApplicationStatus.APPLIED, unchanged_reason="already tracked", index=index,
        )
    if not classification.company:
        return ApplyResult(JobEmail.Outcome.SKIPPED, reason="the mail names no company")
    return _create(
        user=user, mail=mail, classification=classification, status_id=ApplicationStatus.APPLIED,
        index=index,
    )


def _apply_follow_up(*, user, mail: ParsedMail, classification: Classification,
                     index: ApplicationIndex) -> ApplyResult:
    match = index.find_application(thread_id=mail.thread_id, classification=classification)
    if not _is_confident(classification):
        return _suggestion(match, "low confidence")
    if match is None:
        # The mail itself proves an application whose confirmation never reached the mailbox
        # (and Hired or Vettery invitations are how those applications start): track it in the
        # state the mail puts it in.
        if not classification.company:
            return ApplyResult(JobEmail.Outcome.SKIPPED, reason="the mail names no company")
        return _create(
            user=user, mail=mail, classification=classification,
            status_id=_target_status(classification) or ApplicationStatus.APPLIED,
            is_rejected=classification.kind is MailKind.REJECTION, index=index,
        )
    if match.doubt:
        return _suggestion(match, match.doubt)
    return _move(
        user=user, jobapp_id=match.jobapp_id, mail=mail, classification=classification,
        status_id=_target_status(classification), index=index,
    )


def _target_status(classification: Classification) -> int | None:
    """The status a follow-up moves its application to; None for a rejection (a flag)."""
    if classification.kind is MailKind.OFFER:
        return ApplicationStatus.OFFER
    if classification.kind is MailKind.INTERVIEW_INVITATION and classification.is_onsite:
        return ApplicationStatus.ONSITE_INTERVIEW
    if classification.kind in (MailKind.INTERVIEW_INVITATION, MailKind.ASSESSMENT):
        # An assessment is a screening step: it moves an application past Applied and never
        # pulls back one that is further along.
        return ApplicationStatus.PHONE_SCREEN
    return None


def _suggestion(match: Match | None, reason: str) -> ApplyResult:
    return ApplyResult(
        JobEmail.Outcome.SUGGESTION, jobapp_id=match.jobapp_id if match else None, reason=reason
    )


# --------------------------------------------------------------------------- writing


def _create(
    *, user, mail: ParsedMail, classification: Classification, status_id: int | None,
    index: ApplicationIndex, is_rejected: bool = False,
) -> ApplyResult:
    job_url = normalize_job_url(classification.job_url) if classification.job_url else ""
    try:
        with transaction.atomic():
            jobapp = jobapp_services.jobapp_create(
                user=user,
                job_title=_clean(classification.job_title)[:300],
                company=_clean(classification.company)[:200],
                apply_date=mail.date,
                status_id=status_id,
                is_rejected=is_rejected,
                source=classification.source[:100],
                msg_id=storage_msg_id(mail.msg_id),
                job_url=job_url if len(job_url) <= MAX_JOB_URL_CHARS else "",
                changed_by=Source.EMAIL,
                evidence=_clean(classification.evidence),
                changed_at=mail.date,
            )
    except IntegrityError:
        # Another process (the extension, an import) tracked this posting meanwhile.
        existing = ApplicationIndex.load(user=user).find_duplicate(
            thread_id=mail.thread_id, classification=classification, mail_date=mail.date,
        )
        if existing is None:
            raise
        return ApplyResult(JobEmail.Outcome.SKIPPED, jobapp_id=existing.jobapp_id,
                           reason="already tracked")
    index.added(jobapp)
    return ApplyResult(JobEmail.Outcome.APPLIED, jobapp_id=jobapp.pk, created=True)


def _move(
    *,
    user,
    jobapp_id: int,
    mail: ParsedMail,
    classification: Classification,
    status_id: int | None,
    index: ApplicationIndex,
    unchanged_reason: str = "already at this stage",
) -> ApplyResult:
    """Move the application forward to `status_id` (or flag it rejected when None)."""
    jobapp = JobApplication.objects.select_for_update().get(pk=jobapp_id)
    linked = {"jobapp_id": jobapp.pk}
    if _changed_by_hand_since(jobapp, mail.date):
        return ApplyResult(JobEmail.Outcome.SKIPPED, **linked,
                           reason="changed by hand after this mail")
    rejecting = status_id is None
    if rejecting and jobapp.is_rejected:
        return ApplyResult(JobEmail.Outcome.SKIPPED, **linked, reason="already rejected")
    if not rejecting and not _moves_forward(jobapp.application_status_id, status_id):
        return ApplyResult(JobEmail.Outcome.SKIPPED, **linked, reason=unchanged_reason)
    jobapp_services.jobapp_update_status(
        user=user,
        jobapp_id=jobapp.pk,
        status_id=status_id,
        is_rejected=True if rejecting else None,
        changed_by=Source.EMAIL,
        msg_id=storage_msg_id(mail.msg_id),
        evidence=_clean(classification.evidence),
        changed_at=mail.date,
    )
    if rejecting:
        index.rejected(jobapp.pk)
    return ApplyResult(JobEmail.Outcome.APPLIED, **linked, updated=True)


def _moves_forward(current_status_id: int | None, target_status_id: int) -> bool:
    current = (
        NO_STATUS_RANK if current_status_id is None else STATUS_RANK.get(current_status_id)
    )
    return current is not None and STATUS_RANK[target_status_id] > current


def _changed_by_hand_since(jobapp: JobApplication, moment: datetime) -> bool:
    """Did the user change the status or the rejection flag by hand after `moment`?

    Creating the application is not such a change: an application the user added today still
    moves on with the interview mail of last month.
    """
    if (
        jobapp.rejection_changed_by == Source.USER
        and jobapp.rejection_changed_at is not None
        and jobapp.rejection_changed_at > moment
    ):
        return True
    creation_row = (
        StatusHistory.objects.filter(job_application=jobapp)
        .order_by("id")
        .values_list("id", flat=True)
        .first()
    )
    return (
        StatusHistory.objects.filter(
            job_application=jobapp, changed_by=Source.USER, changed_at__gt=moment
        )
        .exclude(id=creation_row)
        .exists()
    )

