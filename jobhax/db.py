"""Statements prepared once per database session and run with their generic plan, for queries
whose best plan does not depend on their parameters: the company/title groupings (every plan
reads all of the user's rows). Not a query with a LIMIT: a generic plan is costed for an unknown
LIMIT as a tenth of the rows, and with bench/seed.py's data the unfiltered page's generic plan
read and sorted all of a user's rows instead of 20 off the ordering's index (under `make bench`
a page at 20,000 applications fell to 0.20x the floor; bench/RESULTS.md, fourth pass)."""

import hashlib
from typing import Any
from weakref import WeakKeyDictionary

from django.db import DatabaseError, connection

# Per database session (psycopg2 connection): the names of the statements prepared on it, or
# None when a first execution failed (whether its PREPARE ran is not known: plain SQL then).
_PREPARED: WeakKeyDictionary[Any, set[str] | None] = WeakKeyDictionary()


def fetch_prepared(sql: str, params: list) -> list[tuple]:
    """The rows of `sql` (%s placeholders, one per parameter), on PostgreSQL through a statement
    prepared on the session the first time it runs there, in the same round trip as that first
    execution (so it counts as one query either way), and executed with its generic plan.

    Generic, because PostgreSQL's default (plan_cache_mode auto) plans every execution again
    until a generic plan looks no dearer than the custom ones. The session's plan_cache_mode is
    set with the first statement; it only concerns prepared statements, and none but these are
    prepared. So the SQL must let a generic plan be as good as a custom one: what selects a
    partial index (`NOT app.is_deleted`) written out, not a parameter, and as parameters only
    values whose choice does not change the best plan.

    Needs a database session of its own, as the long list's WITH HOLD cursor already does: no
    connection pooler in transaction mode. Elsewhere (SQLite) the plain query."""
    with connection.cursor() as cursor:
        session = connection.connection
        prepared = (
            _PREPARED.setdefault(session, set()) if connection.vendor == "postgresql" else None
        )
        if prepared is None:
            cursor.execute(sql, params)
            return cursor.fetchall()
        name = statement_name(sql)
        execute = f"EXECUTE {name}({', '.join(['%s'] * len(params))})"
        if name in prepared:
            cursor.execute(execute, params)
            return cursor.fetchall()
        pieces = sql.split("%s")
        numbered = "".join(f"{piece}${n}" for n, piece in enumerate(pieces[:-1], 1))
        try:
            cursor.execute(
                "SET plan_cache_mode = force_generic_plan; "
                f"PREPARE {name} AS {numbered}{pieces[-1]}; {execute}",
                params,
            )
        except DatabaseError:
            _PREPARED[session] = None
            raise
        prepared.add(name)
        return cursor.fetchall()


def statement_name(sql: str) -> str:
    return "prepared_" + hashlib.sha256(sql.encode()).hexdigest()[:16]
