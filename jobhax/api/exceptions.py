"""The DRF exception handler: every failure inside a DRF view becomes an envelope."""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import InterfaceError, OperationalError
from django.http import Http404
from rest_framework import exceptions as drf

from .envelope import error_response
from .errors import ApiError, ErrorCode

logger = logging.getLogger("jobhax.api")

# Seconds a client is told to wait (Retry-After) when the database or the broker is away: a
# restart or a failover takes seconds, not minutes.
RETRY_AFTER_SECONDS = 5

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

# Failures that are no bug: the request was over Django's limits (DATA_UPLOAD_MAX_MEMORY_SIZE,
# DATA_UPLOAD_MAX_NUMBER_FIELDS/FILES), or the database is restarting or unreachable. They are
# logged on one line, without a traceback.
_EXPECTED_FAILURES: list[tuple[tuple[type[Exception], ...], ErrorCode]] = [
    ((RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent), ErrorCode.REQUEST_TOO_LARGE),
    ((OperationalError, InterfaceError), ErrorCode.SERVICE_UNAVAILABLE),
]


def envelope_exception_handler(exc, context):
    if isinstance(exc, ApiError):
        return error_response(exc.code, exc.data, headers=retry_after_headers(exc.code))
    for exc_type, code in _DRF_CODES:
        if isinstance(exc, exc_type):
            return error_response(code, _validation_fields(exc), headers=_throttle_wait(exc))
    request = context.get("request")
    code = expected_failure_code(request, exc)
    if code is not None:
        return error_response(code, headers=retry_after_headers(code))
    log_uncaught(request, exc)
    return error_response(ErrorCode.INTERNAL_ERROR)


def expected_failure_code(request, exc: BaseException) -> ErrorCode | None:
    """The code of a failure that needs no traceback (logged here as one line), else None."""
    for exc_types, code in _EXPECTED_FAILURES:
        if isinstance(exc, exc_types):
            logger.warning(
                "%s on %s %s: %s: %s",
                code.name,
                getattr(request, "method", "?"),
                getattr(request, "path", "?"),
                type(exc).__name__,
                first_line(exc),
            )
            return code
    return None


def first_line(exc: BaseException) -> str:
    # psycopg's messages run over several lines (hint, context); the first says what happened.
    return next(iter(str(exc).strip().splitlines()), "")


def retry_after_headers(code: ErrorCode) -> dict | None:
    if code == ErrorCode.SERVICE_UNAVAILABLE:
        return {"Retry-After": str(RETRY_AFTER_SECONDS)}
    return None


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


def _throttle_wait(exc) -> dict | None:
    # Throttled.wait is set in its __init__; djangorestframework-stubs does not declare it.
    wait: float | None = getattr(exc, "wait", None) if isinstance(exc, drf.Throttled) else None
    if wait is not None:
        return {"Retry-After": str(max(1, int(wait + 0.999)))}
    return None
