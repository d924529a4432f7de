"""Apply one parsed and classified mail to its owner's applications, in one transaction.

Idempotent: the mail's `JobEmail` row (unique per user and message id) is created first, in the
same transaction as every change the mail causes. A message that already has a row changes
nothing, so a rerun after a crash, two syncs racing, or `import_mail` run twice never applies a
mail twice; a crash before the commit leaves neither the row nor the change behind.

Rules: a confirmation creates an application (or joins the one it duplicates); a follow-up
moves its application forward (never backwards) or flags it rejected, unless the user changed
that application by hand after the mail was sent. Results below `AUTO_APPLY_CONFIDENCE`, and
guesses between several applications, are stored as suggestions instead. The person who wrote
a mail becomes a contact of its application, and the interview time or test deadline it states
an event (once each, through the jobapps services, which leave anything the user edited or
deleted as the user left it).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from django.db import IntegrityError, transaction

from gmail_sync.classifier import AUTO_APPLY_CONFIDENCE, Classification, MailKind
from gmail_sync.matching import (
    ApplicationIndex,
    Match,
    hand_status_changes,
    latest_hand_change,
)
from gmail_sync.parsing import ParsedMail
from jobapps import selectors as jobapp_selectors
from jobapps import services as jobapp_services
from jobapps.job_urls import normalize_job_url
from jobapps.models import (
    ApplicationStatus,
    Event,
    JobApplication,
    JobEmail,
    Source,
    StatusHistory,
)

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
# Later mail about an application the user deleted leaves it deleted.
DELETED_BY_THE_USER = "about an application the user deleted"


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
    return jobapp_selectors.job_email_ids_processed(user=user)


def owner_names_of(user) -> tuple[str, ...]:
    """The mailbox owner's names, which are never an employer's ("Hi Jamie Rivera,")."""
    return tuple(name for name in (user.get_full_name(), user.first_name, user.last_name) if name)


def apply_mail(
    *, user, mail: ParsedMail, classification: Classification, index: ApplicationIndex | None = None
) -> ApplyResult:
    """Store the mail for `user` and apply it; a no-op for a message already stored.

    `index` is the user's applications as a sync or an import holds them across mails (kept
    current here); without it they are loaded for this mail alone.
    """
    with transaction.atomic():
        email = _claim(user=user, mail=mail, classification=classification)
        if email is None:
            return ApplyResult(JobEmail.Outcome.SKIPPED, already_processed=True)
        index = index if index is not None else ApplicationIndex.load(user=user)
        result = _decide(
            mail=mail,
            classification=classification,
            index=index,
            writer=_Immediate(user=user, index=index),
        )
        jobapp_services.job_email_outcome_set(
            email=email, outcome=result.outcome, jobapp_id=result.jobapp_id, reason=result.reason
        )
        if (jobapp_id := _about(result)) is not None:
            _add_person_and_time(
                user=user, jobapp_id=jobapp_id, mail=mail, classification=classification
            )
    if (jobapp_id := _about(result)) is not None:
        index.linked(
            jobapp_id=jobapp_id,
            thread_id=mail.thread_id,
            employer_domain=classification.employer_domain,
            person=_person(classification),
        )
    return result


def record_failure(
    *,
    user,
    msg_id: str,
    reason: str,
    thread_id: str = "",
    date: datetime | None = None,
    origin: str = JobEmail.Origin.GMAIL,
) -> bool:
    """Store a message that could not be read or applied as failed: the run goes on past it,
    and the next run tries it again (up to MAX_ATTEMPTS). False when the message was already
    processed successfully (its row stays as it is)."""
    fields = {
        "thread_id": _clean(thread_id)[:255],
        "date": date,
        "origin": origin,
        "outcome": JobEmail.Outcome.FAILED,
        "failure_reason": _clean(reason)[:500],
    }
    return jobapp_services.job_email_failure_record(
        user=user, msg_id=storage_msg_id(msg_id), fields=fields
    )


# --------------------------------------------------------------------------- storing the mail


def _claim(*, user, mail: ParsedMail, classification: Classification) -> JobEmail | None:
    """The mail's row (jobapps.services.job_email_claim); None when it was processed before."""
    return jobapp_services.job_email_claim(user=user, fields=_email_fields(mail, classification))


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
# The same decisions for one mail and for a batch: only the writer differs (_Immediate reads
# and writes the database at once, _Batched keeps the changes in memory and writes them in bulk).


