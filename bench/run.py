"""`make bench`: the API under load on the production path, every endpoint against a true floor.

1. Recreates a PostgreSQL database (BENCH_DB, default `jobhax_bench`), migrates it and seeds
   (bench/seed.py) a year of data: BENCH_USERS users x BENCH_APPS applications (the readers),
   10 users x BENCH_APPS (the writers: add_jobapp and update_jobapp change only theirs, so the
   readers' data stay the same from round to round), one user with BENCH_BIG_APPS applications
   and one with BENCH_SMALL_APPS, each with history, notes, emails and a bearer token.
2. Serves it with gunicorn (BENCH_WORKERS sync workers, DEBUG=0, persistent connections, Redis
   cache when one answers on 127.0.0.1:6379) under bench/settings.py, which mounts the floor
   (bench/views.py: the same django-oauth-toolkit bearer check, one query, a small envelope) and
   the 2019 backend's word count, for the benchmark only.
3. METRICS_CACHE_SECONDS=0: BENCH_ROUNDS rounds; in each, every endpoint is driven by wrk
   (bench/wrk.lua, the users' tokens in turn) for BENCH_SECONDS, with the floor measured right
   before it and after the last; an endpoint's ratio is its requests/s over the mean of the two
   floors around it. The table gives, per endpoint, the median over the rounds with min-max.
   Each company/title grouping is also measured side by side with the 2019 backend's word
   count: wrk runs that right next to it (before it in odd rounds, after it in even ones), and
   the grouping's requests/s over that run's give its second table.
   In each round, one request at a time: the list of the big user, of a 500-application user and
   the floor (latency per application), and the gunicorn workers' memory before and after.
4. METRICS_CACHE_SECONDS=300, every metric right after a write: one request at a time, a write
   (update_jobapp) to a user's applications, which drops their cached metrics, then the metric
   (timed), interleaved with write + floor; ratios of median latencies.
5. Writes the tables between the markers in bench/RESULTS.md and prints them. Exits non-zero if
   any request failed.

BENCH_APP_DIR serves another checkout of the project with this benchmark (its bench/ settings,
urls and views are copied in), e.g. the last commit for a before/after comparison.
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
APP_DIR = Path(os.environ.get("BENCH_APP_DIR", BASE_DIR)).resolve()
PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")
GUNICORN = str(BASE_DIR / ".venv" / "bin" / "gunicorn")
RESULTS = BENCH_DIR / "RESULTS.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB = os.environ.get("BENCH_DB", "jobhax_bench")
USERS = int(os.environ.get("BENCH_USERS", "50"))
APPS = int(os.environ.get("BENCH_APPS", "500"))
WRITERS = 10
BIG_APPS = int(os.environ.get("BENCH_BIG_APPS", "20000"))
SMALL_APPS = int(os.environ.get("BENCH_SMALL_APPS", "50"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "4"))
ROUNDS = max(3, int(os.environ.get("BENCH_ROUNDS", "3")))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
MAX_REQUESTS = int(os.environ.get("BENCH_MAX_REQUESTS", "50000"))
SEQUENTIAL = int(os.environ.get("BENCH_SEQUENTIAL", "30"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
WRITE_RESULTS = os.environ.get("BENCH_WRITE_RESULTS", "1") == "1"

FLOOR = "floor"
METRICS = [
    "get_total_application_count",
    "get_application_count_by_month",
    "get_application_count_by_month_with_total",
    "get_count_by_statuses",
    "get_word_count",
    "get_count_by_jobtitle_and_statuses",
    "get_funnel",
    "get_response_times",
    "get_weekly_counts",
    "get_top_companies",
    "get_top_titles",
    "get_status_flow",
]
GROUPINGS = [
    "get_word_count",
    "get_top_companies",
    "get_top_titles",
    "get_count_by_jobtitle_and_statuses",
]


@dataclass(frozen=True)
class Target:
    """One row of the table: a wrk endpoint name (bench/wrk.lua) driven with one users file."""

    label: str
    endpoint: str
    users: str  # "readers", "writers", "big" or "small"


TARGETS = [
    Target(f"get_jobapps ({APPS})", "get_jobapps", "readers"),
    Target(f"get_jobapps page of 20 ({APPS})", "get_jobapps_paged", "readers"),
    Target(f"get_jobapps ({BIG_APPS:,})", "get_jobapps", "big"),
    Target(f"get_jobapps page of 20 ({BIG_APPS:,})", "get_jobapps_paged", "big"),
    Target(f"get_jobapps page of 20 ({SMALL_APPS})", "get_jobapps_paged", "small"),
    Target("add_jobapp", "add_jobapp", "writers"),
    Target("update_jobapp", "update_jobapp", "writers"),
    Target("get_jobapp_notes", "get_jobapp_notes", "readers"),
    Target("word_count_2019 (2019 backend's query)", "word_count_2019", "readers"),
    *(Target(name, name, "readers") for name in METRICS),
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
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DATABASE_URL", "SQLITE_PATH", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DATABASE_URL=f"{PG}/{DB}",
        DB_CONN_MAX_AGE="600",
        DEBUG="0",
        SECRET_KEY=SERVER_SECRET,
        FIELD_ENCRYPTION_KEY=SERVER_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        METRICS_CACHE_SECONDS=str(metrics_cache_seconds),
        LOG_LEVEL="ERROR",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        PYTHONPATH=str(APP_DIR),
        DJANGO_SETTINGS_MODULE="bench.settings",
    )
    if USE_REDIS:
        env["REDIS_URL"] = REDIS_URL
        env["CACHE_KEY_PREFIX"] = f"jobhax-bench-{os.getpid()}-{metrics_cache_seconds}"
    return env


def run(cmd: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, cwd=APP_DIR, check=True, **kwargs)  # noqa: S603


def recreate_database(env: dict[str, str]) -> None:
    admin = [shutil.which("psql") or "psql", f"{PG}/postgres", "-q", "-v", "ON_ERROR_STOP=1"]
    run([*admin, "-c", f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)'], env)
    run([*admin, "-c", f'CREATE DATABASE "{DB}"'], env)


def seed(env: dict[str, str], scratch: Path) -> dict[str, Path]:
    """The four groups of users; returns each group's wrk users file."""
    files = {}
    for group, users, apps in (
        ("readers", USERS, APPS),
        ("writers", WRITERS, APPS),
        ("big", 1, BIG_APPS),
        ("small", 1, SMALL_APPS),
    ):
        files[group] = scratch / f"{group}.txt"
        run(
            [
                PYTHON,
                str(APP_DIR / "bench" / "seed.py"),
                "--users",
                str(users),
                "--apps",
                str(apps),
                "--prefix",
                group,
                "--tokens-out",
                str(scratch / f"{group}-tokens.txt"),
                "--users-out",
                str(files[group]),
            ],
            env,
        )
    return files


