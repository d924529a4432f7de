"""Request ids for logs, and the last line of defence that keeps errors inside the envelope."""

import logging
import re
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .envelope import error_json_response
from .errors import ErrorCode
from .exceptions import expected_failure_code, log_uncaught, retry_after_headers

logger = logging.getLogger("jobhax.api")
_current_request_id: ContextVar[str] = ContextVar("request_id", default="-")
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Tags each request with an id (the caller's X-Request-ID if sane) for logs and replies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = _current_request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            _current_request_id.reset(token)
        response["X-Request-ID"] = request.id
        return response


class RequestIdLogFilter(logging.Filter):
    def filter(self, record):
        record.request_id = _current_request_id.get()
        return True


class RequestSizeLimitMiddleware:
    """Refuses a body declared larger than settings.REQUEST_MAX_BYTES (code 18, HTTP 413)
    before anything reads it. Django bounds form and JSON bodies itself
    (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams file uploads to disk whatever their size."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0  # Django reads an unparsable length as no body at all
        if declared > settings.REQUEST_MAX_BYTES:
            logger.warning(
                "REQUEST_TOO_LARGE on %s %s: %d bytes declared",
                request.method,
                request.path,
                declared,
            )
            response = error_json_response(ErrorCode.REQUEST_TOO_LARGE)
            # The body is left unread: tell the client not to send more on this connection.
            response["Connection"] = "close"
            return response
        return self.get_response(request)


class EnvelopeExceptionMiddleware:
    """Catches what escapes non-DRF views (DRF views have their own handler), so even with
    DEBUG on a client never sees an HTML traceback."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404 | PermissionDenied):
            return error_json_response(ErrorCode.NOT_FOUND)
        code = expected_failure_code(request, exception)
        if code is not None:
            return error_json_response(code, headers=retry_after_headers(code))
        log_uncaught(request, exception)
        return error_json_response(ErrorCode.INTERNAL_ERROR)
