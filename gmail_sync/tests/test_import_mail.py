"""`manage.py import_mail`: Takeout .mbox files and folders of .eml files."""

from __future__ import annotations

import shutil
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from jobapps.models import ApplicationStatus, JobApplication, JobEmail
from tests.fakes.gmail_server import message_from_rfc822
from tests.helpers import WORKDAY_CONFIRMATION, link_google

from .conftest import FIXTURES, run_sync

pytestmark = pytest.mark.django_db

RFC822 = FIXTURES / "rfc822"
EML_NAMES = [
    "greenhouse_confirmation",
    "linkedin_job_alert",
    "no_message_id_no_date",
    "sent_reply",
    "workday_rejection_latin1",
]


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

    assert summary == (
        "6 messages read: 2 applications created, 1 updated, 2 skipped "
        "(0 already imported, 0 suggestions), 1 failed."
    )
    applications = {
        app.company: (app.job_title, app.application_status_id, app.is_rejected)
        for app in JobApplication.objects.filter(user=user)
    }
    assert applications == {
        "Copperleaf Systems": ("Site Reliability Engineer", ApplicationStatus.APPLIED, False),
        "Kestrel Mobility": ("Embedded Software Engineer", ApplicationStatus.APPLIED, True),
    }
    failed = JobEmail.objects.get(outcome=JobEmail.Outcome.FAILED)
    assert failed.msg_id.startswith("sha256-") and failed.failure_reason == "no usable date"


def test_emails_are_keyed_by_their_message_id(user, eml_folder):
    import_mail(user, eml_folder)

    assert set(JobEmail.objects.filter(user=user).values_list("msg_id", flat=True)) >= {
        "gh-0001@us.greenhouse-mail.io",
        "wd-0001@myworkday.com",
        "wd-0002@myworkday.com",
    }


def test_a_rerun_changes_nothing_and_tries_only_the_failed_message_again(user, eml_folder):
    import_mail(user, eml_folder)
    before = list(JobApplication.objects.values_list("id", "application_status_id", "is_rejected"))

    summary = import_mail(user, eml_folder)

    assert summary == (
        "6 messages read: 0 applications created, 0 updated, 5 skipped "
        "(5 already imported, 0 suggestions), 1 failed."
    )
    assert JobEmail.objects.get(outcome=JobEmail.Outcome.FAILED).attempts == 2
    assert (
        list(JobApplication.objects.values_list("id", "application_status_id", "is_rejected"))
        == before
    )
    assert JobEmail.objects.count() == 6


def test_a_takeout_mbox_imports_every_message_whatever_its_age(user, settings):
    settings.GMAIL_LOOKBACK_DAYS = 1  # the Gmail sync's window does not apply

    summary = import_mail(user, RFC822 / "takeout.mbox")

    # The Workday rejection's confirmation is not in this export: the rejection starts it.
    assert summary.startswith("4 messages read: 2 applications created, 0 updated, 2 skipped")
    assert {(app.company, app.is_rejected) for app in JobApplication.objects.filter(user=user)} == {
        ("Copperleaf Systems", False),
        ("Kestrel Mobility", True),
    }
    assert JobEmail.objects.filter(user=user).count() == 4
    assert import_mail(user, RFC822 / "takeout.mbox").endswith(
        "(4 already imported, 0 suggestions), 0 failed."
    )


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


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path


def test_a_google_takeout_zip_is_read_directly(user, tmp_path):
    takeout = _zip(
        tmp_path / "takeout-20261201T000000Z-001.zip",
        {
            "Takeout/archive_browser.html": b"<html>Your archive</html>",
            "Takeout/Mail/All mail Including Spam and Trash.mbox": (
                RFC822 / "takeout.mbox"
            ).read_bytes(),
        },
    )

    summary = import_mail(user, takeout)

    assert summary.startswith("4 messages read: 2 applications created")
    assert summary.endswith("0 failed.")
    assert set(JobApplication.objects.filter(user=user).values_list("company", flat=True)) == {
        "Copperleaf Systems",
        "Kestrel Mobility",
    }