def install_bench_views() -> None:
    """Another checkout (BENCH_APP_DIR) gets this benchmark's seed, settings, urls and views."""
    if APP_DIR != BASE_DIR:
        for name in ("seed.py", "settings.py", "urls.py", "views.py"):
            shutil.copy(BENCH_DIR / name, APP_DIR / "bench" / name)


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603
        [
            GUNICORN,
            "jobhax.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--worker-class",
            "sync",
            "--timeout",
            "120",
            "--log-level",
            "warning",
            "--access-logfile",
            "/dev/null",
        ],
        env=env,
        cwd=APP_DIR,
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
    cmd = [
        "wrk",
        "-t2",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(BENCH_DIR / "wrk.lua"),
        f"http://127.0.0.1:{port}",
        "--",
        endpoint,
        str(users_file),
        str(MAX_REQUESTS),
    ]
    out = subprocess.run(  # noqa: S603
        cmd, cwd=BASE_DIR, check=True, capture_output=True, text=True
    ).stdout
    match = re.search(r"^BENCH_JSON (.*)$", out, re.MULTILINE)
    if not match:
        raise SystemExit(f"wrk printed no result for {endpoint}:\n{out}")
    result = json.loads(match.group(1))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def settle(result: dict) -> None:
    """When wrk stops, the workers still finish the requests it had sent (a slow endpoint's
    last ones take seconds): wait them out before the next floor is measured."""
    time.sleep(min(10.0, 2 * result["max_us"] / 1e6))


# --- one request at a time ---------------------------------------------------------------------


def first_user(users_file: Path) -> tuple[str, str]:
    """(token, one application id) of the file's first user."""
    token, ids = users_file.read_text().splitlines()[0].split()
    return token, ids.split(",")[0]


