"""Query-count baselines, kept one way (as NetBox's utilities/testing/query_counts.py):
`tests/query_counts.json` maps a name (`<app>.<endpoint>[.<case>]`) to the number of SQL
queries one request makes, token authentication included.

    assert_query_count("jobapps.get_jobapps", lambda: client.get(...))

fails when the count differs from the stored one and prints every query the request made.
Tests call it for one row and for many, so a count that grows with the data fails too.
After a deliberate change, regenerate the file and review its diff:

    REGENERATE_QUERY_COUNTS=1 .venv/bin/python -m pytest -p no:cacheprovider -k query_count
"""

import json
import os
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext

BASELINE_FILE = Path(__file__).with_name("query_counts.json")
REGENERATE = os.environ.get("REGENERATE_QUERY_COUNTS") == "1"


def _stored() -> dict[str, int]:
    return json.loads(BASELINE_FILE.read_text()) if BASELINE_FILE.exists() else {}


def _store(name: str, count: int) -> None:
    baselines = _stored()
    baselines[name] = count
    BASELINE_FILE.write_text(json.dumps(dict(sorted(baselines.items())), indent=2) + "\n")


def assert_query_count(name: str, call):
    """Runs `call()`, checks its query count against the baseline `name` (or stores it when
    REGENERATE_QUERY_COUNTS=1) and returns what `call()` returned."""
    with CaptureQueriesContext(connection) as captured:
        result = call()
    count = len(captured.captured_queries)
    if REGENERATE:
        _store(name, count)
        return result
    expected = _stored().get(name)
    if count != expected:
        queries = "\n".join(
            f"{n}. {query['sql']}" for n, query in enumerate(captured.captured_queries, 1)
        )
        raise AssertionError(
            f"{name}: {count} queries, the baseline is {expected} (after a deliberate change: "
            f"REGENERATE_QUERY_COUNTS=1, see tests/query_counts.py).\n{queries}"
        )
    return result
