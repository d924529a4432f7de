"""Real metric responses validate against the OpenAPI schema the API publishes (the schema will
be fuzzed against the server, so it must say exactly what the server answers)."""

import jsonschema
import pytest
import time_machine
from drf_spectacular.generators import SchemaGenerator

from jobapps.models import JobEmail

from .builders import PHONE_SCREEN, add_application, add_email, add_history, utc
from .test_query_counts import ENDPOINTS

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def openapi():
    return SchemaGenerator().get_schema(request=None, public=True)


def json_schema(openapi_schema):
    """OpenAPI 3.0's `nullable: true` spelled as JSON Schema's `"type": [..., "null"]`."""
    if isinstance(openapi_schema, list):
        return [json_schema(item) for item in openapi_schema]
    if not isinstance(openapi_schema, dict):
        return openapi_schema
    converted = {key: json_schema(value) for key, value in openapi_schema.items()}
    if converted.pop("nullable", False) and "type" in converted:
        converted["type"] = [converted["type"], "null"]
    return converted


def success_schema(openapi, name):
    """The 200 answer's schema, with the components its `$ref`s point to."""
    operation = openapi["paths"][f"/api/metrics/{name}"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    return json_schema({**schema, "components": openapi["components"]})


def assert_matches_schema(openapi, name, body):
    jsonschema.validate(
        body, success_schema(openapi, name), format_checker=jsonschema.FormatChecker()
    )


@pytest.mark.parametrize("name", ENDPOINTS)
def test_an_empty_accounts_answers_match_the_schema(openapi, auth_client, name):
    assert_matches_schema(openapi, name, auth_client.get(f"/api/metrics/{name}").json())


@pytest.mark.parametrize("name", ENDPOINTS)
def test_a_busy_accounts_answers_match_the_schema(openapi, auth_client, user, name):
    with time_machine.travel(utc(2026, 1, 15, 12), tick=False):
        for n, source in enumerate(["LinkedIn", "Hired", "", "Referral"]):
            application = add_application(
                user, utc(2025, 12, n + 1), source=source, company=f"Co {n % 2}"
            )
            add_history(application, PHONE_SCREEN, utc(2025, 12, n + 5))
            add_email(application, JobEmail.Kind.REJECTION, utc(2025, 12, n + 9))
        body = auth_client.get(f"/api/metrics/{name}").json()
    assert body["data"] not in ([], {"count": 0})
    assert_matches_schema(openapi, name, body)


def test_the_schema_refuses_a_wrong_shape(openapi):
    """The check above can fail: a month chart missing its month names is refused."""
    body = {"success": True, "error_code": 0, "error_message": "", "data": [[]]}
    with pytest.raises(jsonschema.ValidationError):
        assert_matches_schema(openapi, "get_application_count_by_month", body)
