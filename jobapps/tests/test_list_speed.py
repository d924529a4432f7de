"""The application list at any size (issue 17): the same objects as every other endpoint, long
lists streamed in batches, every ordering read off an index, and a page's total counted once
until the user's applications change."""

import gc
import json
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.http import QueryDict
from rest_framework.exceptions import ValidationError

from jobapps import selectors
from jobapps.models import ApplicationStatus, JobApplication
from jobapps.serializers import JOBAPP_ROW_FIELDS, JobappListQueryInput, jobapp_data
from jobapps.tests.helpers import add_payload, url
from jobhax.api.validation import validated
from tests.factories import JobApplicationFactory
from tests.helpers import assert_ok
from tests.query_counts import assert_query_count

pytestmark = pytest.mark.django_db

ORDERINGS = ["applyDate", "jobTitle", "company", "updatedAt", "applicationStatus"]


def varied_applications(user) -> list[JobApplication]:
    """Ties, an application without a status, a logo, microseconds, a rejection, non-ASCII."""
    same_day = datetime(2019, 5, 1, 9, 30, 15, 123456, tzinfo=UTC)
    create = JobApplicationFactory.create
    return [
        create(user=user, apply_date=same_day, company="acme", job_title="Dev"),
        create(
            user=user,
            apply_date=same_day,
            company="Acme",
            job_title="dev",
            is_rejected=True,
            company_logo="https://acme.test/logo.png",
        ),
        create(
            user=user,
            apply_date=datetime(2019, 6, 1, tzinfo=UTC),
            company="Zürich Labs",
            job_title="Ingénieur",
            source="",
            application_status_id=None,
            msg_id="18f0c1",
        ),
        create(
            user=user,
            apply_date=datetime(2018, 12, 31, 23, 59, 59, tzinfo=UTC),
            company="Beta",
            job_title="QA",
            job_url="https://beta.test/j/1",
            location="Berlin",
            salary="90k",
            application_status_id=ApplicationStatus.OFFER,
        ),
    ]


def contract_objects(user) -> list[dict]:
    """What the other endpoints answer for the same applications, newest first."""
    rows = (
        JobApplication.objects.filter(user=user, is_deleted=False)
        .order_by("-apply_date", "-id")
        .values(*JOBAPP_ROW_FIELDS)
    )
    return [jobapp_data(row) for row in rows]


def test_listed_objects_are_every_other_endpoints_objects(auth_client, user):
    varied_applications(user)
    listed = assert_ok(auth_client.get(url("get_jobapps")))
    # Compared as JSON text: key order and types (false, not 0; null, not "") included.
    assert json.dumps(listed) == json.dumps(contract_objects(user))


@pytest.mark.parametrize("lookup_rows", [selectors.STATUS_LOOKUP_ROWS, 1])
@pytest.mark.parametrize("filters", [{}, {"rejected": "false"}])
def test_pages_hold_every_other_endpoints_objects(
    auth_client, user, monkeypatch, lookup_rows, filters
):
    """A page looks its statuses up row by row, a page longer than STATUS_LOOKUP_ROWS joins
    them: the same objects either way, filtered or not."""
    varied_applications(user)
    monkeypatch.setattr(selectors, "STATUS_LOOKUP_ROWS", lookup_rows)
    pages = [
        assert_ok(auth_client.get(url("get_jobapps"), {"page": number, "page_size": 2, **filters}))
        for number in (1, 2)
    ]
    expected = [row for row in contract_objects(user) if not (filters and row["isRejected"])]
    assert json.dumps(pages[0] + pages[1]) == json.dumps(expected)


def test_a_long_list_streams_in_batches_with_the_same_body(auth_client, user, monkeypatch):
    varied_applications(user)
    JobApplicationFactory.create_batch(5, user=user)
    whole = auth_client.get(url("get_jobapps"))
    assert not whole.streaming

    monkeypatch.setattr(selectors, "LIST_BATCH_ROWS", 2)
    # The first batch, then the rest from one cursor: one query more, whatever the length.
    streamed = assert_query_count(
        "jobapps.get_jobapps.streamed", lambda: auth_client.get(url("get_jobapps"))
    )
    assert streamed.streaming and streamed.status_code == 200
    assert streamed["Content-Type"] == "application/json"
    pieces = list(streamed.streaming_content)
    assert len(pieces) > 2
    assert b"".join(pieces) == whole.content


