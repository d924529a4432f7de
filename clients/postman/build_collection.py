# ruff: noqa: E501  (the JavaScript of the test scripts keeps its natural line length)
"""Writes jobhax.postman_collection.json (Postman v2.1) from the request list below.

The collection is generated so that every request carries complete, readable test scripts
without copy-paste drift: run `python clients/postman/build_collection.py` after editing this
file (`--check` fails when the committed JSON is stale; run.sh calls it). Standard library only.

Layout of the scripts Postman/newman runs:
* the first request's pre-request: a new random suffix (usernames, emails, job URLs), so reruns
  against the same database pass;
* collection test: the envelope checks every JSON response gets (keys in order, success vs
  error_code, error_message and HTTP status from the contract's code table);
* each request's test: its HTTP status and error_code, the exact data shape, and the values that
  request is about; it stores tokens and ids in collection variables for later requests.
"""

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "jobhax.postman_collection.json"

JSON_HEADERS = [{"key": "Content-Type", "value": "application/json"}]

# --- shared snippets ------------------------------------------------------------------------------

CODE_TABLE = {
    0: ("", 200),
    1: ("Invalid credentials", 401),
    2: ("User profile not found.", 404),
    3: ("Error occured while updating the google token.", 400),
    4: ("Google token has expired. Please refresh Google token.", 409),
    5: ("Couldnt logout user...", 400),
    6: ("Could not login... Please check your credentials...", 401),
    7: ("Passwords do not match", 400),
    8: ("That username is taken", 409),
    9: ("That email is being used", 409),
    10: ("Invalid parameters...", 400),
    11: ("Record not found...", 404),
    12: ("Authentication credentials were not provided or are invalid.", 401),
    13: ("Too many requests. Try again later.", 429),
    14: ("Method not allowed.", 405),
    15: ("Unsupported media type.", 415),
    16: ("Password is too weak.", 400),
    17: ("Gmail is not connected.", 409),
    18: ("Request too large.", 413),
    19: ("Service temporarily unavailable. Try again later.", 503),
    99: ("Internal server error.", 500),
}

# The first request picks a new random suffix on every run (the Postman app keeps collection
# variables between runs), for fresh usernames, emails and job URLs on a reused database.
NEW_RUN_PREREQUEST = """\
const suffix = Date.now().toString(36) + Math.floor(Math.random() * 1e6).toString(36);
pm.collectionVariables.set('suffix', suffix);
pm.collectionVariables.set('username_a', 'alice_' + suffix);
pm.collectionVariables.set('username_b', 'bob_' + suffix);
pm.collectionVariables.set('email_a', 'alice_' + suffix + '@example.com');
pm.collectionVariables.set('email_b', 'bob_' + suffix + '@example.com');
"""

COLLECTION_TEST = """\
// Every JSON response is the envelope of CONTRACT.md section 2.
const CODES = __CODES__;
const contentType = pm.response.headers.get('Content-Type') || '';
if (pm.request.method === 'OPTIONS') {
    // CORS preflights answer with an empty body; their requests check the CORS headers.
} else if (contentType.startsWith('application/json')) {
    const envelope = pm.response.json();
    pm.test('[envelope] success, error_code, error_message, data first and in that order', () => {
        pm.expect(Object.keys(envelope).slice(0, 4)).to.eql(['success', 'error_code', 'error_message', 'data']);
        // Only the paged list adds a key, after data.
        pm.expect(Object.keys(envelope).slice(4).join(',')).to.be.oneOf(['', 'pagination']);
    });
    pm.test('[envelope] success is true exactly when error_code is 0', () => {
        pm.expect(envelope.success).to.eql(envelope.error_code === 0);
    });
    pm.test('[envelope] error_message and HTTP status follow the code table', () => {
        pm.expect(CODES).to.have.property(String(envelope.error_code));
        const [message, status] = CODES[envelope.error_code];
        pm.expect(envelope.error_message).to.eql(message);
        pm.expect(pm.response.code).to.eql(status);
    });
    if (!envelope.success) {
        pm.test('[envelope] failure data is null or {fields}', () => {
            if (envelope.data !== null) pm.expect(Object.keys(envelope.data)).to.eql(['fields']);
        });
    }
} else {
    pm.test('[envelope] only the CSV export answers with something else', () => {
        pm.expect(pm.request.url.getPath()).to.match(/\\.csv$/);
    });
}
""".replace("__CODES__", json.dumps({str(k): list(v) for k, v in CODE_TABLE.items()}))

# Helpers a request's test script gets when it uses them (prepended by name).
HELPERS = {
    "expectJobapp": """\
// The job application object: these keys first, in this order (CONTRACT.md section 4).
const JOBAPP_KEYS = ['id', 'applicationStatus', 'jobTitle', 'company', 'companyLogo', 'applyDate', 'msgId', 'source', 'isRejected', 'user'];
function expectJobapp(app) {
    pm.expect(app).to.be.an('object');
    pm.expect(Object.keys(app).slice(0, JOBAPP_KEYS.length)).to.eql(JOBAPP_KEYS);
    pm.expect(app.id).to.be.a('number');
    if (app.applicationStatus !== null) {
        pm.expect(Object.keys(app.applicationStatus)).to.eql(['id', 'value']);
        pm.expect(app.applicationStatus.id).to.be.a('number');
        pm.expect(app.applicationStatus.value).to.be.a('string');
    }
    pm.expect(app.jobTitle).to.be.a('string');
    pm.expect(app.company).to.be.a('string');
    pm.expect(app.applyDate).to.match(/^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$/);
    pm.expect(app.msgId).to.be.a('string');
    pm.expect(app.source).to.be.a('string');
    pm.expect(app.isRejected).to.be.a('boolean');
    pm.expect(app.user).to.be.a('number');
}
""",
    "expectToken": """\
// The token object of login, refresh_token and auth_social_user (CONTRACT.md section 3).
function expectToken(token) {
    pm.expect(Object.keys(token)).to.eql(['access_token', 'expires_in', 'token_type', 'scope', 'refresh_token']);
    pm.expect(token.access_token).to.be.a('string').and.not.empty;
    pm.expect(token.refresh_token).to.be.a('string').and.not.empty;
    pm.expect(token.expires_in).to.eql(36000);
    pm.expect(token.token_type).to.eql('Bearer');
    pm.expect(token.scope).to.eql('read write');
}
""",
    "expectNote": """\
function expectNote(note) {
    pm.expect(Object.keys(note)).to.eql(['id', 'description', 'created_date', 'update_date']);
    pm.expect(note.id).to.be.a('number');
    pm.expect(note.created_date).to.match(/^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$/);
    if (note.update_date !== null) pm.expect(note.update_date).to.match(/Z$/);
}
""",
    "expectByMonth": """\
// [[{source, data: [12 ints]}, ...], [12 month names]]: the 12 months ending with this one.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function expectByMonth(data, sources) {
    pm.expect(data).to.be.an('array').with.lengthOf(2);
    const [rows, months] = data;
    pm.expect(rows.map((row) => row.source)).to.eql(sources);
    rows.forEach((row) => {
        pm.expect(Object.keys(row)).to.eql(['source', 'data']);
        pm.expect(row.data).to.have.lengthOf(12);
        row.data.forEach((n) => pm.expect(Number.isInteger(n)).to.be.true);
    });
    const now = new Date().getUTCMonth();
    const expected = [];
    for (let i = 11; i >= 0; i--) expected.push(MONTHS[(now - i + 12) % 12]);
    pm.expect(months).to.eql(expected);
    return rows;
}
""",
    "expectTopList": """\
function expectTopList(list) {
    pm.expect(list).to.be.an('array');
    list.forEach((entry) => {
        pm.expect(Object.keys(entry)).to.eql(['name', 'count']);
        pm.expect(entry.count).to.be.a('number');
    });
}
""",
}


def expect(status: int, code: int) -> str:
    return (
        "const body = pm.response.json();\n"
        f"pm.test('HTTP {status}, error_code {code}', () => {{\n"
        f"    pm.response.to.have.status({status});\n"
        f"    pm.expect(body.error_code).to.eql({code});\n"
        "});\n"
    )


def data_null() -> str:
    return "pm.test('data is null', () => pm.expect(body.data).to.be.null);\n"


def fields_error(*names: str) -> str:
    keys = json.dumps(list(names))
    return (
        f"pm.test('data.fields names {', '.join(names)}', () => {{\n"
        f"    pm.expect(body.data).to.have.property('fields');\n"
        f"    pm.expect(body.data.fields).to.include.all.keys({keys});\n"
        "});\n"
    )


