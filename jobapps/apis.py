"""One small view per `/api/jobapps/` endpoint: validate input, call one service or selector,
return data (the renderer wraps it in the envelope)."""

from collections.abc import Iterator
from itertools import chain

import orjson
from django.http import HttpResponse, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.parsers import BaseParser, MultiPartParser
from rest_framework.views import APIView

from jobhax.api.envelope import ok, success_body
from jobhax.api.errors import ApiError, ErrorCode, InvalidParameters
from jobhax.api.validation import validated, validated_query

from . import csv_io, selectors, services
from .serializers import (
    CONTACT_ROW_FIELDS,
    EVENT_ROW_FIELDS,
    CaptureInput,
    CaptureLookupInput,
    CaptureLookupOutput,
    CaptureOutput,
    ContactCreateInput,
    ContactIdInput,
    ContactOutput,
    ContactUpdateInput,
    CsvImportInput,
    CsvImportOutput,
    EventCreateInput,
    EventIdInput,
    EventOutput,
    EventUpdateInput,
    FollowUpOutput,
    JobappCreateInput,
    JobappDetailOutput,
    JobappEditInput,
    JobappIdInput,
    JobappListQueryInput,
    JobappOutput,
    JobappUpdateInput,
    NoteCreateInput,
    NoteIdInput,
    NoteOutput,
    NoteUpdateInput,
    StatusHistoryOutput,
    StatusOutput,
    contact_data,
    event_data,
    instance_data,
    jobapp_instance_data,
    note_instance_data,
)

TAGS = ["jobapps"]
NO_DATA = OpenApiResponse(description="`data` is null.")


class JobappListApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="The caller's applications, newest applyDate first",
        description=(
            "Without `page`/`page_size` the plain list; with either, the envelope also carries "
            "`pagination: {current_page, page_count, total_count}` after `data`."
        ),
        parameters=[JobappListQueryInput],
        responses=JobappOutput(many=True),
    )
    def get(self, request):
        query = validated_query(request, JobappListQueryInput)
        filters = selectors.JobappFilters(
            status_id=query.get("status_id"),
            q=query.get("q", ""),
            source=query.get("source"),
            rejected=query.get("rejected"),
            applied_from=query.get("from"),
            applied_to=query.get("to"),
            ordering=query.get("ordering", "-apply_date"),
        )
        page = None
        if "page" in query or "page_size" in query:
            page = selectors.Page(
                number=query.get("page", 1),
                size=query.get("page_size", selectors.DEFAULT_PAGE_SIZE),
            )
        batches, pagination = selectors.jobapp_list(user=request.user, filters=filters, page=page)
        if pagination is None:
            return json_list_response(batches)
        return json_list_response(batches, pagination=pagination)


# orjson writes the list's JSON: building and rendering the objects was most of what a long
# list cost (bench/RESULTS.md).
DATA_SLOT = "@data@"


def json_list_response(
    batches: Iterator[list[dict]], **extra
) -> HttpResponse | StreamingHttpResponse:
    """The success envelope (keys as envelope.success_body orders them) around a list that
    arrives in batches: sent whole when it is one batch, streamed batch by batch otherwise, so
    a worker never holds a long list or its JSON (a transfer cut short by a failure mid-stream
    ends as invalid JSON: the client sees the error)."""
    head, tail = orjson.dumps(success_body(DATA_SLOT, **extra)).split(orjson.dumps(DATA_SLOT))
    # Each batch's objects without the brackets: pieces of one JSON array.
    pieces = (orjson.dumps(batch)[1:-1] for batch in batches)
    first = next(pieces)
    second = next(pieces, None)
    if second is None:
        return HttpResponse(
            b"".join((head, b"[", first, b"]", tail)), content_type="application/json"
        )
    return StreamingHttpResponse(
        _streamed_list(head, chain([first, second], pieces), tail), content_type="application/json"
    )


def _streamed_list(head: bytes, pieces: Iterator[bytes], tail: bytes) -> Iterator[bytes]:
    yield head + b"[" + next(pieces)
    for piece in pieces:
        yield b"," + piece
    yield b"]" + tail