def test_a_paged_long_list_is_one_piece(auth_client, user, monkeypatch):
    monkeypatch.setattr(selectors, "LIST_BATCH_ROWS", 2)
    JobApplicationFactory.create_batch(5, user=user)
    response = auth_client.get(url("get_jobapps"), {"page": 1, "page_size": 4})
    assert not response.streaming
    assert len(assert_ok(response)) == 4


@pytest.mark.parametrize("ordering", ORDERINGS)
def test_a_descending_ordering_is_the_ascending_one_reversed(auth_client, user, ordering):
    varied_applications(user)
    JobApplicationFactory.create_batch(
        3, user=user, company="acme", job_title="dev", apply_date=datetime(2019, 5, 1, tzinfo=UTC)
    )

    def ordered(value):
        return [
            row["id"] for row in assert_ok(auth_client.get(url("get_jobapps"), {"ordering": value}))
        ]

    assert ordered(f"-{ordering}") == list(reversed(ordered(ordering)))


def test_an_application_without_a_status_comes_last_by_status(auth_client, user):
    no_status = JobApplicationFactory(user=user, application_status_id=None)
    offer = JobApplicationFactory(user=user, application_status_id=ApplicationStatus.OFFER)
    applied = JobApplicationFactory(user=user, application_status_id=ApplicationStatus.APPLIED)
    listed = assert_ok(auth_client.get(url("get_jobapps"), {"ordering": "applicationStatus"}))
    assert [row["id"] for row in listed] == [applied.id, offer.id, no_status.id]


def test_a_page_reads_its_total_in_its_own_query(auth_client, user):
    """The user's stored count of live applications (jobapps.live_counts), in the page's
    query: the token and the page, whatever the user's total."""
    JobApplicationFactory.create_batch(3, user=user)

    def page():
        return assert_query_count(
            "jobapps.get_jobapps_paged",
            lambda: auth_client.get(url("get_jobapps"), {"page_size": 2}),
        )

    assert page().json()["pagination"]["total_count"] == 3
    assert_ok(auth_client.post(url("add_jobapp"), add_payload(), format="json"))
    response = page()
    assert response.json()["pagination"] == {"current_page": 1, "page_count": 2, "total_count": 4}


def test_filtered_pages_read_the_total_once_until_the_applications_change(
    auth_client, user, django_capture_on_commit_callbacks
):
    JobApplicationFactory.create_batch(3, user=user, source="Indeed")

    def page(baseline="jobapps.get_jobapps_paged_filtered"):  # token, count, page
        return assert_query_count(
            baseline,
            lambda: auth_client.get(url("get_jobapps"), {"page_size": 2, "source": "indeed"}),
        )

    response = page()
    assert response.json()["pagination"]["total_count"] == 3

    page("jobapps.get_jobapps_paged_filtered.total_remembered")  # the count is not read again

    with django_capture_on_commit_callbacks(execute=True):  # the write announces itself
        payload = add_payload(source="Indeed")
        assert_ok(auth_client.post(url("add_jobapp"), payload, format="json"))
    response = page()
    assert response.json()["pagination"] == {"current_page": 1, "page_count": 2, "total_count": 4}


def test_a_remembered_total_belongs_to_its_user_and_filters(
    auth_client, other_client, user, other_user
):
    JobApplicationFactory.create_batch(3, user=user, source="LinkedIn")
    JobApplicationFactory(user=user, source="Indeed")
    JobApplicationFactory(user=other_user)

    def total(client, **params):
        return client.get(url("get_jobapps"), {"page": 1, **params}).json()["pagination"][
            "total_count"
        ]

    assert total(auth_client) == 4
    assert total(auth_client, source="indeed") == 1
    assert total(other_client) == 1
    assert total(auth_client, source="linkedin", ordering="company") == 3


