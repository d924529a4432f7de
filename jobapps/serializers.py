"""Input serializers (plain, validation only) and the output shapes of CONTRACT.md §4.

Output is built as plain dicts by the `*_data` functions (hot reads skip DRF's serializer
machinery); the `*Output` serializers document those same shapes for the OpenAPI schema,
and a test keeps the two in step.
"""

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from jobhax.api.fields import StrictCharField
from jobhax.api.validation import FieldsBuiltOnce

from .models import ApplicationStatus, Event, Source

# Ids are bigint columns: anything larger would reach the database and fail there.
MAX_ID = 2**63 - 1
MAX_PAGE_SIZE = 500


def iso_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def iso_utc(value: datetime | None) -> str | None:
    """ISO-8601 in UTC with `Z`, whole seconds, as the 2019 server sent dates."""
    if value is None:
        return None
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


# --- fields -------------------------------------------------------------------------------------


class IdField(serializers.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


def local_zone():
    """settings.TIME_ZONE: the zone whose calendar days, weeks and months the API speaks of."""
    return timezone.get_default_timezone()


def local_midnight_utc(day: date) -> datetime:
    """The instant `day` begins in TIME_ZONE, in UTC."""
    return datetime.combine(day, time.min, tzinfo=local_zone()).astimezone(UTC)


def iso_local(value: datetime | None) -> str | None:
    """ISO-8601 in TIME_ZONE with its offset (`Z` in UTC), whole seconds: the CSV's dates, so a
    person reading the file sees the day the charts count the application on."""
    if value is None:
        return None
    text = value.astimezone(local_zone()).isoformat(timespec="seconds")
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


@extend_schema_field({"type": "string", "example": "2019-01-23"})
class FlexibleDateTimeField(serializers.Field):
    """`YYYY-MM-DD` or an ISO-8601 datetime, returned as an aware UTC datetime.

    A bare date is that calendar day in settings.TIME_ZONE: its first instant, or its last when
    `end_of_day` is set (so a `to` filter includes the whole day). Lists, filters, the CSV and
    the metrics then agree on the day, week and month an application belongs to. A datetime
    without an offset is wall-clock time in TIME_ZONE too.
    """

    default_error_messages = {
        "invalid": "Expected a date (YYYY-MM-DD) or an ISO-8601 datetime.",
    }

    def __init__(self, *, end_of_day: bool = False, **kwargs):
        self.end_of_day = end_of_day
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or len(data) > 40:
            self.fail("invalid")
        try:
            return self._parse(data.strip())
        except (ValueError, OverflowError):
            self.fail("invalid")

    def _parse(self, text: str) -> datetime:
        day = parse_date(text) if len(text) == 10 else None
        if day is not None:
            return self._from_date(day)
        moment = parse_datetime(text)
        if moment is None:
            raise ValueError(text)
        if moment.tzinfo is None:
            moment = timezone.make_aware(moment, local_zone())
        return moment.astimezone(UTC)

    def _from_date(self, day: date) -> datetime:
        if self.end_of_day:
            return local_midnight_utc(day + timedelta(days=1)) - timedelta(microseconds=1)
        return local_midnight_utc(day)

    def to_representation(self, value):
        return iso_utc(value)


# --- input --------------------------------------------------------------------------------------


class JobappIdInput(serializers.Serializer):
    """An application id, under the contract's name or the 2019 web client's `jopapp_id`."""

    jobapp_id = IdField(required=False)
    jopapp_id = IdField(required=False, help_text="Alias of jobapp_id (the web client's spelling).")

    def validate(self, attrs):
        jobapp_id = attrs.pop("jobapp_id", None)
        alias = attrs.pop("jopapp_id", None)
        jobapp_id = jobapp_id or alias
        if jobapp_id is None:
            raise serializers.ValidationError({"jobapp_id": ["This field is required."]})
        attrs["jobapp_id"] = jobapp_id
        return attrs


# `ordering` values: the objects' camelCase keys, and the snake_case names the API took first.
ORDERING_NAMES = {
    "applyDate": "apply_date",
    "jobTitle": "job_title",
    "company": "company",
    "updatedAt": "updated_at",
    "applicationStatus": "status_id",
    "apply_date": "apply_date",
    "job_title": "job_title",
    "updated_at": "updated_at",
    "status_id": "status_id",
}


class OrderingField(serializers.ChoiceField):
    """A field name, `-` first for descending; answers the selector's snake_case name."""

    default_error_messages = {
        "invalid_choice": (
            '"{input}" is not a valid ordering. Use one of: applyDate, jobTitle, company, '
            "updatedAt, applicationStatus (prefix - for descending; apply_date, job_title, "
            "updated_at and status_id are accepted too)."
        ),
    }

    def __init__(self, **kwargs):
        choices = [f"{sign}{name}" for name in ORDERING_NAMES for sign in ("", "-")]
        super().__init__(choices=choices, **kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        descending = value.startswith("-")
        return ("-" if descending else "") + ORDERING_NAMES[value.lstrip("-")]


class JobappListQueryInput(FieldsBuiltOnce):
    status_id = IdField(required=False)
    q = StrictCharField(
        required=False, allow_blank=True, max_length=200, help_text="Title or company contains."
    )
    # A declared field (DRF's metaclass takes it off the class); the stubs see Field.source.
    source = StrictCharField(required=False, max_length=100, allow_blank=True)  # type: ignore[assignment]
    rejected = serializers.BooleanField(required=False)
    ordering = OrderingField(
        required=False,
        help_text="applyDate (default -applyDate), jobTitle, company, updatedAt "
        "or applicationStatus; - first for descending. snake_case names are accepted too.",
    )
    page = serializers.IntegerField(required=False, min_value=1, max_value=1_000_000)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    def get_fields(self):
        # `from` is a Python keyword, so these two cannot be declared as class attributes.
        fields = super().get_fields()
        fields["from"] = FlexibleDateTimeField(
            required=False,
            help_text="Applied on or after (a date: from the start of that day in TIME_ZONE).",
        )
        fields["to"] = FlexibleDateTimeField(
            required=False,
            end_of_day=True,
            help_text="Applied on or before (a date: to the end of that day in TIME_ZONE).",
        )
        return fields

    def validate(self, attrs):
        start, end = attrs.get("from"), attrs.get("to")
        if start and end and start > end:
            raise serializers.ValidationError({"from": ["Must not be after `to`."]})
        return attrs


class JobappCreateInput(serializers.Serializer):
    job_title = StrictCharField(max_length=300)
    company = StrictCharField(max_length=200)
    application_date = FlexibleDateTimeField(
        help_text="YYYY-MM-DD (that day in TIME_ZONE) or an ISO-8601 datetime."
    )
    status_id = IdField(
        required=False, default=ApplicationStatus.APPLIED, help_text="Defaults to 1 (Applied)."
    )
    # A declared field (DRF's metaclass takes it off the class); the stubs see Field.source.
    source = StrictCharField(max_length=100, required=False, allow_blank=True, default="")  # type: ignore[assignment]


class JobappUpdateInput(JobappIdInput):
    status_id = IdField(required=False)
    rejected = serializers.BooleanField(required=False)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if "status_id" not in attrs and "rejected" not in attrs:
            raise serializers.ValidationError({"status_id": ["Give status_id, rejected or both."]})
        return attrs


class JobappEditInput(JobappIdInput):
    job_title = StrictCharField(max_length=300, required=False)
    company = StrictCharField(max_length=200, required=False)
    application_date = FlexibleDateTimeField(required=False)
    # A declared field (DRF's metaclass takes it off the class); the stubs see Field.source.
    source = StrictCharField(max_length=100, required=False, allow_blank=True)  # type: ignore[assignment]
    job_url = serializers.URLField(max_length=2000, required=False, allow_blank=True)
    location = StrictCharField(max_length=200, required=False, allow_blank=True)
    salary = StrictCharField(max_length=100, required=False, allow_blank=True)
    follow_up_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="YYYY-MM-DD: the day to follow up (get_follow_ups lists it from then on); "
        "null clears it (done).",
    )

    EDITABLE = (
        "job_title",
        "company",
        "application_date",
        "source",
        "job_url",
        "location",
        "salary",
        "follow_up_on",
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if not any(name in attrs for name in self.EDITABLE):
            raise serializers.ValidationError(
                {"job_title": [f"Give at least one of: {', '.join(self.EDITABLE)}."]}
            )
        return attrs


class NoteCreateInput(JobappIdInput):
    description = StrictCharField(max_length=5000)


class NoteIdInput(serializers.Serializer):
    jobapp_note_id = IdField()


class NoteUpdateInput(NoteIdInput):
    description = StrictCharField(max_length=5000)


class CaptureInput(serializers.Serializer):
    """The posting the extension read, and anything `edit_jobapp` could set on it."""

    job_url = serializers.URLField(max_length=2000)
    job_title = StrictCharField(max_length=300)
    company = StrictCharField(max_length=200)
    location = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    salary = StrictCharField(max_length=100, required=False, allow_blank=True, default="")
    # A declared field (DRF's metaclass takes it off the class); the stubs see Field.source.
    source = StrictCharField(max_length=100, required=False, allow_blank=True, default="")  # type: ignore[assignment]
    application_date = FlexibleDateTimeField(
        required=False, help_text="Defaults to now (the moment of the capture)."
    )
    description = StrictCharField(
        max_length=5000, required=False, allow_blank=True, default="", trim_whitespace=True
    )
    status_id = IdField(required=False, default=ApplicationStatus.TO_APPLY)


class CaptureLookupInput(serializers.Serializer):
    job_url = serializers.URLField(max_length=2000)


class CsvRowInput(serializers.Serializer):
    """One row of the CSV format (see csv_io); `status` is a status value or id, `id` the
    application's id in the account the file was exported from."""

    id = IdField(required=False)
    job_title = StrictCharField(max_length=300)
    company = StrictCharField(max_length=200)
    apply_date = FlexibleDateTimeField()
    status = StrictCharField(max_length=50, required=False, default="")
    # A declared field (DRF's metaclass takes it off the class); the stubs see Field.source.
    source = StrictCharField(max_length=100, required=False, default="")  # type: ignore[assignment]
    is_rejected = serializers.BooleanField(required=False)
    msg_id = StrictCharField(max_length=200, required=False, default="")
    job_url = serializers.URLField(max_length=2000, required=False, default="")
    location = StrictCharField(max_length=200, required=False, default="")
    salary = StrictCharField(max_length=100, required=False, default="")
    status_history = StrictCharField(max_length=20000, required=False, default="")
    notes = StrictCharField(required=False, default="")
    follow_up_on = serializers.DateField(required=False, allow_null=True, default=None)
    contacts = StrictCharField(required=False, default="")
    events = StrictCharField(required=False, default="")


class CsvImportInput(serializers.Serializer):
    """Documents the multipart form; a `text/csv` body is accepted as well."""

    file = serializers.FileField()


# --- output shapes ------------------------------------------------------------------------------

JOBAPP_ROW_FIELDS = (
    "id",
    "application_status_id",
    "application_status__value",
    "job_title",
    "company",
    "company_logo",
    "apply_date",
    "msg_id",
    "source",
    "is_rejected",
    "user_id",
    "job_url",
    "location",
    "salary",
    "follow_up_on",
)


def status_data(status_id: int | None, value: str | None) -> dict | None:
    return None if status_id is None else {"id": status_id, "value": value}


def jobapp_data(row: dict) -> dict:
    """The contract's application object from a `.values(*JOBAPP_ROW_FIELDS)` row. The first
    ten keys and their order are the contract; extras come after them."""
    return {
        "id": row["id"],
        "applicationStatus": status_data(
            row["application_status_id"], row["application_status__value"]
        ),
        "jobTitle": row["job_title"],
        "company": row["company"],
        "companyLogo": row["company_logo"] or None,
        "applyDate": iso_utc(row["apply_date"]),
        "msgId": row["msg_id"],
        "source": row["source"],
        "isRejected": row["is_rejected"],
        "user": row["user_id"],
        "jobUrl": row["job_url"],
        "location": row["location"],
        "salary": row["salary"],
        "followUpOn": iso_date(row["follow_up_on"]),
    }


def jobapp_instance_data(jobapp) -> dict:
    """The same object from a model instance (after a write, with its status already loaded)."""
    status = jobapp.application_status
    row = {name: getattr(jobapp, name) for name in JOBAPP_ROW_FIELDS if "__" not in name}
    row["application_status__value"] = status.value if status else None
    return jobapp_data(row)


def note_data(row: Mapping[str, Any]) -> dict:
    return {
        "id": row["id"],
        "description": row["description"],
        "created_date": iso_utc(row["created_date"]),
        "update_date": iso_utc(row["update_date"]),
    }


def note_instance_data(note) -> dict:
    return note_data(
        {
            "id": note.id,
            "description": note.description,
            "created_date": note.created_date,
            "update_date": note.update_date,
        }
    )


class StatusOutput(serializers.Serializer):
    id = serializers.IntegerField()
    value = serializers.CharField()


class JobappOutput(serializers.Serializer):
    id = serializers.IntegerField()
    applicationStatus = StatusOutput(allow_null=True)  # noqa: N815 (contract key)
    jobTitle = serializers.CharField()  # noqa: N815
    company = serializers.CharField()
    companyLogo = serializers.CharField(allow_null=True)  # noqa: N815
    applyDate = serializers.DateTimeField()  # noqa: N815
    msgId = serializers.CharField(allow_blank=True)  # noqa: N815
    # A declared field (DRF's metaclass takes it off the class); the stubs see Field.source.
    source = serializers.CharField(allow_blank=True)  # type: ignore[assignment]
    isRejected = serializers.BooleanField()  # noqa: N815
    user = serializers.IntegerField()
    jobUrl = serializers.CharField(allow_blank=True)  # noqa: N815
    location = serializers.CharField(allow_blank=True)
    salary = serializers.CharField(allow_blank=True)
    followUpOn = serializers.DateField(  # noqa: N815
        allow_null=True, help_text="The day to follow up (edit_jobapp), or null."
    )


class StatusHistoryOutput(serializers.Serializer):
    applicationStatus = StatusOutput(allow_null=True)  # noqa: N815
    update_date = serializers.DateTimeField()


class NoteOutput(serializers.Serializer):
    id = serializers.IntegerField()
    description = serializers.CharField()
    created_date = serializers.DateTimeField()
    update_date = serializers.DateTimeField(allow_null=True)


class PostingOutput(serializers.Serializer):
    jobUrl = serializers.CharField(allow_blank=True)  # noqa: N815
    location = serializers.CharField(allow_blank=True)
    salary = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True)


class EmailOutput(serializers.Serializer):
    subject = serializers.CharField(allow_blank=True)
    body = serializers.CharField(allow_blank=True)
    date = serializers.DateTimeField(allow_null=True)
    msgId = serializers.CharField()  # noqa: N815
    kind = serializers.CharField()
    sender = serializers.CharField(allow_blank=True)


class SuggestionOutput(serializers.Serializer):
    msgId = serializers.CharField()  # noqa: N815
    kind = serializers.CharField()
    confidence = serializers.FloatField()
    evidence = serializers.CharField(allow_blank=True)
    date = serializers.DateTimeField(allow_null=True)


class JobappDetailOutput(serializers.Serializer):
    jobapp = JobappOutput()
    posting = PostingOutput(allow_null=True)
    emails = EmailOutput(many=True)
    suggestions = SuggestionOutput(
        many=True, help_text="Low-confidence readings of emails, shown but not applied."
    )


class CaptureOutput(serializers.Serializer):
    created = serializers.BooleanField()
    jobapp = JobappOutput()


class CaptureLookupOutput(serializers.Serializer):
    tracked = serializers.BooleanField()
    jobapp = JobappOutput(allow_null=True)


class CsvImportOutput(serializers.Serializer):
    imported = serializers.IntegerField(help_text="Rows in the file (created + matched).")
    created = serializers.IntegerField(help_text="Rows that matched no application: added.")
    matched = serializers.IntegerField(
        help_text="Rows that matched an application (by id, then job_url, then msg_id, then "
        "company + title + apply day): never duplicated."
    )
    updated = serializers.IntegerField(
        help_text="Matched rows that changed something (a field, history entries or notes)."
    )


# --- contacts and events ------------------------------------------------------------------------

CONTACT_FIELDS = ("name", "email", "phone", "role", "linkedin_url", "notes")
EVENT_FIELDS = ("start", "end", "kind", "location", "notes")
TEXT_MAX = 5000  # notes, as add_jobapp_note takes them


def _contact_fields(*, required_default: bool) -> dict:
    """The contact's own fields; on create they default to "", on update they are optional."""
    extra: dict[str, Any] = {"required": False, "allow_blank": True}
    if required_default:
        extra["default"] = ""
    return {
        "name": StrictCharField(max_length=200, **extra),
        "email": serializers.EmailField(max_length=254, **extra),
        "phone": StrictCharField(max_length=50, **extra),
        "role": StrictCharField(
            max_length=100, help_text="e.g. recruiter, hiring manager, interviewer.", **extra
        ),
        "linkedin_url": serializers.URLField(max_length=500, **extra),
        "notes": StrictCharField(max_length=TEXT_MAX, **extra),
    }


class ContactCreateInput(JobappIdInput):
    """A contact needs a name or an email (or both)."""

    def get_fields(self):
        return {**super().get_fields(), **_contact_fields(required_default=True)}

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if not attrs["name"] and not attrs["email"]:
            raise serializers.ValidationError({"name": ["Give a name or an email."]})
        return attrs


class ContactIdInput(serializers.Serializer):
    jobapp_contact_id = IdField()


class ContactUpdateInput(ContactIdInput):
    """The fields given change; the others stay."""

    def get_fields(self):
        return {**super().get_fields(), **_contact_fields(required_default=False)}

    def validate(self, attrs):
        if not any(name in attrs for name in CONTACT_FIELDS):
            raise serializers.ValidationError(
                {"name": [f"Give at least one of: {', '.join(CONTACT_FIELDS)}."]}
            )
        return attrs


class EventKindField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=Event.Kind.values, **kwargs)


