"""Helpers for the jobapps tests: the endpoints' paths and envelope assertions."""
from jobapps.models import ApplicationStatus

BASE = "/api/jobapps/"
JOBAPP_KEYS = [
    "id", "applicationStatus", "jobTitle", "company", "companyLogo", "applyDate", "msgId",
    "source", "isRejected", "user",
]


def url(name: str) -> str:
    return BASE + name


def ok_data(response):
    body = response.json()
    assert response.status_code == 200, body
    assert body["success"] is True and body["error_code"] == 0, body
    return body["data"]


def assert_code(response, code: int, http_status: int) -> dict:
    body = response.json()
    assert list(body)[:4] == ["success", "error_code", "error_message", "data"]
    assert (response.status_code, body["error_code"]) == (http_status, code), body
    assert body["success"] is False
    return body


def assert_invalid(response) -> dict:
    return assert_code(response, 10, 400)


def assert_not_found(response) -> dict:
    return assert_code(response, 11, 404)


def add_payload(**overrides) -> dict:
    payload = {
        "job_title": "Android Developer",
        "company": "Genuent",
        "application_date": "2019-01-23",
        "status_id": ApplicationStatus.APPLIED,
        "source": "LinkedIn",
    }
    payload.update(overrides)
    return payload
