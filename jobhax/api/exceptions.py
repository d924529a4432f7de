"""The DRF exception handler: every failure inside a DRF view becomes an envelope."""
import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions as drf

from .envelope import error_response
from .errors import ApiError, ErrorCode

logger = logging.getLogger("jobhax.api")

# DRF's own exceptions, mapped to the contract's codes.
_DRF_CODES: list[tuple[type[Exception], ErrorCode]] = [
    (drf.NotAuthenticated, ErrorCode.NOT_AUTHENTICATED),
    (drf.AuthenticationFailed, ErrorCode.NOT_AUTHENTICATED),
    (drf.Throttled, ErrorCode.THROTTLED),
    (drf.MethodNotAllowed, ErrorCode.METHOD_NOT_ALLOWED),
    (drf.UnsupportedMediaType, ErrorCode.UNSUPPORTED_MEDIA_TYPE),
    (drf.ParseError, ErrorCode.INVALID_PARAMETERS),
    (drf.ValidationError, ErrorCode.INVALID_PARAMETERS),
    (drf.NotFound, ErrorCode.NOT_FOUND),
    (Http404, ErrorCode.NOT_FOUND),
    # Every endpoint is scoped to the caller: what they may not see does not exist for them.
    (drf.PermissionDenied, ErrorCode.NOT_FOUND),
    (DjangoPermissionDenied, ErrorCode.NOT_FOUND),
]


def envelope_exception_handler(exc, context):
    if isinstance(exc, ApiError):
        return error_response(exc.code, exc.data)
    for exc_type, code in _DRF_CODES:
        if isinstance(exc, exc_type):
            return error_response(code, _validation_fields(exc), headers=_retry_after(exc))
    request = context.get("request")
    log_uncaught(request, exc)
    return error_response(ErrorCode.INTERNAL_ERROR)


def log_uncaught(request, exc: BaseException) -> None:
    logger.error(
        "Uncaught exception on %s %s",
        getattr(request, "method", "?"),
        getattr(request, "path", "?"),
        exc_info=(type(exc), exc, exc.__traceback__),
    )


def _validation_fields(exc) -> dict | None:
    if isinstance(exc, drf.ValidationError) and isinstance(exc.detail, dict):
        fields = {name: [str(m) for m in _as_list(msgs)] for name, msgs in exc.detail.items()}
        return {"fields": fields}
    return None


def _as_list(messages) -> list:
    return messages if isinstance(messages, list) else [messages]


def _retry_after(exc) -> dict | None:
    if isinstance(exc, drf.Throttled) and exc.wait is not None:
        return {"Retry-After": str(max(1, int(exc.wait + 0.999)))}
    return None
