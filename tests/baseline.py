"""Query-count baselines (as NetBox keeps them): `tests/query_counts.json` maps an endpoint
name to the number of queries one request makes, token authentication included.

Tests assert the count is the same for 1 row and for many, and equal to the stored baseline,
so a change that adds a query per row, or any query at all, shows up in review.
"""
import json
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext

BASELINE_FILE = Path(__file__).with_name("query_counts.json")


def baseline(name: str) -> int:
    return json.loads(BASELINE_FILE.read_text())[name]


def count_queries(call) -> tuple[int, object]:
    """Runs `call()` and returns (number of SQL queries, its result)."""
    with CaptureQueriesContext(connection) as captured:
        result = call()
    return len(captured.captured_queries), result
