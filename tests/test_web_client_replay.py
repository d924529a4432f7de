"""Replays the requests the 2019 JobHax web client (React, `fetch`) sent, as it sent them, and
checks the fields it reads (CONTRACT.md: clients; README "Pointing a client at it").

What that client did on the wire:
* every request, GETs included, carries `Content-Type: application/json` (GETs with no body or
  an empty one), so the browser preflights every call from its origin (`http://localhost:3000`
  in development) with `Access-Control-Request-Headers: authorization, content-type`;
* it builds `Authorization` as `${token_type} ${access_token}` and sends that same
  `"Bearer <token>"` string as `token` to logout;
* it asks for history, notes and details with `?jopapp_id=` (its spelling);
* it never has a CSRF cookie, and it judges success by the HTTP status, then reads `data`.
"""

import json
from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.helpers import CLIENT_SECRET

pytestmark = pytest.mark.django_db

ORIGIN = "http://localhost:3000"
ENVELOPE_KEYS = ["success", "error_code", "error_message", "data"]
TOKEN_KEYS = ["access_token", "expires_in", "token_type", "scope", "refresh_token"]
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
PASSWORD = "web-client-Replay-2019"

# Every endpoint the web client called, with its method.
WEB_CLIENT_ENDPOINTS = [
    ("POST", "/api/users/register"),
    ("POST", "/api/users/login"),
    ("POST", "/api/users/logout"),
    ("POST", "/api/users/auth_social_user"),
    ("POST", "/api/users/refresh_token"),
    ("POST", "/api/users/update_gmail_token"),
    ("GET", "/api/users/get_linkedin_profile"),
    ("GET", "/api/users/sync_user_emails"),
    ("GET", "/api/users/get_user_google_mails"),
    ("GET", "/api/jobapps/get_jobapps"),
    ("GET", "/api/jobapps/get_statuses"),
    ("GET", "/api/jobapps/get_status_history"),
    ("POST", "/api/jobapps/add_jobapp"),
    ("POST", "/api/jobapps/update_jobapp"),
    ("POST", "/api/jobapps/delete_jobapp"),
    ("GET", "/api/jobapps/get_jobapp_detail"),
    ("POST", "/api/jobapps/add_jobapp_note"),
    ("GET", "/api/jobapps/get_jobapp_notes"),
    ("POST", "/api/jobapps/update_jobapp_note"),
    ("POST", "/api/jobapps/delete_jobapp_note"),
    ("GET", "/api/metrics/get_total_application_count"),
    ("GET", "/api/metrics/get_application_count_by_month"),
    ("GET", "/api/metrics/get_application_count_by_month_with_total"),
    ("GET", "/api/metrics/get_count_by_statuses"),
    ("GET", "/api/metrics/get_word_count"),
    ("GET", "/api/metrics/get_count_by_jobtitle_and_statuses"),
]


class WebClient:
    """Sends requests the way the web client's fetch wrapper did."""

    def __init__(self, client_id: str):
        # A browser has no CSRF cookie for the API: enforce the check as Django would.
        self.http = APIClient(enforce_csrf_checks=True)
        self.client_id = client_id
        self.authorization: str | None = None

    def send(self, method: str, path: str, body=None, *, empty_body: bool = False):
        headers = {"Origin": ORIGIN}
        if self.authorization:
            headers["Authorization"] = self.authorization
        payload = json.dumps(body) if body is not None else ("" if empty_body else None)
        kwargs: dict[str, Any] = {"content_type": "application/json", "headers": headers}
        if payload is None:
            response = self.http.generic(method, path, **kwargs)
        else:
            response = self.http.generic(method, path, payload, **kwargs)
        # The browser hands the response to the page only with this header (CORS covers /api/).
        if path.startswith("/api/"):
            assert response["Access-Control-Allow-Origin"] == ORIGIN, (method, path)
        envelope = response.json()
        assert list(envelope)[:4] == ENVELOPE_KEYS, (method, path, envelope)
        return response, envelope

    def ok(self, method: str, path: str, body=None, **kwargs):
        response, envelope = self.send(method, path, body, **kwargs)
        assert response.status_code == 200, (method, path, envelope)
        assert envelope["success"] is True and envelope["error_code"] == 0, envelope
        return envelope["data"]

    def sign_in(self, username: str, password: str) -> dict:
        token = self.ok(
            "POST",
            "/api/users/login",
            {
                "client_id": self.client_id,
                "client_secret": CLIENT_SECRET,
                "username": username,
                "password": password,
            },
        )
        # `${response.data.token_type} ${response.data.access_token.trim()}`
        self.authorization = f"{token['token_type']} {token['access_token'].strip()}"
        return token


