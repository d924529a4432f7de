"""The error-code table of CONTRACT.md §2, and the typed exceptions services raise.

This module is the only place that knows a code's message and HTTP status.
"""

from dataclasses import dataclass
from enum import IntEnum


class ErrorCode(IntEnum):
    SUCCESS = 0
    INVALID_CREDENTIALS = 1
    PROFILE_NOT_FOUND = 2
    GOOGLE_TOKEN_UPDATE_FAILED = 3
    GOOGLE_TOKEN_EXPIRED = 4
    LOGOUT_FAILED = 5
    LOGIN_FAILED = 6
    PASSWORDS_DO_NOT_MATCH = 7
    USERNAME_TAKEN = 8
    EMAIL_TAKEN = 9
    INVALID_PARAMETERS = 10
    NOT_FOUND = 11
    NOT_AUTHENTICATED = 12
    THROTTLED = 13
    METHOD_NOT_ALLOWED = 14
    UNSUPPORTED_MEDIA_TYPE = 15
    WEAK_PASSWORD = 16
    GMAIL_NOT_CONNECTED = 17
    REQUEST_TOO_LARGE = 18
    SERVICE_UNAVAILABLE = 19
    INTERNAL_ERROR = 99


@dataclass(frozen=True)
class ErrorSpec:
    message: str
    http_status: int


ERRORS: dict[ErrorCode, ErrorSpec] = {
    ErrorCode.SUCCESS: ErrorSpec("", 200),
    ErrorCode.INVALID_CREDENTIALS: ErrorSpec("Invalid credentials", 401),
    ErrorCode.PROFILE_NOT_FOUND: ErrorSpec("User profile not found.", 404),
    ErrorCode.GOOGLE_TOKEN_UPDATE_FAILED: ErrorSpec(
        "Error occured while updating the google token.", 400
    ),
    ErrorCode.GOOGLE_TOKEN_EXPIRED: ErrorSpec(
        "Google token has expired. Please refresh Google token.", 409
    ),
    ErrorCode.LOGOUT_FAILED: ErrorSpec("Couldnt logout user...", 400),
    ErrorCode.LOGIN_FAILED: ErrorSpec("Could not login... Please check your credentials...", 401),
    ErrorCode.PASSWORDS_DO_NOT_MATCH: ErrorSpec("Passwords do not match", 400),
    ErrorCode.USERNAME_TAKEN: ErrorSpec("That username is taken", 409),
    ErrorCode.EMAIL_TAKEN: ErrorSpec("That email is being used", 409),
    ErrorCode.INVALID_PARAMETERS: ErrorSpec("Invalid parameters...", 400),
    ErrorCode.NOT_FOUND: ErrorSpec("Record not found...", 404),
    ErrorCode.NOT_AUTHENTICATED: ErrorSpec(
        "Authentication credentials were not provided or are invalid.", 401
    ),
    ErrorCode.THROTTLED: ErrorSpec("Too many requests. Try again later.", 429),
    ErrorCode.METHOD_NOT_ALLOWED: ErrorSpec("Method not allowed.", 405),
    ErrorCode.UNSUPPORTED_MEDIA_TYPE: ErrorSpec("Unsupported media type.", 415),
    ErrorCode.WEAK_PASSWORD: ErrorSpec("Password is too weak.", 400),
    ErrorCode.GMAIL_NOT_CONNECTED: ErrorSpec("Gmail is not connected.", 409),
    ErrorCode.REQUEST_TOO_LARGE: ErrorSpec("Request too large.", 413),
    ErrorCode.SERVICE_UNAVAILABLE: ErrorSpec(
        "Service temporarily unavailable. Try again later.", 503
    ),
    ErrorCode.INTERNAL_ERROR: ErrorSpec("Internal server error.", 500),
}


class ApiError(Exception):
    """Raised by services and views; turned into the envelope by the exception handler.

    `data` is what the envelope carries in `data` (None by default, `{"fields": ...}` for
    validation failures).
    """

    code: ErrorCode = ErrorCode.INTERNAL_ERROR

    def __init__(self, code: ErrorCode | None = None, data=None, detail: str = ""):
        if code is not None:
            self.code = code
        self.data = data
        # Internal detail for logs only; never shown to the client.
        self.detail = detail
        super().__init__(detail or ERRORS[self.code].message)


class InvalidParameters(ApiError):
    code = ErrorCode.INVALID_PARAMETERS

    def __init__(self, fields: dict[str, list[str]] | None = None, detail: str = ""):
        super().__init__(data={"fields": fields} if fields else None, detail=detail)


class NotFound(ApiError):
    code = ErrorCode.NOT_FOUND


class NotAuthenticated(ApiError):
    code = ErrorCode.NOT_AUTHENTICATED


class ServiceUnavailable(ApiError):
    """A service the request needs (database, broker) is unreachable for now; the answer
    carries Retry-After and nothing was changed."""

    code = ErrorCode.SERVICE_UNAVAILABLE