class StatusListApi(APIView):
    @extend_schema(tags=TAGS, summary="Every status, by id", responses=StatusOutput(many=True))
    def get(self, request):
        return ok(selectors.status_list())


class StatusHistoryApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="An application's status changes, oldest first",
        parameters=[JobappIdInput],
        responses=StatusHistoryOutput(many=True),
    )
    def get(self, request):
        query = validated_query(request, JobappIdInput)
        return ok(selectors.status_history_list(user=request.user, jobapp_id=query["jobapp_id"]))


class JobappCreateApi(APIView):
    @extend_schema(
        tags=TAGS, summary="Add an application", request=JobappCreateInput, responses=JobappOutput
    )
    def post(self, request):
        data = validated(JobappCreateInput, request.data)
        jobapp = services.jobapp_create(
            user=request.user,
            job_title=data["job_title"],
            company=data["company"],
            apply_date=data["application_date"],
            status_id=data["status_id"],
            source=data["source"],
        )
        return ok(jobapp_instance_data(jobapp))


class JobappUpdateApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Change an application's status and/or rejection flag",
        request=JobappUpdateInput,
        responses=JobappOutput,
    )
    def post(self, request):
        data = validated(JobappUpdateInput, request.data)
        jobapp = services.jobapp_update_status(
            user=request.user,
            jobapp_id=data["jobapp_id"],
            status_id=data.get("status_id"),
            is_rejected=data.get("rejected"),
        )
        return ok(jobapp_instance_data(jobapp))


class JobappEditApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Edit an application's title, company, date, source, "
        "job URL, location, salary or follow-up day",
        request=JobappEditInput,
        responses=JobappOutput,
    )
    def post(self, request):
        data = validated(JobappEditInput, request.data)
        jobapp = services.jobapp_edit(
            user=request.user,
            jobapp_id=data["jobapp_id"],
            job_title=data.get("job_title"),
            company=data.get("company"),
            apply_date=data.get("application_date"),
            source=data.get("source"),
            job_url=data.get("job_url"),
            location=data.get("location"),
            salary=data.get("salary"),
            follow_up_on=data.get("follow_up_on", services.UNCHANGED),
        )
        return ok(jobapp_instance_data(jobapp))


class JobappDeleteApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Delete an application (kept, hidden everywhere)",
        request=JobappIdInput,
        responses={200: NO_DATA},
    )
    def post(self, request):
        data = validated(JobappIdInput, request.data)
        services.jobapp_delete(user=request.user, jobapp_id=data["jobapp_id"])
        return ok(None)


class JobappDetailApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="An application with its posting and emails",
        parameters=[JobappIdInput],
        responses=JobappDetailOutput,
    )
    def get(self, request):
        query = validated_query(request, JobappIdInput)
        return ok(selectors.jobapp_detail(user=request.user, jobapp_id=query["jobapp_id"]))


class NoteCreateApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Add a note to an application",
        request=NoteCreateInput,
        responses=NoteOutput,
    )
    def post(self, request):
        data = validated(NoteCreateInput, request.data)
        note = services.note_create(
            user=request.user, jobapp_id=data["jobapp_id"], description=data["description"]
        )
        return ok(note_instance_data(note))


class NoteListApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="An application's notes, oldest first",
        parameters=[JobappIdInput],
        responses=NoteOutput(many=True),
    )
    def get(self, request):
        query = validated_query(request, JobappIdInput)
        return ok(selectors.note_list(user=request.user, jobapp_id=query["jobapp_id"]))


class NoteUpdateApi(APIView):
    @extend_schema(
        tags=TAGS, summary="Change a note's text", request=NoteUpdateInput, responses=NoteOutput
    )
    def post(self, request):
        data = validated(NoteUpdateInput, request.data)
        note = services.note_update(
            user=request.user, note_id=data["jobapp_note_id"], description=data["description"]
        )
        return ok(note_instance_data(note))


class NoteDeleteApi(APIView):
    @extend_schema(
        tags=TAGS, summary="Delete a note", request=NoteIdInput, responses={200: NO_DATA}
    )
    def post(self, request):
        data = validated(NoteIdInput, request.data)
        services.note_delete(user=request.user, note_id=data["jobapp_note_id"])
        return ok(None)


class CaptureApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Is this posting already tracked? (browser extension)",
        parameters=[CaptureLookupInput],
        responses=CaptureLookupOutput,
    )
    def get(self, request):
        query = validated_query(request, CaptureLookupInput)
        jobapp = selectors.jobapp_by_job_url(user=request.user, job_url=query["job_url"])
        return ok({"tracked": jobapp is not None, "jobapp": jobapp})

    @extend_schema(
        tags=TAGS,
        summary="Track the posting at job_url once (browser extension)",
        description="Idempotent per normalised job URL (tracking parameters, "
        "fragments and trailing slashes dropped; Greenhouse, Lever, Workday, Ashby, "
        "SmartRecruiters, LinkedIn and Indeed links reduced to the posting's "
        "canonical URL): capturing a tracked posting returns its application "
        "unchanged with `created: false`. Besides the posting, it takes what "
        "`edit_jobapp` can set (`salary`, `source`, `application_date`).",
        request=CaptureInput,
        responses=CaptureOutput,
    )
    def post(self, request):
        data = validated(CaptureInput, request.data)
        jobapp, created = services.jobapp_capture(user=request.user, **data)
        return ok({"created": created, "jobapp": jobapp_instance_data(jobapp)})


class JobappExportApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Download the caller's applications as CSV",
        description="One row per application with its full status history and its "
        "notes (a JSON list of `{description, created_date, update_date}`); dates "
        "in `TIME_ZONE` with their offset. Cells that a spreadsheet would run as a "
        "formula are prefixed with `'`.",
        responses={(200, "text/csv"): OpenApiTypes.STR},
    )
    def get(self, request):
        content = csv_io.write_csv(selectors.jobapps_export_rows(user=request.user))
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="jobapps.csv"'
        response["Cache-Control"] = "no-store"
        return response


class CsvTextParser(BaseParser):
    """A `text/csv` request body, as text."""

    media_type = "text/csv"

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read(csv_io.MAX_BYTES + 1) if stream is not None else b""
        return decode_csv(raw)


def decode_csv(raw: bytes) -> str:
    if len(raw) > csv_io.MAX_BYTES:
        raise ApiError(
            ErrorCode.REQUEST_TOO_LARGE,
            data={
                "fields": {
                    "file": [
                        f"At most {csv_io.MAX_BYTES} bytes ({csv_io.MAX_BYTES // 1024 // 1024}"
                        f" MiB)."
                    ]
                }
            },
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidParameters({"file": ["The file must be UTF-8 text."]}) from None


def uploaded_csv_text(data) -> str:
    if isinstance(data, str):
        return data
    upload = data.get("file") if hasattr(data, "get") else None
    if upload is None or not hasattr(upload, "read"):
        raise InvalidParameters({"file": ["Upload a CSV file as `file`."]})
    return decode_csv(upload.read(csv_io.MAX_BYTES + 1))


class JobappImportApi(APIView):
    parser_classes = [MultiPartParser, CsvTextParser]

    @extend_schema(
        tags=TAGS,
        summary="Import applications from the export's CSV format",
        description=(
            "Multipart upload (`file`) or a `text/csv` body, in the export's format. "
            "All rows or none: any bad row answers code 10 and imports nothing; "
            "`data.fields` names each problem as `row <line>: <column>` (the first "
            "100 rows) after a `file` entry that counts them. Each row is "
            "matched against the caller's applications by `id`, then `job_url` "
            "(normalised), then `msg_id`, then company + title + apply day; a "
            "matched application gets the row's non-empty cells and the history "
            "entries and notes it lacks, so importing your own export changes "
            "nothing. Limits (code 18, HTTP 413 beyond them): "
            f"{csv_io.MAX_BYTES // 1024 // 1024} MiB, {csv_io.MAX_ROWS} rows, "
            f"{csv_io.MAX_HISTORY_ENTRIES} status changes and {csv_io.MAX_NOTES} "
            f"notes per application, {csv_io.MAX_ENTRIES} status changes and notes "
            "in all. A date without a time is that day in `TIME_ZONE`."
        ),
        request={"multipart/form-data": CsvImportInput, "text/csv": OpenApiTypes.STR},
        responses=CsvImportOutput,
    )
    def post(self, request):
        text = uploaded_csv_text(request.data)
        return ok(services.jobapps_import_csv(user=request.user, text=text))


# --- contacts -------------------------------------------------------------------------------


class ContactCreateApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Add a person to an application (a name or an email)",
        description="An email (any case) is one person per application: a second "
        "contact with it is code 10.",
        request=ContactCreateInput,
        responses=ContactOutput,
    )
    def post(self, request):
        data = validated(ContactCreateInput, request.data)
        contact = services.contact_create(user=request.user, **data)
        return ok(instance_data(contact, CONTACT_ROW_FIELDS, contact_data))


class ContactListApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="An application's contacts, oldest first",
        description="Added by the user, a CSV import (`source`) or read from the "
        "application's mail (`source: email`, `msg_id` the message).",
        parameters=[JobappIdInput],
        responses=ContactOutput(many=True),
    )
    def get(self, request):
        query = validated_query(request, JobappIdInput)
        return ok(selectors.contact_list(user=request.user, jobapp_id=query["jobapp_id"]))


class ContactUpdateApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Change a contact (the fields given)",
        description="Mail never changes a contact the user edited.",
        request=ContactUpdateInput,
        responses=ContactOutput,
    )
    def post(self, request):
        data = validated(ContactUpdateInput, request.data)
        contact = services.contact_update(
            user=request.user, contact_id=data.pop("jobapp_contact_id"), **data
        )
        return ok(instance_data(contact, CONTACT_ROW_FIELDS, contact_data))


class ContactDeleteApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Delete a contact",
        description="Mail from the same address does not add it again.",
        request=ContactIdInput,
        responses={200: NO_DATA},
    )
    def post(self, request):
        data = validated(ContactIdInput, request.data)
        services.contact_delete(user=request.user, contact_id=data["jobapp_contact_id"])
        return ok(None)


# --- events ---------------------------------------------------------------------------------


class EventCreateApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Add an interview or assessment deadline to an application",
        request=EventCreateInput,
        responses=EventOutput,
    )
    def post(self, request):
        data = validated(EventCreateInput, request.data)
        event = services.event_create(user=request.user, **data)
        return ok(instance_data(event, EVENT_ROW_FIELDS, event_data))


class EventListApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="An application's events, soonest first",
        description="Added by the user, a CSV import (`source`) or read from an "
        "interview or assessment mail that states the date and time (`source: "
        "email`, `evidence` the sentence).",
        parameters=[JobappIdInput],
        responses=EventOutput(many=True),
    )
    def get(self, request):
        query = validated_query(request, JobappIdInput)
        return ok(selectors.event_list(user=request.user, jobapp_id=query["jobapp_id"]))


class EventUpdateApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Change an event (the fields given; `end: null` removes the end)",
        description="Mail never changes an event the user edited.",
        request=EventUpdateInput,
        responses=EventOutput,
    )
    def post(self, request):
        data = validated(EventUpdateInput, request.data)
        event = services.event_update(
            user=request.user, event_id=data.pop("jobapp_event_id"), **data
        )
        return ok(instance_data(event, EVENT_ROW_FIELDS, event_data))


class EventDeleteApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Delete an event (also from the calendar feed)",
        description="The mail it came from does not add it again.",
        request=EventIdInput,
        responses={200: NO_DATA},
    )
    def post(self, request):
        data = validated(EventIdInput, request.data)
        services.event_delete(user=request.user, event_id=data["jobapp_event_id"])
        return ok(None)


# --- follow-ups -----------------------------------------------------------------------------


class FollowUpListApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Applications to follow up: due follow-up days and ghosted applications",
        description="Applications whose `followUpOn` (set with `edit_jobapp`) is "
        "today or earlier in `TIME_ZONE`, and those that look ghosted: still "
        "Applied, not rejected, and no status change, mail or note for the "
        "caller's `ghosted_after_days` (`me`; default `GHOSTED_AFTER_DAYS`, 21). "
        "Due follow-ups first (earliest first), then the longest silent.",
        responses=FollowUpOutput(many=True),
    )
    def get(self, request):
        return ok(selectors.follow_up_list(user=request.user))
