"""CSV export and import: the user's applications with their history, safe in a spreadsheet."""
import csv
import io
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jobapps import csv_io
from jobapps.models import JobApplication, Source, StatusHistory
from jobapps.tests.helpers import assert_code, assert_invalid, ok_data, url
from tests.factories import JobApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx",
                                   "'=x", "''", "plain", "", "a=b"])
def test_neutralised_cells_never_start_a_formula_and_read_back_unchanged(value):
    cell = csv_io.neutralise(value)
    assert not cell.startswith(csv_io.FORMULA_TRIGGERS)
    assert csv_io.unneutralise(cell) == value


def export_rows(client) -> list[dict]:
    response = client.get(url("export_jobapps.csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="jobapps.csv"'
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_export_has_the_callers_live_applications_with_full_history(auth_client, user,
                                                                    other_user):
    app = JobApplicationFactory(user=user, job_title="Android Developer", company="Genuent",
                                apply_date=datetime(2019, 1, 23, 14, 18, 12, tzinfo=UTC),
                                msg_id="1687f0f6", is_rejected=True)
    StatusHistory.objects.filter(job_application=app).update(
        changed_at=datetime(2019, 1, 23, 14, 18, 12, tzinfo=UTC))
    StatusHistory.objects.create(job_application=app, application_status_id=3,
                                 changed_at=datetime(2019, 2, 1, 10, tzinfo=UTC))
    JobApplicationFactory(user=user, is_deleted=True)
    JobApplicationFactory(user=other_user)

    rows = export_rows(auth_client)

    assert rows == [{
        "id": str(app.id), "job_title": "Android Developer", "company": "Genuent",
        "status": "Applied", "apply_date": "2019-01-23T14:18:12Z", "source": "LinkedIn",
        "is_rejected": "true", "msg_id": "1687f0f6", "job_url": "", "location": "", "salary": "",
        "status_history": "2019-01-23T14:18:12Z Applied; 2019-02-01T10:00:00Z Phone Screen",
    }]


def test_export_neutralises_formulas_in_every_cell(auth_client, user):
    JobApplicationFactory(user=user, job_title="=cmd|' /C calc'!A0", company="+Acme",
                          source="@SUM(1)", location="-1", salary="\t=1")
    row = export_rows(auth_client)[0]
    assert all(not value.startswith(csv_io.FORMULA_TRIGGERS) for value in row.values())
    assert row["job_title"] == "'=cmd|' /C calc'!A0"


def test_export_needs_a_token_and_answers_errors_as_json(api_client):
    response = api_client.get(url("export_jobapps.csv"), HTTP_ACCEPT="text/csv")
    assert_code(response, 12, 401)
    assert response["Content-Type"].startswith("application/json")


def import_text(client, text: str):
    return client.post(url("import_jobapps_csv"), text.encode(), content_type="text/csv")


def test_export_imports_back_into_another_account_exactly(auth_client, other_client, user,
                                                          other_user):
    app = JobApplicationFactory(user=user, company="-Dash & Co", job_title="'Quoted'",
                                job_url="https://example.com/j/1", location="Berlin",
                                salary="=90k", msg_id="abc")
    StatusHistory.objects.create(job_application=app, application_status_id=4,
                                 changed_at=datetime(2026, 4, 1, tzinfo=UTC))
    JobApplicationFactory(user=user, application_status=None, source="")
    exported = auth_client.get(url("export_jobapps.csv")).content.decode()

    result = ok_data(import_text(other_client, exported))

    assert result == {"imported": 2, "failed": 0, "errors": []}
    reexported = other_client.get(url("export_jobapps.csv")).content.decode()
    without_ids = lambda text: sorted(row[1:] for row in csv.reader(io.StringIO(text)))  # noqa: E731
    assert without_ids(reexported) == without_ids(exported)
    imported = JobApplication.objects.get(user=other_user, msg_id="abc")
    assert (imported.company, imported.salary) == ("-Dash & Co", "=90k")
    assert set(imported.status_history.values_list("changed_by", flat=True)) == {Source.IMPORT}


def test_import_reports_bad_rows_and_imports_the_rest_whole(auth_client, user):
    text = (
        "job_title,company,status,apply_date,status_history,msg_id\n"
        "Good,Acme,Applied,2019-01-02,,\n"
        ",NoTitle,Applied,2019-01-02,,\n"
        "BadDate,Acme,Applied,2019-02-30,,\n"
        "BadStatus,Acme,Hired!,2019-01-02,,\n"
        "BadHistory,Acme,Applied,2019-01-02,2019-01-02T00:00:00Z Applied; nonsense Offer,\n"
        "Also good,Initech,to apply,2019-01-03T10:00:00+02:00,,m-1\n"
        "Duplicate,Initech,2,2019-01-03,,m-1\n"
    )
    result = ok_data(import_text(auth_client, text))

    assert (result["imported"], result["failed"]) == (2, 5)
    assert [(error["row"], list(error["fields"])) for error in result["errors"]] == [
        (3, ["job_title"]), (4, ["apply_date"]), (5, ["status"]), (6, ["status_history"]),
        (8, ["msg_id"]),
    ]
    # No half-imported rows: the failed ones left neither an application nor history behind.
    assert sorted(JobApplication.objects.values_list("job_title", flat=True)) == [
        "Also good", "Good"]
    also_good = JobApplication.objects.get(job_title="Also good")
    assert (also_good.application_status_id, also_good.apply_date) == (
        2, datetime(2019, 1, 3, 8, tzinfo=UTC))
    assert StatusHistory.objects.count() == 2


def test_import_takes_a_multipart_upload(auth_client):
    upload = SimpleUploadedFile("apps.csv", b"\xef\xbb\xbfjob_title,company,status,apply_date\n"
                                b"Dev,Acme,Offer,2019-01-02\n", content_type="text/csv")
    result = ok_data(auth_client.post(url("import_jobapps_csv"), {"file": upload},
                                      format="multipart"))
    assert result["imported"] == 1
    assert JobApplication.objects.get().application_status_id == 5


@pytest.mark.parametrize("body, content_type", [
    ("title,company\nx,y\n", "text/csv"),  # required columns missing
    ("", "text/csv"),
    ("job_title,company,status,apply_date\n" + "a,b,Applied,2019-01-01\n" * 5001, "text/csv"),
])
def test_unreadable_files_import_nothing(auth_client, body, content_type):
    assert_invalid(auth_client.post(url("import_jobapps_csv"), body.encode(),
                                    content_type=content_type))
    assert not JobApplication.objects.exists()


def test_import_refuses_non_utf8_and_json(auth_client):
    assert_invalid(auth_client.post(url("import_jobapps_csv"), "job_title\n\xe9".encode("latin-1"),
                                    content_type="text/csv"))
    assert_code(auth_client.post(url("import_jobapps_csv"), {"a": 1}, format="json"), 15, 415)
    assert_invalid(auth_client.post(url("import_jobapps_csv"), {"other": "x"},
                                    format="multipart"))
