"""The CSV import at its limits, on the production path: is the largest accepted file well inside
gunicorn's 30 s worker timeout?

    .venv/bin/python bench/csv_import.py      # needs PostgreSQL on 127.0.0.1:5432 (BENCH_PG)

1. Recreates a PostgreSQL database (CSV_BENCH_DB, default `jobhax_csv_bench`), migrates it and
   seeds users who already track 500 applications each (bench/seed.py), so matching runs
   against a real tracker.
2. Serves it with gunicorn exactly as `make serve` does (gunicorn.conf.py: sync workers, the
   30 s timeout), DEBUG=0.
3. Builds the files the limits of jobapps/csv_io.py allow that cost the most: the most status
   changes per application, or 5,000 applications sharing the file's status changes; the same
   two with notes as long as the bytes allow; 5,000 applications with both; 5,000 plain ones.
   Then imports the first file again unchanged (every row matched) and with every status
   changed (every row updated). A file one byte, one row or one status change past the limits
   must answer 413 code 18.
4. Prints the seconds each import took (wall clock, client side) and what it wrote.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from jobapps import csv_io  # noqa: E402  (plain Python: no Django settings needed)

PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")
GUNICORN = str(BASE_DIR / ".venv" / "bin" / "gunicorn")
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB = os.environ.get("CSV_BENCH_DB", "jobhax_csv_bench")
FERNET_KEY = "uCnYYe1Sp8oqpaRf2bWf9p1Rgv8UhzvUGCKQyPz3Yu0="  # throwaway, this database only
TIMEOUT = 30  # gunicorn.conf.py's default: the budget every import must stay well inside

STATUSES = ["Applied", "Phone Screen", "Onsite Interview", "Offer"]


# --- files --------------------------------------------------------------------------------------


def history_cell(entries: int) -> str:
    return csv_io.format_history(
        (f"2019-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}T10:00:00Z", STATUSES[i % 4])
        for i in range(entries)
    )


def notes_cell(notes: int, length: int = 2) -> str:
    return csv_io.format_notes(
        [
            {
                "description": f"{i:0{length}d}",
                "created_date": f"2019-01-{1 + i % 28:02d}T10:00:{i % 60:02d}Z",
            }
            for i in range(notes)
        ]
    )


def row(index: int, *, history: str = "", notes: str = "", status: str = "Applied") -> dict:
    """One application's cells by column; the columns it leaves out are empty."""
    return {
        "job_title": f"Engineer {index}",
        "company": f"Company {index % 97}",
        "status": status,
        "apply_date": "2019-01-02T10:00:00Z",
        "source": "LinkedIn",
        "is_rejected": "false",
        "job_url": f"https://jobs.example.com/{index}",
        "location": "Berlin",
        "status_history": history,
        "notes": notes,
    }


def csv_text(rows: list[dict]) -> str:
    return csv_io.write_csv({name: row.get(name, "") for name in csv_io.COLUMNS} for row in rows)


def largest(*, history: int = 0, notes: int = 0, note_length: int = 2) -> str:
    """Rows with `history` status changes and `notes` notes each: as many as the limits on
    rows, entries and bytes let through together."""
    rows = csv_io.MAX_ROWS
    if history + notes:
        rows = min(rows, csv_io.MAX_ENTRIES // (history + notes))
    cells = {"history": history_cell(history), "notes": notes_cell(notes, note_length)}
    text = csv_text([row(i, **cells) for i in range(rows)])
    while len(text.encode()) > csv_io.MAX_BYTES:
        rows -= 1
        text = text[: text.rindex("\n", 0, len(text) - 1) + 1]
    return text


def files() -> dict[str, str]:
    # Notes as long as the bytes allow once the entries are used up.
    note_length = (
        csv_io.MAX_BYTES // csv_io.MAX_ENTRIES
        - len('{"description": "", "created_date": "2019-01-01T10:00:00Z"}, ')
        - 20
    )
    return {
        "the most status changes per application": largest(history=csv_io.MAX_HISTORY_ENTRIES),
        "5,000 applications sharing the status changes": largest(
            history=csv_io.MAX_ENTRIES // csv_io.MAX_ROWS
        ),
        "the most notes per application": largest(notes=csv_io.MAX_NOTES, note_length=note_length),
        "5,000 applications sharing the notes": largest(
            notes=csv_io.MAX_ENTRIES // csv_io.MAX_ROWS, note_length=note_length
        ),
        "5,000 applications, half the entries history, half notes": largest(
            history=csv_io.MAX_ENTRIES // csv_io.MAX_ROWS // 2,
            notes=csv_io.MAX_ENTRIES // csv_io.MAX_ROWS // 2,
        ),
        "5,000 plain applications": largest(),
    }


# --- server -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(port: int) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DATABASE_URL", "SQLITE_PATH"}
    }
    env.update(
        DATABASE_URL=f"{PG}/{DB}",
        DEBUG="0",
        SECRET_KEY=f"csv-bench-only-{os.urandom(32).hex()}",
        FIELD_ENCRYPTION_KEY=FERNET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY="2",
        LOG_LEVEL="ERROR",
        THROTTLE_CSV_IMPORT="1000/hour",
        PYTHONPATH=str(BASE_DIR),
    )
    return env