class Client:
    """One keep-alive connection; `timed` returns the seconds a whole response took."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, token: str, body: dict | None = None) -> bytes:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        self.connection.request(
            method, path, body=json.dumps(body) if body else None, headers=headers
        )
        response = self.connection.getresponse()
        content = response.read()
        if response.status != 200:
            raise SystemExit(f"{method} {path} answered {response.status}: {content[:300]!r}")
        return content

    def timed(self, method: str, path: str, token: str, body: dict | None = None) -> float:
        started = time.perf_counter()
        self.request(method, path, token, body)
        return time.perf_counter() - started


def worker_memory(
    server: subprocess.Popen, *, reset_peak: bool = False
) -> dict[int, tuple[int, int]]:
    """{worker pid: (VmRSS, VmHWM) in KiB} of gunicorn's workers; `reset_peak` first brings
    each one's VmHWM (its peak) down to its current size (Linux's clear_refs)."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    memory = {}
    for pid in map(int, children):
        if reset_peak:
            Path(f"/proc/{pid}/clear_refs").write_text("5")
        fields = dict(
            line.split(":", 1)
            for line in Path(f"/proc/{pid}/status").read_text().splitlines()
            if ":" in line
        )
        memory[pid] = (int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0]))
    return memory


def list_latencies(port: int, files: dict[str, Path]) -> dict[str, float]:
    """Median seconds of the big user's list, a reader's list and the floor, interleaved."""
    client = Client(port)
    big, _ = first_user(files["big"])
    reader, _ = first_user(files["readers"])
    times: dict[str, list[float]] = {"big": [], "500": [], "floor": []}
    for n in range(SEQUENTIAL):
        if n % 3 == 0:  # the big list is slow: a third as many
            times["big"].append(client.timed("GET", "/api/jobapps/get_jobapps", big))
        times["500"].append(client.timed("GET", "/api/jobapps/get_jobapps", reader))
        times["floor"].append(client.timed("GET", "/bench/floor", reader))
    return {name: statistics.median(values) for name, values in times.items()}


def metrics_after_a_write(port: int, files: dict[str, Path]) -> dict[str, list[float]]:
    """Per metric (and the floor), the seconds each request took right after a write to the
    same user's applications (which drops that user's cached metrics)."""
    client = Client(port)
    users = [line.split() for line in files["readers"].read_text().splitlines()]
    times: dict[str, list[float]] = {name: [] for name in [FLOOR, *METRICS]}
    for n in range(SEQUENTIAL):
        token, ids = users[n % len(users)]
        for name in times:
            client.request(
                "POST",
                "/api/jobapps/update_jobapp",
                token,
                {"jobapp_id": int(ids.split(",")[n % 7]), "rejected": n % 2 == 0},
            )
            path = "/bench/floor" if name == FLOOR else f"/api/metrics/{name}"
            times[name].append(client.timed("GET", path, token))
    return times


# --- the run -----------------------------------------------------------------------------------


@dataclass
class Measured:
    rounds: list[dict] = field(default_factory=list)  # per round: label -> wrk result + ratio
    latencies: list[dict] = field(default_factory=list)
    memory: list[dict] = field(default_factory=list)


def word_count_2019(port: int, files: dict[str, Path]) -> dict:
    """The 2019 backend's word count, run next to each company/title grouping."""
    result = wrk(port, "word_count_2019", files["readers"], SECONDS)
    settle(result)
    return result


def measure_round(
    port: int,
    files: dict[str, Path],
    server: subprocess.Popen,
    measured: Measured,
    round_number: int,
) -> None:
    results: dict[str, dict] = {}
    floors = [wrk(port, FLOOR, files["readers"], SECONDS)]
    for target in TARGETS:
        if target.users == "big":
            before = worker_memory(server, reset_peak=True)
        side_by_side = target.endpoint in GROUPINGS
        if side_by_side and round_number % 2:
            reference = word_count_2019(port, files)
        results[target.label] = wrk(port, target.endpoint, files[target.users], SECONDS)
        settle(results[target.label])
        if side_by_side and not round_number % 2:
            reference = word_count_2019(port, files)
        if side_by_side:
            results[target.label]["reference_rps"] = reference["rps"]
        if target.users == "big":
            after = worker_memory(server)
            measured.memory.append({"label": target.label, "before": before, "after": after})
        floors.append(wrk(port, FLOOR, files["readers"], SECONDS))
        floor_rps = (floors[-2]["rps"] + floors[-1]["rps"]) / 2
        results[target.label]["ratio"] = results[target.label]["rps"] / floor_rps
        result = results[target.label]
        print(
            f"round {round_number} {target.label:45s} {result['rps']:8.1f} req/s "
            f"p50 {result['p50_us'] / 1000:7.1f} ms  × floor {result['ratio']:.2f}",
            flush=True,
        )
    results["floor"] = {"rps": statistics.median(f["rps"] for f in floors), "floors": floors}
    measured.rounds.append(results)
    measured.latencies.append(list_latencies(port, files))


def spread(values: list[float], fmt: str = "{:.2f}") -> str:
    return (
        f"{fmt.format(statistics.median(values))} "
        f"({fmt.format(min(values))}–{fmt.format(max(values))})"
    )


