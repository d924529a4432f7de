"""jobhax.db.fetch_prepared: a statement prepared once per database session."""

import pytest
from django.db import DatabaseError, connection, transaction

from jobhax import db

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements"),
]


def prepared_here(name: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = %s",
            [name],
        )
        row = cursor.fetchone()
    return {} if row is None else {"generic": row[0], "custom": row[1]}


def test_prepared_on_first_use_and_executed_with_its_generic_plan():
    sql = "SELECT %s::int + 1, %s::text"
    assert db.fetch_prepared(sql, [1, "a"]) == [(2, "a")]
    assert db.fetch_prepared(sql, [41, "b"]) == [(42, "b")]
    assert prepared_here(db.statement_name(sql)) == {"generic": 2, "custom": 0}


def test_a_session_whose_first_execution_failed_runs_plain_sql():
    """Whether the failed first execution's PREPARE ran is not known: the session prepares
    nothing more rather than fail on a name that may exist."""
    connection.ensure_connection()
    session = connection.connection
    before = db._PREPARED.get(session)
    try:
        with pytest.raises(DatabaseError), transaction.atomic():
            db.fetch_prepared("SELECT 1 / %s", [0])
        assert db._PREPARED[session] is None
        assert db.fetch_prepared("SELECT 1 / %s", [1]) == [(1,)]
        assert db.fetch_prepared("SELECT 2 / %s", [1]) == [(2,)]
        assert prepared_here(db.statement_name("SELECT 2 / %s")) == {}
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DEALLOCATE {db.statement_name('SELECT 1 / %s')}")
        db._PREPARED[session] = before
