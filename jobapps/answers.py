"""The employer's first answer to an application, what metrics.response_times measures: the
earlier of the first status change past the seeker's own steps after the application was
recorded, and the first linked email that is not a confirmation.

It is stored on the application (`first_answer_at`) rather than looked up when the metric is
read: finding it takes three index lookups per application (the history's first row, the later
changes, the emails), which made the metric cost over twice the floor's time
(bench/RESULTS.md). Every write that adds or removes a history row or links an email refreshes
it (refresh_first_answers): jobapps.services, csv_import and the admin.
"""

from collections.abc import Iterable

from django.db import connection
from django.db.models.expressions import RawSQL

from .models import ApplicationStatus, JobApplication, JobEmail, StatusHistory

# Moving to these is the seeker's own step, not an answer from the employer.
SEEKER_STATUSES = (ApplicationStatus.TO_APPLY, ApplicationStatus.APPLIED)
# Emails that are not a reply from the employer.
NON_REPLY_EMAILS = (JobEmail.Kind.APPLICATION_CONFIRMATION, JobEmail.Kind.NOT_JOB)

APPLICATIONS = JobApplication._meta.db_table
# The first answer of the application being updated, or NULL. The history's first row (by
# time, then id) records the application being added, whatever its status, so it is no answer.
# SQL rather than the ORM: building the same expression with subqueries cost several times
# running it, on every status change. MIN, unlike LEAST, skips a missing part on SQLite too.
FIRST_ANSWER = f"""(
    SELECT MIN(answer) FROM (
        SELECT MIN(later.changed_at) AS answer FROM {StatusHistory._meta.db_table} later
        WHERE later.job_application_id = {APPLICATIONS}.id
          AND later.application_status_id NOT IN ({", ".join(map(str, SEEKER_STATUSES))})
          AND later.id <> (SELECT added.id FROM {StatusHistory._meta.db_table} added
                           WHERE added.job_application_id = {APPLICATIONS}.id
                           ORDER BY added.changed_at, added.id LIMIT 1)
        UNION ALL
        SELECT MIN(mail.date) FROM {JobEmail._meta.db_table} mail
        WHERE mail.job_application_id = {APPLICATIONS}.id
          AND mail.kind NOT IN ({", ".join(f"'{kind.value}'" for kind in NON_REPLY_EMAILS)})
    ) answers
)"""  # noqa: S608 (table names and constants only)


def first_answer() -> RawSQL:
    """FIRST_ANSWER as a value for Model.save(): set on an application with the fields it
    saves, it is recomputed by the same UPDATE, not by one more query."""
    return RawSQL(FIRST_ANSWER, [])  # noqa: S611 (constants only)


# Ids per statement: SQLite takes at most 999 parameters.
CHUNK = 500


def refresh_first_answers(jobapp_ids: Iterable[int | None]) -> None:
    """Recomputes the stored first answer of these applications (one query per CHUNK)."""
    ids = sorted({jobapp_id for jobapp_id in jobapp_ids if jobapp_id is not None})
    with connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            cursor.execute(
                f"UPDATE {APPLICATIONS} SET first_answer_at = {FIRST_ANSWER} "  # noqa: S608
                f"WHERE id IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )


def fill_first_answers(database) -> None:
    """Every application's first answer, on this connection (the migration that added the
    column)."""
    with database.cursor() as cursor:
        cursor.execute(f"UPDATE {APPLICATIONS} SET first_answer_at = {FIRST_ANSWER}")  # noqa: S608