class EventCreateInput(JobappIdInput):
    start = FlexibleDateTimeField(
        help_text="ISO-8601 datetime (without an offset: wall-clock "
        "time in TIME_ZONE), or YYYY-MM-DD for that day's start."
    )
    end = FlexibleDateTimeField(
        required=False, allow_null=True, default=None, help_text="Optional; not before `start`."
    )
    kind = EventKindField()
    location = StrictCharField(
        max_length=500,
        required=False,
        allow_blank=True,
        default="",
        help_text="A place or a link (video call, assessment).",
    )
    notes = StrictCharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")

    def validate(self, attrs):
        attrs = super().validate(attrs)
        _check_event_times(attrs.get("start"), attrs.get("end"))
        return attrs


class EventIdInput(serializers.Serializer):
    jobapp_event_id = IdField()


class EventUpdateInput(EventIdInput):
    """The fields given change (`end: null` removes the end); the others stay."""

    start = FlexibleDateTimeField(required=False)
    end = FlexibleDateTimeField(required=False, allow_null=True)
    kind = EventKindField(required=False)
    location = StrictCharField(max_length=500, required=False, allow_blank=True)
    notes = StrictCharField(max_length=TEXT_MAX, required=False, allow_blank=True)

    def validate(self, attrs):
        if not any(name in attrs for name in EVENT_FIELDS):
            raise serializers.ValidationError(
                {"start": [f"Give at least one of: {', '.join(EVENT_FIELDS)}."]}
            )
        # Against the stored times too: the service checks what the event would become.
        _check_event_times(attrs.get("start"), attrs.get("end"))
        return attrs


