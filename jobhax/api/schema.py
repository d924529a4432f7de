"""OpenAPI: every documented response body is the envelope around what the view returns."""

from .errors import ERRORS, ErrorCode

_ENVELOPE_ERROR = "EnvelopeError"


def _envelope(data_schema: dict | None, success: bool) -> dict:
    return {
        "type": "object",
        "properties": {
            "success": {"type": "boolean", "enum": [success]},
            "error_code": {"type": "integer", **({"enum": [0]} if success else {})},
            "error_message": {"type": "string", **({"enum": [""]} if success else {})},
            "data": data_schema if data_schema is not None else {"nullable": True},
        },
        "required": ["success", "error_code", "error_message", "data"],
    }


def _error_envelope() -> dict:
    schema = _envelope({"type": "object", "nullable": True}, success=False)
    schema["properties"]["error_code"]["enum"] = [int(code) for code in ERRORS if code]
    return schema


def wrap_responses_in_envelope(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components[_ENVELOPE_ERROR] = _error_envelope()
    error_ref = {"$ref": f"#/components/schemas/{_ENVELOPE_ERROR}"}
    # Routes match with and without a trailing slash; document them as the contract spells them.
    result["paths"] = {path.rstrip("/") or "/": item for path, item in result["paths"].items()}
    for path_item in result["paths"].values():
        for operation in path_item.values():
            _wrap_operation(operation, error_ref)
    return result


def _wrap_operation(operation: dict, error_ref: dict) -> None:
    responses = operation.setdefault("responses", {})
    for status, response in list(responses.items()):
        if not str(status).startswith("2"):
            continue
        content = response.setdefault("content", {})
        if content and "application/json" not in content:
            continue  # a download (e.g. text/csv) is sent as it is, not in the envelope
        media = content.pop("application/json", None) or {}
        content.clear()
        content["application/json"] = {"schema": _envelope(media.get("schema"), success=True)}
    # Any failure the API can produce is an envelope; document each status once.
    for code, spec in ERRORS.items():
        if code == ErrorCode.SUCCESS:
            continue
        status = str(spec.http_status)
        responses.setdefault(
            status,
            {"description": spec.message, "content": {"application/json": {"schema": error_ref}}},
        )