@pytest.fixture
def web(oauth_app):
    client = WebClient(oauth_app.client_id)
    client.ok(
        "POST",
        "/api/users/register",
        {
            "first_name": "Webb",
            "last_name": "Client",
            "username": "webb",
            "email": "webb@example.com",
            "password": PASSWORD,
            "password2": PASSWORD,
            "client_id": oauth_app.client_id,
            "client_secret": CLIENT_SECRET,
        },
    )
    client.sign_in("webb", PASSWORD)
    return client


def assert_jobapp(app: dict):
    assert list(app)[: len(JOBAPP_KEYS)] == JOBAPP_KEYS
    assert app["applyDate"].endswith("Z")


@pytest.mark.parametrize(("method", "path"), WEB_CLIENT_ENDPOINTS)
def test_every_endpoint_answers_the_preflight_from_the_web_client(method, path):
    response = APIClient().options(
        path,
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    allowed_headers = response["Access-Control-Allow-Headers"].lower()
    assert "authorization" in allowed_headers and "content-type" in allowed_headers
    assert method in response["Access-Control-Allow-Methods"]


def test_preflight_from_an_unlisted_origin_is_not_allowed():
    response = APIClient().options(
        "/api/jobapps/get_jobapps",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert "Access-Control-Allow-Origin" not in response


def test_login_gives_the_token_object_the_web_client_reads(web):
    token = web.sign_in("webb@example.com", PASSWORD)  # it also let users type their email
    assert list(token) == TOKEN_KEYS
    assert token["token_type"] == "Bearer"
    assert token["expires_in"] == 36000
    refreshed = web.ok(
        "POST",
        "/api/users/refresh_token",
        {
            "client_id": web.client_id,
            "client_secret": CLIENT_SECRET,
            "refresh_token": token["refresh_token"],
        },
    )
    assert list(refreshed) == TOKEN_KEYS


@pytest.mark.parametrize("empty_body", [False, True], ids=["no-body", "empty-body"])
def test_gets_with_a_json_content_type_and_no_body(web, empty_body):
    jobapp = web.ok(
        "POST",
        "/api/jobapps/add_jobapp",
        {
            "job_title": "Android Developer",
            "company": "Genuent",
            "application_date": "2019-01-23",
            "status_id": 1,
            "source": "LinkedIn",
        },
    )
    for method, path in WEB_CLIENT_ENDPOINTS:
        if method != "GET":
            continue
        if path.endswith(("get_status_history", "get_jobapp_detail", "get_jobapp_notes")):
            path += f"?jopapp_id={jobapp['id']}"
        response, envelope = web.send("GET", path, empty_body=empty_body)
        expected = 409 if path.endswith("sync_user_emails") else 200  # no Google account: 17
        expected = 404 if path.endswith("get_linkedin_profile") else expected  # no LinkedIn: 2
        assert response.status_code == expected, (path, envelope)


def test_a_dashboard_session_as_the_web_client_ran_it(web):
    # The dashboard awaits a Gmail sync before loading; without Google it is told so (17).
    response, envelope = web.send("GET", "/api/users/sync_user_emails")
    assert (response.status_code, envelope["error_code"]) == (409, 17)
    assert web.ok("GET", "/api/users/get_user_google_mails") == []

    statuses = web.ok("GET", "/api/jobapps/get_statuses")
    assert statuses[:5] == [
        {"id": 1, "value": "Applied"},
        {"id": 2, "value": "To Apply"},
        {"id": 3, "value": "Phone Screen"},
        {"id": 4, "value": "Onsite Interview"},
        {"id": 5, "value": "Offer"},
    ]

    # The add form posts these keys; the client then reloads the list (it ignored `data`).
    web.ok(
        "POST",
        "/api/jobapps/add_jobapp",
        {
            "job_title": "Android Developer",
            "company": "Genuent",
            "application_date": "2019-01-23",
            "status_id": 1,
            "source": "LinkedIn",
        },
    )
    web.ok(
        "POST",
        "/api/jobapps/add_jobapp",
        {
            "job_title": "Data Engineer",
            "company": "Initech",
            "application_date": "2019-02-10",
            "status_id": "2",
            "source": "Hired.com",
        },
    )
    jobapps = web.ok("GET", "/api/jobapps/get_jobapps")
    for app in jobapps:
        assert_jobapp(app)
    assert [app["jobTitle"] for app in jobapps] == ["Data Engineer", "Android Developer"]
    card = jobapps[1]
    assert card["applicationStatus"] == {"id": 1, "value": "Applied"}
    assert card["msgId"] == "" and card["isRejected"] is False and card["companyLogo"] is None

    # Dragging the card to another column, then marking it rejected.
    web.ok("POST", "/api/jobapps/update_jobapp", {"jobapp_id": card["id"], "status_id": 3})
    web.ok("POST", "/api/jobapps/update_jobapp", {"jobapp_id": card["id"], "rejected": True})
    history = web.ok("GET", f"/api/jobapps/get_status_history?jopapp_id={card['id']}")
    assert [row["applicationStatus"]["value"] for row in history] == ["Applied", "Phone Screen"]
    assert all(list(row) == ["applicationStatus", "update_date"] for row in history)

    # Notes: the client reversed the list to show the newest first.
    note = web.ok(
        "POST",
        "/api/jobapps/add_jobapp_note",
        {"jobapp_id": card["id"], "description": "Call back Monday"},
    )
    assert list(note) == ["id", "description", "created_date", "update_date"]
    web.ok(
        "POST",
        "/api/jobapps/add_jobapp_note",
        {"jobapp_id": card["id"], "description": "Sent portfolio"},
    )
    web.ok(
        "POST",
        "/api/jobapps/update_jobapp_note",
        {"jobapp_note_id": note["id"], "description": "Call back Tuesday"},
    )
    notes = web.ok("GET", f"/api/jobapps/get_jobapp_notes?jopapp_id={card['id']}")
    assert [n["description"] for n in notes] == ["Call back Tuesday", "Sent portfolio"]
    web.ok("POST", "/api/jobapps/delete_jobapp_note", {"jobapp_note_id": note["id"]})
    notes = web.ok("GET", f"/api/jobapps/get_jobapp_notes?jopapp_id={card['id']}")
    assert [n["description"] for n in notes] == ["Sent portfolio"]

    detail = web.ok("GET", f"/api/jobapps/get_jobapp_detail?jopapp_id={card['id']}")
    assert list(detail)[:3] == ["jobapp", "posting", "emails"]
    assert_jobapp(detail["jobapp"])
    assert detail["jobapp"]["isRejected"] is True

    # The metrics page: the shapes its charts read.
    assert web.ok("GET", "/api/metrics/get_total_application_count") == {"count": 2}
    rows, months = web.ok("GET", "/api/metrics/get_application_count_by_month")
    assert [row["source"] for row in rows] == [
        "Hired.com",
        "LinkedIn",
        "Indeed",
        "Vettery",
        "Others",
    ]
    assert all(len(row["data"]) == 12 for row in rows) and len(months) == 12
    rows, months = web.ok("GET", "/api/metrics/get_application_count_by_month_with_total")
    assert rows[-1]["source"] == "Total" and len(months) == 12
    assert web.ok("GET", "/api/metrics/get_count_by_statuses") == [
        {"name": "To Apply", "value": 1},
        {"name": "Phone Screen", "value": 1},
    ]
    words = web.ok("GET", "/api/metrics/get_word_count")
    assert sorted((w["word"], w["value"]) for w in words) == [("Genuent", 1), ("Initech", 1)]
    by_title = web.ok("GET", "/api/metrics/get_count_by_jobtitle_and_statuses")
    assert list(by_title) == ["jobs", "statuses", "data"]
    assert all(len(row["data"]) == len(by_title["jobs"]) for row in by_title["data"])

    web.ok("POST", "/api/jobapps/delete_jobapp", {"jobapp_id": card["id"]})
    assert [app["id"] for app in web.ok("GET", "/api/jobapps/get_jobapps")] == [jobapps[0]["id"]]


def test_logout_with_the_bearer_string_revokes_the_token(web):
    token_string = web.authorization
    assert token_string.startswith("Bearer ")
    web.authorization = None  # logout is a public endpoint; the client sent the token in the body
    assert (
        web.ok(
            "POST",
            "/api/users/logout",
            {
                "client_id": web.client_id,
                "client_secret": CLIENT_SECRET,
                "token": token_string,
            },
        )
        is None
    )
    web.authorization = token_string
    response, envelope = web.send("GET", "/api/jobapps/get_jobapps")
    assert (response.status_code, envelope["error_code"]) == (401, 12)


def test_failures_can_be_http_200_for_a_client_that_needs_it(web, settings):
    settings.JOBHAX_ERRORS_AS_HTTP_200 = True
    response, envelope = web.send("GET", "/api/jobapps/get_status_history")  # no id
    assert response.status_code == 200
    assert (envelope["success"], envelope["error_code"]) == (False, 10)


@pytest.mark.parametrize("path", ["/api/users/no_such_endpoint", "/no/such/path"])
def test_a_post_to_an_unknown_path_without_a_csrf_cookie_is_the_envelope(web, path):
    response, envelope = web.send("POST", path, {})
    assert (response.status_code, envelope["error_code"]) == (404, 11)
