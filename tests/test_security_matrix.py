"""The cross-user and authentication matrix, over every endpoint of the URL configuration.

* User B using user A's ids (application, note, history, detail, capture by job URL, export)
  gets code 11, changes nothing of A's, and never sees any of A's text.
* Every endpoint that is not on the short public list refuses a missing, garbage, expired and
  revoked token with 401 code 12. The endpoints are read from the URL resolver, so a new
  endpoint is in the matrix the day it is added (and a new public one fails until listed here).
* Login throttling at the shipped rate answers 429 code 13 with Retry-After.
* No response of any endpoint carries a password hash, the OAuth client secret or a provider
  token stored for the user.
"""

import json
from datetime import UTC, datetime

import pytest
from django.forms.models import model_to_dict
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from jobapps.models import (
    ApplicationStatus,
    Contact,
    Event,
    JobApplication,
    JobEmail,
    Note,
    StatusHistory,
)
from tests.factories import JobApplicationFactory, NoteFactory, UserFactory
from tests.helpers import CLIENT_SECRET, ENVELOPE_KEYS, PASSWORD, issue_token
from users.models import Provider, ProviderCredential

pytestmark = pytest.mark.django_db

NOT_AUTHENTICATED = "Authentication credentials were not provided or are invalid."

# Callable without a JobHax token (CONTRACT.md §1, plus password reset and the API's own pages).
PUBLIC = {
    "api/users/register",
    "api/users/login",
    "api/users/logout",
    "api/users/auth_social_user",
    "api/users/refresh_token",
    "api/users/request_password_reset",
    "api/users/reset_password",
    "api/users/verify_email",
    "api/health",
    "api/schema",
    "api/docs",
    "api/redoc",
    # Calendar apps send no token: the secret key in the URL opens one user's feed
    # (users/tests/test_calendar.py).
    "api/users/calendar.ics",
}

# Text of A's that must never reach B: distinctive, so a hit is never a coincidence.
A_TITLE = "Zyxwv Quantum Gardener"
A_COMPANY = "Qwertzu Holdings"
A_NOTE = "Recruiter Mallory said the salary band is 7ee7"
A_EMAIL_SUBJECT = "Your application to Qwertzu Holdings"
A_EMAIL_BODY = "Thanks for applying to the Zyxwv role"
A_LOCATION = "Qwertzu Campus"
A_JOB_URL = "https://jobs.qwertzu.example/postings/4242"
A_CONTACT = "Mallorie Quartermaine"
A_EVENT_PLACE = "https://meet.qwertzu.example/room-7ee7"
A_TEXTS = [
    A_TITLE,
    A_COMPANY,
    A_NOTE,
    A_EMAIL_SUBJECT,
    A_EMAIL_BODY,
    A_LOCATION,
    A_CONTACT,
    A_EVENT_PLACE,
]
GOOGLE_TOKEN = "ya29.matrix-google-access-token"
GOOGLE_REFRESH = "1//matrix-google-refresh-token"
LINKEDIN_TOKEN = "AQX-matrix-linkedin-token"


# --- the URL configuration as data --------------------------------------------------------------


def _walk(patterns, prefix=""):
    for pattern in patterns:
        regex = pattern.pattern.regex.pattern
        part = regex.removeprefix("^").removesuffix("$").removesuffix("/?").replace("\\.", ".")
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + part)
        elif isinstance(pattern, URLPattern):
            yield prefix + part, pattern.callback


def api_endpoints() -> list[tuple[str, str]]:
    """(path without leading slash, HTTP method) of every DRF view under api/."""
    found = []
    for path, callback in _walk(get_resolver().url_patterns):
        view_class = getattr(callback, "cls", None)  # DRF views; the catch-all 404 is not one
        if not path.startswith("api/") or view_class is None:
            continue
        for method in ("get", "post", "put", "patch", "delete"):
            if hasattr(view_class, method):
                found.append((path, method))
    return sorted(found)


ENDPOINTS = api_endpoints()
PROTECTED = [(path, method) for path, method in ENDPOINTS if path not in PUBLIC]


def test_the_matrix_sees_every_endpoint():
    paths = {path for path, _ in ENDPOINTS}
    assert paths >= PUBLIC, PUBLIC - paths
    # A sanity floor, so a broken walk cannot make the matrix below silently empty.
    assert {
        "api/jobapps/get_jobapps",
        "api/jobapps/export_jobapps.csv",
        "api/users/me",
        "api/metrics/get_funnel",
        "api/users/get_user_google_emails",
    } <= paths
    assert len(PROTECTED) >= 35


