"""Schemathesis hooks for tests/fuzz/schemathesis.sh (loaded through SCHEMATHESIS_HOOKS).

`envelope` is a check run on every response next to schemathesis's own: the body is the
envelope of CONTRACT.md section 2 with its keys in order, `success` agrees with the HTTP status,
and a failure carries a code of the table with that code's exact message and HTTP status.
The CSV download and the calendar feed are the responses sent as they are (files, not JSON).
"""

import json

import schemathesis

from jobhax.api.errors import ERRORS, ErrorCode

ENVELOPE_KEYS = ["success", "error_code", "error_message", "data"]
BY_CODE = {int(code): spec for code, spec in ERRORS.items()}


@schemathesis.check
def envelope(ctx, response, case):
    content_type = response.headers.get("content-type", [""])
    content_type = content_type[0] if isinstance(content_type, list) else content_type
    if response.status_code == 200 and content_type.startswith(("text/csv", "text/calendar")):
        return True
    if not content_type.startswith("application/json"):
        raise AssertionError(f"not a JSON envelope: Content-Type {content_type!r}")
    try:
        body = json.loads(response.content)
    except ValueError as exc:
        raise AssertionError(f"body is not JSON: {exc}") from None
    if not isinstance(body, dict) or list(body)[:4] != ENVELOPE_KEYS:
        raise AssertionError(f"not the envelope (keys {list(body)[:6]!r})")
    code = body["error_code"]
    spec = BY_CODE.get(code)
    if spec is None:
        raise AssertionError(f"error_code {code!r} is not in the contract's table")
    if body["success"] is not (code == ErrorCode.SUCCESS):
        raise AssertionError(f"success={body['success']!r} with error_code {code}")
    if body["error_message"] != spec.message:
        raise AssertionError(f"code {code} with message {body['error_message']!r}")
    if response.status_code != spec.http_status:
        raise AssertionError(
            f"code {code} answered with HTTP {response.status_code}, "
            f"the table says {spec.http_status}"
        )
    return True


# What the HTTP server answers before any application code runs: gunicorn refuses a request
# line over 4094 bytes (414) or a header it cannot parse (400) with its own small HTML page.
# The app never sees these requests, so the envelope cannot be on them; they are not failures
# of the API. (In production the reverse proxy's limits come first anyway.)
SERVER_LAYER_REFUSALS = (
    b"Request Line is too large",
    b"Invalid HTTP Header",
    b"Request Header Fields Too Large",
    b"Invalid request",
)


@schemathesis.hook
def filter_failure(context, failure, case, response):
    if response is None or response.status_code not in (400, 414, 431):
        return True
    return not any(marker in (response.content or b"") for marker in SERVER_LAYER_REFUSALS)
