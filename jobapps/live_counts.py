"""Each user's number of live applications (models.LiveJobappCount), the paged list's total.

It is stored rather than counted when a page is read: a COUNT reads every one of the user's
rows (20,000 index entries for a long list), and keeping it in a cache cost a page a round trip
to Redis, a tenth of its time (bench/RESULTS.md). Stored in PostgreSQL, the page's own query
reads it (LIVE_COUNT_SQL), so a page is one query.

Every write that adds, deletes or moves applications keeps it in the same transaction:
jobapps.services (jobapp_create, jobapps_save_all, which the Gmail sync writes through,
jobapp_delete), csv_import and the admin; tests/factories.py and bench/seed.py, which write
rows directly, refresh it. jobapps/tests/test_live_counts.py holds every path to it.
"""

from collections.abc import Iterable

from django.db import connection, transaction

from .models import JobApplication, LiveJobappCount

COUNTS = LiveJobappCount._meta.db_table
APPLICATIONS = JobApplication._meta.db_table
# The user's total as a value of the page's query (one parameter: the user's id).
LIVE_COUNT_SQL = f"COALESCE((SELECT live FROM {COUNTS} WHERE user_id = %s), 0)"  # noqa: S608


def live_count_add(*, user_id: int, delta: int) -> None:
    """Adds `delta` to the user's count. An increment, not a recount: it stays right when two
    transactions add applications at once (each adds its own, on the row as the other left
    it), and costs the same at any size. The row stays locked until the transaction ends."""
    if not delta:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {COUNTS} (user_id, live) VALUES (%s, %s) "  # noqa: S608 (constants)
            f"ON CONFLICT (user_id) DO UPDATE SET live = {COUNTS}.live + excluded.live",
            [user_id, delta],
        )


@transaction.atomic
def refresh_live_counts(user_ids: Iterable[int | None]) -> None:
    """Counts these users' live applications again (the admin, rows written directly). Each
    count row is locked before counting, so a write running meanwhile either finished first
    (and is counted) or adds its own increment after this (one query per user, twice)."""
    with connection.cursor() as cursor:
        for user_id in sorted({user_id for user_id in user_ids if user_id is not None}):
            cursor.execute(
                f"INSERT INTO {COUNTS} (user_id, live) VALUES (%s, 0) "  # noqa: S608
                f"ON CONFLICT (user_id) DO UPDATE SET live = {COUNTS}.live",
                [user_id],
            )
            cursor.execute(
                f"UPDATE {COUNTS} SET live = (SELECT COUNT(*) FROM {APPLICATIONS} "  # noqa: S608
                "WHERE user_id = %s AND is_deleted = %s) WHERE user_id = %s",
                [user_id, False, user_id],
            )


def fill_live_counts(database) -> None:
    """Every user's count, on this connection (the migration that added the table)."""
    with database.cursor() as cursor:
        cursor.execute(f"DELETE FROM {COUNTS}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {COUNTS} (user_id, live) SELECT user_id, COUNT(*) "  # noqa: S608
            f"FROM {APPLICATIONS} WHERE is_deleted = %s GROUP BY user_id",
            [False],
        )
