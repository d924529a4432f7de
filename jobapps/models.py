"""Job applications, their statuses and history, notes, and the emails linked to them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone


class ApplicationStatus(models.Model):
    """A pipeline stage. Ids 1-5 are seeded by a migration and hard-coded by the web client."""

    APPLIED = 1
    TO_APPLY = 2
    PHONE_SCREEN = 3
    ONSITE_INTERVIEW = 4
    OFFER = 5

    value = models.CharField(max_length=50, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "application statuses"

    def __str__(self):
        return self.value


class Source(models.TextChoices):
    """Who caused a status change (stored on history rows)."""

    USER = "user", "User"
    EMAIL = "email", "Email import"
    EXTENSION = "extension", "Browser extension"
    IMPORT = "import", "CSV import"


# A live application: not (soft-)deleted. Lists and metrics read only these.
LIVE = Q(is_deleted=False)


class JobApplication(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_applications"
    )
    application_status = models.ForeignKey(
        ApplicationStatus, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    job_title = models.CharField(max_length=300)
    company = models.CharField(max_length=200)
    # Null, not "": the contract's `companyLogo` is null when unknown.
    company_logo = models.URLField(max_length=1000, null=True, blank=True)  # noqa: DJ001
    apply_date = models.DateTimeField()
    msg_id = models.CharField(max_length=200, blank=True, default="")
    source = models.CharField(max_length=100, blank=True, default="")
    is_rejected = models.BooleanField(default=False)
    # When and by whom `is_rejected` last changed (rejection writes no history row): the Gmail
    # sync never overrides a rejection flag the user set by hand after the mail was sent.
    rejection_changed_at = models.DateTimeField(null=True, blank=True)
    rejection_changed_by = models.CharField(
        max_length=20, choices=Source.choices, blank=True, default=""
    )
    is_deleted = models.BooleanField(default=False)
    # What is known about the posting (captured by the extension or read from an email).
    job_url = models.URLField(max_length=2000, blank=True, default="")
    location = models.CharField(max_length=200, blank=True, default="")
    salary = models.CharField(max_length=100, blank=True, default="")
    description = models.TextField(blank=True, default="")
    # The day (in TIME_ZONE) the user means to follow up; cleared when done (get_follow_ups).
    follow_up_on = models.DateField(null=True, blank=True)
    # When the employer first answered (a status change or a reply email; None until then):
    # derived from the history and the linked emails, kept by every write to them
    # (jobapps.answers), read by metrics.response_times.
    first_answer_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # One index per ordering the list offers (jobapps.selectors.ORDERING_EXPRESSIONS), over
        # the user's live rows, ending with the `id` that breaks ties: a page is read straight
        # off the index (forwards, or backwards for `-ordering`) whatever the user's total. The
        # metrics' date windows and status counts use the first and last.
        indexes = [
            models.Index(
                F("user"),
                F("apply_date"),
                F("id"),
                name="jobapp_live_apply_date_idx",
                condition=LIVE,
            ),
            models.Index(
                F("user"), Lower("company"), F("id"), name="jobapp_live_company_idx", condition=LIVE
            ),
            models.Index(
                F("user"), Lower("job_title"), F("id"), name="jobapp_live_title_idx", condition=LIVE
            ),
            models.Index(
                F("user"), F("updated_at"), F("id"), name="jobapp_live_updated_idx", condition=LIVE
            ),
            models.Index(
                F("user"),
                F("application_status"),
                F("id"),
                name="jobapp_live_status_idx",
                condition=LIVE,
            ),
        ]
        constraints = [
            # An email or a posting is tracked once per user (deleted rows don't block re-adding).
            models.UniqueConstraint(
                fields=["user", "msg_id"],
                condition=Q(is_deleted=False) & ~Q(msg_id=""),
                name="jobapp_unique_live_msg_id",
            ),
            models.UniqueConstraint(
                fields=["user", "job_url"],
                condition=Q(is_deleted=False) & ~Q(job_url=""),
                name="jobapp_unique_live_job_url",
            ),
        ]

    def __str__(self):
        return f"{self.job_title} at {self.company}"


class StatusHistory(models.Model):
    job_application = models.ForeignKey(
        JobApplication, on_delete=models.CASCADE, related_name="status_history"
    )
    application_status = models.ForeignKey(
        ApplicationStatus, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Settable (not auto_now_add) so email imports and CSV imports record when a change
    # happened, not when it was processed.
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.CharField(max_length=20, choices=Source.choices, default=Source.USER)
    # For changes an email caused: which message and the sentence that decided it.
    msg_id = models.CharField(max_length=200, blank=True, default="")
    evidence = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name_plural = "status history"
        # An application's history in order, status included: the funnel and response-time
        # metrics read it per application from the index alone (PostgreSQL; SQLite ignores
        # INCLUDE).
        indexes = [
            models.Index(
                fields=["job_application", "changed_at", "id"],
                include=["application_status"],
                name="history_jobapp_changed_idx",
            ),
        ]

    def __str__(self):
        return f"{self.job_application_id} -> {self.application_status_id} ({self.changed_by})"


class Note(models.Model):
    job_application = models.ForeignKey(
        JobApplication, on_delete=models.CASCADE, related_name="notes"
    )
    description = models.TextField()
    # Settable (not auto_now_add) so a CSV import restores when a note was written.
    created_date = models.DateTimeField(default=timezone.now)
    update_date = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_date", "id"]

    def __str__(self):
        return self.description[:50]


class JobEmail(models.Model):
    """An email read from the user's mailbox (Gmail sync or `import_mail`), stored for its owner
    only. Every processed message has a row, so it is never fetched or applied twice."""

    class Kind(models.TextChoices):
        APPLICATION_CONFIRMATION = "application_confirmation"
        INTERVIEW_INVITATION = "interview_invitation"
        ASSESSMENT = "assessment"
        REJECTION = "rejection"
        OFFER = "offer"
        NOT_JOB = "not_job"

    class Origin(models.TextChoices):
        GMAIL = "gmail"  # the Gmail sync: msg_id is Gmail's message id
        FILE = "file"  # import_mail: msg_id is the Message-ID header (or a hash of the file)

    class Outcome(models.TextChoices):
        APPLIED = "applied"  # created or moved an application
        SUGGESTION = "suggestion"  # low confidence: shown on the application, not applied
        SKIPPED = "skipped"  # not a job mail, or nothing to change
        FAILED = "failed"  # could not be parsed; see failure_reason

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_emails"
    )
    msg_id = models.CharField(max_length=255)
    # The RFC 5322 Message-ID: a message imported from Takeout and later listed by the Gmail
    # sync (under its Gmail id) is one message.
    message_id_header = models.CharField(max_length=255, blank=True, default="")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.GMAIL)
    thread_id = models.CharField(max_length=255, blank=True, default="")
    subject = models.CharField(max_length=1000, blank=True, default="")
    sender = models.CharField(max_length=500, blank=True, default="")
    # The employer's own mail domain (not a board's, an ATS's or a vendor's), or its own
    # mailbox on an ATS ("brisco@myworkday.com"), for matching.
    employer_domain = models.CharField(max_length=255, blank=True, default="")
    date = models.DateTimeField(null=True, blank=True)
    body = models.TextField(blank=True, default="")
    job_application = models.ForeignKey(
        JobApplication, null=True, blank=True, on_delete=models.SET_NULL, related_name="emails"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices, default=Kind.NOT_JOB)
    source = models.CharField(max_length=100, blank=True, default="")
    company = models.CharField(max_length=200, blank=True, default="")
    job_title = models.CharField(max_length=300, blank=True, default="")
    confidence = models.FloatField(default=0)
    evidence = models.TextField(blank=True, default="")
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.SKIPPED)
    failure_reason = models.CharField(max_length=500, blank=True, default="")
    # How many times a FAILED message was tried; the sync retries it until MAX_ATTEMPTS.
    attempts = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "msg_id"], name="jobemail_unique_user_msg"),
            models.UniqueConstraint(
                fields=["user", "message_id_header"],
                condition=~Q(message_id_header=""),
                name="jobemail_unique_user_message_id_header",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-date"], name="jobemail_user_date_idx"),
            # An application's emails by date, with their kind: the response-time metric's
            # first reply per application, from the index alone (PostgreSQL).
            models.Index(
                fields=["job_application", "date"],
                include=["kind"],
                name="jobemail_jobapp_date_idx",
            ),
        ]

    def __str__(self):
        return self.subject or self.msg_id


class Contact(models.Model):
    """A person behind an application: a recruiter, a hiring manager, an interviewer...

    Added by the user, by a CSV import or from mail (`source`; `msg_id` is the message it came
    from). One email is one person per application (compared ignoring case). Mail adds a person
    once and never changes a contact the user edited (`update_date`) or deleted: deleting a
    contact that has an email keeps only that email, hidden (`deleted_at`), so the next mail
    from that person does not bring it back."""

    job_application = models.ForeignKey(
        JobApplication, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=200, blank=True, default="")
    email = models.EmailField(max_length=254, blank=True, default="")
    phone = models.CharField(max_length=50, blank=True, default="")
    role = models.CharField(max_length=100, blank=True, default="")
    linkedin_url = models.URLField(max_length=500, blank=True, default="")
    notes = models.TextField(blank=True, default="")
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.USER)
    msg_id = models.CharField(max_length=200, blank=True, default="")
    created_date = models.DateTimeField(default=timezone.now)
    update_date = models.DateTimeField(null=True, blank=True)  # the user's last edit
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_date", "id"]
        constraints = [
            models.UniqueConstraint(
                F("job_application"),
                Lower("email"),
                condition=~Q(email=""),
                name="contact_unique_email_per_jobapp",
            ),
        ]

    def __str__(self):
        return self.name or self.email


class Event(models.Model):
    """An interview or an assessment deadline of an application, for the user's calendar.

    Added by the user, by a CSV import, or from a mail that states its date and time (once per
    application and message; `evidence` is the sentence). Mail never changes an event the user
    edited (`update_date`) or deleted: a deleted event that came from mail stays as a hidden
    marker (`deleted_at`) so rereading the message does not bring it back."""

    class Kind(models.TextChoices):
        PHONE = "phone"
        VIDEO = "video"
        ONSITE = "onsite"
        ASSESSMENT_DEADLINE = "assessment-deadline"

    job_application = models.ForeignKey(
        JobApplication, on_delete=models.CASCADE, related_name="events"
    )
    start = models.DateTimeField()
    end = models.DateTimeField(null=True, blank=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    location = models.CharField(max_length=500, blank=True, default="")  # a place or a link
    notes = models.TextField(blank=True, default="")
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.USER)
    msg_id = models.CharField(max_length=200, blank=True, default="")
    evidence = models.TextField(blank=True, default="")
    created_date = models.DateTimeField(default=timezone.now)
    update_date = models.DateTimeField(null=True, blank=True)  # the user's last edit
    deleted_at = models.DateTimeField(null=True, blank=True)
    # iCalendar SEQUENCE: raised on every edit, so subscribed calendars take the new version.
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["job_application", "msg_id"],
                condition=~Q(msg_id=""),
                name="event_unique_msg_per_jobapp",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="event_end_not_before_start",
            ),
        ]
        indexes = [models.Index(fields=["job_application", "start"], name="event_jobapp_start_idx")]

    def __str__(self):
        return f"{self.kind} at {self.start:%Y-%m-%d %H:%M}"


class GhostedRecord(models.Model):
    """An application the daily task (jobapps.tasks.record_ghosted_applications) found ghosted:
    still Applied, not rejected, and no status change, mail or note for the user's
    `ghosted_after_days`. It only records; no status is ever changed. `ended_at` is set once
    the application shows life again (or is rejected, moved or deleted)."""

    job_application = models.ForeignKey(
        JobApplication, on_delete=models.CASCADE, related_name="ghosted_records"
    )
    ghosted_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # One open record per application: rerunning the task records nothing twice.
            models.UniqueConstraint(
                fields=["job_application"],
                condition=Q(ended_at__isnull=True),
                name="ghosted_one_open_record_per_jobapp",
            ),
        ]

    def __str__(self):
        return f"{self.job_application_id} ghosted at {self.ghosted_at:%Y-%m-%d}"


class TrackerSettings(models.Model):
    """A user's settings of the tracker itself (shown and changed through `me`)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="tracker_settings",
    )
    # Days without a status change, mail or note before an Applied application looks ghosted;
    # null: settings.GHOSTED_AFTER_DAYS.
    ghosted_after_days = models.PositiveSmallIntegerField(null=True, blank=True)

    def __str__(self):
        return f"tracker settings of {self.user_id}"


class LiveJobappCount(models.Model):
    """How many live applications a user has: the paged list's `total_count`, read by the
    page's own query (jobapps.selectors), where counting would read every one of the user's
    rows. Kept by every write that adds, deletes or moves an application (jobapps.live_counts);
    no row means none."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    live = models.IntegerField(default=0)

    def __str__(self):
        return f"{self.live} live applications of {self.user_id}"
