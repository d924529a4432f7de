"""One small view per `/api/jobapps/` endpoint: validate input, call one service or selector,
return data (the renderer wraps it in the envelope)."""
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.parsers import BaseParser, MultiPartParser
from rest_framework.views import APIView

from jobhax.api.envelope import ok
from jobhax.api.errors import InvalidParameters
from jobhax.api.validation import validated, validated_query

from . import selectors, services
from .csv_io import write_csv
from .serializers import (
    CaptureLookupOutputSerializer,
    CaptureLookupSerializer,
    CaptureOutputSerializer,
    CaptureSerializer,
    CsvImportOutputSerializer,
    CsvImportSerializer,
    JobappCreateSerializer,
    JobappDetailOutputSerializer,
    JobappEditSerializer,
    JobappIdSerializer,
    JobappListQuerySerializer,
    JobappOutputSerializer,
    JobappUpdateSerializer,
    NoteCreateSerializer,
    NoteIdSerializer,
    NoteOutputSerializer,
    NoteUpdateSerializer,
    StatusHistoryOutputSerializer,
    StatusOutputSerializer,
    jobapp_instance_data,
    note_instance_data,
)

TAGS = ["jobapps"]
CSV_MAX_BYTES = 5 * 1024 * 1024
NO_DATA = OpenApiResponse(description="`data` is null.")


class JobappListApi(APIView):
    @extend_schema(
        tags=TAGS,
        summary="The caller's applications, newest applyDate first",
        description=(
            "Without `page`/`page_size` the plain list; with either, the envelope also carries "
            "`pagination: {current_page, page_count, total_count}` after `data`."
        ),
        parameters=[JobappListQuerySerializer],
        responses=JobappOutputSerializer(many=True),
    )
    def get(self, request):
        query = validated_query(request, JobappListQuerySerializer)
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
        jobapps, pagination = selectors.jobapp_list(user=request.user, filters=filters, page=page)
        if pagination is None:
            return ok(jobapps)
        return ok(jobapps, pagination=pagination)


class StatusListApi(APIView):
    @extend_schema(tags=TAGS, summary="Every status, by id",
                   responses=StatusOutputSerializer(many=True))
    def get(self, request):
        return ok(selectors.status_list())


class StatusHistoryApi(APIView):
    @extend_schema(tags=TAGS, summary="An application's status changes, oldest first",
                   parameters=[JobappIdSerializer],
                   responses=StatusHistoryOutputSerializer(many=True))
    def get(self, request):
        query = validated_query(request, JobappIdSerializer)
        return ok(selectors.status_history_list(user=request.user, jobapp_id=query["jobapp_id"]))


class JobappCreateApi(APIView):
    @extend_schema(tags=TAGS, summary="Add an application",
                   request=JobappCreateSerializer, responses=JobappOutputSerializer)
    def post(self, request):
        data = validated(JobappCreateSerializer, request.data)
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
    @extend_schema(tags=TAGS, summary="Change an application's status and/or rejection flag",
                   request=JobappUpdateSerializer, responses=JobappOutputSerializer)
    def post(self, request):
        data = validated(JobappUpdateSerializer, request.data)
        jobapp = services.jobapp_update_status(
            user=request.user,
            jobapp_id=data["jobapp_id"],
            status_id=data.get("status_id"),
            is_rejected=data.get("rejected"),
        )
        return ok(jobapp_instance_data(jobapp))


class JobappEditApi(APIView):
    @extend_schema(tags=TAGS, summary="Edit an application's title, company, date, source, "
                   "job URL, location or salary",
                   request=JobappEditSerializer, responses=JobappOutputSerializer)
    def post(self, request):
        data = validated(JobappEditSerializer, request.data)
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
        )
        return ok(jobapp_instance_data(jobapp))


class JobappDeleteApi(APIView):
    @extend_schema(tags=TAGS, summary="Delete an application (kept, hidden everywhere)",
                   request=JobappIdSerializer, responses={200: NO_DATA})
    def post(self, request):
        data = validated(JobappIdSerializer, request.data)
        services.jobapp_delete(user=request.user, jobapp_id=data["jobapp_id"])
        return ok(None)


class JobappDetailApi(APIView):
    @extend_schema(tags=TAGS, summary="An application with its posting and emails",
                   parameters=[JobappIdSerializer], responses=JobappDetailOutputSerializer)
    def get(self, request):
        query = validated_query(request, JobappIdSerializer)
        return ok(selectors.jobapp_detail(user=request.user, jobapp_id=query["jobapp_id"]))