def test_a_total_counted_while_the_applications_change_is_not_kept(user, monkeypatch):
    JobApplicationFactory.create_batch(2, user=user)
    count = selectors._fetch_all

    def count_then_write(sql, params):  # another request's write lands during the count
        counted = count(sql, params)
        JobApplicationFactory(user=user)
        selectors.forget_list_counts(sender=None, user_id=user.pk)
        return counted

    monkeypatch.setattr(selectors, "_fetch_all", count_then_write)
    assert selectors._cached_count(user_id=user.pk, filters=selectors.JobappFilters()) == 2
    monkeypatch.undo()
    assert selectors._cached_count(user_id=user.pk, filters=selectors.JobappFilters()) == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
@pytest.mark.parametrize("status_values", ["join", "lookup"])
@pytest.mark.parametrize(
    "ordering", [f"{sign}{name}" for name in selectors.ORDERING_SQL for sign in ("", "-")]
)
def test_every_ordering_is_read_off_an_index_without_sorting(user, ordering, status_values):
    JobApplicationFactory.create_batch(5, user=user)
    sql, params = selectors._list_sql(
        user_id=user.pk,
        filters=selectors.JobappFilters(ordering=ordering),
        status_values=status_values,
    )
    with connection.cursor() as cursor:
        # What a long list makes it choose, whatever statistics earlier tests left (the mail
        # corpus's imports make the planner expect a handful of rows, and then a bitmap scan
        # and a sort of them look as cheap).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql} LIMIT 20", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Scan" in plan and "Sort" not in plan, plan


def test_statuses_first_met_down_a_streamed_list_are_read(auth_client, user, monkeypatch):
    """A long list's streamed rest carries no status values (the first batch's statuses are
    reused): one it did not meet, an added status included, is read."""
    ghosted = ApplicationStatus.objects.create(value="Ghosted")
    for day, status_id in (
        (1, ghosted.id),
        (2, ApplicationStatus.OFFER),
        (3, None),
        (4, ghosted.id),
    ):
        JobApplicationFactory(
            user=user,
            apply_date=datetime(2019, 1, day, tzinfo=UTC),
            application_status_id=status_id,
        )
    JobApplicationFactory.create_batch(
        2,
        user=user,
        apply_date=datetime(2019, 6, 1, tzinfo=UTC),
        application_status_id=ApplicationStatus.APPLIED,
    )
    monkeypatch.setattr(selectors, "LIST_BATCH_ROWS", 2)
    streamed = auth_client.get(url("get_jobapps"))
    assert streamed.streaming
    listed = json.loads(b"".join(streamed.streaming_content))["data"]
    assert json.dumps(listed) == json.dumps(contract_objects(user))


def test_listed_objects_are_not_tracked_by_the_garbage_collector(user, monkeypatch):
    """A tracked object (a dict holding a dict) makes Python's collector run through a long
    list as it is built, and a full collection of the whole process every few long lists
    (bench/RESULTS.md, fourth pass): the status is JSON text (orjson.Fragment), not a dict."""
    varied_applications(user)
    monkeypatch.setattr(selectors, "LIST_BATCH_ROWS", 2)  # the streamed rest too
    batches, _ = selectors.jobapp_list(user=user, filters=selectors.UNFILTERED)
    listed = [jobapp for batch in batches for jobapp in batch]
    assert len(listed) == 4
    assert not any(gc.is_tracked(jobapp) for jobapp in listed)
    page, _ = selectors.jobapp_list(
        user=user, filters=selectors.UNFILTERED, page=selectors.Page(1, 20)
    )
    assert not any(gc.is_tracked(jobapp) for batch in page for jobapp in batch)


def test_the_query_string_is_validated_over_the_fields_it_has():
    """FieldsBuiltOnce runs only the fields the data has (and required ones or ones with a
    default): the others would only be skipped. The result and the errors are DRF's."""
    query = {"page": "2", "page_size": "20"}
    assert validated(JobappListQueryInput, query) == {"page": 2, "page_size": 20}
    with pytest.raises(ValidationError) as raised:
        validated(JobappListQueryInput, {"page": "0", "rejected": "maybe", "from": "x"})
    assert list(raised.value.detail) == ["rejected", "page", "from"]  # in the fields' order
    # Form data keeps DRF's rule that a missing boolean is False.
    assert validated(JobappListQueryInput, QueryDict("page=2"))["rejected"] is False
