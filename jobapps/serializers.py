"""Input serializers (plain, validation only) and the output shapes of CONTRACT.md §4.

Output is built as plain dicts by the `*_data` functions (hot reads skip DRF's serializer
machinery); the `*OutputSerializer` classes document those same shapes for the OpenAPI schema,
and a test keeps the two in step.
"""
from datetime import UTC, date, datetime, time, timedelta

from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from jobhax.api.fields import StrictCharField

from .models import ApplicationStatus

# Ids are bigint columns: anything larger would reach the database and fail there.
MAX_ID = 2**63 - 1
MAX_PAGE_SIZE = 500


def iso_utc(value: datetime | None) -> str | None:
    """ISO-8601 in UTC with `Z`, whole seconds, as the 2019 server sent dates."""
    if value is None:
        return None
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


# --- fields -------------------------------------------------------------------------------------


class IdField(serializers.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


@extend_schema_field({"type": "string", "example": "2019-01-23"})
class FlexibleDateTimeField(serializers.Field):
    """`YYYY-MM-DD` or an ISO-8601 datetime, returned as an aware UTC datetime.

    A bare date means midnight UTC, or the end of that day when `end_of_day` is set (so a `to`
    filter includes the whole day). A datetime without an offset is taken as UTC.
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
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)

    def _from_date(self, day: date) -> datetime:
        start = datetime.combine(day, time.min, tzinfo=UTC)
        if self.end_of_day:
            return start + timedelta(days=1) - timedelta(microseconds=1)
        return start

    def to_representation(self, value):
        return iso_utc(value)


# --- input --------------------------------------------------------------------------------------


class JobappIdSerializer(serializers.Serializer):
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


class JobappListQuerySerializer(serializers.Serializer):
    ORDERING_CHOICES = [
        "apply_date", "-apply_date", "company", "-company", "job_title", "-job_title",
        "status_id", "-status_id", "updated_at", "-updated_at",
    ]

    status_id = IdField(required=False)
    q = StrictCharField(
        required=False, allow_blank=True, max_length=200, help_text="Title or company contains."
    )
    source = StrictCharField(required=False, max_length=100, allow_blank=True)
    rejected = serializers.BooleanField(required=False)
    ordering = serializers.ChoiceField(required=False, choices=ORDERING_CHOICES)
    page = serializers.IntegerField(required=False, min_value=1, max_value=1_000_000)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    def get_fields(self):
        # `from` is a Python keyword, so these two cannot be declared as class attributes.
        fields = super().get_fields()
        fields["from"] = FlexibleDateTimeField(required=False, help_text="Applied on or after.")
        fields["to"] = FlexibleDateTimeField(
            required=False, end_of_day=True, help_text="Applied on or before (a date: that day)."
        )
        return fields

    def validate(self, attrs):
        start, end = attrs.get("from"), attrs.get("to")
        if start and end and start > end:
            raise serializers.ValidationError({"from": ["Must not be after `to`."]})
        return attrs


class JobappCreateSerializer(serializers.Serializer):
    job_title = StrictCharField(max_length=300)
    company = StrictCharField(max_length=200)
    application_date = FlexibleDateTimeField()
    status_id = IdField()
    source = StrictCharField(max_length=100, required=False, allow_blank=True, default="")


class JobappUpdateSerializer(JobappIdSerializer):
    status_id = IdField(required=False)
    rejected = serializers.BooleanField(required=False)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if "status_id" not in attrs and "rejected" not in attrs:
            raise serializers.ValidationError(
                {"status_id": ["Give status_id, rejected or both."]}
            )
        return attrs


class JobappEditSerializer(JobappIdSerializer):
    job_title = StrictCharField(max_length=300, required=False)
    company = StrictCharField(max_length=200, required=False)
    application_date = FlexibleDateTimeField(required=False)
    source = StrictCharField(max_length=100, required=False, allow_blank=True)
    job_url = serializers.URLField(max_length=2000, required=False, allow_blank=True)
    location = StrictCharField(max_length=200, required=False, allow_blank=True)
    salary = StrictCharField(max_length=100, required=False, allow_blank=True)

    EDITABLE = ("job_title", "company", "application_date", "source", "job_url", "location",
                "salary")

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if not any(name in attrs for name in self.EDITABLE):
            raise serializers.ValidationError(
                {"job_title": [f"Give at least one of: {', '.join(self.EDITABLE)}."]}
            )
        return attrs


class NoteCreateSerializer(JobappIdSerializer):
    description = StrictCharField(max_length=5000)


class NoteIdSerializer(serializers.Serializer):
    jobapp_note_id = IdField()


class NoteUpdateSerializer(NoteIdSerializer):
    description = StrictCharField(max_length=5000)


class CaptureSerializer(serializers.Serializer):
    job_url = serializers.URLField(max_length=2000)
    job_title = StrictCharField(max_length=300)
    company = StrictCharField(max_length=200)
    location = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    description = StrictCharField(
        max_length=5000, required=False, allow_blank=True, default="", trim_whitespace=True
    )
    status_id = IdField(required=False, default=ApplicationStatus.TO_APPLY)


class CaptureLookupSerializer(serializers.Serializer):
    job_url = serializers.URLField(max_length=2000)


class CsvRowSerializer(serializers.Serializer):
    """One row of the CSV format (see csv_io); `status` is a status value or id."""

    job_title = StrictCharField(max_length=300)
    company = StrictCharField(max_length=200)
    apply_date = FlexibleDateTimeField()
    status = StrictCharField(max_length=50, required=False, default="")
    source = StrictCharField(max_length=100, required=False, default="")
    is_rejected = serializers.BooleanField(required=False, default=False)
    msg_id = StrictCharField(max_length=200, required=False, default="")
    job_url = serializers.URLField(max_length=2000, required=False, default="")
    location = StrictCharField(max_length=200, required=False, default="")
    salary = StrictCharField(max_length=100, required=False, default="")
    status_history = StrictCharField(max_length=20000, required=False, default="")


class CsvImportSerializer(serializers.Serializer):
    """Documents the multipart form; a `text/csv` body is accepted as well."""

    file = serializers.FileField()


# --- output shapes ------------------------------------------------------------------------------

JOBAPP_ROW_FIELDS = (
    "id", "application_status_id", "application_status__value", "job_title", "company",
    "company_logo", "apply_date", "msg_id", "source", "is_rejected", "user_id", "job_url",
    "location", "salary",
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
    }


def jobapp_instance_data(jobapp) -> dict:
    """The same object from a model instance (after a write, with its status already loaded)."""
    status = jobapp.application_status
    row = {name: getattr(jobapp, name) for name in JOBAPP_ROW_FIELDS if "__" not in name}
    row["application_status__value"] = status.value if status else None
    return jobapp_data(row)


def note_data(row: dict) -> dict:
    return {
        "id": row["id"],
        "description": row["description"],
        "created_date": iso_utc(row["created_date"]),
        "update_date": iso_utc(row["update_date"]),
    }


def note_instance_data(note) -> dict:
    return note_data(
        {"id": note.id, "description": note.description, "created_date": note.created_date,
         "update_date": note.update_date}
    )


class StatusOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    value = serializers.CharField()


class JobappOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    applicationStatus = StatusOutputSerializer(allow_null=True)  # noqa: N815 (contract key)
    jobTitle = serializers.CharField()  # noqa: N815
    company = serializers.CharField()
    companyLogo = serializers.CharField(allow_null=True)  # noqa: N815
    applyDate = serializers.DateTimeField()  # noqa: N815
    msgId = serializers.CharField(allow_blank=True)  # noqa: N815
    source = serializers.CharField(allow_blank=True)
    isRejected = serializers.BooleanField()  # noqa: N815
    user = serializers.IntegerField()
    jobUrl = serializers.CharField(allow_blank=True)  # noqa: N815
    location = serializers.CharField(allow_blank=True)
    salary = serializers.CharField(allow_blank=True)


class StatusHistoryOutputSerializer(serializers.Serializer):
    applicationStatus = StatusOutputSerializer(allow_null=True)  # noqa: N815
    update_date = serializers.DateTimeField()


class NoteOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    description = serializers.CharField()
    created_date = serializers.DateTimeField()
    update_date = serializers.DateTimeField(allow_null=True)


class PostingOutputSerializer(serializers.Serializer):
    jobUrl = serializers.CharField(allow_blank=True)  # noqa: N815
    location = serializers.CharField(allow_blank=True)
    salary = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True)


class EmailOutputSerializer(serializers.Serializer):
    subject = serializers.CharField(allow_blank=True)
    body = serializers.CharField(allow_blank=True)
    date = serializers.DateTimeField(allow_null=True)
    msgId = serializers.CharField()  # noqa: N815
    kind = serializers.CharField()
    sender = serializers.CharField(allow_blank=True)


class SuggestionOutputSerializer(serializers.Serializer):
    msgId = serializers.CharField()  # noqa: N815
    kind = serializers.CharField()
    confidence = serializers.FloatField()
    evidence = serializers.CharField(allow_blank=True)
    date = serializers.DateTimeField(allow_null=True)


class JobappDetailOutputSerializer(serializers.Serializer):
    jobapp = JobappOutputSerializer()
    posting = PostingOutputSerializer(allow_null=True)
    emails = EmailOutputSerializer(many=True)
    suggestions = SuggestionOutputSerializer(
        many=True, help_text="Low-confidence readings of emails, shown but not applied."
    )


class CaptureOutputSerializer(serializers.Serializer):
    created = serializers.BooleanField()
    jobapp = JobappOutputSerializer()


class CaptureLookupOutputSerializer(serializers.Serializer):
    tracked = serializers.BooleanField()
    jobapp = JobappOutputSerializer(allow_null=True)


class CsvRowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="Line number in the file (the header is line 1).")
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class CsvImportOutputSerializer(serializers.Serializer):
    imported = serializers.IntegerField()
    failed = serializers.IntegerField()
    errors = CsvRowErrorSerializer(many=True)
