"""Two checkouts side by side, in-process, against the floor: how bench/RESULTS.md's "in-process"
numbers are taken.

    git worktree add /tmp/before HEAD~1
    .venv/bin/python bench/compare.py /tmp/before . [--runs 5] [--requests 200] [target ...]

Each checkout gets a worker process that serves requests through Django's full stack (the test
client: middleware, bearer authentication, view, renderer) under bench/settings.py with the
benchmark's settings (DEBUG=0, METRICS_CACHE_SECONDS=0, persistent connection, the Redis cache
when one answers), against the database `make bench` leaves behind (BENCH_DB; seeded users
named readers*, big* and small*). The two workers take turns, target by target, each timing
the floor (`/bench/floor`) right before the target and after the last. Per target and run: wall
time and CPU time per request, CPU being the worker's plus its PostgreSQL backend's
(/proc/<pid>/stat), which the machine's other work moves less than wall time. Printed: per
target, the median over the runs (min-max) of milliseconds and of the ratio to the floor
(floor time / target time, as requests per second would give it), and the list's cost per
application, (list of the big user - list of 500) / the difference in applications. With
`--against word_count_2019`, also each target's ratio to that target in the same run (how the
company/title groupings are held to the 2019 backend's word count).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PYTHON = str(BENCH_DIR.parent / ".venv" / "bin" / "python")
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB = os.environ.get("BENCH_DB", "jobhax_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")

LIST = "/api/jobapps/get_jobapps"
PAGE = LIST + "?page=1&page_size=20"
# target -> (user group, path, requests per measurement as a share of --requests)
TARGETS = {
    "floor": ("readers", "/bench/floor", 1.0),
    "list_500": ("readers", LIST, 0.5),
    "list_big": ("big", LIST, 0.1),
    "page_500": ("readers", PAGE, 1.0),
    "page_big": ("big", PAGE, 1.0),
    "page_small": ("small", PAGE, 1.0),
    **{
        name: ("readers", f"/api/metrics/{name}", 0.5)
        for name in (
            "get_response_times",
            "get_funnel",
            "get_status_flow",
            "get_word_count",
            "get_top_companies",
            "get_top_titles",
            "get_count_by_jobtitle_and_statuses",
        )
    },
    "word_count_2019": ("readers", "/bench/word_count_2019", 0.5),
}
DEFAULT_TARGETS = ["list_500", "list_big", "page_500", "page_big", "page_small"]
TICK = os.sysconf("SC_CLK_TCK")


# --- the worker: one checkout, one process ------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def worker(tree: str) -> None:
    # The checkout's modules, not this folder's (bench/profile.py would shadow the stdlib's).
    sys.path[:] = [tree, *(path for path in sys.path if Path(path or ".").resolve() != BENCH_DIR)]
    os.chdir(tree)
    os.environ.update(
        DATABASE_URL=f"{PG}/{DB}",
        DB_CONN_MAX_AGE="600",
        DEBUG="0",
        METRICS_CACHE_SECONDS="0",
        ALLOWED_HOSTS="testserver",
        SECRET_KEY="compare-only-secret-" + "0123456789abcdef" * 3,
        LOG_LEVEL="ERROR",
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=f"jobhax-compare-{os.getpid()}",
        DJANGO_SETTINGS_MODULE="bench.settings",
    )
    os.environ.setdefault("FIELD_ENCRYPTION_KEY", "bTAa0nYbI4nHx8y6bqq4bA1aXx2u8QYy3bA6oV8VYtY=")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from oauth2_provider.models import AccessToken

    clients = {}
    for group in ("readers", "big", "small"):
        token = (
            AccessToken.objects.filter(user__username__startswith=group)
            .order_by("user__username")
            .first()
        )
        clients[group] = Client(HTTP_AUTHORIZATION=f"Bearer {token.token}")
    for group, path, _ in TARGETS.values():  # warm every path once
        assert clients[group].get(path).status_code == 200, path
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    print("ready", flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        group, path, _ = TARGETS[command["target"]]
        client, times = clients[group], []
        python, postgres = time.process_time(), cpu_seconds(backend)
        for _ in range(command["count"]):
            started = time.perf_counter()
            response = client.get(path)
            if response.streaming:  # a long list: read it all, as a client would
                b"".join(response.streaming_content)
            times.append(time.perf_counter() - started)
        cpu = time.process_time() - python + cpu_seconds(backend) - postgres
        print(json.dumps({"times": times, "cpu": cpu}), flush=True)


# --- the driver ---------------------------------------------------------------------------------


class Worker:
    def __init__(self, tree: str):
        self.process = subprocess.Popen(  # noqa: S603
            [PYTHON, __file__, "--worker", tree],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdin and self.process.stdout
        self.commands, self.answers = self.process.stdin, self.process.stdout
        assert self.answers.readline().strip() == "ready"

    def measure(self, target: str, count: int) -> dict:
        self.commands.write(json.dumps({"target": target, "count": count}) + "\n")
        self.commands.flush()
        return json.loads(self.answers.readline())

    def stop(self) -> None:
        self.commands.close()
        self.process.wait()


def spread(values: list[float], fmt: str) -> str:
    middle, low, high = statistics.median(values), min(values), max(values)
    return f"{fmt.format(middle)} ({fmt.format(low)}–{fmt.format(high)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trees", nargs=2, help="the checkout before, the checkout after")
    parser.add_argument("targets", nargs="*", help=f"of {', '.join(TARGETS)}")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=20, help="turns of each checkout per run")
    parser.add_argument("--batch", type=int, default=10, help="requests per turn")
    big_apps = int(os.environ.get("BENCH_BIG_APPS", "20000"))
    parser.add_argument("--big-apps", type=int, default=big_apps)
    parser.add_argument("--against", help="a target to also compare every target with")
    options = parser.parse_args()
    options.targets = options.targets or DEFAULT_TARGETS
    if options.against and options.against not in options.targets:
        options.targets.append(options.against)
    if unknown := set(options.targets) - set(TARGETS):
        parser.error(f"unknown targets: {', '.join(sorted(unknown))}")
    workers = [Worker(str(Path(tree).resolve())) for tree in options.trees]
    # results[tree][target][measure]: one value per run
    results: list[dict] = [{} for _ in workers]
    try:
        for run in range(options.runs):
            times: list[dict] = [{} for _ in workers]  # this run's request times and CPU
            for turn in range(options.rounds):
                order = list(enumerate(workers))
                if turn % 2:
                    order.reverse()  # neither checkout always goes first
                for index, worker_ in order:
                    for target in ["floor", *options.targets]:
                        count = max(1, round(options.batch * TARGETS[target][2]))
                        measured = worker_.measure(target, count)
                        entry = times[index].setdefault(target, {"times": [], "cpu": 0.0})
                        entry["times"] += measured["times"]
                        entry["cpu"] += measured["cpu"]
            for index, by_target in enumerate(times):
                per_request = {
                    target: (
                        statistics.median(entry["times"]),
                        entry["cpu"] / len(entry["times"]),
                    )
                    for target, entry in by_target.items()
                }
                floor_wall, floor_cpu = per_request["floor"]
                against_wall, against_cpu = per_request.get(options.against, (0.0, 0.0))
                for target, (wall, cpu) in per_request.items():
                    entry = results[index].setdefault(target, {})
                    for name, value in (
                        ("wall ms", wall * 1000),
                        ("wall × floor", floor_wall / wall),
                        ("cpu ms", cpu * 1000),
                        ("cpu × floor", floor_cpu / cpu),
                        ("wall × against", against_wall / wall),
                        ("cpu × against", against_cpu / cpu),
                    ):
                        entry.setdefault(name, []).append(value)
            print(f"run {run + 1}/{options.runs} done", file=sys.stderr, flush=True)
    finally:
        for worker_ in workers:
            worker_.stop()
    for target in ["floor", *options.targets]:
        print(f"\n{target}")
        for tree, result in zip(("before", "after"), results, strict=True):
            entry = result[target]
            print(
                f"  {tree:6}  wall (median request) {spread(entry['wall ms'], '{:.2f}')} ms, "
                f"× floor {spread(entry['wall × floor'], '{:.2f}')}; "
                f"cpu {spread(entry['cpu ms'], '{:.2f}')} ms, "
                f"× floor {spread(entry['cpu × floor'], '{:.2f}')}"
            )
            if options.against:
                print(
                    f"          × {options.against}: "
                    f"wall {spread(entry['wall × against'], '{:.2f}')}, "
                    f"cpu {spread(entry['cpu × against'], '{:.2f}')}"
                )
    if {"list_500", "list_big"} <= set(options.targets):
        print(f"\ncost per application, (list_big - list_500) / {options.big_apps - 500:,}")
        for tree, result in zip(("before", "after"), results, strict=True):
            line = []
            for kind in ("wall", "cpu"):
                per_app = [
                    (big - small) * 1000 / (options.big_apps - 500)
                    for big, small in zip(
                        result["list_big"][f"{kind} ms"],
                        result["list_500"][f"{kind} ms"],
                        strict=True,
                    )
                ]
                line.append(f"{kind} {spread(per_app, '{:.2f}')} µs")
            print(f"  {tree:6}  " + "; ".join(line))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        worker(sys.argv[2])
    else:
        main()
