"""`make bench`: the API under load, on the production path, measured against a floor.

1. Recreates a dedicated PostgreSQL database (BENCH_DB, default `jobhax_bench`), migrates it and
   seeds BENCH_USERS users x BENCH_APPS applications with history, notes and emails
   (bench/seed.py), with one bearer token per user.
2. Serves it with gunicorn (BENCH_WORKERS sync workers, persistent DB connections via
   DB_CONN_MAX_AGE, DEBUG=0, throwaway SECRET_KEY/FIELD_ENCRYPTION_KEY, Redis cache when one
   answers on 127.0.0.1:6379) with METRICS_CACHE_SECONDS=0, so the metrics' SQL is measured.
3. Drives each endpoint with wrk on loopback (bench/wrk.lua rotates the 50 users' tokens and
   uses each user's own ids), bounded by time (BENCH_SECONDS) and requests (BENCH_MAX_REQUESTS
   per wrk thread), and reports requests/s and p50/p99 latency. The floor is
   `GET /api/jobapps/get_statuses`: token authentication plus one trivial query, the least any
   authenticated endpoint can do. Each endpoint's throughput is divided by the floor's.
4. Restarts gunicorn with the metrics cache on and measures the metrics again.
5. Writes the tables between the markers in bench/RESULTS.md (machine, date, versions) and
   prints them. Exits non-zero if any request failed.
"""
from __future__ import annotations