class NoteCreateApi(APIView):
    @extend_schema(tags=TAGS, summary="Add a note to an application",
                   request=NoteCreateSerializer, responses=NoteOutputSerializer)
    def post(self, request):
        data = validated(NoteCreateSerializer, request.data)
        note = services.note_create(
            user=request.user, jobapp_id=data["jobapp_id"], description=data["description"]
        )
        return ok(note_instance_data(note))


class NoteListApi(APIView):
    @extend_schema(tags=TAGS, summary="An application's notes, oldest first",
                   parameters=[JobappIdSerializer], responses=NoteOutputSerializer(many=True))
    def get(self, request):
        query = validated_query(request, JobappIdSerializer)
        return ok(selectors.note_list(user=request.user, jobapp_id=query["jobapp_id"]))


class NoteUpdateApi(APIView):
    @extend_schema(tags=TAGS, summary="Change a note's text",
                   request=NoteUpdateSerializer, responses=NoteOutputSerializer)
    def post(self, request):
        data = validated(NoteUpdateSerializer, request.data)
        note = services.note_update(
            user=request.user, note_id=data["jobapp_note_id"], description=data["description"]
        )
        return ok(note_instance_data(note))


class NoteDeleteApi(APIView):
    @extend_schema(tags=TAGS, summary="Delete a note", request=NoteIdSerializer,
                   responses={200: NO_DATA})
    def post(self, request):
        data = validated(NoteIdSerializer, request.data)
        services.note_delete(user=request.user, note_id=data["jobapp_note_id"])
        return ok(None)


class CaptureApi(APIView):
    @extend_schema(tags=TAGS, summary="Is this posting already tracked? (browser extension)",
                   parameters=[CaptureLookupSerializer],
                   responses=CaptureLookupOutputSerializer)
    def get(self, request):
        query = validated_query(request, CaptureLookupSerializer)
        jobapp = selectors.jobapp_by_job_url(user=request.user, job_url=query["job_url"])
        return ok({"tracked": jobapp is not None, "jobapp": jobapp})

    @extend_schema(tags=TAGS, summary="Track the posting at job_url once (browser extension)",
                   description="Idempotent per normalised job URL: capturing a tracked posting "
                   "returns its application with `created: false`.",
                   request=CaptureSerializer, responses=CaptureOutputSerializer)
    def post(self, request):
        data = validated(CaptureSerializer, request.data)
        jobapp, created = services.jobapp_capture(user=request.user, **data)
        return ok({"created": created, "jobapp": jobapp_instance_data(jobapp)})


class JobappExportApi(APIView):
    @extend_schema(tags=TAGS, summary="Download the caller's applications as CSV",
                   description="One row per application with its full status history. Cells "
                   "that a spreadsheet would run as a formula are prefixed with `'`.",
                   responses={(200, "text/csv"): OpenApiTypes.STR})
    def get(self, request):
        content = write_csv(selectors.jobapps_export_rows(user=request.user))
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="jobapps.csv"'
        response["Cache-Control"] = "no-store"
        return response


class CsvTextParser(BaseParser):
    """A `text/csv` request body, as text."""

    media_type = "text/csv"

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read(CSV_MAX_BYTES + 1) if stream is not None else b""
        return decode_csv(raw)


def decode_csv(raw: bytes) -> str:
    if len(raw) > CSV_MAX_BYTES:
        raise InvalidParameters({"file": [f"At most {CSV_MAX_BYTES} bytes."]})
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
    return decode_csv(upload.read(CSV_MAX_BYTES + 1))


class JobappImportApi(APIView):
    parser_classes = [MultiPartParser, CsvTextParser]

    @extend_schema(tags=TAGS, summary="Import applications from the export's CSV format",
                   description="Multipart upload (`file`) or a `text/csv` body. Each row is "
                   "imported whole or not at all; failed rows are listed in `errors`.",
                   request={"multipart/form-data": CsvImportSerializer,
                            "text/csv": OpenApiTypes.STR},
                   responses=CsvImportOutputSerializer)
    def post(self, request):
        text = uploaded_csv_text(request.data)
        return ok(services.jobapps_import_csv(user=request.user, text=text))
