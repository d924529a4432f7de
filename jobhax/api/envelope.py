"""Building envelopes: `{success, error_code, error_message, data}`, keys in that order."""

from django.conf import settings
from django.http import JsonResponse
from rest_framework.response import Response

from .errors import ERRORS, ErrorCode


def success_body(data=None, **extra) -> dict:
    body = {"success": True, "error_code": 0, "error_message": "", "data": data}
    body.update(extra)
    return body


def error_body(code: ErrorCode, data=None) -> dict:
    return {
        "success": False,
        "error_code": int(code),
        "error_message": ERRORS[code].message,
        "data": data,
    }


def error_status(code: ErrorCode) -> int:
    """The HTTP status of a failure; legacy clients may ask for 200 on every handled failure."""
    if settings.JOBHAX_ERRORS_AS_HTTP_200:
        return 200
    return ERRORS[code].http_status


def ok(data=None, **extra) -> Response:
    """A DRF success response. `extra` adds keys after `data` (e.g. `pagination`)."""
    response = Response(data)
    response.envelope_extra = extra  # type: ignore[attr-defined]  # read by the renderer
    return response


def error_response(code: ErrorCode, data=None, headers=None) -> Response:
    """A DRF failure response whose body is already the envelope."""
    response = Response(error_body(code, data), status=error_status(code), headers=headers)
    response.is_envelope = True  # type: ignore[attr-defined]  # read by the renderer
    return response


def error_json_response(code: ErrorCode, data=None, headers=None) -> JsonResponse:
    """The same failure for plain Django code paths (handler404, middleware)."""
    return JsonResponse(error_body(code, data), status=error_status(code), headers=headers)