# --- tokens -------------------------------------------------------------------------------------


def _no_token(user, oauth_app, api_client):
    return None


def _garbage_token(user, oauth_app, api_client):
    return "Bearer garbage-9f8e7d6c5b4a"


def _expired_token(user, oauth_app, api_client):
    return f"Bearer {issue_token(user, oauth_app, expires_in=-60).token}"


def _revoked_token(user, oauth_app, api_client):
    """A real token the user logged out (the logout endpoint revokes it)."""
    token = issue_token(user, oauth_app).token
    response = api_client.post(
        "/api/users/logout",
        {
            "client_id": oauth_app.client_id,
            "client_secret": CLIENT_SECRET,
            "token": token,
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    return f"Bearer {token}"


BAD_TOKENS = {
    "none": _no_token,
    "garbage": _garbage_token,
    "expired": _expired_token,
    "revoked": _revoked_token,
}


def request(client, method, path, data=None):
    # The web client sends JSON with Content-Type: application/json on every request.
    if method == "get":
        return client.get(f"/{path}", data or {}, HTTP_ACCEPT="*/*")
    return getattr(client, method)(f"/{path}", data or {}, format="json", HTTP_ACCEPT="*/*")


@pytest.mark.parametrize("path, method", PROTECTED, ids=[f"{m} {p}" for p, m in PROTECTED])
def test_protected_endpoints_refuse_missing_garbage_expired_and_revoked_tokens(
    path, method, user, oauth_app, api_client
):
    for kind, make_header in BAD_TOKENS.items():
        header = make_header(user, oauth_app, api_client)
        client = APIClient()
        if header:
            client.credentials(HTTP_AUTHORIZATION=header)
        response = request(client, method, path)
        body = response.json()
        assert list(body) == ENVELOPE_KEYS, (kind, body)
        assert (response.status_code, body["error_code"]) == (401, 12), (kind, body)
        assert body["error_message"] == NOT_AUTHENTICATED
        assert body["success"] is False and body["data"] is None
    if method != "get":
        # Who is calling is decided before the body is read: no parse error, no 415, for an
        # anonymous caller (and no parsing work done for one).
        for content, content_type in (("{", "application/json"), ("x", "text/plain")):
            response = getattr(APIClient(), method)(f"/{path}", content, content_type=content_type)
            assert (response.status_code, response.json()["error_code"]) == (401, 12), (
                content_type,
                response.content,
            )


def test_the_same_token_works_until_it_is_revoked(user, oauth_app, api_client):
    """The revoked case above refuses a token that worked: the refusal is the revocation's."""
    token = issue_token(user, oauth_app).token
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get("/api/jobapps/get_jobapps").status_code == 200
    api_client.post(
        "/api/users/logout",
        {"client_id": oauth_app.client_id, "client_secret": CLIENT_SECRET, "token": token},
        format="json",
    )
    assert client.get("/api/jobapps/get_jobapps").status_code == 401


# --- two users ----------------------------------------------------------------------------------


class Victim:
    """User A's data: an application with history, a note, a linked email, a captured URL,
    and Google/LinkedIn credentials holding provider tokens."""

    def __init__(self, user):
        self.user = user
        self.app = JobApplicationFactory(
            user=user,
            job_title=A_TITLE,
            company=A_COMPANY,
            job_url=A_JOB_URL,
            location=A_LOCATION,
            application_status_id=ApplicationStatus.APPLIED,
        )
        StatusHistory.objects.create(
            job_application=self.app, application_status_id=ApplicationStatus.PHONE_SCREEN
        )
        self.note = NoteFactory(job_application=self.app, description=A_NOTE)
        self.contact = Contact.objects.create(
            job_application=self.app, name=A_CONTACT, email="mallorie@qwertzu.example"
        )
        self.event = Event.objects.create(
            job_application=self.app,
            kind=Event.Kind.VIDEO,
            start=datetime(2026, 3, 10, 15, tzinfo=UTC),
            location=A_EVENT_PLACE,
        )
        JobEmail.objects.create(
            user=user,
            msg_id="a-msg-1",
            subject=A_EMAIL_SUBJECT,
            body=A_EMAIL_BODY,
            date=datetime(2026, 3, 3, tzinfo=UTC),
            job_application=self.app,
            kind=JobEmail.Kind.APPLICATION_CONFIRMATION,
            company=A_COMPANY,
            job_title=A_TITLE,
        )
        ProviderCredential.objects.create(
            user=user,
            provider=Provider.GOOGLE,
            uid="g-matrix",
            access_token=GOOGLE_TOKEN,
            refresh_token=GOOGLE_REFRESH,
        )
        ProviderCredential.objects.create(
            user=user,
            provider=Provider.LINKEDIN,
            uid="li-matrix",
            access_token=LINKEDIN_TOKEN,
            profile={"id": "li-matrix", "first_name": "Alice", "headline": A_TITLE},
        )

    def snapshot(self) -> list:
        """Every row of A's that an endpoint could change."""
        return [
            [model_to_dict(row) for row in queryset.order_by("pk")]
            for queryset in (
                JobApplication.objects.filter(user=self.user),
                StatusHistory.objects.filter(job_application__user=self.user),
                Note.objects.filter(job_application__user=self.user),
                Contact.objects.filter(job_application__user=self.user),
                Event.objects.filter(job_application__user=self.user),
                JobEmail.objects.filter(user=self.user),
                ProviderCredential.objects.filter(user=self.user),
            )
        ]


@pytest.fixture
def victim(user):
    return Victim(user)


@pytest.fixture
def intruder(other_user, make_client):
    """User B, with an application of their own (so B's lists and metrics are not empty)."""
    JobApplicationFactory(user=other_user, job_title="Bob's Own Title", company="Bob Corp")
    return make_client(other_user)


def assert_no_victim_text(response):
    text = response.content.decode().lower()
    for secret in A_TEXTS:
        assert secret.lower() not in text, (secret, response.content[:500])


# (method, path, body or query built from A's application and note)
CROSS_USER = [
    ("get", "api/jobapps/get_status_history", lambda a: {"jobapp_id": a.app.id}),
    ("get", "api/jobapps/get_status_history", lambda a: {"jopapp_id": a.app.id}),
    ("get", "api/jobapps/get_jobapp_detail", lambda a: {"jobapp_id": a.app.id}),
    ("get", "api/jobapps/get_jobapp_detail", lambda a: {"jopapp_id": a.app.id}),
    ("get", "api/jobapps/get_jobapp_notes", lambda a: {"jobapp_id": a.app.id}),
    ("get", "api/jobapps/get_jobapp_notes", lambda a: {"jopapp_id": a.app.id}),
    ("post", "api/jobapps/update_jobapp", lambda a: {"jobapp_id": a.app.id, "status_id": 5}),
    ("post", "api/jobapps/update_jobapp", lambda a: {"jopapp_id": a.app.id, "rejected": True}),
    (
        "post",
        "api/jobapps/edit_jobapp",
        lambda a: {"jobapp_id": a.app.id, "job_title": "Owned", "job_url": "https://x.example/1"},
    ),
    ("post", "api/jobapps/delete_jobapp", lambda a: {"jobapp_id": a.app.id}),
    ("post", "api/jobapps/delete_jobapp", lambda a: {"jopapp_id": a.app.id}),
    ("post", "api/jobapps/add_jobapp_note", lambda a: {"jobapp_id": a.app.id, "description": "x"}),
    (
        "post",
        "api/jobapps/update_jobapp_note",
        lambda a: {"jobapp_note_id": a.note.id, "description": "Owned"},
    ),
    ("post", "api/jobapps/delete_jobapp_note", lambda a: {"jobapp_note_id": a.note.id}),
    ("get", "api/jobapps/get_jobapp_contacts", lambda a: {"jobapp_id": a.app.id}),
    ("get", "api/jobapps/get_jobapp_contacts", lambda a: {"jopapp_id": a.app.id}),
    ("post", "api/jobapps/add_jobapp_contact", lambda a: {"jobapp_id": a.app.id, "name": "x"}),
    (
        "post",
        "api/jobapps/add_jobapp_contact",
        lambda a: {"jopapp_id": a.app.id, "email": "mallorie@qwertzu.example"},
    ),
    (
        "post",
        "api/jobapps/update_jobapp_contact",
        lambda a: {"jobapp_contact_id": a.contact.id, "name": "Owned"},
    ),
    ("post", "api/jobapps/delete_jobapp_contact", lambda a: {"jobapp_contact_id": a.contact.id}),
    ("get", "api/jobapps/get_jobapp_events", lambda a: {"jobapp_id": a.app.id}),
    ("get", "api/jobapps/get_jobapp_events", lambda a: {"jopapp_id": a.app.id}),
    (
        "post",
        "api/jobapps/add_jobapp_event",
        lambda a: {"jobapp_id": a.app.id, "start": "2026-03-11T10:00:00Z", "kind": "phone"},
    ),
    (
        "post",
        "api/jobapps/update_jobapp_event",
        lambda a: {"jobapp_event_id": a.event.id, "location": "Owned"},
    ),
    ("post", "api/jobapps/delete_jobapp_event", lambda a: {"jobapp_event_id": a.event.id}),
]


@pytest.mark.parametrize(
    "method, path, build",
    CROSS_USER,
    ids=[f"{p.rsplit('/', 1)[1]}-{i}" for i, (_, p, _) in enumerate(CROSS_USER)],
)
def test_another_users_ids_are_not_found_change_nothing_and_leak_nothing(
    victim, intruder, method, path, build
):
    before = victim.snapshot()
    response = request(intruder, method, path, build(victim))
    body = response.json()
    assert list(body) == ENVELOPE_KEYS
    assert (response.status_code, body["error_code"], body["data"]) == (404, 11, None), body
    assert_no_victim_text(response)
    assert victim.snapshot() == before


def test_every_jobapps_endpoint_is_classified():
    """A new /api/jobapps/ endpoint fails here until it is either in the cross-user matrix or
    listed as taking no id of an existing object."""
    no_object_id = {
        "get_jobapps",
        "get_statuses",
        "add_jobapp",
        "import_jobapps_csv",
        "get_follow_ups",  # the caller's own list: no_read_endpoint test below
        "capture",
        "export_jobapps.csv",
    }  # the last two: tests below
    listed = {path for _, path, _ in CROSS_USER}
    jobapps = {path for path, _ in PROTECTED if path.startswith("api/jobapps/")}
    unclassified = {p for p in jobapps - listed if p.rsplit("/", 1)[1] not in no_object_id}
    assert not unclassified


def test_capture_by_another_users_job_url_neither_reveals_nor_touches_theirs(
    victim, intruder, other_user
):
    before = victim.snapshot()
    lookup = intruder.get("/api/jobapps/capture", {"job_url": A_JOB_URL})
    assert lookup.status_code == 200
    assert lookup.json()["data"] == {"tracked": False, "jobapp": None}

    captured = intruder.post(
        "/api/jobapps/capture",
        {"job_url": A_JOB_URL, "job_title": "B's view of it", "company": "B's guess"},
        format="json",
    )
    assert captured.status_code == 200
    data = captured.json()["data"]
    assert data["created"] is True  # B's own application, not A's
    assert data["jobapp"]["user"] == other_user.id and data["jobapp"]["id"] != victim.app.id
    for response in (lookup, captured):
        assert_no_victim_text(response)
    assert victim.snapshot() == before


def test_export_holds_only_the_callers_applications(victim, intruder):
    response = intruder.get("/api/jobapps/export_jobapps.csv")
    assert response.status_code == 200
    assert b"Bob Corp" in response.content
    assert_no_victim_text(response)


def test_no_read_endpoint_shows_another_users_data(victim, intruder):
    """Every protected GET, called by B with no parameters and with A's ids and job URL as
    parameters, carries none of A's text."""
    params = {
        "jobapp_id": victim.app.id,
        "jopapp_id": victim.app.id,
        "jobapp_note_id": victim.note.id,
        "jobapp_contact_id": victim.contact.id,
        "jobapp_event_id": victim.event.id,
        "job_url": A_JOB_URL,
    }
    for path, method in PROTECTED:
        if method != "get":
            continue
        for query in ({}, params):
            response = intruder.get(f"/{path}", query, HTTP_ACCEPT="*/*")
            assert response.status_code < 500, (path, response.content[:300])
            assert_no_victim_text(response)


# --- throttling ---------------------------------------------------------------------------------


def test_login_throttling_at_the_shipped_rate_is_429_code_13_with_retry_after(
    oauth_app, user, api_client, settings
):
    """Guessing one account's password from one address: after THROTTLE_LOGIN_USERNAME
    (10/min, per account and address) attempts even the right password waits, with
    Retry-After. (Other addresses, and the per-account ceiling: users/tests/test_throttling.py.)"""
    limit = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["login_username"].split("/")[0])
    body = {
        "client_id": oauth_app.client_id,
        "client_secret": CLIENT_SECRET,
        "username": user.username,
    }
    for attempt in range(limit):
        response = api_client.post(
            "/api/users/login",
            {**body, "password": f"guess-{attempt}"},
            format="json",
            REMOTE_ADDR="10.1.0.1",
        )
        assert response.json()["error_code"] == 6
    response = api_client.post(
        "/api/users/login", {**body, "password": PASSWORD}, format="json", REMOTE_ADDR="10.1.0.1"
    )
    payload = response.json()
    assert list(payload) == ENVELOPE_KEYS
    assert (response.status_code, payload["error_code"]) == (429, 13)
    assert payload["error_message"] == "Too many requests. Try again later."
    assert 1 <= int(response["Retry-After"]) <= 60


# --- secrets ------------------------------------------------------------------------------------


def test_no_response_carries_a_password_hash_client_secret_or_provider_token(
    victim, user, oauth_app, api_client, settings
):
    """The victim logs in, uses every endpoint (reads with their own ids, writes, the public
    flows with right and wrong input), and no response body or header shows a password hash
    (any hasher's prefix), the OAuth client secret or a stored Google/LinkedIn token."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]
    UserFactory(username="carol")  # another account with a stored hash
    login = api_client.post(
        "/api/users/login",
        {
            "client_id": oauth_app.client_id,
            "client_secret": CLIENT_SECRET,
            "username": user.username,
            "password": PASSWORD,
        },
        format="json",
    )
    assert login.status_code == 200
    tokens = login.json()["data"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}")
    ids = {
        "jobapp_id": victim.app.id,
        "jobapp_note_id": victim.note.id,
        "job_url": A_JOB_URL,
        "description": "a note",
        "status_id": 3,
        "job_title": "Edited",
        "company": "Edited Co",
        "application_date": "2026-03-01",
        "token": "not-a-google-token",
        "first_name": "Alice",
        "old_password": "wrong",
        "password": "x",
        "password2": "y",
        "jobapp_contact_id": victim.contact.id,
        "jobapp_event_id": victim.event.id,
        "name": "Dana",
        "start": "2026-03-12T09:00:00Z",
        "kind": "onsite",
    }
    public_bodies = {
        "api/users/login": {
            "client_id": oauth_app.client_id,
            "client_secret": "wrong",
            "username": user.username,
            "password": "nope",
        },
        "api/users/register": {
            "first_name": "",
            "last_name": "",
            "username": "alice",
            "email": user.email,
            "password": PASSWORD,
            "password2": PASSWORD,
        },
        "api/users/refresh_token": {
            "client_id": oauth_app.client_id,
            "client_secret": CLIENT_SECRET,
            "refresh_token": tokens["refresh_token"],
        },
        "api/users/request_password_reset": {"email": user.email},
        "api/users/reset_password": {"uid": "x", "token": "y", "password": "p", "password2": "p"},
    }
    seen = [login]
    for path, method in ENDPOINTS:
        if path in (
            "api/users/logout",
            "api/users/change_password",
            "api/users/auth_social_user",
            "api/users/update_gmail_token",
            "api/jobapps/delete_jobapp",
        ):
            continue  # would end the session or call Google/LinkedIn (tested in users/)
        if path in PUBLIC:
            if method == "post":
                seen.append(request(api_client, method, path, public_bodies.get(path, {})))
            else:
                seen.append(api_client.get(f"/{path}", HTTP_ACCEPT="application/json"))
            continue
        seen.append(
            request(
                client,
                method,
                path,
                ids if method != "get" else {"jobapp_id": victim.app.id, "job_url": A_JOB_URL},
            )
        )
    assert len(seen) > 40
    user.refresh_from_db()
    forbidden = [
        "argon2$",
        "md5$",
        "pbkdf2",
        user.password,
        CLIENT_SECRET,
        GOOGLE_TOKEN,
        GOOGLE_REFRESH,
        LINKEDIN_TOKEN,
    ]
    for response in seen:
        assert response.status_code < 500, response.content[:300]
        text = response.content.decode() + json.dumps(dict(response.items()))
        for secret in forbidden:
            assert secret not in text, (secret, response.request["PATH_INFO"])
