"""`manage.py import_mail`: Takeout .mbox files and folders of .eml files."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from jobapps.models import ApplicationStatus, JobApplication, JobEmail

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db

RFC822 = FIXTURES / "rfc822"
EML_NAMES = ["greenhouse_confirmation", "linkedin_job_alert", "no_message_id_no_date",
             "sent_reply", "workday_rejection_latin1"]

# Kestrel Mobility's Workday confirmation, three weeks before the rejection fixture.
WORKDAY_CONFIRMATION = b"""\
From: Kestrel Mobility <kestrelmobility@myworkday.com>
To: Dana Whitfield <dana.whitfield@example.com>
Subject: Application Received - Embedded Software Engineer
Date: Fri, 28 Feb 2025 10:15:00 +0100
Message-ID: <wd-0001@myworkday.com>
Content-Type: text/plain; charset="utf-8"

Dear Dana,

Thank you for applying to Kestrel Mobility. We have received your application for Embedded
Software Engineer.
"""


def import_mail(user, path: Path) -> str:
    out = StringIO()
    call_command("import_mail", "--user", user.username, str(path), stdout=out, stderr=StringIO())
    return out.getvalue().strip()


@pytest.fixture
def eml_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mail"
    folder.mkdir()
    for name in EML_NAMES:
        shutil.copy(RFC822 / f"{name}.eml", folder / f"{name}.eml")
    # File names sort the rejection first; the dates must decide.
    (folder / "zz-last-by-name").write_bytes(WORKDAY_CONFIRMATION)
    return folder


def test_a_folder_of_eml_files_imports_in_date_order(user, eml_folder):
    summary = import_mail(user, eml_folder)

    assert summary == ("6 messages read: 2 applications created, 1 updated, 2 skipped "
                       "(0 already imported, 0 suggestions), 1 failed.")
    applications = {app.company: (app.job_title, app.application_status_id, app.is_rejected)
                    for app in JobApplication.objects.filter(user=user)}
    assert applications == {
        "Copperleaf Systems": ("Site Reliability Engineer", ApplicationStatus.APPLIED, False),
        "Kestrel Mobility": ("Embedded Software Engineer", ApplicationStatus.APPLIED, True),
    }
    failed = JobEmail.objects.get(outcome=JobEmail.Outcome.FAILED)
    assert failed.msg_id.startswith("sha256-") and failed.failure_reason == "no usable date"


def test_emails_are_keyed_by_their_message_id(user, eml_folder):
    import_mail(user, eml_folder)

    assert set(JobEmail.objects.filter(user=user).values_list("msg_id", flat=True)) >= {
        "gh-0001@us.greenhouse-mail.io", "wd-0001@myworkday.com", "wd-0002@myworkday.com"}


def test_a_rerun_changes_nothing(user, eml_folder):
    import_mail(user, eml_folder)
    before = list(JobApplication.objects.values_list("id", "application_status_id",
                                                     "is_rejected"))

    summary = import_mail(user, eml_folder)

    assert summary == ("6 messages read: 0 applications created, 0 updated, 6 skipped "
                       "(6 already imported, 0 suggestions), 0 failed.")
    assert list(JobApplication.objects.values_list("id", "application_status_id",
                                                   "is_rejected")) == before
    assert JobEmail.objects.count() == 6


def test_a_takeout_mbox_imports_every_message_whatever_its_age(user, settings):
    settings.GMAIL_LOOKBACK_DAYS = 1  # the Gmail sync's window does not apply

    summary = import_mail(user, RFC822 / "takeout.mbox")

    assert summary.startswith("4 messages read: 1 applications created, 0 updated, 3 skipped")
    assert JobApplication.objects.get(user=user).company == "Copperleaf Systems"
    assert JobEmail.objects.filter(user=user).count() == 4
    assert import_mail(user, RFC822 / "takeout.mbox").endswith(
        "(4 already imported, 0 suggestions), 0 failed.")


def test_mbox_and_eml_copies_of_one_application_make_one_application(user, eml_folder):
    import_mail(user, RFC822 / "takeout.mbox")
    import_mail(user, eml_folder)

    assert JobApplication.objects.filter(company="Copperleaf Systems").count() == 1


def test_an_unknown_user_is_a_clear_error(user, eml_folder):
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("import_mail", "--user", "nobody", str(eml_folder))


def test_an_unreadable_path_is_a_clear_error(user, tmp_path):
    with pytest.raises(CommandError, match="neither a file nor a folder"):
        call_command("import_mail", "--user", user.username, str(tmp_path / "missing.mbox"))
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.eml").write_bytes(WORKDAY_CONFIRMATION)
    (locked / "a.eml").chmod(0)
    if (locked / "a.eml").stat().st_mode and _can_read(locked / "a.eml"):
        pytest.skip("running as root: file permissions do not apply")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_mail", "--user", user.username, str(locked))


def _can_read(path: Path) -> bool:
    try:
        path.read_bytes()
    except PermissionError:
        return False
    return True