import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")
GUNICORN = str(BASE_DIR / ".venv" / "bin" / "gunicorn")
RESULTS = BASE_DIR / "bench" / "RESULTS.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB = os.environ.get("BENCH_DB", "jobhax_bench")
USERS = int(os.environ.get("BENCH_USERS", "50"))
APPS = int(os.environ.get("BENCH_APPS", "500"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CACHED_SECONDS = int(os.environ.get("BENCH_CACHED_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
MAX_REQUESTS = int(os.environ.get("BENCH_MAX_REQUESTS", "50000"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")

FLOOR = "get_statuses"
JOBAPPS = ["get_jobapps", "add_jobapp", "update_jobapp", "get_jobapp_notes"]
METRICS = [
    "get_total_application_count", "get_application_count_by_month",
    "get_application_count_by_month_with_total", "get_count_by_statuses", "get_word_count",
    "get_count_by_jobtitle_and_statuses", "get_funnel", "get_response_times",
    "get_weekly_counts", "get_top_companies", "get_top_titles",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def server_env(*, metrics_cache_seconds: int) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in {"REDIS_URL", "DATABASE_URL", "SQLITE_PATH"}}
    env.update(
        DATABASE_URL=f"{PG}/{DB}", DB_CONN_MAX_AGE="600", DEBUG="0",
        SECRET_KEY=f"bench-only-{os.urandom(32).hex()}",
        FIELD_ENCRYPTION_KEY=SERVER_KEY, ALLOWED_HOSTS="127.0.0.1",
        METRICS_CACHE_SECONDS=str(metrics_cache_seconds), LOG_LEVEL="ERROR",
        SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0", PYTHONPATH=str(BASE_DIR),
    )
    if USE_REDIS:
        env["REDIS_URL"] = REDIS_URL
        env["CACHE_KEY_PREFIX"] = f"jobhax-bench-{os.getpid()}"
    return env


def run(cmd: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, cwd=BASE_DIR, check=True, **kwargs)  # noqa: S603


def recreate_database(env: dict[str, str]) -> None:
    admin = [shutil.which("psql") or "psql", f"{PG}/postgres", "-q", "-v", "ON_ERROR_STOP=1"]
    run([*admin, "-c", f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)'], env)
    run([*admin, "-c", f'CREATE DATABASE "{DB}"'], env)


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603
        [GUNICORN, "jobhax.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(WORKERS), "--worker-class", "sync", "--timeout", "60",
         "--log-level", "warning"],
        env=env, cwd=BASE_DIR,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer /api/health within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def wrk(port: int, endpoint: str, users_file: Path, seconds: int) -> dict:
    cmd = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s",
           "-s", str(BASE_DIR / "bench" / "wrk.lua"), f"http://127.0.0.1:{port}",
           "--", endpoint, str(users_file), str(MAX_REQUESTS)]
    out = subprocess.run(  # noqa: S603
        cmd, cwd=BASE_DIR, check=True, capture_output=True, text=True).stdout
    match = re.search(r"^BENCH_JSON (.*)$", out, re.MULTILINE)
    if not match:
        raise SystemExit(f"wrk printed no result for {endpoint}:\n{out}")
    result = json.loads(match.group(1))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def warm_up(port: int, users_file: Path, endpoints: list[str]) -> None:
    """Every worker imports and connects before anything is measured."""
    for endpoint in endpoints:
        wrk(port, endpoint, users_file, 1)


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"nproc": str(os.cpu_count()), "cpu": cpu, "ram": f"{mem_kb / 1024 / 1024:.1f} GiB"}


def versions(env: dict[str, str]) -> str:
    script = ("import django, sys; from django.db import connection; "
              "connection.ensure_connection(); "
              "print(f'Python {sys.version.split()[0]}, Django {django.get_version()}, '"
              "f'PostgreSQL {connection.cursor().connection.info.server_version // 10000}')")
    out = run([PYTHON, "manage.py", "shell", "-v", "0", "-c", script], env,
              capture_output=True, text=True).stdout.strip()
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True)  # noqa: S607
    first = (wrk_version.stdout or wrk_version.stderr).splitlines()[0].split(" [")[0]
    gunicorn = subprocess.run([GUNICORN, "--version"], capture_output=True, text=True)  # noqa: S603
    return f"{out}, {gunicorn.stdout.strip() or gunicorn.stderr.strip()}, {first}"


def table(rows: list[tuple[str, dict]], floor_rps: float) -> list[str]:
    lines = ["| endpoint | req/s | p50 ms | p99 ms | × floor |",
             "|---|---:|---:|---:|---:|"]
    for name, result in rows:
        ratio = result["rps"] / floor_rps
        flag = " ⚠" if ratio < 0.5 else ""
        lines.append(f"| {name} | {result['rps']:.0f} | {result['p50_us'] / 1000:.1f} | "
                     f"{result['p99_us'] / 1000:.1f} | {ratio:.2f}{flag} |")
    return lines


def write_results(block: str) -> None:
    text = RESULTS.read_text() if RESULTS.exists() else f"# make bench\n\n{START}\n{END}\n"
    if START not in text or END not in text:
        text += f"\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    RESULTS.write_text(f"{head}{START}\n{block}\n{END}{tail}")


def main() -> int:
    global SERVER_KEY, USE_REDIS
    from cryptography.fernet import Fernet

    SERVER_KEY = Fernet.generate_key().decode()
    USE_REDIS = redis_answers()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install -y wrk")
    env = server_env(metrics_cache_seconds=0)
    started = time.monotonic()
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as scratch:
        users_file = Path(scratch) / "users.txt"
        recreate_database(env)
        run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)
        seed_started = time.monotonic()
        run([PYTHON, "bench/seed.py", "--users", str(USERS), "--apps", str(APPS),
             "--tokens-out", str(Path(scratch) / "tokens.txt"), "--users-out", str(users_file)],
            env)
        seed_seconds = time.monotonic() - seed_started
        run([PYTHON, "manage.py", "shell", "-v", "0", "-c",
             "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')"],
            env)

        port = free_port()
        server = start_server(env, port)
        try:
            warm_up(port, users_file, [FLOOR, *JOBAPPS[:1], *METRICS[:1]])
            measured: list[tuple[str, dict]] = []
            for endpoint in [FLOOR, *JOBAPPS, *METRICS]:
                result = wrk(port, endpoint, users_file, SECONDS)
                measured.append((endpoint, result))
                print(f"{endpoint:45s} {result['rps']:8.0f} req/s  p50 {result['p50_us']/1000:6.1f}"
                      f" ms  p99 {result['p99_us']/1000:6.1f} ms", flush=True)
            # The floor again at the end: the run's drift shows in the two floors.
            floor_end = wrk(port, FLOOR, users_file, SECONDS)
        finally:
            stop_server(server)

        cached_env = server_env(metrics_cache_seconds=300)
        cached_env["SECRET_KEY"] = env["SECRET_KEY"]
        server = start_server(cached_env, port)
        try:
            warm_up(port, users_file, [FLOOR])
            cached: list[tuple[str, dict]] = []
            for endpoint in [FLOOR, *METRICS]:
                result = wrk(port, endpoint, users_file, CACHED_SECONDS)
                cached.append((endpoint, result))
        finally:
            stop_server(server)
        version_line = versions(env)

    floor = measured[0][1]
    # The machine may be busy with other work: the floor is measured first and last, and each
    # endpoint is compared with the mean of the two.
    floor_rps = (floor["rps"] + floor_end["rps"]) / 2
    measured.append((f"{FLOOR} (again, last)", floor_end))
    failures = [(name, r) for name, r in measured + cached if r["non200"] or r["errors"]]
    info = machine()
    load_end = os.getloadavg()[0]
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"Run {now} on {info['nproc']} CPUs ({info['cpu']}), {info['ram']} RAM; {version_line}. "
        f"1-minute load average before/after: {load_start:.1f}/{load_end:.1f} (the machine is "
        "shared; compare ratios to the floor, measured in the same run, more than absolutes).",
        "",
        f"gunicorn {WORKERS} sync workers, DB_CONN_MAX_AGE=600, DEBUG=0, "
        f"{'Redis' if USE_REDIS else 'local-memory'} cache; wrk 2 threads × {CONNECTIONS} "
        f"connections on loopback, {SECONDS} s per endpoint (at most {MAX_REQUESTS} requests per "
        f"thread), the 50 users' tokens in turn. Data: {USERS} users × {APPS} applications "
        f"with history, notes and emails (seeded in {seed_seconds:.0f} s). Floor: "
        f"`{FLOOR}` (token auth + one query) = {floor['rps']:.0f} req/s at the start, "
        f"{floor_end['rps']:.0f} req/s at the end; ratios are to their mean, {floor_rps:.0f}. "
        "⚠ marks an endpoint below 0.5× the floor.",
        "",
        "### METRICS_CACHE_SECONDS=0 (every metric computed in SQL)",
        "",
        *table(measured, floor_rps),
        "",
        f"### METRICS_CACHE_SECONDS=300 ({CACHED_SECONDS} s per endpoint; a user's first "
        "request computes, the rest are cache hits)",
        "",
        *table(cached, cached[0][1]["rps"]),
        "",
        f"Failed requests: {sum(r['non200'] + r['errors'] for _, r in failures)}. "
        f"Total run time {time.monotonic() - started:.0f} s.",
    ]
    block = "\n".join(lines)
    write_results(block)
    print("\n" + block)
    if failures:
        print(f"FAILED requests on: {', '.join(name for name, _ in failures)}", file=sys.stderr)
        return 1
    return 0


SERVER_KEY = ""
USE_REDIS = False

if __name__ == "__main__":
    sys.exit(main())
