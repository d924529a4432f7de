"""CSV export and import: the user's applications with their history and notes, safe in a
spreadsheet, and an import that can be trusted with the same file twice."""

import csv
import io
import json
import threading
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from jobapps import csv_io
from jobapps.models import JobApplication, Note, Source, StatusHistory
from jobapps.tests.helpers import url
from tests.factories import JobApplicationFactory, NoteFactory
from tests.helpers import assert_error, assert_invalid, assert_ok

pytestmark = pytest.mark.django_db

HEADER = "job_title,company,status,apply_date,status_history,msg_id,job_url,id,notes\n"


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "'=x", "''", "plain", "", "a=b"],
)
def test_neutralised_cells_never_start_a_formula_and_read_back_unchanged(value):
    cell = csv_io.neutralise(value)
    assert not cell.startswith(csv_io.FORMULA_TRIGGERS)
    assert csv_io.unneutralise(cell) == value


def export_text(client) -> str:
    response = client.get(url("export_jobapps.csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="jobapps.csv"'
    return response.content.decode()


def export_rows(client) -> list[dict]:
    return list(csv.DictReader(io.StringIO(export_text(client))))


def import_text(client, text: str):
    return client.post(url("import_jobapps_csv"), text.encode(), content_type="text/csv")


def test_export_has_the_callers_live_applications_with_history_and_notes(
    auth_client, user, other_user
):
    app = JobApplicationFactory(
        user=user,
        job_title="Android Developer",
        company="Genuent",
        apply_date=datetime(2019, 1, 23, 14, 18, 12, tzinfo=UTC),
        msg_id="1687f0f6",
        is_rejected=True,
    )
    StatusHistory.objects.filter(job_application=app).update(
        changed_at=datetime(2019, 1, 23, 14, 18, 12, tzinfo=UTC)
    )
    StatusHistory.objects.create(
        job_application=app,
        application_status_id=3,
        changed_at=datetime(2019, 2, 1, 10, tzinfo=UTC),
    )
    NoteFactory(
        job_application=app,
        description='Called; "great" team\nnext: onsite',
        created_date=datetime(2019, 2, 1, 11, tzinfo=UTC),
        update_date=datetime(2019, 2, 2, 9, 30, tzinfo=UTC),
    )
    JobApplicationFactory(user=user, is_deleted=True)
    JobApplicationFactory(user=other_user)

    rows = export_rows(auth_client)

    assert rows == [
        {
            "id": str(app.id),
            "job_title": "Android Developer",
            "company": "Genuent",
            "status": "Applied",
            "apply_date": "2019-01-23T14:18:12Z",
            "source": "LinkedIn",
            "is_rejected": "true",
            "msg_id": "1687f0f6",
            "job_url": "",
            "location": "",
            "salary": "",
            "status_history": "2019-01-23T14:18:12Z Applied; 2019-02-01T10:00:00Z Phone Screen",
            "notes": rows[0]["notes"],
            "follow_up_on": "",
            "contacts": "",
            "events": "",
        }
    ]
    assert json.loads(rows[0]["notes"]) == [
        {
            "description": 'Called; "great" team\nnext: onsite',
            "created_date": "2019-02-01T11:00:00Z",
            "update_date": "2019-02-02T09:30:00Z",
        }
    ]


def test_export_neutralises_formulas_in_every_cell(auth_client, user):
    JobApplicationFactory(
        user=user,
        job_title="=cmd|' /C calc'!A0",
        company="+Acme",
        source="@SUM(1)",
        location="-1",
        salary="\t=1",
    )
    row = export_rows(auth_client)[0]
    assert all(not value.startswith(csv_io.FORMULA_TRIGGERS) for value in row.values())
    assert row["job_title"] == "'=cmd|' /C calc'!A0"


def test_export_needs_a_token_and_answers_errors_as_json(api_client):
    response = api_client.get(url("export_jobapps.csv"), HTTP_ACCEPT="text/csv")
    assert_error(response, 401, 12)
    assert response["Content-Type"].startswith("application/json")


# --- round trips --------------------------------------------------------------------------------


def a_tracker(user) -> None:
    """Applications as users have them: captured (with microseconds and a URL), from email,
    typed in without a status, rejected, with history and notes of every shape; two of them
    at the same company, title and day."""
    captured = JobApplicationFactory.create(
        user=user,
        company="-Dash & Co",
        job_title="'Quoted'",
        source="",
        apply_date=datetime(2026, 4, 1, 9, 15, 30, 123456, tzinfo=UTC),
        job_url="https://jobs.lever.co/dash/0b1c2d3e-1111-2222-3333-444455556666",
        location="Berlin",
        salary="=90k",
        application_status_id=2,
    )
    StatusHistory.objects.create(
        job_application=captured,
        application_status_id=1,
        changed_at=datetime(2026, 4, 2, 8, 0, 0, 654321, tzinfo=UTC),
    )
    StatusHistory.objects.create(
        job_application=captured,
        application_status_id=4,
        changed_at=datetime(2026, 4, 20, tzinfo=UTC),
    )
    NoteFactory(
        job_application=captured,
        description="Recruiter: Ana; salary band 80-95k",
        created_date=datetime(2026, 4, 3, 10, 0, 0, 500000, tzinfo=UTC),
    )
    NoteFactory(
        job_application=captured,
        description="=SUM(A1)\n'second line'",
        created_date=datetime(2026, 4, 4, tzinfo=UTC),
        update_date=datetime(2026, 4, 5, tzinfo=UTC),
    )
    JobApplicationFactory(
        user=user,
        msg_id="18c2f0a9e1",
        company="Initech",
        job_title="Backend Engineer",
        is_rejected=True,
        apply_date=datetime(2026, 3, 1, 12, tzinfo=UTC),
    )
    JobApplicationFactory(
        user=user,
        application_status=None,
        source="",
        company="Acme",
        job_title="Engineer",
        apply_date=datetime(2026, 2, 1, 9, tzinfo=UTC),
    )
    # Same company, title and day: two applications (two locations), not one.
    JobApplicationFactory(
        user=user,
        company="Acme",
        job_title="Engineer",
        location="Paris",
        apply_date=datetime(2026, 2, 1, 15, tzinfo=UTC),
    )


def tracker_state(user) -> list:
    """Everything a user stored, without ids and what only the database sets."""
    apps = JobApplication.objects.filter(user=user, is_deleted=False).order_by(
        "apply_date", "location"
    )
    return [
        (
            app.job_title,
            app.company,
            app.application_status_id,
            app.apply_date,
            app.source,
            app.is_rejected,
            app.msg_id,
            app.job_url,
            app.location,
            app.salary,
            list(
                app.status_history.order_by("changed_at", "id").values_list(
                    "application_status_id", "changed_at"
                )
            ),
            list(
                app.notes.order_by("created_date", "id").values_list(
                    "description", "created_date", "update_date"
                )
            ),
        )
        for app in apps
    ]


def whole_seconds(state: list) -> list:
    """The CSV keeps whole seconds, as the API's dates do."""

    def cut(value):
        return value.replace(microsecond=0) if isinstance(value, datetime) else value

    def deep(value):
        if isinstance(value, list | tuple):
            return type(value)(deep(item) for item in value)
        return cut(value)

    return deep(state)


def test_importing_your_own_export_changes_nothing(auth_client, user):
    a_tracker(user)
    before = tracker_state(user)
    exported = export_text(auth_client)

    result = assert_ok(import_text(auth_client, exported))

    assert result == {"imported": 4, "created": 0, "matched": 4, "updated": 0}
    assert tracker_state(user) == before
    assert export_text(auth_client) == exported


def test_export_into_another_account_reproduces_the_tracker_once(
    auth_client, other_client, user, other_user
):
    a_tracker(user)
    exported = export_text(auth_client)

    result = assert_ok(import_text(other_client, exported))

    assert result == {"imported": 4, "created": 4, "matched": 0, "updated": 0}
    assert tracker_state(other_user) == whole_seconds(tracker_state(user))
    without_ids = lambda text: sorted(row[1:] for row in csv.reader(io.StringIO(text)))  # noqa: E731
    assert without_ids(export_text(other_client)) == without_ids(exported)
    imported = JobApplication.objects.get(user=other_user, msg_id="18c2f0a9e1")
    assert imported.rejection_changed_by == Source.IMPORT
    assert set(
        StatusHistory.objects.filter(job_application__user=other_user).values_list(
            "changed_by", flat=True
        )
    ) == {Source.IMPORT}

    # The same file again (its ids are the first account's): matched, not duplicated.
    again = assert_ok(import_text(other_client, exported))
    assert again == {"imported": 4, "created": 0, "matched": 4, "updated": 0}
    assert JobApplication.objects.filter(user=other_user).count() == 4


def test_rows_match_by_id_then_url_then_msg_id_then_company_title_and_day(
    auth_client, user, other_user
):
    by_id = JobApplicationFactory(user=user, company="Old name", job_title="Dev")
    by_url = JobApplicationFactory(
        user=user, job_url="https://job-boards.greenhouse.io/acme/jobs/4012345"
    )
    by_msg = JobApplicationFactory(user=user, msg_id="m-1", location="Remote")
    by_day = JobApplicationFactory(
        user=user,
        company="Hooli",
        job_title="Data Engineer",
        apply_date=datetime(2026, 3, 2, 8, tzinfo=UTC),
    )
    someone_elses = JobApplicationFactory(user=other_user)
    text = HEADER + "".join(
        [
            f"Dev,New name,Offer,2026-03-02,,,,{by_id.id},\n",
            # Greenhouse's tracking parameter and its embed form are the same posting.
            "Dev,Acme,Applied,2026-03-02,,,https://boards.greenhouse.io/embed/job_app?for=acme"
            f"&token=4012345&gh_src=abc,{someone_elses.id},\n",
            "Dev,Initech,Applied,2026-03-02,,m-1,,,\n",
            "data engineer,HOOLI ,Applied,2026-03-02T17:00:00Z,,,,,\n",
            "Dev,Brand new,Applied,2026-03-02,,,,,\n",
        ]
    )

    result = assert_ok(import_text(auth_client, text))

    assert result == {"imported": 5, "created": 1, "matched": 4, "updated": 4}
    by_id.refresh_from_db()
    assert (by_id.company, by_id.application_status_id) == ("New name", 5)
    assert list(by_id.status_history.values_list("application_status_id", "changed_by")) == [
        (1, Source.USER),
        (5, Source.IMPORT),
    ]
    by_url.refresh_from_db()
    assert by_url.company == "Acme"
    by_msg.refresh_from_db()
    # An empty cell changes nothing: the location stays.
    assert (by_msg.company, by_msg.location) == ("Initech", "Remote")
    by_day.refresh_from_db()
    assert by_day.company == "HOOLI"  # the file's spelling; trimmed
    assert JobApplication.objects.filter(user=user).count() == 5
    assert JobApplication.objects.filter(user=other_user).count() == 1


def test_a_matched_row_adds_the_history_and_notes_it_lacks_and_keeps_the_rest(auth_client, user):
    app = JobApplicationFactory(user=user, job_url="https://a.test/j/1")
    StatusHistory.objects.filter(job_application=app).update(
        changed_at=datetime(2026, 3, 2, 12, tzinfo=UTC)
    )
    NoteFactory(
        job_application=app, description="kept", created_date=datetime(2026, 3, 3, tzinfo=UTC)
    )
    notes = json.dumps(
        [
            {"description": "kept", "created_date": "2026-03-03T00:00:00Z"},
            {"description": "new", "created_date": "2026-03-05T10:00:00Z"},
            {"description": "undated"},
        ]
    )
    row = [
        "Dev",
        "Acme",
        "Phone Screen",
        "2026-03-02T12:00:00Z",
        "2026-03-02T12:00:00Z Applied; 2026-03-04T09:00:00Z Phone Screen",
        "",
        "https://a.test/j/1",
        "",
        notes,
    ]
    text = HEADER + csv_line(row)

    assert assert_ok(import_text(auth_client, text))["updated"] == 1
    assert assert_ok(import_text(auth_client, text))["updated"] == 0

    assert list(
        app.status_history.order_by("changed_at").values_list("application_status_id", "changed_at")
    ) == [(1, datetime(2026, 3, 2, 12, tzinfo=UTC)), (3, datetime(2026, 3, 4, 9, tzinfo=UTC))]
    assert sorted(app.notes.values_list("description", flat=True)) == ["kept", "new", "undated"]


def csv_line(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(cells)
    return buffer.getvalue()


# --- all or nothing -----------------------------------------------------------------------------


def test_any_bad_row_imports_nothing_and_every_bad_row_is_listed(auth_client, user):
    text = (
        "job_title,company,status,apply_date,status_history,msg_id,notes\n"
        "Good,Acme,Applied,2019-01-02,,,\n"
        ",NoTitle,Applied,2019-01-02,,,\n"
        "BadDate,Acme,Applied,2019-02-30,,,\n"
        "BadStatus,Acme,Hired!,2019-01-02,,,\n"
        "BadHistory,Acme,Applied,2019-01-02,2019-01-02T00:00:00Z Applied; nonsense Offer,,\n"
        "Also good,Initech,to apply,2019-01-03T10:00:00+02:00,,m-1,\n"
        "Duplicate,Initech,2,2019-01-03,,m-1,\n"
        'BadNotes,Acme,Applied,2019-01-02,,,"[{""created_date"": ""2019-01-02""}]"\n'
        "NotJson,Acme,Applied,2019-01-02,,,{oops\n"
    )
    fields = assert_invalid(import_text(auth_client, text))["data"]["fields"]

    assert list(fields) == [
        "file",
        "row 3: job_title",
        "row 4: apply_date",
        "row 5: status",
        "row 6: status_history",
        "row 8: msg_id",
        "row 9: notes",
        "row 10: notes",
    ]
    assert fields["file"] == ["7 rows cannot be imported; nothing was imported."]
    assert fields["row 8: msg_id"] == ["Line 7 already describes this application."]
    assert fields["row 5: status"] == ["Unknown status: Hired!"]
    assert not JobApplication.objects.exists()
    assert not StatusHistory.objects.exists()


def test_at_most_a_hundred_bad_rows_are_named(auth_client):
    text = "job_title,company,status,apply_date\n" + ",Acme,Applied,2019-01-02\n" * 150
    fields = assert_invalid(import_text(auth_client, text))["data"]["fields"]
    assert fields["file"] == [
        "150 rows cannot be imported; nothing was imported. The first 100 are listed."
    ]
    assert len(fields) == 101
    assert "row 101: job_title" in fields and "row 102: job_title" not in fields


def test_a_row_may_not_take_a_posting_another_application_tracks(auth_client, user):
    first = JobApplicationFactory(user=user, job_url="https://a.test/j/1")
    second = JobApplicationFactory(user=user)
    text = HEADER + f"Dev,Acme,Applied,2026-03-02,,,https://a.test/j/1?utm_source=x,{second.id},\n"

    body = assert_invalid(import_text(auth_client, text))

    assert body["data"]["fields"]["row 2: job_url"] == ["Another application already tracks this."]
    second.refresh_from_db()
    assert (second.job_url, first.job_url) == ("", "https://a.test/j/1")


def test_import_takes_a_multipart_upload(auth_client):
    upload = SimpleUploadedFile(
        "apps.csv",
        b"\xef\xbb\xbfjob_title,company,status,apply_date\nDev,Acme,Offer,2019-01-02\n",
        content_type="text/csv",
    )
    result = assert_ok(
        auth_client.post(url("import_jobapps_csv"), {"file": upload}, format="multipart")
    )
    assert result["created"] == 1
    assert JobApplication.objects.get().application_status_id == 5


@pytest.mark.parametrize(
    "body, content_type",
    [
        ("title,company\nx,y\n", "text/csv"),  # required columns missing
        ("", "text/csv"),
    ],
)
def test_unreadable_files_import_nothing(auth_client, body, content_type):
    assert_invalid(
        auth_client.post(url("import_jobapps_csv"), body.encode(), content_type=content_type)
    )
    assert not JobApplication.objects.exists()


def test_import_refuses_non_utf8_and_json(auth_client):
    assert_invalid(
        auth_client.post(
            url("import_jobapps_csv"), "job_title\n\xe9".encode("latin-1"), content_type="text/csv"
        )
    )
    assert_error(auth_client.post(url("import_jobapps_csv"), {"a": 1}, format="json"), 415, 15)
    assert_invalid(auth_client.post(url("import_jobapps_csv"), {"other": "x"}, format="multipart"))


# --- limits -------------------------------------------------------------------------------------


def plain_rows(count: int) -> str:
    return "job_title,company,status,apply_date\n" + "a,b,Applied,2019-01-01\n" * count


def test_the_documented_limits_are_the_ones_enforced():
    assert (
        csv_io.MAX_BYTES,
        csv_io.MAX_ROWS,
        csv_io.MAX_HISTORY_ENTRIES,
        csv_io.MAX_NOTES,
        csv_io.MAX_ENTRIES,
    ) == (5 * 1024 * 1024, 5000, 100, 100, 30_000)


def test_more_status_changes_and_notes_in_all_than_the_limit_is_413(auth_client, monkeypatch):
    monkeypatch.setattr(csv_io, "MAX_ENTRIES", 5)
    row = [
        "Dev",
        "Acme",
        "Applied",
        "2019-01-01",
        "2019-01-01 Applied; 2019-01-02 Offer",
        "",
        "",
        "",
        json.dumps([{"description": "x"}]),
    ]
    assert assert_ok(import_text(auth_client, HEADER + csv_line(row)))["created"] == 1
    JobApplication.objects.all().delete()

    body = assert_error(import_text(auth_client, HEADER + csv_line(row) * 2), 413, 18)
    assert body["data"]["fields"] == {
        "file": ["At most 5 status changes, notes, contacts and events per file."]
    }
    assert not JobApplication.objects.exists()


def test_a_file_at_the_row_limit_imports_and_one_more_row_is_413(auth_client, monkeypatch):
    monkeypatch.setattr(csv_io, "MAX_ROWS", 30)
    assert assert_ok(import_text(auth_client, plain_rows(30)))["created"] == 30
    JobApplication.objects.all().delete()

    body = assert_error(import_text(auth_client, plain_rows(31)), 413, 18)
    assert body["data"]["fields"] == {"file": ["At most 30 applications per file."]}
    assert not JobApplication.objects.exists()


def test_more_bytes_than_the_limit_is_413_whichever_way_it_is_sent(auth_client, monkeypatch):
    monkeypatch.setattr(csv_io, "MAX_BYTES", 1000)
    text = plain_rows(50)
    assert len(text.encode()) > 1000
    assert_error(import_text(auth_client, text), 413, 18)
    upload = SimpleUploadedFile("apps.csv", text.encode(), content_type="text/csv")
    assert_error(
        auth_client.post(url("import_jobapps_csv"), {"file": upload}, format="multipart"), 413, 18
    )
    assert not JobApplication.objects.exists()


def test_more_history_entries_or_notes_per_application_than_the_limit_is_413(auth_client):
    history = "; ".join(f"2019-01-{day:02d} Applied" for day in range(1, 29)) + "; "
    too_much_history = HEADER + csv_line(
        ["Dev", "Acme", "Applied", "2019-01-01", history * 4, "", "", "", ""]
    )
    body = assert_error(import_text(auth_client, too_much_history), 413, 18)
    assert body["data"]["fields"] == {
        "status_history": ["Line 2: at most 100 status changes per application."]
    }

    too_many_notes = HEADER + csv_line(
        [
            "Dev",
            "Acme",
            "Applied",
            "2019-01-01",
            "",
            "",
            "",
            "",
            json.dumps([{"description": "x"}] * 101),
        ]
    )
    body = assert_error(import_text(auth_client, too_many_notes), 413, 18)
    assert body["data"]["fields"] == {"notes": ["Line 2: at most 100 notes per application."]}
    assert not JobApplication.objects.exists()


def test_a_notes_cell_longer_than_the_csv_module_default_imports(auth_client, user):
    notes = [{"description": "n" * 5000} for _ in range(30)]
    text = HEADER + csv_line(
        ["Dev", "Acme", "Applied", "2019-01-01", "", "", "", "", json.dumps(notes)]
    )
    assert len(text) > 131072
    assert assert_ok(import_text(auth_client, text))["created"] == 1
    assert Note.objects.filter(job_application__user=user).count() == 30


# --- one transaction ----------------------------------------------------------------------------


def test_a_conflict_while_writing_rolls_everything_back(auth_client, user, monkeypatch):
    """A capture that tracks one of the file's postings between the import's reading and its
    writing: the unique constraint stops the write, and nothing of the file stays."""
    from jobapps import csv_import

    JobApplicationFactory(user=user, job_url="https://a.test/j/2")
    monkeypatch.setattr(csv_import._Tracker, "load", classmethod(lambda cls, user: cls([])))
    text = HEADER + "".join(
        f"Dev,Acme,Applied,2026-03-0{day},,,https://a.test/j/{day},,\n" for day in (1, 2, 3)
    )

    body = assert_invalid(import_text(auth_client, text))

    assert body["data"]["fields"] == {
        "file": ["Your applications changed during the import; nothing was imported. Try again."]
    }
    assert list(JobApplication.objects.values_list("job_url", flat=True)) == ["https://a.test/j/2"]
    assert StatusHistory.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_the_same_upload_twice_at_once_imports_it_once(user):
    """A client that retries an upload the server is still importing: the second import waits
    for the first (a lock on the user) and then matches what it wrote."""
    from jobapps.services import jobapps_import_csv

    text = HEADER + "".join(f"Dev {i},Acme,Applied,2026-03-02,,,,,\n" for i in range(200))
    results, errors = [], []

    def upload():
        try:
            results.append(jobapps_import_csv(user=user, text=text))
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=upload) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    assert sorted((result["created"], result["matched"]) for result in results) == [
        (0, 200),
        (200, 0),
    ]
    assert JobApplication.objects.filter(user=user).count() == 200