def _check_event_times(start: datetime | None, end: datetime | None) -> None:
    if start is not None and end is not None and end < start:
        raise serializers.ValidationError({"end": ["Must not be before `start`."]})


def contact_data(row: dict) -> dict:
    return {
        "id": row["id"],
        "name": row["name"],
        "email": row["email"],
        "phone": row["phone"],
        "role": row["role"],
        "linkedin_url": row["linkedin_url"],
        "notes": row["notes"],
        "source": row["source"],
        "msg_id": row["msg_id"],
        "created_date": iso_utc(row["created_date"]),
        "update_date": iso_utc(row["update_date"]),
    }


CONTACT_ROW_FIELDS = ("id", *CONTACT_FIELDS, "source", "msg_id", "created_date", "update_date")
EVENT_ROW_FIELDS = (
    "id",
    *EVENT_FIELDS,
    "source",
    "msg_id",
    "evidence",
    "created_date",
    "update_date",
)


def event_data(row: dict) -> dict:
    return {
        "id": row["id"],
        "start": iso_utc(row["start"]),
        "end": iso_utc(row["end"]),
        "kind": row["kind"],
        "location": row["location"],
        "notes": row["notes"],
        "source": row["source"],
        "msg_id": row["msg_id"],
        "evidence": row["evidence"],
        "created_date": iso_utc(row["created_date"]),
        "update_date": iso_utc(row["update_date"]),
    }


