"""Outages of the real services, as production meets them: gunicorn (DEBUG=0) serving the API on
PostgreSQL and Redis, and each service stopped under it, then started again.

* Redis away: writes still commit and answer what they committed (the cache invalidation they
  trigger is logged and dropped), login, register and the metrics work without the cache
  (throttles count nothing meanwhile: README, "Redis"), and a sync request answers code 19
  with Retry-After within 2 s, leaving the sync state as it was.
* PostgreSQL restarting: code 19 with Retry-After, never a 500 or a traceback; then everything
  it acknowledged before is there and the API answers again.

The services are this machine's PostgreSQL and Redis binaries, but private instances on free
loopback ports (a cluster made with initdb in a temporary folder, a redis-server without
persistence): stopping them disturbs no one else's database or cache. The tests run with the
production-path suite (DATABASE_URL and REDIS_URL set, as `.ci/run` does) and skip elsewhere.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.conf import settings

pytestmark = pytest.mark.slow

BASE_DIR = Path(settings.BASE_DIR)
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None)
REDIS_SERVER = shutil.which("redis-server")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


class PrivatePostgres:
    """A throwaway cluster: initdb in a temporary folder, trust auth, loopback only."""

    def __init__(self) -> None:
        # Not under pytest's temporary folders: those are private to root, and PostgreSQL
        # refuses to run as root (CI and this machine run as root), so the postgres user
        # must reach this one.
        self.root = Path(tempfile.mkdtemp(prefix="jobhax-outage-pg-"))
        self.data = self.root / "pgdata"
        self.port = _free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/jobhax"
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_owner:
            shutil.chown(self.root, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")

    def _run(self, tool: str, *args: str) -> None:
        assert PG_BIN is not None  # the outage tests are skipped without PostgreSQL
        subprocess.run(
            [*self.as_owner, str(PG_BIN / tool), *args],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.data / "server.log"),
            "-o",
            options,
            "-w",
            "start",
        )

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        with suppress(subprocess.CalledProcessError):
            self.stop()  # unless a test left it stopped
        shutil.rmtree(self.root, ignore_errors=True)

    def create_database(self) -> None:
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "jobhax")


class PrivateRedis:
    def __init__(self) -> None:
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        assert REDIS_SERVER is not None  # the outage tests are skipped without redis-server
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for(self.answers, 10, "redis-server to start")

    def answers(self) -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", self.port)) == 0

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@dataclass
class Stack:
    """gunicorn serving the API on the private PostgreSQL and Redis."""

    postgres: PrivatePostgres
    redis: PrivateRedis
    work: Path
    env: dict[str, str] = field(default_factory=dict)
    port: int = 0
    server: subprocess.Popen[bytes] | None = None
    client: dict[str, str] = field(default_factory=dict)

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def start_server(self) -> None:
        self.port = _free_port()
        self.env["PORT"] = str(self.port)
        log = (self.work / "gunicorn.log").open("ab")
        self.server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "jobhax.wsgi:application"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        _wait_for(lambda: self.call("GET", "/api/health")[0] == 200, 60, "gunicorn")

    def stop_server(self) -> None:
        if self.server is not None and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)
            self.server.wait(timeout=30)

    def log(self) -> str:
        return (self.work / "gunicorn.log").read_text(errors="replace")

    def call(
        self, method: str, path: str, body: dict[str, Any] | None = None, token: str = ""
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={
                "Content-Type": "application/json",
                **({"Authorization": f"Bearer {token}"} if token else {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read()), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read()), dict(error.headers)
        except (urllib.error.URLError, ConnectionError):
            return 0, {}, {}

    def register_and_login(self) -> str:
        username = f"u{secrets.token_hex(4)}"
        password = secrets.token_urlsafe(16)
        status, body, _ = self.call(
            "POST",
            "/api/users/register",
            {
                "first_name": "Out",
                "last_name": "Age",
                "username": username,
                "email": f"{username}@example.test",
                "password": password,
                "password2": password,
            },
        )
        assert status == 200, body
        return self.login(username, password)

    def login(self, username: str, password: str) -> str:
        status, body, _ = self.call(
            "POST", "/api/users/login", {**self.client, "username": username, "password": password}
        )
        assert status == 200, body
        return body["data"]["access_token"]

    def link_google(self, token: str) -> None:
        """Stands in for Google's consent screen (the sync itself is never run here)."""
        username = self.call("GET", "/api/users/me", token=token)[1]["data"]["username"]
        self.manage(
            "shell",
            "-c",
            (
                "from django.contrib.auth import get_user_model\n"
                "from users.models import Provider, ProviderCredential\n"
                f"user = get_user_model().objects.get(username={username!r})\n"
                "ProviderCredential.objects.create(user=user, provider=Provider.GOOGLE, "
                "uid=user.username, access_token='unused')\n"
            ),
        )


