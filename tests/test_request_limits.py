"""Bodies the server refuses get the envelope, never a 500, and leave no traceback in the log:
over-large bodies and uploads are 413 code 18, malformed or over-nested JSON is 400 code 10,
forms with more fields than Django allows are 413 code 18 (CONTRACT.md §2: "body, upload or
field count over the documented limits")."""

import json
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jobapps.models import JobApplication
from jobhax.api.parsers import MAX_JSON_DEPTH
from tests.helpers import assert_error

pytestmark = pytest.mark.django_db

ADD = "/api/jobapps/add_jobapp"
LOGIN = "/api/users/login"
IMPORT_CSV = "/api/jobapps/import_jobapps_csv"


@pytest.fixture
def log(caplog):
    caplog.set_level(logging.INFO)
    return caplog


def assert_no_traceback(log):
    assert not [record for record in log.records if record.exc_info], [
        record.getMessage() for record in log.records if record.exc_info
    ]
    assert "Traceback" not in log.text


def application(**overrides) -> dict:
    return {
        "job_title": "Engineer",
        "company": "Acme",
        "application_date": "2026-03-01",
        "status_id": 1,
        **overrides,
    }


def test_a_json_body_over_django_s_limit_is_413_code_18(auth_client, log, settings):
    body = json.dumps(application(job_title="x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)))
    response = auth_client.post(ADD, body, content_type="application/json")
    body = assert_error(response, 413, 18)
    assert body["error_message"] == "Request too large."
    assert not JobApplication.objects.exists()
    assert "REQUEST_TOO_LARGE" in log.text
    assert_no_traceback(log)


def test_a_body_over_request_max_bytes_is_refused_unread(auth_client, log, settings):
    settings.REQUEST_MAX_BYTES = 50_000
    upload = SimpleUploadedFile(
        "apps.csv", b"job_title,company\n" + b"a,b\n" * 20_000, content_type="text/csv"
    )
    response = auth_client.post(IMPORT_CSV, {"file": upload}, format="multipart")
    assert_error(response, 413, 18)
    assert response["Connection"] == "close"
    assert not JobApplication.objects.exists()
    assert_no_traceback(log)


def test_a_body_under_request_max_bytes_still_goes_through(auth_client, settings):
    settings.REQUEST_MAX_BYTES = 50_000
    response = auth_client.post(ADD, application(), format="json")
    assert response.status_code == 200


@pytest.mark.parametrize("levels", [MAX_JSON_DEPTH + 1, 5_000, 200_000])
def test_over_nested_json_is_400_code_10(auth_client, log, levels):
    nested = "[" * levels + "]" * levels
    response = auth_client.post(ADD, f'{{"job_title": {nested}}}', content_type="application/json")
    assert_error(response, 400, 10)
    assert_no_traceback(log)


def test_json_nested_within_the_limit_is_judged_by_the_endpoint(auth_client):
    nested = {"a": 1}
    for _ in range(MAX_JSON_DEPTH - 2):
        nested = {"a": nested}
    response = auth_client.post(ADD, application(job_title=nested), format="json")
    body = assert_error(response, 400, 10)
    assert "job_title" in body["data"]["fields"]  # the serializer's answer, not the parser's


@pytest.mark.parametrize("body", ['{"job_title": ', "\x00\x01", '{"a": NaN}', "[1, 2,]"])
def test_malformed_json_is_400_code_10(auth_client, log, body):
    response = auth_client.post(ADD, body, content_type="application/json")
    assert_error(response, 400, 10)
    assert_no_traceback(log)


def test_a_form_with_more_fields_than_django_allows_is_413_code_18(api_client, log, settings):
    fields = "&".join(f"f{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = api_client.post(
        LOGIN, f"username=a&password=b&{fields}", content_type="application/x-www-form-urlencoded"
    )
    assert_error(response, 413, 18)
    assert_no_traceback(log)


def test_a_multipart_form_with_too_many_fields_is_413_code_18(api_client, log, settings):
    fields = {f"f{n}": "1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = api_client.post(LOGIN, fields, format="multipart")
    assert_error(response, 413, 18)
    assert_no_traceback(log)