def test_script(code: str) -> list[str]:
    used = [source for name, source in HELPERS.items() if re.search(rf"\b{name}\b", code)]
    return "\n".join([*used, code]).rstrip("\n").split("\n")


# --- requests -------------------------------------------------------------------------------------


def url(path: str, query: dict | None = None) -> dict:
    raw = "{{base_url}}" + path
    result: dict[str, Any] = {
        "raw": raw,
        "host": ["{{base_url}}"],
        "path": path.strip("/").split("/"),
    }
    if query:
        result["query"] = [{"key": k, "value": v} for k, v in query.items()]
        result["raw"] += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return result


def request(
    name: str,
    method: str,
    path: str,
    tests: str,
    *,
    body=None,
    form: dict | None = None,
    raw: str | None = None,
    content_type: str | None = None,
    query: dict | None = None,
    auth: str | None = "{{token_a}}",
    headers: list | None = None,
    prerequest: str | None = None,
    description: str = "",
) -> dict:
    request_headers = list(headers or [])
    if auth:
        request_headers.append({"key": "Authorization", "value": f"Bearer {auth}"})
    req: dict = {"method": method, "header": request_headers, "url": url(path, query)}
    if description:
        req["description"] = description
    if form is not None:
        req["body"] = {
            "mode": "urlencoded",
            "urlencoded": [{"key": k, "value": v, "type": "text"} for k, v in form.items()],
        }
    elif raw is not None:
        req["body"] = {"mode": "raw", "raw": raw}
        req["header"].append({"key": "Content-Type", "value": content_type or "text/plain"})
    elif body is not None or content_type == "application/json":
        # The web client sends Content-Type: application/json on every request, GETs included.
        req["header"] = JSON_HEADERS + req["header"]
        if body is not None:
            req["body"] = {
                "mode": "raw",
                "raw": body if isinstance(body, str) else json.dumps(body, indent=2),
                "options": {"raw": {"language": "json"}},
            }
    events = [{"listen": "test", "script": {"type": "text/javascript", "exec": test_script(tests)}}]
    if prerequest:
        events.insert(
            0,
            {
                "listen": "prerequest",
                "script": {"type": "text/javascript", "exec": prerequest.rstrip("\n").split("\n")},
            },
        )
    return {"name": name, "event": events, "request": req}


def folder(name: str, description: str, items: list[dict]) -> dict:
    return {"name": name, "description": description, "item": items}


CLIENT = {"client_id": "{{client_id}}", "client_secret": "{{client_secret}}"}
JOBAPP_KEYS_EXTRA = "['jobUrl', 'location', 'salary']"


def users_folder() -> dict:
    register_a = {
        "first_name": "Alice",
        "last_name": "Anders",
        "username": "{{username_a}}",
        "email": "{{email_a}}",
        "password": "{{password_a}}",
        "password2": "{{password_a}}",
        **CLIENT,
    }
    items = [
        request(
            "health (and a new random suffix for this run)",
            "GET",
            "/api/health",
            auth=None,
            prerequest=NEW_RUN_PREREQUEST,
            tests=expect(200, 0)
            + """\
pm.test('database ok, broker ok or in-process', () => {
    pm.expect(body.data.database).to.eql('ok');
    pm.expect(body.data.broker).to.be.oneOf(['ok', 'eager']);
});
""",
        ),
        request(
            "register user A (JSON)",
            "POST",
            "/api/users/register",
            auth=None,
            body=register_a,
            tests=expect(200, 0) + data_null(),
        ),
        request(
            "register user B (form-encoded, as Postman users send it)",
            "POST",
            "/api/users/register",
            auth=None,
            form={
                "first_name": "Bob",
                "last_name": "Brown",
                "username": "{{username_b}}",
                "email": "{{email_b}}",
                "password": "{{password_b}}",
                "password2": "{{password_b}}",
            },
            tests=expect(200, 0) + data_null(),
        ),
        request(
            "register: username taken, any case (8)",
            "POST",
            "/api/users/register",
            auth=None,
            body={**register_a, "username": "{{username_a_upper}}", "email": "x{{email_a}}"},
            prerequest="pm.collectionVariables.set('username_a_upper', "
            "pm.collectionVariables.get('username_a').toUpperCase());\n",
            tests=expect(409, 8) + data_null(),
        ),
        request(
            "register: email used, any case (9)",
            "POST",
            "/api/users/register",
            auth=None,
            body={**register_a, "username": "other_{{suffix}}", "email": "{{email_a_upper}}"},
            prerequest="pm.collectionVariables.set('email_a_upper', "
            "pm.collectionVariables.get('email_a').toUpperCase());\n",
            tests=expect(409, 9) + data_null(),
        ),
        request(
            "register: passwords differ (7)",
            "POST",
            "/api/users/register",
            auth=None,
            body={
                **register_a,
                "username": "other_{{suffix}}",
                "email": "o{{email_a}}",
                "password2": "{{password_a}}x",
            },
            tests=expect(400, 7),
        ),
        request(
            "register: weak password (16)",
            "POST",
            "/api/users/register",
            auth=None,
            body={
                **register_a,
                "username": "other_{{suffix}}",
                "email": "o{{email_a}}",
                "password": "123",
                "password2": "123",
            },
            tests=expect(400, 16),
        ),
        request(
            "register: missing email (10)",
            "POST",
            "/api/users/register",
            auth=None,
            body={k: v for k, v in register_a.items() if k != "email"},
            tests=expect(400, 10) + fields_error("email"),
        ),
        request(
            "login A by username",
            "POST",
            "/api/users/login",
            auth=None,
            body={**CLIENT, "username": "{{username_a}}", "password": "{{password_a}}"},
            tests=expect(200, 0)
            + """\
pm.test('data is the token object', () => expectToken(body.data));
pm.collectionVariables.set('token_a_first', body.data.access_token);
""",
        ),
        request(
            "login A by email",
            "POST",
            "/api/users/login",
            auth=None,
            body={**CLIENT, "username": "{{email_a}}", "password": "{{password_a}}"},
            tests=expect(200, 0)
            + """\
pm.test('data is the token object', () => expectToken(body.data));
pm.test('a new access token', () => pm.expect(body.data.access_token).to.not.eql(pm.collectionVariables.get('token_a_first')));
pm.collectionVariables.set('token_a', body.data.access_token);
pm.collectionVariables.set('refresh_a', body.data.refresh_token);
""",
        ),
        request(
            "login B (form-encoded)",
            "POST",
            "/api/users/login",
            auth=None,
            form={**CLIENT, "username": "{{username_b}}", "password": "{{password_b}}"},
            tests=expect(200, 0)
            + """\
pm.test('data is the token object', () => expectToken(body.data));
pm.collectionVariables.set('token_b', body.data.access_token);
""",
        ),
        request(
            "login: wrong password (6)",
            "POST",
            "/api/users/login",
            auth=None,
            body={**CLIENT, "username": "{{username_a}}", "password": "wrong-{{password_a}}"},
            tests=expect(401, 6) + data_null(),
        ),
        request(
            "login: wrong client secret (6)",
            "POST",
            "/api/users/login",
            auth=None,
            body={
                "client_id": "{{client_id}}",
                "client_secret": "not-the-secret",
                "username": "{{username_a}}",
                "password": "{{password_a}}",
            },
            tests=expect(401, 6) + data_null(),
        ),
        request(
            "login: username missing (10)",
            "POST",
            "/api/users/login",
            auth=None,
            body={**CLIENT, "password": "{{password_a}}"},
            tests=expect(400, 10) + fields_error("username"),
        ),
        request(
            "refresh_token (rotates)",
            "POST",
            "/api/users/refresh_token",
            auth=None,
            body={**CLIENT, "refresh_token": "{{refresh_a}}"},
            tests=expect(200, 0)
            + """\
pm.test('data is the token object', () => expectToken(body.data));
pm.test('the refresh token rotated', () => pm.expect(body.data.refresh_token).to.not.eql(pm.collectionVariables.get('refresh_a')));
pm.collectionVariables.set('used_refresh_a', pm.collectionVariables.get('refresh_a'));
pm.collectionVariables.set('token_a', body.data.access_token);
pm.collectionVariables.set('refresh_a', body.data.refresh_token);
""",
        ),
        request(
            "refresh_token: a used refresh token (1)",
            "POST",
            "/api/users/refresh_token",
            auth=None,
            body={**CLIENT, "refresh_token": "{{used_refresh_a}}"},
            tests=expect(401, 1) + data_null(),
        ),
        request(
            "a replayed refresh token signs that login out (12)",
            "GET",
            "/api/users/me",
            tests=expect(401, 12) + data_null(),
        ),
        request(
            "login A again after the replay",
            "POST",
            "/api/users/login",
            auth=None,
            body={**CLIENT, "username": "{{username_a}}", "password": "{{password_a}}"},
            tests=expect(200, 0)
            + """\
pm.collectionVariables.set('token_a', body.data.access_token);
pm.collectionVariables.set('refresh_a', body.data.refresh_token);
""",
        ),
        request(
            "me",
            "GET",
            "/api/users/me",
            content_type="application/json",
            tests=expect(200, 0)
            + """\
pm.test('data is the profile', () => {
    pm.expect(Object.keys(body.data)).to.eql(['id', 'username', 'first_name', 'last_name', 'email', 'providers', 'gmail', 'email_verified', 'ghosted_after_days', 'calendar_url']);
    pm.expect(body.data.username).to.eql(pm.collectionVariables.get('username_a'));
    pm.expect(body.data.email).to.eql(pm.collectionVariables.get('email_a'));
    pm.expect(body.data.first_name).to.eql('Alice');
    pm.expect(body.data.providers).to.eql([]);
    pm.expect(body.data.gmail).to.be.null;
});
pm.collectionVariables.set('user_a_id', body.data.id);
""",
        ),
        request(
            "me (B)",
            "GET",
            "/api/users/me",
            auth="{{token_b}}",
            tests=expect(200, 0)
            + """\
pm.test('B is another user', () => {
    pm.expect(body.data.username).to.eql(pm.collectionVariables.get('username_b'));
    pm.expect(body.data.id).to.not.eql(pm.collectionVariables.get('user_a_id'));
});
pm.collectionVariables.set('user_b_id', body.data.id);
""",
        ),
        request(
            "me: update name",
            "POST",
            "/api/users/me",
            body={"last_name": "  Archer  "},
            tests=expect(200, 0)
            + """\
pm.test('last name changed (trimmed), first name kept', () => {
    pm.expect(body.data.last_name).to.eql('Archer');
    pm.expect(body.data.first_name).to.eql('Alice');
});
""",
        ),
        request(
            "me: nothing to update (10)",
            "POST",
            "/api/users/me",
            body={},
            tests=expect(400, 10),
        ),
        request(
            "change_password: wrong old password (10, field named)",
            "POST",
            "/api/users/change_password",
            body={
                "old_password": "nope",
                "password": "{{password_a2}}",
                "password2": "{{password_a2}}",
            },
            tests=expect(400, 10) + fields_error("old_password"),
        ),
        request(
            "change_password",
            "POST",
            "/api/users/change_password",
            body={
                "old_password": "{{password_a}}",
                "password": "{{password_a2}}",
                "password2": "{{password_a2}}",
            },
            tests=expect(200, 0) + data_null(),
        ),
        request(
            "change_password signed out A's other sessions (12)",
            "GET",
            "/api/users/me",
            auth="{{token_a_first}}",
            tests=expect(401, 12) + data_null(),
        ),
        request(
            "login A with the new password",
            "POST",
            "/api/users/login",
            auth=None,
            body={**CLIENT, "username": "{{username_a}}", "password": "{{password_a2}}"},
            tests=expect(200, 0)
            + """\
pm.test('data is the token object', () => expectToken(body.data));
pm.collectionVariables.set('token_a', body.data.access_token);
pm.collectionVariables.set('refresh_a', body.data.refresh_token);
""",
        ),
        request(
            "request_password_reset (answers the same for any email)",
            "POST",
            "/api/users/request_password_reset",
            auth=None,
            body={"email": "nobody-{{suffix}}@example.com"},
            tests=expect(200, 0) + data_null(),
        ),
        request(
            "reset_password: bad link (10)",
            "POST",
            "/api/users/reset_password",
            auth=None,
            body={
                "uid": "MQ",
                "token": "bad-token",
                "password": "{{password_a2}}",
                "password2": "{{password_a2}}",
            },
            tests=expect(400, 10) + fields_error("token"),
        ),
    ]
    return folder(
        "1. Users: register, log in, refresh, profile",
        "Two users, A and B, with a random suffix; A's tokens in token_a/refresh_a, B's in "
        "token_b.",
        items,
    )