@dataclass(frozen=True)
class AppState:
    """What deciding a move needs to know about an application."""

    status_id: int | None
    is_rejected: bool
    # The latest change the user made by hand to the status or the rejection flag (creating
    # the application aside), or None.
    hand_changed_at: datetime | None


def _decide(
    *, mail: ParsedMail, classification: Classification, index: ApplicationIndex, writer: _Writer
) -> ApplyResult:
    if classification.kind is MailKind.NOT_JOB:
        return ApplyResult(JobEmail.Outcome.SKIPPED)
    if classification.kind is MailKind.APPLICATION_CONFIRMATION:
        return _apply_confirmation(
            mail=mail, classification=classification, index=index, writer=writer
        )
    return _apply_follow_up(mail=mail, classification=classification, index=index, writer=writer)


def _is_confident(classification: Classification) -> bool:
    return classification.confidence >= AUTO_APPLY_CONFIDENCE


def _apply_confirmation(
    *, mail: ParsedMail, classification: Classification, index: ApplicationIndex, writer: _Writer
) -> ApplyResult:
    duplicate = index.find_duplicate(
        thread_id=mail.thread_id, classification=classification, mail_date=mail.date
    )
    if not _is_confident(classification):
        return _suggestion(duplicate, "low confidence")
    if duplicate is not None:
        return _move(
            jobapp_id=duplicate.jobapp_id,
            mail=mail,
            classification=classification,
            status_id=ApplicationStatus.APPLIED,
            unchanged_reason="already tracked",
            writer=writer,
        )
    if not classification.company:
        return ApplyResult(JobEmail.Outcome.SKIPPED, reason="the mail names no company")
    if (
        index.deleted_one(thread_id=mail.thread_id, classification=classification, follow_up=False)
        is not None
    ):
        return ApplyResult(JobEmail.Outcome.SKIPPED, reason=DELETED_BY_THE_USER)
    return writer.create(
        mail=mail,
        classification=classification,
        status_id=ApplicationStatus.APPLIED,
        is_rejected=False,
    )