def instance_data(instance, row_fields: tuple[str, ...], shape) -> dict:
    """contact_data / event_data of a model instance (after a write)."""
    return shape({name: getattr(instance, name) for name in row_fields})


class ContactOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)
    role = serializers.CharField(allow_blank=True)
    linkedin_url = serializers.CharField(allow_blank=True)
    notes = serializers.CharField(allow_blank=True)
    # A declared field (DRF's metaclass takes it off the class); the stubs see Field.source.
    source = serializers.ChoiceField(
        choices=Source.values, help_text="Who added it: user, email or import."
    )  # type: ignore[assignment]
    msg_id = serializers.CharField(allow_blank=True, help_text="The mail it came from.")
    created_date = serializers.DateTimeField()
    update_date = serializers.DateTimeField(
        allow_null=True, help_text="The user's last edit; null until then."
    )


class EventOutput(serializers.Serializer):
    id = serializers.IntegerField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField(allow_null=True)
    kind = serializers.ChoiceField(choices=Event.Kind.values)
    location = serializers.CharField(allow_blank=True)
    notes = serializers.CharField(allow_blank=True)
    # A declared field (DRF's metaclass takes it off the class); the stubs see Field.source.
    source = serializers.ChoiceField(
        choices=Source.values, help_text="Who added it: user, email or import."
    )  # type: ignore[assignment]
    msg_id = serializers.CharField(allow_blank=True, help_text="The mail it came from.")
    evidence = serializers.CharField(
        allow_blank=True, help_text="The mail's sentence that stated the time."
    )
    created_date = serializers.DateTimeField()
    update_date = serializers.DateTimeField(
        allow_null=True, help_text="The user's last edit; null until then."
    )


FOLLOW_UP = "follow_up"
GHOSTED = "ghosted"


class FollowUpOutput(serializers.Serializer):
    jobapp = JobappOutput()
    reasons = serializers.ListField(
        child=serializers.ChoiceField(choices=[FOLLOW_UP, GHOSTED]),
        help_text="`follow_up`: its followUpOn has come; `ghosted`: still Applied, not "
        "rejected, and no status change, mail or note for `ghosted_after_days` (see `me`).",
    )
    last_activity = serializers.DateTimeField(
        help_text="The latest of its apply date, status changes, mails and notes."
    )