def providers_folder() -> dict:
    """Google/LinkedIn endpoints, only with answers that need no provider: never calls them."""
    items = [
        request(
            "auth_social_user: unknown provider (10, no provider called)",
            "POST",
            "/api/users/auth_social_user",
            auth=None,
            body={**CLIENT, "provider": "facebook", "token": "x"},
            tests=expect(400, 10) + fields_error("provider"),
        ),
        request(
            "auth_social_user: token missing (10, no provider called)",
            "POST",
            "/api/users/auth_social_user",
            auth=None,
            body={**CLIENT, "provider": "google-oauth2"},
            tests=expect(400, 10) + fields_error("token"),
        ),
        request(
            "update_gmail_token: no Google account (3)",
            "POST",
            "/api/users/update_gmail_token",
            body={"token": "ya29.not-a-real-token"},
            tests=expect(400, 3) + data_null(),
        ),
        request(
            "update_gmail_token: no token (10)",
            "POST",
            "/api/users/update_gmail_token",
            body={},
            tests=expect(400, 10) + fields_error("token"),
        ),
        request(
            "get_linkedin_profile: no LinkedIn account (2)",
            "GET",
            "/api/users/get_linkedin_profile",
            content_type="application/json",
            tests=expect(404, 2) + data_null(),
        ),
        request(
            "sync_user_emails: no Google account (17)",
            "GET",
            "/api/users/sync_user_emails",
            content_type="application/json",
            tests=expect(409, 17) + data_null(),
        ),
        request(
            "get_sync_status: no Google account (Gmail not connected)",
            "GET",
            "/api/users/get_sync_status",
            tests=expect(200, 0) + "pm.test('idle, gmail_connected false', () => {\n"
            "    pm.expect(body.data.state).to.eql('idle');\n"
            "    pm.expect(body.data.gmail_connected).to.eql(false);\n"
            "});\n",
        ),
        request(
            "get_user_google_mails: none",
            "GET",
            "/api/users/get_user_google_mails",
            content_type="application/json",
            tests=expect(200, 0)
            + "pm.test('an empty list', () => pm.expect(body.data).to.eql([]));\n",
        ),
        request(
            "get_user_google_emails (the seed's other spelling): none",
            "GET",
            "/api/users/get_user_google_emails",
            tests=expect(200, 0)
            + "pm.test('an empty list', () => pm.expect(body.data).to.eql([]));\n",
        ),
    ]
    return folder(
        "2. Google and LinkedIn (offline answers only)",
        "These endpoints talk to Google/LinkedIn when an account is linked. Here no account is "
        "linked and no provider is ever called: only the answers that hold offline.",
        items,
    )