def test_a_zip_of_eml_files_is_read_too(user, tmp_path):
    members = {
        f"mail/{name}.eml": (RFC822 / f"{name}.eml").read_bytes()
        for name in ("greenhouse_confirmation", "workday_rejection_latin1")
    }

    summary = import_mail(user, _zip(tmp_path / "mail.zip", members))

    assert summary.startswith("2 messages read: 2 applications created")


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR binary junk",
        b"just some notes\nabout nothing in particular\n",
    ],
)
def test_a_path_holding_nothing_that_parses_as_mail_is_a_clear_error(user, tmp_path, content):
    random_file = tmp_path / "notes.bin"
    random_file.write_bytes(content)
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "notes.txt").write_bytes(content)
    junk_zip = _zip(tmp_path / "junk.zip", {"notes.txt": content})
    empty = tmp_path / "empty"
    empty.mkdir()

    for path in (random_file, folder, junk_zip, empty):
        with pytest.raises(CommandError, match="Nothing in .* parses as mail"):
            call_command("import_mail", "--user", user.username, str(path), stdout=StringIO())
    assert not JobEmail.objects.exists()


def test_nul_bytes_and_control_characters_in_headers_are_cleaned_not_fatal(user, tmp_path):
    folder = tmp_path / "mail"
    folder.mkdir()
    broken = WORKDAY_CONFIRMATION.replace(
        b"Message-ID: <wd-0001@myworkday.com>", b"Message-ID: <wd-\x00 0001\x07@myworkday.com>"
    ).replace(b"Subject: Application Received", b"Subject: Application\x00 Received")
    (folder / "broken.eml").write_bytes(broken)

    first = import_mail(user, folder)
    second = import_mail(user, folder)

    assert first.startswith("1 messages read: 1 applications created") and "0 failed" in first
    assert second.startswith("1 messages read: 0 applications created, 0 updated, 1 skipped")
    email = JobEmail.objects.get(user=user)
    assert (email.msg_id, email.subject) == (
        "wd-0001@myworkday.com",
        "Application Received - Embedded Software Engineer",
    )


def test_a_message_imported_from_takeout_and_then_listed_by_the_gmail_sync_is_one_message(
    user, eml_folder, gmail
):
    import_mail(user, eml_folder)
    before = JobEmail.objects.filter(user=user).count()
    link_google(user)
    for path in sorted(eml_folder.iterdir()):
        if b"Message-ID:" in path.read_bytes():  # without one, nothing says it is the same
            gmail.add_message(message_from_rfc822(path.read_bytes()))

    run_sync(user)

    assert JobEmail.objects.filter(user=user).count() == before
    assert JobApplication.objects.filter(user=user).count() == 2


# A recruiter's own mail, in her name, inviting to an interview at a stated time.
RECRUITER_INVITATION = b"""\
From: Lena Okafor <lena.okafor@kestrelmobility.example>
To: Dana Whitfield <dana.whitfield@example.com>
Subject: Interview for Embedded Software Engineer
Date: Mon, 10 Mar 2025 09:30:00 +0100
Message-ID: <lena-0001@kestrelmobility.example>
Content-Type: text/plain; charset="utf-8"

Hi Dana,

Thanks for applying to Kestrel Mobility for the Embedded Software Engineer position. We would
like to invite you to a video interview with the team on Thursday, March 13 at 2:00 PM CET on
Microsoft Teams.

Best regards,
Lena Okafor
Senior Technical Recruiter, Kestrel Mobility
Phone: +49 30 5550 1234
"""


def test_a_recruiters_invitation_adds_her_as_a_contact_and_the_interview_as_an_event(
    user, auth_client, tmp_path
):
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "confirmation.eml").write_bytes(WORKDAY_CONFIRMATION)
    (folder / "invitation.eml").write_bytes(RECRUITER_INVITATION)

    import_mail(user, folder)

    jobapp = JobApplication.objects.get(user=user)
    assert jobapp.application_status_id == ApplicationStatus.PHONE_SCREEN
    contacts = auth_client.get(f"/api/jobapps/get_jobapp_contacts?jobapp_id={jobapp.pk}").json()
    [contact] = contacts["data"]
    assert (contact["name"], contact["email"], contact["phone"]) == (
        "Lena Okafor",
        "lena.okafor@kestrelmobility.example",
        "+49 30 5550 1234",
    )
    assert contact["role"] == "recruiter"
    events = auth_client.get(f"/api/jobapps/get_jobapp_events?jobapp_id={jobapp.pk}").json()
    [event] = events["data"]
    assert event["kind"] == "video"
    assert event["start"].startswith("2025-03-13") and "13:00:00" in event["start"]  # 14:00 CET
    assert "March 13 at 2:00 PM CET" in event["evidence"]
