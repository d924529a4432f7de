"""Every response, success or failure, is the envelope with the contract's HTTP status."""

import json
import logging

import pytest

from tests.helpers import ENVELOPE_KEYS, assert_error

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.error_urls")]


@pytest.mark.parametrize("path", ["/api/nope", "/api/users/nope/", "/nope", "/api/"])
@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_unknown_path_is_envelope_404(api_client, path, method):
    response = getattr(api_client, method)(path)
    body = assert_error(response, 404, 11, "Record not found...")
    assert body["data"] is None


def test_wrong_method_is_405(api_client):
    response = api_client.post("/api/health")
    assert_error(response, 405, 14, "Method not allowed.")


def test_malformed_json_is_400_code_10(api_client):
    response = api_client.post(
        "/api/test/echo", data='{"job_title": ', content_type="application/json"
    )
    assert_error(response, 400, 10, "Invalid parameters...")


def test_unsupported_content_type_is_415(api_client):
    response = api_client.post("/api/test/echo", data="hello", content_type="text/plain")
    assert_error(response, 415, 15, "Unsupported media type.")


def test_json_body_is_echoed_inside_the_envelope(api_client):
    response = api_client.post("/api/test/echo", {"a": 1}, format="json")
    assert response.status_code == 200
    assert response.json() == {
        "success": True,
        "error_code": 0,
        "error_message": "",
        "data": {"a": 1},
    }


@pytest.mark.parametrize(
    "header", [None, "Bearer not-a-real-token", "Basic Zm9vOmJhcg==", "Bearer"]
)
def test_missing_or_invalid_token_is_401_code_12(api_client, header):
    if header:
        api_client.credentials(HTTP_AUTHORIZATION=header)
    response = api_client.get("/api/test/private")
    assert_error(response, 401, 12, "Authentication credentials were not provided or are invalid.")


def test_expired_token_is_401(make_client, user):
    client = make_client(user, expires_in=-10)
    assert_error(
        client.get("/api/test/private"),
        401,
        12,
        "Authentication credentials were not provided or are invalid.",
    )


def test_valid_token_reaches_the_view(auth_client):
    response = auth_client.get("/api/test/private")
    assert response.status_code == 200
    assert response.json()["data"] == {"user": "alice"}


def test_throttled_is_429_with_retry_after(api_client):
    assert api_client.get("/api/test/limited").status_code == 200
    response = api_client.get("/api/test/limited")
    assert_error(response, 429, 13, "Too many requests. Try again later.")
    assert int(response["Retry-After"]) >= 1


@pytest.mark.parametrize("path", ["/api/test/drf_boom", "/api/test/django_boom"])
def test_uncaught_exception_is_500_without_traceback_and_logged_with_request_id(
    api_client, caplog, path
):
    api_client.raise_request_exception = False
    with caplog.at_level(logging.ERROR):
        response = api_client.get(path, HTTP_X_REQUEST_ID="req-123")
    body = assert_error(response, 500, 99, "Internal server error.")
    assert "secret internal detail" not in json.dumps(body)
    assert "Traceback" not in response.content.decode()
    assert response["X-Request-ID"] == "req-123"
    logged = [r for r in caplog.records if r.levelno >= logging.ERROR and r.exc_info]
    assert logged and "secret internal detail" in str(logged[0].exc_info[1])
    assert logged[0].request_id == "req-123"


def test_legacy_clients_can_get_http_200_for_failures(api_client, settings):
    settings.JOBHAX_ERRORS_AS_HTTP_200 = True
    assert_error(api_client.get("/api/nope"), 200, 11, "Record not found...")
    assert_error(
        api_client.get("/api/test/private"),
        200,
        12,
        "Authentication credentials were not provided or are invalid.",
    )


@pytest.mark.parametrize("path", ["/api/health", "/api/health/"])
def test_paths_work_with_and_without_trailing_slash(api_client, path):
    response = api_client.get(path)
    assert response.status_code == 200
    assert response.json()["data"]["database"] == "ok"


def test_health_reports_database_and_broker(api_client, settings):
    data = api_client.get("/api/health").json()["data"]
    assert data["database"] == "ok"
    assert data["broker"] in {"ok", "eager"}


@pytest.mark.parametrize(
    "origin",
    [
        "http://localhost:3000",
        "chrome-extension://abcdefghijklmnopabcdefghijklmnop",
        "moz-extension://0a1b2c3d-0000-4000-8000-123456789abc",
    ],
)
@pytest.mark.parametrize("path", ["/api/jobapps/get_jobapps", "/api/users/login/", "/api/health"])
def test_cors_preflight_is_answered_on_api_paths(api_client, origin, path):
    response = api_client.options(
        path,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == origin
    allowed = response["Access-Control-Allow-Headers"].lower()
    assert "authorization" in allowed and "content-type" in allowed


def test_cors_rejects_unknown_origins(api_client):
    response = api_client.options(
        "/api/health",
        HTTP_ORIGIN="https://evil.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert "Access-Control-Allow-Origin" not in response


def test_openapi_schema_documents_the_envelope(api_client):
    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    health = schema["paths"]["/api/health"]["get"]["responses"]
    ok_schema = health["200"]["content"]["application/json"]["schema"]
    assert list(ok_schema["properties"]) == ENVELOPE_KEYS
    assert "401" in health or "405" in health


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_are_served(api_client, path):
    response = api_client.get(path)
    assert response.status_code == 200
    assert b"<html" in response.content.lower()


def test_admin_is_served(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200


def test_an_accept_header_the_api_cannot_serve_still_gets_the_envelope(auth_client):
    response = auth_client.get("/api/test/private", HTTP_ACCEPT="text/csv")
    assert response.status_code == 200
    assert response.json()["data"] == {"user": "alice"}


def test_health_answers_503_with_the_envelope_when_the_broker_is_down(api_client, monkeypatch):
    from jobhax.celery import app as celery_app

    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    monkeypatch.setitem(celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")  # nothing there
    response = api_client.get("/api/health")
    body = assert_error(response, 503, 19, "Service temporarily unavailable. Try again later.")
    assert body["data"] == {"database": "ok", "broker": "unavailable"}
    assert response["Retry-After"] == "5"