def jobapps_folder() -> dict:
    items = [
        request(
            "get_statuses",
            "GET",
            "/api/jobapps/get_statuses",
            content_type="application/json",
            tests=expect(200, 0)
            + """\
pm.test('the five seeded statuses, by id', () => {
    pm.expect(body.data.slice(0, 5)).to.eql([
        {id: 1, value: 'Applied'}, {id: 2, value: 'To Apply'}, {id: 3, value: 'Phone Screen'},
        {id: 4, value: 'Onsite Interview'}, {id: 5, value: 'Offer'}]);
    body.data.forEach((status) => pm.expect(Object.keys(status)).to.eql(['id', 'value']));
});
""",
        ),
        request(
            "add_jobapp (A, LinkedIn, Applied)",
            "POST",
            "/api/jobapps/add_jobapp",
            body={
                "job_title": "Android Developer",
                "company": "Genuent",
                "application_date": "2019-01-23",
                "status_id": 1,
                "source": "LinkedIn",
            },
            tests=expect(200, 0)
            + """\
pm.test('data is the new job application', () => {
    expectJobapp(body.data);
    pm.expect(body.data.applicationStatus).to.eql({id: 1, value: 'Applied'});
    pm.expect(body.data.jobTitle).to.eql('Android Developer');
    pm.expect(body.data.company).to.eql('Genuent');
    pm.expect(body.data.companyLogo).to.be.null;
    pm.expect(body.data.applyDate).to.eql('2019-01-23T00:00:00Z');
    pm.expect(body.data.msgId).to.eql('');
    pm.expect(body.data.source).to.eql('LinkedIn');
    pm.expect(body.data.isRejected).to.be.false;
    pm.expect(body.data.user).to.eql(pm.collectionVariables.get('user_a_id'));
});
pm.collectionVariables.set('jobapp_1', body.data.id);
""",
        ),
        request(
            "add_jobapp (A, Indeed, datetime, status id as a string, untrimmed)",
            "POST",
            "/api/jobapps/add_jobapp",
            body={
                "job_title": "  Backend Engineer ",
                "company": " Initech ",
                "application_date": "2019-02-01T10:00:00Z",
                "status_id": "2",
                "source": "Indeed",
            },
            tests=expect(200, 0)
            + """\
pm.test('trimmed, status 2, the datetime kept', () => {
    expectJobapp(body.data);
    pm.expect(body.data.jobTitle).to.eql('Backend Engineer');
    pm.expect(body.data.company).to.eql('Initech');
    pm.expect(body.data.applicationStatus).to.eql({id: 2, value: 'To Apply'});
    pm.expect(body.data.applyDate).to.eql('2019-02-01T10:00:00Z');
});
pm.collectionVariables.set('jobapp_2', body.data.id);
""",
        ),
        request(
            "add_jobapp (B)",
            "POST",
            "/api/jobapps/add_jobapp",
            auth="{{token_b}}",
            body={
                "job_title": "Secret Project Lead",
                "company": "Bobcorp",
                "application_date": "2019-03-01",
                "status_id": 5,
            },
            tests=expect(200, 0)
            + """\
pm.test('B owns it; source defaults to ""', () => {
    expectJobapp(body.data);
    pm.expect(body.data.user).to.eql(pm.collectionVariables.get('user_b_id'));
    pm.expect(body.data.source).to.eql('');
});
pm.collectionVariables.set('jobapp_b', body.data.id);
""",
        ),
        request(
            "add_jobapp (B) without status_id: Applied",
            "POST",
            "/api/jobapps/add_jobapp",
            auth="{{token_b}}",
            body={
                "job_title": "Night Shift Lead",
                "company": "Bobcorp",
                "application_date": "2019-03-02",
            },
            tests=expect(200, 0)
            + """\
pm.test('status_id defaults to 1 (Applied)', () => {
    expectJobapp(body.data);
    pm.expect(body.data.applicationStatus).to.eql({id: 1, value: 'Applied'});
});
pm.collectionVariables.set('jobapp_b_default', body.data.id);
""",
        ),
        request(
            "delete_jobapp (B): the one without status_id",
            "POST",
            "/api/jobapps/delete_jobapp",
            auth="{{token_b}}",
            body={"jobapp_id": "{{jobapp_b_default}}"},
            tests=expect(200, 0) + data_null(),
        ),
        request(
            "add_jobapp: empty title (10)",
            "POST",
            "/api/jobapps/add_jobapp",
            body={
                "job_title": "   ",
                "company": "X",
                "application_date": "2019-01-01",
                "status_id": 1,
            },
            tests=expect(400, 10) + fields_error("job_title"),
        ),
        request(
            "add_jobapp: bad date (10)",
            "POST",
            "/api/jobapps/add_jobapp",
            body={
                "job_title": "X",
                "company": "X",
                "application_date": "23/01/2019",
                "status_id": 1,
            },
            tests=expect(400, 10) + fields_error("application_date"),
        ),
        request(
            "add_jobapp: unknown status (10)",
            "POST",
            "/api/jobapps/add_jobapp",
            body={
                "job_title": "X",
                "company": "X",
                "application_date": "2019-01-01",
                "status_id": 999,
            },
            tests=expect(400, 10),
        ),
        request(
            "add_jobapp: company missing (10)",
            "POST",
            "/api/jobapps/add_jobapp",
            body={"job_title": "X", "application_date": "2019-01-01", "status_id": 1},
            tests=expect(400, 10) + fields_error("company"),
        ),
        request(
            "update_jobapp: status to Phone Screen",
            "POST",
            "/api/jobapps/update_jobapp",
            body={"jobapp_id": "{{jobapp_1}}", "status_id": 3},
            tests=expect(200, 0)
            + """\
pm.test('data is the updated application', () => {
    expectJobapp(body.data);
    pm.expect(body.data.id).to.eql(pm.collectionVariables.get('jobapp_1'));
    pm.expect(body.data.applicationStatus).to.eql({id: 3, value: 'Phone Screen'});
});
""",
        ),
        request(
            "update_jobapp: same status again (no new history row)",
            "POST",
            "/api/jobapps/update_jobapp",
            body={"jobapp_id": "{{jobapp_1}}", "status_id": 3},
            tests=expect(200, 0)
            + """\
pm.test('still Phone Screen', () => pm.expect(body.data.applicationStatus.id).to.eql(3));
""",
        ),
        request(
            "update_jobapp: rejected",
            "POST",
            "/api/jobapps/update_jobapp",
            body={"jobapp_id": "{{jobapp_1}}", "rejected": True},
            tests=expect(200, 0)
            + """\
pm.test('rejected, status unchanged', () => {
    expectJobapp(body.data);
    pm.expect(body.data.isRejected).to.be.true;
    pm.expect(body.data.applicationStatus.id).to.eql(3);
});
""",
        ),
        request(
            "update_jobapp: neither status nor rejected (10)",
            "POST",
            "/api/jobapps/update_jobapp",
            body={"jobapp_id": "{{jobapp_1}}"},
            tests=expect(400, 10),
        ),
        request(
            "update_jobapp: jobapp_id not a number (10)",
            "POST",
            "/api/jobapps/update_jobapp",
            body={"jobapp_id": "seven", "status_id": 1},
            tests=expect(400, 10) + fields_error("jobapp_id"),
        ),
        request(
            "edit_jobapp",
            "POST",
            "/api/jobapps/edit_jobapp",
            body={
                "jobapp_id": "{{jobapp_1}}",
                "job_title": "Senior Android Developer",
                "location": "Berlin",
                "job_url": "https://jobs.example.com/android-{{suffix}}",
            },
            tests=expect(200, 0)
            + """\
pm.test('edited fields changed, the rest kept', () => {
    expectJobapp(body.data);
    pm.expect(body.data.jobTitle).to.eql('Senior Android Developer');
    pm.expect(body.data.company).to.eql('Genuent');
    pm.expect(body.data.location).to.eql('Berlin');
    pm.expect(body.data.jobUrl).to.eql('https://jobs.example.com/android-' + pm.collectionVariables.get('suffix'));
    pm.expect(body.data.isRejected).to.be.true;
});
""",
        ),
        request(
            "edit_jobapp: nothing to edit (10)",
            "POST",
            "/api/jobapps/edit_jobapp",
            body={"jobapp_id": "{{jobapp_1}}"},
            tests=expect(400, 10),
        ),
        request(
            "get_status_history",
            "GET",
            "/api/jobapps/get_status_history",
            query={"jobapp_id": "{{jobapp_1}}"},
            content_type="application/json",
            tests=expect(200, 0)
            + """\
pm.test('Applied then Phone Screen, oldest first (the repeated status added nothing)', () => {
    pm.expect(body.data.map((row) => row.applicationStatus)).to.eql([{id: 1, value: 'Applied'}, {id: 3, value: 'Phone Screen'}]);
    body.data.forEach((row) => {
        pm.expect(Object.keys(row)).to.eql(['applicationStatus', 'update_date']);
        pm.expect(row.update_date).to.match(/^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$/);
    });
    pm.expect(body.data[0].update_date <= body.data[1].update_date).to.be.true;
});
""",
        ),
        request(
            "get_status_history (web client spelling jopapp_id)",
            "GET",
            "/api/jobapps/get_status_history",
            query={"jopapp_id": "{{jobapp_1}}"},
            content_type="application/json",
            tests=expect(200, 0)
            + "pm.test('two rows', () => pm.expect(body.data).to.have.lengthOf(2));\n",
        ),
        request(
            "get_status_history: id missing (10)",
            "GET",
            "/api/jobapps/get_status_history",
            tests=expect(400, 10),
        ),
        request(
            "add_jobapp_note",
            "POST",
            "/api/jobapps/add_jobapp_note",
            body={"jobapp_id": "{{jobapp_1}}", "description": "Recruiter: Dana, call back Monday"},
            tests=expect(200, 0)
            + """\
pm.test('data is the note, not yet edited', () => {
    expectNote(body.data);
    pm.expect(body.data.description).to.eql('Recruiter: Dana, call back Monday');
    pm.expect(body.data.update_date).to.be.null;
});
pm.collectionVariables.set('note_1', body.data.id);
""",
        ),
        request(
            "add_jobapp_note (second)",
            "POST",
            "/api/jobapps/add_jobapp_note",
            body={"jobapp_id": "{{jobapp_1}}", "description": "Sent the portfolio"},
            tests=expect(200, 0)
            + """\
pm.test('data is the note', () => expectNote(body.data));
pm.collectionVariables.set('note_2', body.data.id);
""",
        ),
        request(
            "add_jobapp_note: empty description (10)",
            "POST",
            "/api/jobapps/add_jobapp_note",
            body={"jobapp_id": "{{jobapp_1}}", "description": ""},
            tests=expect(400, 10) + fields_error("description"),
        ),
        request(
            "update_jobapp_note",
            "POST",
            "/api/jobapps/update_jobapp_note",
            body={"jobapp_note_id": "{{note_1}}", "description": "Recruiter: Dana, call Tuesday"},
            tests=expect(200, 0)
            + """\
pm.test('the updated note, with update_date', () => {
    expectNote(body.data);
    pm.expect(body.data.id).to.eql(pm.collectionVariables.get('note_1'));
    pm.expect(body.data.description).to.eql('Recruiter: Dana, call Tuesday');
    pm.expect(body.data.update_date).to.be.a('string');
});
""",
        ),
        request(
            "get_jobapp_notes",
            "GET",
            "/api/jobapps/get_jobapp_notes",
            query={"jobapp_id": "{{jobapp_1}}"},
            content_type="application/json",
            tests=expect(200, 0)
            + """\
pm.test('both notes, oldest first', () => {
    body.data.forEach(expectNote);
    pm.expect(body.data.map((note) => note.id)).to.eql([pm.collectionVariables.get('note_1'), pm.collectionVariables.get('note_2')]);
});
""",
        ),
        request(
            "get_jobapp_notes (jopapp_id)",
            "GET",
            "/api/jobapps/get_jobapp_notes",
            query={"jopapp_id": "{{jobapp_1}}"},
            tests=expect(200, 0)
            + "pm.test('two notes', () => pm.expect(body.data).to.have.lengthOf(2));\n",
        ),
        request(
            "get_jobapp_detail",
            "GET",
            "/api/jobapps/get_jobapp_detail",
            query={"jobapp_id": "{{jobapp_1}}"},
            content_type="application/json",
            tests=expect(200, 0)
            + """\
pm.test('{jobapp, posting, emails}', () => {
    pm.expect(Object.keys(body.data).slice(0, 3)).to.eql(['jobapp', 'posting', 'emails']);
    expectJobapp(body.data.jobapp);
    pm.expect(body.data.jobapp.id).to.eql(pm.collectionVariables.get('jobapp_1'));
    pm.expect(body.data.posting).to.be.an('object');
    pm.expect(body.data.posting.location).to.eql('Berlin');
    pm.expect(body.data.emails).to.eql([]);
});
""",
        ),
        request(
            "get_jobapp_detail (jopapp_id)",
            "GET",
            "/api/jobapps/get_jobapp_detail",
            query={"jopapp_id": "{{jobapp_2}}"},
            tests=expect(200, 0)
            + """\
pm.test('the second application', () => {
    expectJobapp(body.data.jobapp);
    pm.expect(body.data.jobapp.id).to.eql(pm.collectionVariables.get('jobapp_2'));
});
""",
        ),
        request(
            "get_jobapp_detail: no such id (11)",
            "GET",
            "/api/jobapps/get_jobapp_detail",
            query={"jobapp_id": "999999999"},
            tests=expect(404, 11) + data_null(),
        ),
        request(
            "capture (extension): new posting (Greenhouse embed, salary)",
            "POST",
            "/api/jobapps/capture",
            body={
                "job_url": "https://boards.greenhouse.io/embed/job_app?for=acme{{suffix}}"
                "&token=4012345&gh_src=newsletter&utm_source=x#app",
                "job_title": "Senior Platform Engineer",
                "company": "Acme Robotics",
                "location": "Berlin, Germany",
                "salary": "EUR 80-95k",
                "description": "Build the platform our robots run on.",
            },
            tests=expect(200, 0)
            + """\
pm.test("created, To Apply by default, the posting's canonical URL, salary kept", () => {
    pm.expect(Object.keys(body.data)).to.eql(['created', 'jobapp']);
    pm.expect(body.data.created).to.be.true;
    expectJobapp(body.data.jobapp);
    pm.expect(body.data.jobapp.applicationStatus).to.eql({id: 2, value: 'To Apply'});
    pm.expect(body.data.jobapp.jobTitle).to.eql('Senior Platform Engineer');
    pm.expect(body.data.jobapp.company).to.eql('Acme Robotics');
    pm.expect(body.data.jobapp.jobUrl).to.eql('https://job-boards.greenhouse.io/acme' + pm.collectionVariables.get('suffix') + '/jobs/4012345');
    pm.expect(body.data.jobapp.salary).to.eql('EUR 80-95k');
});
pm.collectionVariables.set('jobapp_capture', body.data.jobapp.id);
""",
        ),
        request(
            "capture again, the board's own link with gh_src: created false",
            "POST",
            "/api/jobapps/capture",
            body={
                "job_url": "https://job-boards.greenhouse.io/acme{{suffix}}/jobs/4012345/?gh_src=8a1b2c",
                "job_title": "Senior Platform Engineer (copy)",
                "company": "Acme Robotics",
                "status_id": 1,
            },
            tests=expect(200, 0)
            + """\
pm.test('the existing application, unchanged', () => {
    pm.expect(body.data.created).to.be.false;
    expectJobapp(body.data.jobapp);
    pm.expect(body.data.jobapp.id).to.eql(pm.collectionVariables.get('jobapp_capture'));
    pm.expect(body.data.jobapp.jobTitle).to.eql('Senior Platform Engineer');
});
""",
        ),
        request(
            "capture lookup (GET ?job_url=): tracked",
            "GET",
            "/api/jobapps/capture",
            query={"job_url": "https://boards.greenhouse.io/acme{{suffix}}/jobs/4012345"},
            content_type="application/json",
            tests=expect(200, 0)
            + """\
pm.test('tracked, with the application', () => {
    pm.expect(Object.keys(body.data)).to.eql(['tracked', 'jobapp']);
    pm.expect(body.data.tracked).to.be.true;
    expectJobapp(body.data.jobapp);
    pm.expect(body.data.jobapp.id).to.eql(pm.collectionVariables.get('jobapp_capture'));
});
""",
        ),
        request(
            "capture lookup: B does not see A's capture",
            "GET",
            "/api/jobapps/capture",
            auth="{{token_b}}",
            query={"job_url": "https://boards.greenhouse.io/acme{{suffix}}/jobs/4012345"},
            tests=expect(200, 0)
            + """\
pm.test('not tracked for B', () => pm.expect(body.data).to.eql({tracked: false, jobapp: null}));
""",
        ),
        request(
            "capture: not a URL (10)",
            "POST",
            "/api/jobapps/capture",
            body={"job_url": "not a url", "job_title": "X", "company": "Y"},
            tests=expect(400, 10) + fields_error("job_url"),
        ),
        request(
            "get_jobapps",
            "GET",
            "/api/jobapps/get_jobapps",
            content_type="application/json",
            tests=expect(200, 0)
            + """\
pm.test("A's three applications, newest applyDate first", () => {
    body.data.forEach(expectJobapp);
    pm.expect(body.data.map((app) => app.id)).to.eql([
        pm.collectionVariables.get('jobapp_capture'), pm.collectionVariables.get('jobapp_2'), pm.collectionVariables.get('jobapp_1')]);
    body.data.forEach((app) => pm.expect(app.user).to.eql(pm.collectionVariables.get('user_a_id')));
});
""",
        ),
        request(
            "get_jobapps: status filter",
            "GET",
            "/api/jobapps/get_jobapps",
            query={"status_id": "2"},
            tests=expect(200, 0)
            + """\
pm.test('only To Apply', () => {
    pm.expect(body.data).to.have.lengthOf(2);
    body.data.forEach((app) => pm.expect(app.applicationStatus.id).to.eql(2));
});
""",
        ),
        request(
            "get_jobapps: paged",
            "GET",
            "/api/jobapps/get_jobapps",
            query={"page": "2", "page_size": "2"},
            tests=expect(200, 0)
            + """\
pm.test('page 2 of 2, pagination after data', () => {
    pm.expect(Object.keys(body)).to.eql(['success', 'error_code', 'error_message', 'data', 'pagination']);
    pm.expect(body.pagination).to.eql({current_page: 2, page_count: 2, total_count: 3});
    pm.expect(body.data.map((app) => app.id)).to.eql([pm.collectionVariables.get('jobapp_1')]);
    body.data.forEach(expectJobapp);
});
""",
        ),
        request(
            "get_jobapps: ordering by a camelCase key (jobTitle)",
            "GET",
            "/api/jobapps/get_jobapps",
            query={"ordering": "jobTitle"},
            tests=expect(200, 0)
            + """\
pm.test('by title, A to Z', () => {
    pm.expect(body.data.map((app) => app.jobTitle)).to.eql([
        'Backend Engineer', 'Senior Android Developer', 'Senior Platform Engineer']);
});
""",
        ),
        request(
            "get_jobapps: ordering -applyDate is the default order",
            "GET",
            "/api/jobapps/get_jobapps",
            query={"ordering": "-applyDate"},
            tests=expect(200, 0)
            + """\
pm.test('newest applyDate first', () => {
    pm.expect(body.data.map((app) => app.id)).to.eql([
        pm.collectionVariables.get('jobapp_capture'), pm.collectionVariables.get('jobapp_2'), pm.collectionVariables.get('jobapp_1')]);
});
""",
        ),
        request(
            "get_jobapps: unknown ordering (10) lists the valid ones",
            "GET",
            "/api/jobapps/get_jobapps",
            query={"ordering": "salary"},
            tests=expect(400, 10)
            + fields_error("ordering")
            + """\
pm.test('the message names the valid values', () => {
    const message = body.data.fields.ordering[0];
    ['applyDate', 'jobTitle', 'company', 'updatedAt', 'applicationStatus'].forEach(
        (name) => pm.expect(message).to.include(name));
});
""",
        ),
        request(
            "get_jobapps: status_id not a number (10)",
            "GET",
            "/api/jobapps/get_jobapps",
            query={"status_id": "abc"},
            tests=expect(400, 10) + fields_error("status_id"),
        ),
        request(
            "get_jobapps (B): only B's",
            "GET",
            "/api/jobapps/get_jobapps",
            auth="{{token_b}}",
            tests=expect(200, 0)
            + """\
pm.test("B's one application", () => {
    pm.expect(body.data.map((app) => app.id)).to.eql([pm.collectionVariables.get('jobapp_b')]);
});
""",
        ),
    ]
    return folder(
        "3. Job applications",
        "A adds two applications and captures a posting; B adds one. Updates, edits, history, "
        "notes, detail, the extension's capture, and the lists.",
        items,
    )