def add_jobapp(stack: Stack, token: str, title: str) -> tuple[int, dict[str, Any], dict]:
    return stack.call(
        "POST",
        "/api/jobapps/add_jobapp",
        {
            "job_title": title,
            "company": "Outage Ltd",
            "application_date": "2026-03-01",
            "status_id": 1,
        },
        token=token,
    )


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[Stack]:
    if not (os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL")):
        pytest.skip(
            "outage tests run with the production-path suite (DATABASE_URL and "
            "REDIS_URL set, as .ci/run does)"
        )
    if PG_BIN is None or REDIS_SERVER is None or not (PG_BIN / "initdb").exists():
        pytest.skip("needs PostgreSQL's server binaries and redis-server on this machine")
    work = tmp_path_factory.mktemp("outages")
    postgres, redis = PrivatePostgres(), PrivateRedis()
    stack = Stack(postgres, redis, work)
    stack.env = {
        **{
            key: value
            for key, value in os.environ.items()
            if key not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}
        },
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": postgres.url,
        "REDIS_URL": redis.url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "HOST": "127.0.0.1",
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "WARNING",
    }
    try:
        postgres.start()
        redis.start()
        postgres.create_database()
        stack.manage("migrate", "--noinput", "-v", "0")
        stack.client = dict(
            line.split("=", 1)
            for line in stack.manage("create_oauth_client", "Outage test client").split()
        )
        stack.start_server()
        yield stack
    finally:
        stack.stop_server()
        redis.stop()
        postgres.remove()


@pytest.fixture
def redis_away(stack: Stack) -> Iterator[None]:
    stack.redis.stop()
    try:
        yield
    finally:
        stack.redis.start()


# --------------------------------------------------------------------------- Redis


def test_writes_commit_and_answer_while_redis_is_away(stack: Stack):
    token = stack.register_and_login()
    assert stack.call("GET", "/api/metrics/get_total_application_count", token=token)[1][
        "data"
    ] == {"count": 0}  # now cached
    stack.redis.stop()
    try:
        status, body, _ = add_jobapp(stack, token, "Written without Redis")
        assert status == 200, body  # committed, and said so: a client has no reason to retry
        assert body["data"]["jobTitle"] == "Written without Redis"
        status, body, _ = stack.call("GET", "/api/metrics/get_total_application_count", token=token)
        assert (status, body["data"]) == (200, {"count": 1})  # computed, not cached
    finally:
        stack.redis.start()
    jobapps = stack.call("GET", "/api/jobapps/get_jobapps", token=token)[1]["data"]
    assert [app["jobTitle"] for app in jobapps] == ["Written without Redis"]
    assert stack.call("GET", "/api/metrics/get_total_application_count", token=token)[1][
        "data"
    ] == {"count": 1}
    assert "Traceback" not in stack.log()


def test_register_login_and_metrics_work_while_redis_is_away(stack: Stack, redis_away):
    started = time.monotonic()
    token = stack.register_and_login()
    assert add_jobapp(stack, token, "Engineer")[0] == 200
    status, body, _ = stack.call("GET", "/api/metrics/get_count_by_statuses", token=token)
    assert (status, body["data"]) == (200, [{"name": "Applied", "value": 1}])
    assert time.monotonic() - started < 10
    assert "Traceback" not in stack.log()


def test_a_sync_request_while_the_broker_is_away_is_19_at_once_and_changes_nothing(stack: Stack):
    token = stack.register_and_login()
    stack.link_google(token)
    before = stack.call("GET", "/api/users/get_sync_status", token=token)[1]["data"]
    stack.redis.stop()
    try:
        started = time.monotonic()
        status, body, headers = stack.call("GET", "/api/users/sync_user_emails", token=token)
        elapsed = time.monotonic() - started
        assert (status, body["error_code"], body["error_message"], body["data"]) == (
            503,
            19,
            "Service temporarily unavailable. Try again later.",
            None,
        )
        assert int(headers["Retry-After"]) >= 1
        assert elapsed <= 2, f"answered after {elapsed:.1f} s"
        assert stack.call("GET", "/api/users/get_sync_status", token=token)[1]["data"] == before
        health = stack.call("GET", "/api/health")
        assert (health[0], health[1]["data"]["broker"]) == (503, "unavailable")
    finally:
        stack.redis.start()
    status, body, _ = stack.call("GET", "/api/users/sync_user_emails", token=token)
    assert (status, body["data"]["state"]) == (200, "queued")
    assert "Traceback" not in stack.log()


# --------------------------------------------------------------------------- PostgreSQL


def test_a_restarting_database_answers_19_then_everything_acknowledged_is_there(stack: Stack):
    token = stack.register_and_login()
    acknowledged = [
        add_jobapp(stack, token, f"Before the restart {n}")[1]["data"]["id"] for n in range(3)
    ]
    stack.postgres.stop()
    try:
        for method, path, body in [
            ("GET", "/api/jobapps/get_jobapps", None),
            (
                "POST",
                "/api/jobapps/add_jobapp",
                {
                    "job_title": "During",
                    "company": "X",
                    "application_date": "2026-03-01",
                    "status_id": 1,
                },
            ),
            ("POST", "/api/users/login", {**stack.client, "username": "x", "password": "y"}),
        ]:
            status, answer, headers = stack.call(method, path, body, token=token)
            assert (status, answer["error_code"]) == (503, 19), (path, answer)
            assert int(headers["Retry-After"]) >= 1
        health = stack.call("GET", "/api/health")
        assert (health[0], health[1]["data"]["database"]) == (503, "unavailable")
    finally:
        stack.postgres.start()
    # Persistent connections notice the restart and reconnect: the next request is served.
    jobapps = stack.call("GET", "/api/jobapps/get_jobapps", token=token)
    assert jobapps[0] == 200
    assert sorted(app["id"] for app in jobapps[1]["data"]) == sorted(acknowledged)
    assert add_jobapp(stack, token, "After the restart")[0] == 200
    log = stack.log()
    assert "Traceback" not in log
    assert "SERVICE_UNAVAILABLE" in log  # logged, on one line each
