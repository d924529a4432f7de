"""The production install, proven end to end (`make smoke`, run by `.ci/run`).

A virtualenv built from `requirements.txt` alone (no test requirements that could hide a missing
pin) runs what the README's production section runs: migrations and an OAuth client on a fresh
PostgreSQL database, gunicorn (`gunicorn.conf.py`), a Celery worker and Celery beat against
Redis. Then, as a user would: register, log in, `/api/health` must say ok for both database and
broker, one Gmail sync is requested through the API and runs on the worker against the fake
Gmail server on loopback, and the applications it made are read back through the API. Beat must
queue the periodic re-sync on its own.

This script itself runs from the test virtualenv (it starts the fake Gmail server and builds the
synthetic mailbox); everything it checks runs from the production one.

    python tests/production/smoke.py --venv .venv-prod
"""

from __future__ import annotations

import argparse
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobhax.settings")
# This process only builds messages; it never opens the production database, and needs no
# production keys (the processes it starts get DEBUG=0 and real ones).
for name in ("DATABASE_URL", "REDIS_URL"):
    os.environ.pop(name, None)
os.environ["DEBUG"] = "1"

import django  # noqa: E402

django.setup()

from gmail_sync.tests.synthetic import job_mailbox  # noqa: E402
from tests.fakes.gmail_server import FakeGmailServer  # noqa: E402

MESSAGES = 60
PG = {"host": "127.0.0.1", "port": "5432", "user": "postgres"}
DB_NAME = os.environ.get("SMOKE_DB_NAME", "jobhax_smoke")
REDIS_URL = os.environ.get("SMOKE_REDIS_URL", "redis://127.0.0.1:6379/3")
BEAT_INTERVAL_SECONDS = 3