def other_users_ids_folder() -> dict:
    """Another user's ids are "not found" (11) on every endpoint that takes one."""
    b = "{{token_b}}"
    items = [
        request(
            "update_jobapp: A's id as B (11)",
            "POST",
            "/api/jobapps/update_jobapp",
            auth=b,
            body={"jobapp_id": "{{jobapp_1}}", "status_id": 5},
            tests=expect(404, 11) + data_null(),
        ),
        request(
            "edit_jobapp: A's id as B (11)",
            "POST",
            "/api/jobapps/edit_jobapp",
            auth=b,
            body={"jobapp_id": "{{jobapp_1}}", "job_title": "Mine now"},
            tests=expect(404, 11) + data_null(),
        ),
        request(
            "delete_jobapp: A's id as B (11)",
            "POST",
            "/api/jobapps/delete_jobapp",
            auth=b,
            body={"jobapp_id": "{{jobapp_1}}"},
            tests=expect(404, 11) + data_null(),
        ),
        request(
            "get_jobapp_detail: A's id as B (11)",
            "GET",
            "/api/jobapps/get_jobapp_detail",
            auth=b,
            query={"jobapp_id": "{{jobapp_1}}"},
            tests=expect(404, 11) + data_null(),
        ),
        request(
            "get_status_history: A's id as B (11)",
            "GET",
            "/api/jobapps/get_status_history",
            auth=b,
            query={"jopapp_id": "{{jobapp_1}}"},
            tests=expect(404, 11) + data_null(),
        ),
        request(
            "get_jobapp_notes: A's id as B (11)",
            "GET",
            "/api/jobapps/get_jobapp_notes",
            auth=b,
            query={"jobapp_id": "{{jobapp_1}}"},
            tests=expect(404, 11) + data_null(),
        ),
        request(
            "add_jobapp_note: A's id as B (11)",
            "POST",
            "/api/jobapps/add_jobapp_note",
            auth=b,
            body={"jobapp_id": "{{jobapp_1}}", "description": "hi"},
            tests=expect(404, 11) + data_null(),
        ),
        request(
            "update_jobapp_note: A's note as B (11)",
            "POST",
            "/api/jobapps/update_jobapp_note",
            auth=b,
            body={"jobapp_note_id": "{{note_1}}", "description": "hi"},
            tests=expect(404, 11) + data_null(),
        ),
        request(
            "delete_jobapp_note: A's note as B (11)",
            "POST",
            "/api/jobapps/delete_jobapp_note",
            auth=b,
            body={"jobapp_note_id": "{{note_1}}"},
            tests=expect(404, 11) + data_null(),
        ),
        request(
            "get_jobapp_detail: B's id as A (11)",
            "GET",
            "/api/jobapps/get_jobapp_detail",
            query={"jobapp_id": "{{jobapp_b}}"},
            tests=expect(404, 11) + data_null(),
        ),
        request(
            "A's application untouched by B's attempts",
            "GET",
            "/api/jobapps/get_jobapp_notes",
            query={"jobapp_id": "{{jobapp_1}}"},
            tests=expect(200, 0)
            + """\
pm.test('both notes still there, note 1 as A left it', () => {
    pm.expect(body.data).to.have.lengthOf(2);
    pm.expect(body.data[0].description).to.eql('Recruiter: Dana, call Tuesday');
});
""",
        ),
    ]
    return folder("4. Another user's ids are not found", "B tries A's ids and A tries B's.", items)