def run(cmd: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, cwd=BASE_DIR, check=True, **kwargs)  # noqa: S603


def prepare_database(env: dict[str, str], users: int, tokens_file: Path) -> list[str]:
    admin = [shutil.which("psql") or "psql", f"{PG}/postgres", "-q", "-v", "ON_ERROR_STOP=1"]
    run([*admin, "-c", f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)'], env)
    run([*admin, "-c", f'CREATE DATABASE "{DB}"'], env)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    run(
        [
            PYTHON,
            "bench/seed.py",
            "--users",
            str(users),
            "--apps",
            "500",
            "--prefix",
            "csvbench",
            "--tokens-out",
            str(tokens_file),
        ],
        env,
        stderr=subprocess.DEVNULL,
    )
    return tokens_file.read_text().split()


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603
        [GUNICORN, "jobhax.wsgi:application", "--log-level", "warning"],
        env=env,
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2):  # noqa: S310
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer /api/health within 60 s")


def post_csv(port: int, token: str, text: str) -> tuple[float, int, dict]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/jobapps/import_jobapps_csv",
        data=text.encode(),
        method="POST",
        headers={"Content-Type": "text/csv", "Authorization": f"Bearer {token}"},
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT + 30) as response:  # noqa: S310
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    return time.perf_counter() - started, status, json.loads(body or b"{}")


# --- the run ------------------------------------------------------------------------------------


def main() -> int:
    cases = files()
    port = free_port()
    env = server_env(port)
    with tempfile.TemporaryDirectory() as tmp:
        tokens = prepare_database(env, len(cases) + 2, Path(tmp) / "tokens.txt")
    server = start_server(env, port)
    failures = 0
    print(
        f"limits: {csv_io.MAX_BYTES:,} bytes, {csv_io.MAX_ROWS:,} rows, "
        f"{csv_io.MAX_HISTORY_ENTRIES} status changes and {csv_io.MAX_NOTES} notes per "
        f"application; gunicorn timeout {TIMEOUT} s; each user already has 500 applications"
    )
    try:
        runs = [(name, tokens[i], text) for i, (name, text) in enumerate(cases.items())]
        first = next(iter(cases.values()))
        runs += [
            ("the first file again (every row matched, nothing changes)", tokens[0], first),
            (
                "the first file with every status changed (every row updated)",
                tokens[0],
                first.replace(",Applied,", ",Offer,"),
            ),
        ]
        for name, token, text in runs:
            seconds, status, body = post_csv(port, token, text)
            ok = status == 200 and seconds < TIMEOUT / 3
            failures += not ok
            print(
                f"{seconds:5.2f} s  HTTP {status}  {len(text.encode()) / 1e6:4.2f} MB  "
                f"{text.count(chr(10)) - 1:5d} rows  {body.get('data')}  {name}",
                flush=True,
            )
        too_big = {
            "one byte over MAX_BYTES": first + "x" * (csv_io.MAX_BYTES + 1 - len(first.encode())),
            "one row over MAX_ROWS": csv_text([row(i) for i in range(csv_io.MAX_ROWS + 1)]),
            "one status change over MAX_ENTRIES": csv_text(
                [row(i, history=history_cell(10)) for i in range(csv_io.MAX_ENTRIES // 10)]
                + [row(-1, history=history_cell(1))]
            ),
        }
        for name, text in too_big.items():
            seconds, status, body = post_csv(port, tokens[-1], text)
            ok = status == 413 and body.get("error_code") == 18
            failures += not ok
            print(
                f"{seconds:5.2f} s  HTTP {status}  code {body.get('error_code')}  {name}",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        "FAILED: an import was refused or took more than a third of the timeout"
        if failures
        else "every import finished within a third of the timeout"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