def _apply_follow_up(
    *, mail: ParsedMail, classification: Classification, index: ApplicationIndex, writer: _Writer
) -> ApplyResult:
    match = index.find_application(thread_id=mail.thread_id, classification=classification)
    if not _is_confident(classification):
        return _suggestion(match, "low confidence")
    if match is None:
        # The mail itself proves an application whose confirmation never reached the mailbox
        # (and Hired or Vettery invitations are how those applications start): track it in the
        # state the mail puts it in.
        if not classification.company:
            return ApplyResult(JobEmail.Outcome.SKIPPED, reason="the mail names no company")
        if (
            index.deleted_one(
                thread_id=mail.thread_id, classification=classification, follow_up=True
            )
            is not None
        ):
            return ApplyResult(JobEmail.Outcome.SKIPPED, reason=DELETED_BY_THE_USER)
        return writer.create(
            mail=mail,
            classification=classification,
            status_id=_target_status(classification) or ApplicationStatus.APPLIED,
            is_rejected=classification.kind is MailKind.REJECTION,
        )
    if match.doubt:
        return _suggestion(match, match.doubt)
    return _move(
        jobapp_id=match.jobapp_id,
        mail=mail,
        classification=classification,
        status_id=_target_status(classification),
        writer=writer,
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


def _move(
    *,
    jobapp_id: int,
    mail: ParsedMail,
    classification: Classification,
    status_id: int | None,
    writer: _Writer,
    unchanged_reason: str = "already at this stage",
) -> ApplyResult:
    """Move the application forward to `status_id` (or flag it rejected when None)."""
    refusal = _refusal(writer.state(jobapp_id), status_id, mail.date, unchanged_reason)
    if refusal:
        return ApplyResult(JobEmail.Outcome.SKIPPED, jobapp_id=jobapp_id, reason=refusal)
    writer.move(jobapp_id=jobapp_id, mail=mail, classification=classification, status_id=status_id)
    return ApplyResult(JobEmail.Outcome.APPLIED, jobapp_id=jobapp_id, updated=True)


def _refusal(
    state: AppState, status_id: int | None, mail_date: datetime, unchanged_reason: str
) -> str:
    """Why the mail leaves the application as it is ("" when it moves it)."""
    if state.hand_changed_at is not None and state.hand_changed_at > mail_date:
        return "changed by hand after this mail"
    if status_id is None:
        return "already rejected" if state.is_rejected else ""
    return "" if _moves_forward(state.status_id, status_id) else unchanged_reason


def _moves_forward(current_status_id: int | None, target_status_id: int) -> bool:
    current = NO_STATUS_RANK if current_status_id is None else STATUS_RANK.get(current_status_id)
    return current is not None and STATUS_RANK[target_status_id] > current


def _about(result: ApplyResult) -> int | None:
    """The application the mail is known to be about, if any (a suggestion is only a guess)."""
    return result.jobapp_id if result.outcome != JobEmail.Outcome.SUGGESTION else None


def _person(classification: Classification) -> str:
    return classification.contact.email if classification.contact else ""


def _add_person_and_time(
    *, user, jobapp_id: int, mail: ParsedMail, classification: Classification
) -> None:
    """The mail's writer as a contact and its stated interview time as an event."""
    msg_id = storage_msg_id(mail.msg_id)
    person = classification.contact
    if person is not None:
        jobapp_services.contact_add_from_mail(
            user=user,
            jobapp_id=jobapp_id,
            name=person.name,
            email=person.email,
            role=person.role,
            phone=person.phone,
            linkedin_url=person.linkedin_url,
            msg_id=msg_id,
        )
    when = classification.appointment
    if when is not None:
        jobapp_services.event_add_from_mail(
            user=user,
            jobapp_id=jobapp_id,
            start=when.start,
            end=when.end,
            kind=_event_kind(classification),
            location=when.location,
            evidence=_clean(when.sentence),
            msg_id=msg_id,
        )


_VIDEO_MEETING = re.compile(
    r"\b(?:video|zoom|google meet|meet\.google|teams|webex|hangouts?|"
    r"whereby|bluejeans|chime)\b",
    re.IGNORECASE,
)


def _event_kind(classification: Classification) -> str:
    """Onsite, an assessment's deadline, a video call when the mail names a video meeting,
    else a phone call (the usual first conversation)."""
    if classification.kind is MailKind.ASSESSMENT:
        return Event.Kind.ASSESSMENT_DEADLINE
    if classification.is_onsite:
        return Event.Kind.ONSITE
    when = classification.appointment
    said = f"{when.sentence} {when.location}" if when else ""
    return Event.Kind.VIDEO if _VIDEO_MEETING.search(said) else Event.Kind.PHONE


def _new_application(
    *,
    user,
    mail: ParsedMail,
    classification: Classification,
    status_id: int | None,
    is_rejected: bool,
) -> dict:
    """jobapp_create's arguments for the application a mail starts."""
    job_url = normalize_job_url(classification.job_url) if classification.job_url else ""
    return {
        "user": user,
        "job_title": _clean(classification.job_title)[:300],
        "company": _clean(classification.company)[:200],
        "apply_date": mail.date,
        "status_id": status_id,
        "is_rejected": is_rejected,
        "source": classification.source[:100],
        "msg_id": storage_msg_id(mail.msg_id),
        "job_url": job_url if len(job_url) <= MAX_JOB_URL_CHARS else "",
        "changed_by": Source.EMAIL,
        "evidence": _clean(classification.evidence),
        "changed_at": mail.date,
    }


def _status_change(
    *, mail: ParsedMail, classification: Classification, status_id: int | None
) -> dict:
    """jobapp_update_status's arguments for a move (None: flag it rejected)."""
    return {
        "status_id": status_id,
        "is_rejected": True if status_id is None else None,
        "changed_by": Source.EMAIL,
        "msg_id": storage_msg_id(mail.msg_id),
        "evidence": _clean(classification.evidence),
        "changed_at": mail.date,
    }


class _Writer(Protocol):
    def state(self, jobapp_id: int) -> AppState: ...

    def create(
        self,
        *,
        mail: ParsedMail,
        classification: Classification,
        status_id: int | None,
        is_rejected: bool,
    ) -> ApplyResult: ...

    def move(
        self,
        *,
        jobapp_id: int,
        mail: ParsedMail,
        classification: Classification,
        status_id: int | None,
    ) -> None: ...


# --------------------------------------------------------------------------- one mail


class _Immediate:
    """Reads each application's state from the database (row-locked until the transaction
    ends) and writes every change at once, through the jobapps services."""

    def __init__(self, *, user, index: ApplicationIndex) -> None:
        self.user = user
        self.index = index

    def state(self, jobapp_id: int) -> AppState:
        jobapp = jobapp_selectors.jobapp_lock(user=self.user, jobapp_id=jobapp_id)
        status_change = hand_status_changes(user=self.user, jobapp_id=jobapp_id).get(jobapp_id)
        return AppState(
            jobapp.application_status_id,
            jobapp.is_rejected,
            latest_hand_change(
                jobapp.rejection_changed_by, jobapp.rejection_changed_at, status_change
            ),
        )

    def create(
        self,
        *,
        mail: ParsedMail,
        classification: Classification,
        status_id: int | None,
        is_rejected: bool,
    ) -> ApplyResult:
        try:
            with transaction.atomic():
                jobapp = jobapp_services.jobapp_create(
                    **_new_application(
                        user=self.user,
                        mail=mail,
                        classification=classification,
                        status_id=status_id,
                        is_rejected=is_rejected,
                    )
                )
        except IntegrityError:
            # Another process (the extension, an import) tracked this posting meanwhile.
            existing = ApplicationIndex.load(user=self.user).find_duplicate(
                thread_id=mail.thread_id,
                classification=classification,
                mail_date=mail.date,
            )
            if existing is None:
                raise
            return ApplyResult(
                JobEmail.Outcome.SKIPPED, jobapp_id=existing.jobapp_id, reason="already tracked"
            )
        self.index.added(jobapp)
        return ApplyResult(JobEmail.Outcome.APPLIED, jobapp_id=jobapp.pk, created=True)

    def move(
        self,
        *,
        jobapp_id: int,
        mail: ParsedMail,
        classification: Classification,
        status_id: int | None,
    ) -> None:
        self.index.moved(
            jobapp_services.jobapp_update_status(
                user=self.user,
                jobapp_id=jobapp_id,
                **_status_change(mail=mail, classification=classification, status_id=status_id),
            )
        )


# --------------------------------------------------------------------------- a batch


class _Conflict(Exception):
    """Another process changed what a batch decided on."""


def apply_batch(
    *, user, mails: Sequence[tuple[ParsedMail, Classification]], index: ApplicationIndex
) -> list[ApplyResult | Exception]:
    """Apply mails in order, as apply_mail would one after the other, with a fixed number of
    queries for the whole batch: the same decisions, made on the index's copy of each
    application, and bulk writes at the end. A mail whose decision fails gets its exception
    in the result instead (the others go on).

    If another process got in the way (changed or deleted an application the batch moves,
    stored one of its messages or tracked one of its postings first), the batch is rolled back
    and applied mail by mail, which locks and rereads every row it changes.
    """
    try:
        with transaction.atomic():
            batch = _Batched(user=user, index=index, mails=mails)
            outcomes = [batch.apply(mail, classification) for mail, classification in mails]
            new_ids = batch.write()
            batch.add_people_and_times(new_ids)
    except (_Conflict, IntegrityError):
        index.reload(user=user)
        return [
            _apply_alone(user=user, mail=mail, classification=classification, index=index)
            for mail, classification in mails
        ]
    index.renumbered(new_ids)
    return [_renumbered(outcome, new_ids) for outcome in outcomes]


def _apply_alone(
    *, user, mail: ParsedMail, classification: Classification, index: ApplicationIndex
) -> ApplyResult | Exception:
    try:
        return apply_mail(user=user, mail=mail, classification=classification, index=index)
    except Exception as error:  # the caller records it as this message's failure
        return error


def _renumbered(
    outcome: ApplyResult | Exception, new_ids: dict[int, int]
) -> ApplyResult | Exception:
    if isinstance(outcome, ApplyResult) and outcome.jobapp_id in new_ids:
        return replace(outcome, jobapp_id=new_ids[outcome.jobapp_id])
    return outcome


class _Batched:
    """Decides on the index's state of each application and keeps every change in memory
    until write(). Applications it creates carry temporary (negative) ids until then."""

    def __init__(
        self, *, user, index: ApplicationIndex, mails: Sequence[tuple[ParsedMail, Classification]]
    ) -> None:
        self.user = user
        self.index = index
        self.created: dict[int, JobApplication] = {}  # by temporary id
        self.changed: dict[int, tuple[JobApplication, set[str]]] = {}  # by id
        self.history: list[StatusHistory] = []
        self.emails: list[JobEmail] = []
        self.retried: list[JobEmail] = []
        # (application id, possibly temporary; mail; its reading) of mails naming a person or
        # a time: added once the applications have their ids.
        self.about: list[tuple[int, ParsedMail, Classification]] = []
        self.stored = _stored_rows(user=user, mails=[mail for mail, _ in mails])

    def apply(self, mail: ParsedMail, classification: Classification) -> ApplyResult | Exception:
        email = self._claim(mail, classification)
        if email is None:
            return ApplyResult(JobEmail.Outcome.SKIPPED, already_processed=True)
        try:
            result = _decide(
                mail=mail, classification=classification, index=self.index, writer=self
            )
        except Exception as error:  # the caller records it as this message's failure
            return error
        email.outcome = result.outcome
        email.failure_reason = result.reason[:500]
        if result.jobapp_id in self.created:  # saved first, then its id is known
            email.job_application = self.created[result.jobapp_id]
        else:
            email.job_application_id = result.jobapp_id
        (self.retried if email.pk else self.emails).append(email)
        about = _about(result)
        if about is not None and (classification.contact or classification.appointment):
            self.about.append((about, mail, classification))
        if about is not None:
            self.index.linked(
                jobapp_id=about,
                thread_id=mail.thread_id,
                employer_domain=classification.employer_domain,
                person=_person(classification),
            )
        return result

    def _claim(self, mail: ParsedMail, classification: Classification) -> JobEmail | None:
        """The mail's row (unsaved, or a failed attempt's row to take over); None when the
        message was processed before or earlier in this batch (as _claim does for one)."""
        fields = _email_fields(mail, classification)
        stored = self.stored.get(("id", fields["msg_id"]))
        if stored is None and ("header", fields["message_id_header"]) in self.stored:
            return None  # the same message, imported under another id
        if stored is not None and stored.outcome != JobEmail.Outcome.FAILED:
            return None
        email = stored or JobEmail(user=self.user)
        for name, value in fields.items():
            setattr(email, name, value)
        if stored is not None:
            email.attempts += 1
        # A second copy of the message later in the batch is the same message.
        done = JobEmail(outcome=JobEmail.Outcome.SKIPPED)
        self.stored[("id", fields["msg_id"])] = done
        if fields["message_id_header"]:
            self.stored[("header", fields["message_id_header"])] = done
        return email

    # -- the writer the decisions use ---------------------------------------------------------

    def state(self, jobapp_id: int) -> AppState:
        candidate = self.index.candidates[jobapp_id]
        return AppState(candidate.status_id, candidate.is_rejected, candidate.hand_changed_at)

    def create(
        self,
        *,
        mail: ParsedMail,
        classification: Classification,
        status_id: int | None,
        is_rejected: bool,
    ) -> ApplyResult:
        jobapp, history = jobapp_services.jobapp_build(
            **_new_application(
                user=self.user,
                mail=mail,
                classification=classification,
                status_id=status_id,
                is_rejected=is_rejected,
            )
        )
        temporary_id = -1 - len(self.created)
        self.created[temporary_id] = jobapp
        self.history.append(history)
        self.index.added(jobapp, jobapp_id=temporary_id)
        return ApplyResult(JobEmail.Outcome.APPLIED, jobapp_id=temporary_id, created=True)

    def move(
        self,
        *,
        jobapp_id: int,
        mail: ParsedMail,
        classification: Classification,
        status_id: int | None,
    ) -> None:
        jobapp, fields = self._loaded(jobapp_id)
        changed_fields, history = jobapp_services.jobapp_status_change(
            jobapp, **_status_change(mail=mail, classification=classification, status_id=status_id)
        )
        fields.update(changed_fields)
        if history is not None:
            self.history.append(history)
        candidate = self.index.candidates[jobapp_id]
        candidate.status_id = jobapp.application_status_id
        candidate.is_rejected = jobapp.is_rejected

    def _loaded(self, jobapp_id: int) -> tuple[JobApplication, set[str]]:
        """The application as the index knows it (created in this batch, or changed)."""
        if jobapp_id in self.created:
            return self.created[jobapp_id], set()
        if jobapp_id not in self.changed:
            candidate = self.index.candidates[jobapp_id]
            self.changed[jobapp_id] = (
                JobApplication(
                    pk=jobapp_id,
                    user=self.user,
                    application_status_id=candidate.status_id,
                    is_rejected=candidate.is_rejected,
                ),
                set(),
            )
        return self.changed[jobapp_id]

    # -- writing ----------------------------------------------------------------------------

    def write(self) -> dict[int, int]:
        """Every change in a fixed number of queries; {temporary id: id} of new applications.
        Raises _Conflict (or IntegrityError) when another process got in the way."""
        changed = {jobapp: fields for jobapp, fields in self.changed.values() if fields}
        self._check_unchanged([jobapp.pk for jobapp in changed])
        jobapp_services.jobapps_save_all(
            user=self.user,
            created=list(self.created.values()),
            changed=changed,
            history=self.history,
        )
        jobapp_services.job_emails_save(new=self.emails, retried=self.retried)
        for jobapp in changed:
            self.index.candidates[jobapp.pk].updated_at = jobapp.updated_at
        for temporary_id, jobapp in self.created.items():
            self.index.candidates[temporary_id].updated_at = jobapp.updated_at
        return {temporary_id: jobapp.pk for temporary_id, jobapp in self.created.items()}

    def add_people_and_times(self, new_ids: dict[int, int]) -> None:
        """After write(): a few queries per mail that names a person or a time (a small
        share of job mail; the services keep each addition to once)."""
        for jobapp_id, mail, classification in self.about:
            _add_person_and_time(
                user=self.user,
                jobapp_id=new_ids.get(jobapp_id, jobapp_id),
                mail=mail,
                classification=classification,
            )

    def _check_unchanged(self, jobapp_ids: list[int]) -> None:
        """Lock the applications the batch changes; any that changed since the index read
        them (a user's edit, a deletion) means deciding again, mail by mail."""
        if not jobapp_ids:
            return
        current = jobapp_selectors.jobapps_lock_live(user=self.user, jobapp_ids=jobapp_ids)
        for jobapp_id in jobapp_ids:
            if current.get(jobapp_id) != self.index.candidates[jobapp_id].updated_at:
                raise _Conflict(jobapp_id)


def _stored_rows(*, user, mails: list[ParsedMail]) -> dict[tuple[str, str], JobEmail]:
    """The user's rows for these messages, by ("id", msg_id) and ("header", Message-ID)."""
    ids = [storage_msg_id(mail.msg_id) for mail in mails]
    headers = [mail.message_id_header for mail in mails if mail.message_id_header]
    stored: dict[tuple[str, str], JobEmail] = {}
    for email in jobapp_selectors.job_emails_stored(
        user=user, msg_ids=ids, message_id_headers=headers
    ):
        stored[("id", email.msg_id)] = email
        if email.message_id_header:
            stored[("header", email.message_id_header)] = email
    return stored