def metrics_folder() -> dict:
    def metric(name: str, tests: str, **kwargs) -> dict:
        return request(
            name,
            "GET",
            f"/api/metrics/{name.split(' ')[0]}",
            content_type="application/json",
            tests=expect(200, 0) + tests,
            **kwargs,
        )

    sources = json.dumps(["Hired.com", "LinkedIn", "Indeed", "Vettery", "Others"])
    items = [
        metric(
            "get_total_application_count",
            """\
pm.test('{count: 3}', () => pm.expect(body.data).to.eql({count: 3}));
""",
        ),
        metric(
            "get_total_application_count (B)",
            """\
pm.test("B's count is B's own", () => pm.expect(body.data).to.eql({count: 1}));
""",
            auth="{{token_b}}",
        ),
        metric(
            "get_application_count_by_month",
            f"""\
pm.test('five source rows of 12 months, ending this month', () => {{
    const rows = expectByMonth(body.data, {sources});
    // The 2019 applications are older than 12 months; today's capture has no source.
    pm.expect(rows[4].data[11]).to.eql(1);
    pm.expect(rows.slice(0, 4).every((row) => row.data.every((n) => n === 0))).to.be.true;
}});
""",
        ),
        metric(
            "get_application_count_by_month_with_total",
            f"""\
pm.test('the same rows plus Total', () => {{
    const rows = expectByMonth(body.data, {json.dumps(["Hired.com", "LinkedIn", "Indeed", "Vettery", "Others", "Total"])});
    for (let month = 0; month < 12; month++) {{
        const sum = rows.slice(0, 5).reduce((total, row) => total + row.data[month], 0);
        pm.expect(rows[5].data[month]).to.eql(sum);
    }}
}});
""",
        ),
        metric(
            "get_count_by_statuses",
            """\
pm.test('statuses in id order, only those A has', () => {
    pm.expect(body.data).to.eql([{name: 'To Apply', value: 2}, {name: 'Phone Screen', value: 1}]);
});
""",
        ),
        metric(
            "get_word_count",
            """\
pm.test('one word per company, with counts', () => {
    body.data.forEach((entry) => pm.expect(Object.keys(entry)).to.eql(['word', 'value']));
    const words = Object.fromEntries(body.data.map((entry) => [entry.word, entry.value]));
    pm.expect(words).to.eql({'Acme Robotics': 1, Genuent: 1, Initech: 1});
});
""",
        ),
        metric(
            "get_count_by_jobtitle_and_statuses",
            """\
pm.test('{jobs, statuses, data}: a count per title for each status', () => {
    pm.expect(Object.keys(body.data)).to.eql(['jobs', 'statuses', 'data']);
    pm.expect(body.data.jobs).to.have.members(['Senior Android Developer', 'Backend Engineer', 'Senior Platform Engineer']);
    pm.expect(body.data.statuses).to.eql(['To Apply', 'Phone Screen']);
    pm.expect(body.data.data.map((row) => row.name)).to.eql(body.data.statuses);
    body.data.data.forEach((row) => {
        pm.expect(Object.keys(row)).to.eql(['name', 'data']);
        pm.expect(row.data).to.have.lengthOf(body.data.jobs.length);
    });
    const phone = body.data.data[1].data;
    pm.expect(phone[body.data.jobs.indexOf('Senior Android Developer')]).to.eql(1);
});
""",
        ),
        metric(
            "get_funnel",
            """\
pm.test('{total, rejected, stages}', () => {
    pm.expect(Object.keys(body.data)).to.eql(['total', 'rejected', 'stages']);
    pm.expect(body.data.total).to.eql(3);
    pm.expect(body.data.rejected).to.eql(1);
    body.data.stages.forEach((stage) => pm.expect(Object.keys(stage)).to.eql(['status_id', 'name', 'reached', 'rejected', 'conversion_rate']));
    pm.expect(body.data.stages.map((stage) => stage.status_id)).to.have.members([1, 2, 3, 4, 5]);
});
""",
        ),
        metric(
            "get_response_times",
            """\
pm.test('{overall, by_source}', () => {
    pm.expect(Object.keys(body.data)).to.eql(['overall', 'by_source']);
    pm.expect(Object.keys(body.data.overall)).to.eql(['count', 'median_days', 'mean_days']);
    body.data.by_source.forEach((row) => pm.expect(Object.keys(row)).to.eql(['source', 'count', 'median_days', 'mean_days']));
});
""",
        ),
        metric(
            "get_weekly_counts",
            """\
pm.test('12 ISO weeks, this one last with the capture', () => {
    pm.expect(body.data).to.have.lengthOf(12);
    body.data.forEach((week) => {
        pm.expect(Object.keys(week)).to.eql(['week', 'start', 'count']);
        pm.expect(week.week).to.match(/^\\d{4}-W\\d{2}$/);
    });
    pm.expect(body.data[11].count).to.eql(1);
});
""",
        ),
        metric(
            "get_top_companies",
            """\
pm.test('[{name, count}]', () => {
    expectTopList(body.data);
    pm.expect(body.data.map((entry) => entry.name)).to.have.members(['Acme Robotics', 'Genuent', 'Initech']);
});
""",
        ),
        metric(
            "get_top_companies ?limit=1",
            """\
pm.test('one entry', () => { expectTopList(body.data); pm.expect(body.data).to.have.lengthOf(1); });
""",
            query={"limit": "1"},
        ),
        request(
            "get_top_companies: limit=0 (10)",
            "GET",
            "/api/metrics/get_top_companies",
            query={"limit": "0"},
            tests=expect(400, 10),
        ),
        metric(
            "get_top_titles",
            """\
pm.test('[{name, count}]', () => {
    expectTopList(body.data);
    pm.expect(body.data).to.have.lengthOf(3);
});
""",
        ),
    ]
    return folder(
        "5. Metrics", "Every metric over A's three applications (B's are not counted).", items
    )


