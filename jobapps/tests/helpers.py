"""Helpers for the jobapps tests: the endpoints' paths and payloads (envelope assertions:
tests/helpers.py)."""

from jobapps.models import ApplicationStatus

BASE = "/api/jobapps/"
JOBAPP_KEYS = [
    "id",
    "applicationStatus",
    "jobTitle",
    "company",
    "companyLogo",
    "applyDate",
    "msgId",
    "source",
    "isRejected",
    "user",
]


def url(name: str) -> str:
    return BASE + name


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