def load_table(measured: Measured) -> list[str]:
    lines = [
        "| endpoint | req/s | p50 ms | p99 ms | × floor, median (min–max) |",
        "|---|---:|---:|---:|---:|",
    ]
    for target in TARGETS:
        runs = [results[target.label] for results in measured.rounds]
        ratio = statistics.median(r["ratio"] for r in runs)
        bar = 0.8 if "page of 20" in target.label else 0.5
        flag = " ⚠" if ratio < bar and not target.label.startswith("word_count_2019") else ""
        lines.append(
            f"| {target.label} | {statistics.median(r['rps'] for r in runs):.0f} | "
            f"{statistics.median(r['p50_us'] for r in runs) / 1000:.1f} | "
            f"{statistics.median(r['p99_us'] for r in runs) / 1000:.1f} | "
            f"{spread([r['ratio'] for r in runs])}{flag} |"
        )
    return lines


def grouping_lines(measured: Measured) -> list[str]:
    lines = ["| grouping | × the 2019 backend's word count, median (min–max) |", "|---|---:|"]
    for name in GROUPINGS:
        ratios = [
            results[name]["rps"] / results[name]["reference_rps"] for results in measured.rounds
        ]
        lines.append(f"| {name} | {spread(ratios)} |")
    return lines


def latency_lines(measured: Measured) -> list[str]:
    per_app = [(lat["big"] - lat["500"]) / (BIG_APPS - APPS) * 1e6 for lat in measured.latencies]
    lines = ["| one request at a time | per round, median ms |", "|---|---|"]
    for name, label in (
        ("floor", "floor"),
        ("500", f"get_jobapps, {APPS} applications"),
        ("big", f"get_jobapps, {BIG_APPS:,} applications"),
    ):
        values = [lat[name] * 1000 for lat in measured.latencies]
        lines.append(f"| {label} | {' / '.join(f'{v:.1f}' for v in values)} |")
    lines += [
        "",
        f"Cost per application, (list of {BIG_APPS:,} − list of {APPS}) / "
        f"{BIG_APPS - APPS:,}: **{spread(per_app)} µs** (median of the rounds, min–max).",
    ]
    return lines


def memory_lines(measured: Measured) -> list[str]:
    lines = []
    for entry in measured.memory:
        before, after = entry["before"], entry["after"]
        growth = [(after[pid][1] - before[pid][0]) / 1024 for pid in before if pid in after]
        rss = [after[pid][0] / 1024 for pid in after]
        lines.append(
            f"{entry['label']}: worker peak − resident before, largest "
            f"{max(growth):+.1f} MiB (resident after: "
            f"{min(rss):.0f}–{max(rss):.0f} MiB)"
        )
    return lines


def after_write_table(times: dict[str, list[float]]) -> list[str]:
    floor = statistics.median(times[FLOOR])
    lines = ["| metric, right after a write | p50 ms | × floor (latency) |", "|---|---:|---:|"]
    lines.append(f"| floor (after the same write) | {floor * 1000:.1f} | 1.00 |")
    for name in METRICS:
        median = statistics.median(times[name])
        flag = " ⚠" if floor / median < 0.5 else ""
        lines.append(f"| {name} | {median * 1000:.1f} | {floor / median:.2f}{flag} |")
    return lines


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return {"nproc": str(os.cpu_count()), "cpu": cpu, "ram": f"{mem_kb / 1024 / 1024:.1f} GiB"}


def versions(env: dict[str, str]) -> str:
    script = (
        "import django, sys; from django.db import connection; "
        "connection.ensure_connection(); "
        "print(f'Python {sys.version.split()[0]}, Django {django.get_version()}, '"
        "f'PostgreSQL {connection.cursor().connection.info.server_version // 10000}')"
    )
    out = run(
        [PYTHON, "manage.py", "shell", "-v", "0", "-c", script], env, capture_output=True, text=True
    ).stdout.strip()
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True)  # noqa: S607
    first = (wrk_version.stdout or wrk_version.stderr).splitlines()[0].split(" [")[0]
    gunicorn = subprocess.run([GUNICORN, "--version"], capture_output=True, text=True)  # noqa: S603
    return f"{out}, {gunicorn.stdout.strip() or gunicorn.stderr.strip()}, {first}"


def write_results(block: str) -> None:
    text = RESULTS.read_text() if RESULTS.exists() else f"# make bench\n\n{START}\n{END}\n"
    if START not in text or END not in text:
        text += f"\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    RESULTS.write_text(f"{head}{START}\n{block}\n{END}{tail}")