def csv_and_delete_folder() -> dict:
    items = [
        request(
            "export_jobapps.csv",
            "GET",
            "/api/jobapps/export_jobapps.csv",
            tests="""\
pm.test('HTTP 200, a CSV download', () => {
    pm.response.to.have.status(200);
    pm.expect(pm.response.headers.get('Content-Type')).to.match(/^text\\/csv/);
    pm.expect(pm.response.headers.get('Content-Disposition')).to.include('jobapps.csv');
});
pm.test("the header and A's three rows, not B's", () => {
    const lines = pm.response.text().trim().split(/\\r?\\n/);
    pm.expect(lines[0]).to.eql('id,job_title,company,status,apply_date,source,is_rejected,msg_id,job_url,location,salary,status_history,notes,follow_up_on,contacts,events');
    pm.expect(lines).to.have.lengthOf(4);
    pm.expect(pm.response.text()).to.include('Senior Platform Engineer');
    pm.expect(pm.response.text()).to.not.include('Bobcorp');
});
pm.test('the notes are in it', () => {
    pm.expect(pm.response.text()).to.include('Recruiter: Dana, call Tuesday');
    pm.expect(pm.response.text()).to.include('Sent the portfolio');
});
pm.collectionVariables.set('export_csv', pm.response.text());
""",
        ),
        request(
            "import_jobapps_csv: your own export back changes nothing",
            "POST",
            "/api/jobapps/import_jobapps_csv",
            raw="{{export_csv}}",
            content_type="text/csv",
            tests=expect(200, 0)
            + """\
pm.test('every row matched (by id), none created or updated', () => {
    pm.expect(body.data).to.eql({imported: 3, created: 0, matched: 3, updated: 0});
});
""",
        ),
        request(
            "import_jobapps_csv: a bad row (10) imports nothing",
            "POST",
            "/api/jobapps/import_jobapps_csv",
            raw="job_title,company,status,apply_date,source\n"
            "Data Engineer,Umbrella,Applied,2019-04-01,Vettery\n"
            "Broken Row,,Applied,2019-04-02,\n",
            content_type="text/csv",
            tests=expect(400, 10)
            + fields_error("file", "row 3: company")
            + """\
pm.test('one bad row (line 3), so the good one is not imported either', () => {
    pm.expect(body.data.fields.file).to.eql(['1 row cannot be imported; nothing was imported.']);
    pm.expect(Object.keys(body.data.fields)).to.eql(['file', 'row 3: company']);
});
""",
        ),
        request(
            "import_jobapps_csv (text/csv body)",
            "POST",
            "/api/jobapps/import_jobapps_csv",
            raw="job_title,company,status,apply_date,source\n"
            "Data Engineer,Umbrella,Applied,2019-04-01,Vettery\n",
            content_type="text/csv",
            tests=expect(200, 0)
            + """\
pm.test('one created', () => {
    pm.expect(body.data).to.eql({imported: 1, created: 1, matched: 0, updated: 0});
});
""",
        ),
        request(
            "import_jobapps_csv: the row again, other case: matched, not duplicated",
            "POST",
            "/api/jobapps/import_jobapps_csv",
            raw="job_title,company,status,apply_date,source\n"
            "data engineer,UMBRELLA,Applied,2019-04-01,Vettery\n",
            content_type="text/csv",
            tests=expect(200, 0)
            + """\
pm.test('matched by company, title and day (ignoring case), the new spelling taken', () => {
    pm.expect(body.data).to.eql({imported: 1, created: 0, matched: 1, updated: 1});
});
""",
        ),
        request(
            "import_jobapps_csv: more than 5,000 rows (18)",
            "POST",
            "/api/jobapps/import_jobapps_csv",
            raw="{{too_many_rows_csv}}",
            content_type="text/csv",
            prerequest="""\
const rows = ['job_title,company,status,apply_date'];
for (let i = 0; i <= 5000; i++) rows.push(`Engineer ${i},Acme,Applied,2019-05-01`);
pm.collectionVariables.set('too_many_rows_csv', rows.join('\\n') + '\\n');
""",
            tests=expect(413, 18) + fields_error("file"),
        ),
        request(
            "get_jobapps: the imported row is there",
            "GET",
            "/api/jobapps/get_jobapps",
            query={"status_id": "1"},
            tests=expect(200, 0)
            + """\
pm.test('data engineer at UMBRELLA, Applied, Vettery', () => {
    const app = body.data.find((candidate) => candidate.company === 'UMBRELLA');
    expectJobapp(app);
    pm.expect(app.jobTitle).to.eql('data engineer');
    pm.expect(app.source).to.eql('Vettery');
    pm.collectionVariables.set('jobapp_imported', app.id);
});
""",
        ),
        request(
            "delete_jobapp_note",
            "POST",
            "/api/jobapps/delete_jobapp_note",
            body={"jobapp_note_id": "{{note_2}}"},
            tests=expect(200, 0) + data_null(),
        ),
        request(
            "delete_jobapp_note: already deleted (11)",
            "POST",
            "/api/jobapps/delete_jobapp_note",
            body={"jobapp_note_id": "{{note_2}}"},
            tests=expect(404, 11),
        ),
        request(
            "get_jobapp_notes: one note left",
            "GET",
            "/api/jobapps/get_jobapp_notes",
            query={"jobapp_id": "{{jobapp_1}}"},
            tests=expect(200, 0)
            + """\
pm.test('only note 1', () => pm.expect(body.data.map((note) => note.id)).to.eql([pm.collectionVariables.get('note_1')]));
""",
        ),
        request(
            "delete_jobapp",
            "POST",
            "/api/jobapps/delete_jobapp",
            body={"jobapp_id": "{{jobapp_2}}"},
            tests=expect(200, 0) + data_null(),
        ),
        request(
            "delete_jobapp: already deleted (11)",
            "POST",
            "/api/jobapps/delete_jobapp",
            body={"jobapp_id": "{{jobapp_2}}"},
            tests=expect(404, 11),
        ),
        request(
            "get_jobapps: the deleted one is gone",
            "GET",
            "/api/jobapps/get_jobapps",
            tests=expect(200, 0)
            + """\
pm.test('three left, not the deleted one', () => {
    const ids = body.data.map((app) => app.id);
    pm.expect(ids).to.have.lengthOf(3);
    pm.expect(ids).to.not.include(pm.collectionVariables.get('jobapp_2'));
});
""",
        ),
        request(
            "get_total_application_count after delete",
            "GET",
            "/api/metrics/get_total_application_count",
            tests=expect(200, 0)
            + "pm.test('{count: 3}', () => pm.expect(body.data).to.eql({count: 3}));\n",
        ),
        request(
            "get_jobapp_detail: deleted (11)",
            "GET",
            "/api/jobapps/get_jobapp_detail",
            query={"jobapp_id": "{{jobapp_2}}"},
            tests=expect(404, 11),
        ),
    ]
    return folder("6. CSV export and import, deleting", "", items)