class Smoke:
    def __init__(self, venv: Path, work: Path) -> None:
        self.bin = venv / "bin"
        self.work = work
        self.processes: list[tuple[str, subprocess.Popen[bytes]]] = []
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"

    def env(self, gmail: FakeGmailServer) -> dict[str, str]:
        from cryptography.fernet import Fernet

        return {
            **{k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}},
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{DB_NAME}",
            "REDIS_URL": REDIS_URL,
            "CACHE_KEY_PREFIX": f"smoke-{secrets.token_hex(4)}",
            "GMAIL_API_ENDPOINT": gmail.api_endpoint,
            "GOOGLE_TOKEN_URI": gmail.token_uri,
            "GOOGLE_CLIENT_ID": gmail.client_id,
            "GOOGLE_CLIENT_SECRET": gmail.client_secret,
            "GMAIL_SYNC_INTERVAL_SECONDS": str(BEAT_INTERVAL_SECONDS),
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "WEB_CONCURRENCY": "2",
            "LOG_LEVEL": "WARNING",
        }

    # -- processes -------------------------------------------------------------------------------

    def run(self, env: dict[str, str], *args: str) -> str:
        done = subprocess.run(
            [str(self.bin / "python"), "manage.py", *args],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode:
            raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def start(self, name: str, env: dict[str, str], *command: str) -> None:
        log = (self.work / f"{name}.log").open("wb")
        process = subprocess.Popen(
            [str(self.bin / command[0]), *command[1:]],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append((name, process))

    def check_alive(self) -> None:
        for name, process in self.processes:
            if process.poll() is not None:
                raise SystemExit(f"{name} exited with {process.returncode}:\n{self.log(name)}")

    def log(self, name: str) -> str:
        path = self.work / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def stop(self) -> None:
        for _, process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for _, process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    # -- HTTP ------------------------------------------------------------------------------------

    def call(
        self, method: str, path: str, body: dict[str, Any] | None = None, token: str = ""
    ) -> tuple[int, dict[str, Any]]:
        request = urllib.request.Request(
            self.base_url + path,
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={
                "Content-Type": "application/json",
                **({"Authorization": f"Bearer {token}"} if token else {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def wait_for(self, what: str, condition: Callable[[], bool], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_alive()
            try:
                if condition():
                    return
            except (urllib.error.URLError, ConnectionError):
                pass  # gunicorn still starting
            time.sleep(0.2)
        raise SystemExit(f"timed out waiting for {what}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _recreate_database() -> None:
    args = ["-h", PG["host"], "-p", PG["port"], "-U", PG["user"]]
    subprocess.run(["dropdb", *args, "--if-exists", "--force", DB_NAME], check=True)
    subprocess.run(["createdb", *args, DB_NAME], check=True)


def _link_google(smoke: Smoke, env: dict[str, str], username: str, gmail: FakeGmailServer) -> None:
    """Stands in for Google's consent screen: the user's Google tokens, as the social login
    pipeline stores them."""
    smoke.run(
        env,
        "shell",
        "-c",
        (
            "from django.contrib.auth import get_user_model\n"
            "from users.models import Provider, ProviderCredential\n"
            f"user = get_user_model().objects.get(username={username!r})\n"
            "ProviderCredential.objects.create(user=user, provider=Provider.GOOGLE, uid='smoke', "
            f"access_token={next(iter(gmail.valid_access_tokens))!r}, "
            f"refresh_token={next(iter(gmail.valid_refresh_tokens))!r})\n"
        ),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--venv",
        type=Path,
        required=True,
        help="a virtualenv with requirements.txt installed and nothing else",
    )
    venv = parser.parse_args().venv.resolve()
    mailbox = job_mailbox(MESSAGES, seed=5, not_job_share=0.2)
    work = Path(tempfile.mkdtemp(prefix="jobhax-smoke-"))
    smoke = Smoke(venv, work)
    with FakeGmailServer() as gmail:
        gmail.add_messages(mailbox.messages)
        env = smoke.env(gmail)
        try:
            _recreate_database()
            smoke.run(env, "check", "--deploy", "--fail-level", "ERROR")
            smoke.run(env, "migrate", "--noinput", "-v", "0")
            client = dict(
                line.split("=", 1)
                for line in smoke.run(env, "create_oauth_client", "Smoke web client").split()
            )
            smoke.start("gunicorn", env, "gunicorn", "jobhax.wsgi:application")
            smoke.start(
                "worker",
                env,
                "celery",
                "-A",
                "jobhax",
                "worker",
                "--loglevel=INFO",
                "--concurrency=1",
                "-n",
                f"smoke-{os.getpid()}@%h",
            )
            smoke.start(
                "beat",
                env,
                "celery",
                "-A",
                "jobhax",
                "beat",
                "--loglevel=INFO",
                "--schedule",
                str(work / "celerybeat-schedule"),
            )
            exercise(smoke, env, client, gmail, mailbox)
        except BaseException:
            for name, _ in smoke.processes:
                print(f"--- {name} log (tail) ---\n{smoke.log(name)}", file=sys.stderr)
            raise
        finally:
            smoke.stop()
            shutil.rmtree(work, ignore_errors=True)
    print("production smoke test passed")


def exercise(
    smoke: Smoke, env: dict[str, str], client: dict[str, str], gmail: FakeGmailServer, mailbox
) -> None:
    health: dict[str, Any] = {}

    def healthy() -> bool:
        health.update(smoke.call("GET", "/api/health")[1])
        return health.get("success") is True

    smoke.wait_for("/api/health to answer ok", healthy, 60)
    assert health["data"] == {"database": "ok", "broker": "ok"}, health
    print(f"health: {health['data']}")

    password = secrets.token_urlsafe(16)
    status, body = smoke.call(
        "POST",
        "/api/users/register",
        {
            "first_name": "Smoke",
            "last_name": "Test",
            "username": "smoke",
            "email": "smoke@example.test",
            "password": password,
            "password2": password,
        },
    )
    assert status == 200 and body["success"], body
    status, body = smoke.call(
        "POST", "/api/users/login", {**client, "username": "smoke", "password": password}
    )
    assert status == 200 and body["success"], body
    token = body["data"]["access_token"]
    _link_google(smoke, env, "smoke", gmail)

    status, body = smoke.call("GET", "/api/users/sync_user_emails", token=token)
    # Beat may have started the first sync already: then it is running.
    assert status == 200 and body["data"]["state"] in {"queued", "running"}, body
    print("sync queued through the API")

    def synced() -> bool:
        data = smoke.call("GET", "/api/users/get_sync_status", token=token)[1]["data"]
        return data["state"] == "idle" and data["last_synced_at"] is not None

    smoke.wait_for("the worker to finish the sync", synced, 120)
    jobapps = smoke.call("GET", "/api/jobapps/get_jobapps", token=token)[1]["data"]
    found = {(app["company"], app["jobTitle"]) for app in jobapps}
    assert found == set(mailbox.expected_applications()), (found, mailbox.expected_applications())
    print(f"the worker's sync made {len(jobapps)} applications from {MESSAGES} mails")

    # Beat queues sync_all_users on its own; its sync reads the history since the first sync.
    smoke.wait_for(
        "beat's periodic re-sync", lambda: gmail.count(r"/history$") >= 1, 6 * BEAT_INTERVAL_SECONDS
    )
    print("beat re-synced the user")


if __name__ == "__main__":
    main()