def main() -> int:
    global SERVER_KEY, SERVER_SECRET, USE_REDIS
    from cryptography.fernet import Fernet

    # Stopped from outside: still stop gunicorn (the `finally`s below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    SERVER_KEY = Fernet.generate_key().decode()
    SERVER_SECRET = f"bench-only-{os.urandom(32).hex()}"
    USE_REDIS = redis_answers()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install -y wrk")
    install_bench_views()
    env = server_env(metrics_cache_seconds=0)
    started = time.monotonic()
    loads = [os.getloadavg()[0]]
    measured = Measured()
    with tempfile.TemporaryDirectory() as scratch:
        recreate_database(env)
        run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)
        seed_started = time.monotonic()
        files = seed(env, Path(scratch))
        seed_seconds = time.monotonic() - seed_started
        run(
            [
                PYTHON,
                "manage.py",
                "shell",
                "-v",
                "0",
                "-c",
                "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
            ],
            env,
        )

        port = free_port()
        server = start_server(env, port)
        try:
            for target in TARGETS[:3]:  # every worker imports and connects first
                wrk(port, target.endpoint, files[target.users], 1)
            for round_number in range(1, ROUNDS + 1):
                measure_round(port, files, server, measured, round_number)
                loads.append(os.getloadavg()[0])
        finally:
            stop_server(server)

        server = start_server(server_env(metrics_cache_seconds=300), port)
        try:
            after_write = metrics_after_a_write(port, files)
        finally:
            stop_server(server)
        version_line = versions(env)

    failures = [
        (results[t.label], t.label)
        for results in measured.rounds
        for t in TARGETS
        if results[t.label]["non200"] or results[t.label]["errors"]
    ]
    floors = [f["rps"] for results in measured.rounds for f in results["floor"]["floors"]]
    info = machine()
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    served = "this tree" if APP_DIR == BASE_DIR else f"`{APP_DIR}`"
    lines = [
        f"Run {now} on {info['nproc']} CPUs ({info['cpu']}), {info['ram']} RAM; {version_line}; "
        f"serving {served}. 1-minute load average at the start and after each round: "
        f"{' / '.join(f'{load:.1f}' for load in loads)} (the machine is shared: compare "
        "ratios to the floor measured next to each endpoint, not absolutes).",
        "",
        f"gunicorn {WORKERS} sync workers, DB_CONN_MAX_AGE=600, DEBUG=0, "
        f"{'Redis' if USE_REDIS else 'local-memory'} cache; wrk 2 threads × {CONNECTIONS} "
        f"connections on loopback, {SECONDS} s per endpoint per round, {ROUNDS} rounds. Data, "
        f"apply dates over the last 365 days: {USERS} users × {APPS} applications (the "
        f"endpoints' users, in turn), {WRITERS} × {APPS} (add/update_jobapp's), one user with "
        f"{BIG_APPS:,} and one with {SMALL_APPS}, with history, notes and emails (seeded in "
        f"{seed_seconds:.0f} s). Floor: `/bench/floor` (bench/views.py), measured before every "
        f"endpoint and after the last: {min(floors):.0f}–{max(floors):.0f} req/s over the run "
        f"(median {statistics.median(floors):.0f}). ⚠: under 0.5× the floor (0.8× for a page).",
        "",
        "### METRICS_CACHE_SECONDS=0 (every metric computed)",
        "",
        *load_table(measured),
        "",
        "Company/title groupings against the 2019 backend's plain `GROUP BY company`, side by "
        "side (requests/s over its requests/s in a wrk run right next to the grouping's):",
        "",
        *grouping_lines(measured),
        "",
        *latency_lines(measured),
        "",
        "Worker memory: each gunicorn worker's peak (VmHWM, reset before the endpoint's wrk "
        "run) against its resident size before it:",
        "",
        *(f"* {line}" for line in memory_lines(measured)),
        "",
        f"### METRICS_CACHE_SECONDS=300, each metric right after a write ({SEQUENTIAL} "
        "requests, one at a time)",
        "",
        *after_write_table(after_write),
        "",
        f"Failed requests: {sum(r['non200'] + r['errors'] for r, _ in failures)}. "
        f"Total run time {time.monotonic() - started:.0f} s.",
    ]
    block = "\n".join(lines)
    if WRITE_RESULTS:
        write_results(block)
    print("\n" + block)
    if failures:
        print(
            f"FAILED requests on: {', '.join(sorted({name for _, name in failures}))}",
            file=sys.stderr,
        )
        return 1
    return 0


SERVER_KEY = ""
SERVER_SECRET = ""
USE_REDIS = False

if __name__ == "__main__":
    sys.exit(main())