def transport_folder() -> dict:
    preflight_tests = """\
pm.test('preflight allowed for the web client origin', () => {
    pm.response.to.have.status(200);
    pm.expect(pm.response.headers.get('Access-Control-Allow-Origin')).to.eql(pm.request.headers.get('Origin'));
    const allowed = (pm.response.headers.get('Access-Control-Allow-Headers') || '').toLowerCase();
    pm.expect(allowed).to.include('authorization');
    pm.expect(allowed).to.include('content-type');
});
"""
    preflight_headers = [
        {"key": "Origin", "value": "http://localhost:3000"},
        {"key": "Access-Control-Request-Method", "value": "GET"},
        {"key": "Access-Control-Request-Headers", "value": "authorization, content-type"},
    ]
    items = [
        request(
            "no token (12)",
            "GET",
            "/api/jobapps/get_jobapps",
            auth=None,
            tests=expect(401, 12) + data_null(),
        ),
        request(
            "bad token (12)",
            "GET",
            "/api/jobapps/get_jobapps",
            auth="not-a-token",
            tests=expect(401, 12) + data_null(),
        ),
        request(
            "bad token on a metric (12)",
            "GET",
            "/api/metrics/get_word_count",
            auth="not-a-token",
            tests=expect(401, 12) + data_null(),
        ),
        request(
            "wrong method: DELETE get_jobapps (14)",
            "DELETE",
            "/api/jobapps/get_jobapps",
            tests=expect(405, 14) + data_null(),
        ),
        request(
            "wrong method: GET add_jobapp (14)",
            "GET",
            "/api/jobapps/add_jobapp",
            tests=expect(405, 14) + data_null(),
        ),
        request(
            "wrong method: GET login (14)",
            "GET",
            "/api/users/login",
            auth=None,
            tests=expect(405, 14) + data_null(),
        ),
        request(
            "unknown path (11)",
            "GET",
            "/api/users/no_such_endpoint",
            tests=expect(404, 11) + data_null(),
        ),
        request(
            "unknown path outside the API (11)",
            "POST",
            "/no/such/path",
            auth=None,
            body={},
            tests=expect(404, 11) + data_null(),
        ),
        request(
            "malformed JSON (10)",
            "POST",
            "/api/jobapps/add_jobapp",
            body='{"job_title": "X",',
            tests=expect(400, 10),
        ),
        request(
            "unsupported media type (15)",
            "POST",
            "/api/jobapps/add_jobapp",
            raw="job_title=X",
            content_type="text/plain",
            tests=expect(415, 15) + data_null(),
        ),
        request(
            "trailing slash works too",
            "GET",
            "/api/jobapps/get_statuses/",
            tests=expect(200, 0)
            + "pm.test('five statuses', () => pm.expect(body.data.length).to.be.at.least(5));\n",
        ),
        request(
            "CORS preflight: get_jobapps",
            "OPTIONS",
            "/api/jobapps/get_jobapps",
            auth=None,
            headers=preflight_headers,
            tests=preflight_tests,
        ),
        request(
            "CORS preflight: login (POST)",
            "OPTIONS",
            "/api/users/login",
            auth=None,
            headers=[
                *preflight_headers[:1],
                {"key": "Access-Control-Request-Method", "value": "POST"},
                preflight_headers[2],
            ],
            tests=preflight_tests,
        ),
        request(
            "CORS preflight: capture from the extension",
            "OPTIONS",
            "/api/jobapps/capture",
            auth=None,
            headers=[
                {"key": "Origin", "value": "chrome-extension://abcdefghijklmnopabcdefghijklmnop"},
                {"key": "Access-Control-Request-Method", "value": "POST"},
                preflight_headers[2],
            ],
            tests=preflight_tests,
        ),
    ]
    return folder("7. Transport: tokens, methods, paths, bodies, CORS", "", items)


def logout_folder() -> dict:
    items = [
        request(
            "logout A (web client style: token is 'Bearer <token>')",
            "POST",
            "/api/users/logout",
            auth=None,
            body={**CLIENT, "token": "Bearer {{token_a}}"},
            tests=expect(200, 0) + data_null(),
        ),
        request(
            "A's token is refused after logout (12)",
            "GET",
            "/api/jobapps/get_jobapps",
            tests=expect(401, 12) + data_null(),
        ),
        request(
            "A's refresh token went with it (1)",
            "POST",
            "/api/users/refresh_token",
            auth=None,
            body={**CLIENT, "refresh_token": "{{refresh_a}}"},
            tests=expect(401, 1) + data_null(),
        ),
        request(
            "logout A again: a revoked token is a success (idempotent, RFC 7009)",
            "POST",
            "/api/users/logout",
            auth=None,
            body={**CLIENT, "token": "{{token_a}}"},
            tests=expect(200, 0) + data_null(),
        ),
        request(
            "logout B (bare token, form-encoded)",
            "POST",
            "/api/users/logout",
            auth=None,
            form={**CLIENT, "token": "{{token_b}}"},
            tests=expect(200, 0) + data_null(),
        ),
        request(
            "B's token is refused after logout (12)",
            "GET",
            "/api/users/me",
            auth="{{token_b}}",
            tests=expect(401, 12) + data_null(),
        ),
    ]
    return folder("8. Logout", "", items)


def collection() -> dict:
    variables = [
        "suffix",
        "username_a",
        "username_b",
        "username_a_upper",
        "email_a",
        "email_b",
        "email_a_upper",
        "token_a_first",
        "token_a",
        "refresh_a",
        "used_refresh_a",
        "token_b",
        "user_a_id",
        "user_b_id",
        "jobapp_1",
        "jobapp_2",
        "jobapp_b",
        "jobapp_capture",
        "jobapp_imported",
        "note_1",
        "note_2",
        "jobapp_b_default",
        "export_csv",
        "too_many_rows_csv",
    ]
    return {
        "info": {
            "_postman_id": "5d0c3c4e-4f7e-4a55-9a57-6a0b1f0a6b01",
            "name": "JobHax API",
            "description": (
                "Every endpoint of the JobHax API (CONTRACT.md) in the order a user meets "
                "them, with tests. Import this file and jobhax.postman_environment.json, set "
                "base_url/client_id/client_secret in the environment, and run the whole "
                "collection in order (later requests use tokens and ids that earlier ones "
                "stored in collection variables). Generated by build_collection.py."
            ),
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        },
        "event": [
            {
                "listen": "test",
                "script": {"type": "text/javascript", "exec": COLLECTION_TEST.rstrip().split("\n")},
            },
        ],
        "variable": [{"key": name, "value": ""} for name in variables],
        "item": [
            users_folder(),
            providers_folder(),
            jobapps_folder(),
            other_users_ids_folder(),
            metrics_folder(),
            csv_and_delete_folder(),
            transport_folder(),
            logout_folder(),
        ],
    }


def render() -> str:
    return json.dumps(collection(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not OUTPUT.exists() or OUTPUT.read_text() != text:
            print(f"{OUTPUT.name} is stale: run python {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text)
    count = sum(len(f["item"]) for f in collection()["item"])
    print(f"wrote {OUTPUT.name}: {count} requests")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
