"""`apply_mail` and `apply_batch`: what classified mail does to its owner's applications.

Every test runs twice: through `apply_mail` (one mail, reading and locking each row it
changes) and through `apply_batch` (the sync's and the import's way: decisions on the index,
bulk writes), which must come to the same result.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from gmail_sync.apply import apply_batch, apply_mail
from gmail_sync.classifier import Classification, MailKind, classify
from gmail_sync.dates import StatedTime
from gmail_sync.matching import ApplicationIndex
from gmail_sync.parsing import ParsedMail
from gmail_sync.people import ROLE_RECRUITER, MailContact
from jobapps import services as jobapp_services
from jobapps.models import (
    ApplicationStatus,
    Contact,
    Event,
    JobApplication,
    JobEmail,
    Source,
    StatusHistory,
)

pytestmark = pytest.mark.django_db

MAIL_DATE = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)
TO_APPLY = ApplicationStatus.TO_APPLY
APPLIED = ApplicationStatus.APPLIED
PHONE_SCREEN = ApplicationStatus.PHONE_SCREEN
ONSITE = ApplicationStatus.ONSITE_INTERVIEW
OFFER = ApplicationStatus.OFFER


def mail(
    msg_id: str,
    *,
    thread_id: str | None = None,
    date: datetime = MAIL_DATE,
    subject: str = "About your application",
    text: str = "Hello.",
) -> ParsedMail:
    return ParsedMail(
        msg_id=msg_id,
        thread_id=thread_id or msg_id,
        subject=subject,
        sender_name="Acme Hiring Team",
        sender_address="no-reply@acme.example",
        recipients=("alice@example.com",),
        date=date,
        date_from_header=True,
        text=text,
        html="",
        links=(),
        label_ids=("INBOX",),
        is_sent_by_user=False,
        truncated=False,
    )


def reading(
    kind: MailKind,
    *,
    company: str = "Acme Robotics",
    title: str = "Data Engineer",
    confidence: float = 0.9,
    source: str = "Greenhouse",
    job_url: str = "",
    is_onsite: bool = False,
    contact: MailContact | None = None,
    appointment: StatedTime | None = None,
) -> Classification:
    return Classification(
        kind=kind,
        company=company,
        job_title=title,
        job_url=job_url,
        source=source,
        evidence=f"The sentence that says {kind.value}.",
        confidence=confidence,
        is_onsite=is_onsite,
        contact=contact,
        appointment=appointment,
    )


CONFIRMATION = MailKind.APPLICATION_CONFIRMATION
INTERVIEW = MailKind.INTERVIEW_INVITATION


def apply_as_a_batch(
    *, user, mail: ParsedMail, classification: Classification, index: ApplicationIndex | None = None
):
    index = index or ApplicationIndex.load(user=user)
    [result] = apply_batch(user=user, mails=[(mail, classification)], index=index)
    if isinstance(result, Exception):
        raise result
    return result


@pytest.fixture(autouse=True, params=["one mail", "a batch"])
def applied_as(request, monkeypatch):
    if request.param == "a batch":
        monkeypatch.setattr(f"{__name__}.apply_mail", apply_as_a_batch)
    return request.param


def confirmed(user, msg_id: str = "confirm-1", **kwargs) -> JobApplication:
    result = apply_mail(
        user=user, mail=mail(msg_id), classification=reading(CONFIRMATION, **kwargs)
    )
    assert result.created and result.jobapp_id is not None
    return JobApplication.objects.get(pk=result.jobapp_id)


def follow_up(user, msg_id: str, kind: MailKind, *, days_later: int = 7, **kwargs):
    return apply_mail(
        user=user,
        mail=mail(msg_id, date=MAIL_DATE + timedelta(days=days_later)),
        classification=reading(kind, **kwargs),
    )


def status_of(jobapp: JobApplication) -> tuple[int | None, bool]:
    jobapp.refresh_from_db()
    return jobapp.application_status_id, jobapp.is_rejected


def user_made(user, **kwargs) -> JobApplication:
    defaults = {
        "job_title": "Data Engineer",
        "company": "Acme Robotics",
        "apply_date": MAIL_DATE - timedelta(days=30),
        "status_id": APPLIED,
    }
    return jobapp_services.jobapp_create(user=user, **{**defaults, **kwargs})


# --------------------------------------------------------------------------- confirmations


def test_a_confirmation_creates_the_application_it_confirms(user):
    url = "https://boards.greenhouse.io/acme/jobs/4321?gh_src=mail"

    result = apply_mail(
        user=user, mail=mail("m-1"), classification=reading(CONFIRMATION, job_url=url)
    )

    jobapp = JobApplication.objects.get(user=user)
    assert (jobapp.company, jobapp.job_title, jobapp.source, jobapp.msg_id) == (
        "Acme Robotics",
        "Data Engineer",
        "Greenhouse",
        "m-1",
    )
    assert (jobapp.application_status_id, jobapp.apply_date) == (APPLIED, MAIL_DATE)
    assert jobapp.job_url == "https://job-boards.greenhouse.io/acme/jobs/4321"  # canonical
    history = StatusHistory.objects.get(job_application=jobapp)
    assert (history.changed_by, history.msg_id, history.changed_at) == (
        Source.EMAIL,
        "m-1",
        MAIL_DATE,
    )
    assert history.evidence == "The sentence that says application_confirmation."
    email = JobEmail.objects.get(user=user)
    assert (email.outcome, email.job_application, email.subject) == (
        JobEmail.Outcome.APPLIED,
        jobapp,
        "About your application",
    )
    assert result.created and not result.updated


def test_a_confirmation_naming_no_company_creates_nothing(user):
    result = apply_mail(
        user=user, mail=mail("m-1"), classification=reading(CONFIRMATION, company="")
    )

    assert not JobApplication.objects.exists()
    assert result.outcome == JobEmail.Outcome.SKIPPED
    assert JobEmail.objects.get().failure_reason == "the mail names no company"


def test_a_receipt_naming_the_job_after_one_that_did_not_is_the_same_application(user):
    first = confirmed(user, title="")

    later = apply_mail(
        user=user,
        mail=mail("confirm-2", date=MAIL_DATE + timedelta(days=2)),
        classification=reading(CONFIRMATION, title="Category Planner, Footwear"),
    )

    assert later.jobapp_id == first.pk
    assert JobApplication.objects.filter(user=user).count() == 1


def test_the_board_and_the_ats_confirming_one_application_make_one_application(user):
    linkedin = confirmed(
        user,
        "linkedin-1",
        company="Acme Robotics, Inc.",
        title="Senior Data Engineer",
        source="LinkedIn",
    )

    result = apply_mail(
        user=user,
        mail=mail("greenhouse-1", date=MAIL_DATE + timedelta(hours=1)),
        classification=reading(CONFIRMATION, title="Sr. Data Engineer"),
    )

    assert JobApplication.objects.count() == 1
    assert (result.outcome, result.jobapp_id) == (JobEmail.Outcome.SKIPPED, linkedin.pk)
    assert JobEmail.objects.get(msg_id="greenhouse-1").job_application == linkedin


def test_a_confirmation_of_a_captured_posting_moves_it_to_applied(user):
    url = "https://jobs.lever.co/acme/5b1e"
    captured, _ = jobapp_services.jobapp_capture(
        user=user, job_url=url, job_title="Platform Engineer", company="Acme"
    )

    result = apply_mail(
        user=user,
        mail=mail("m-1"),
        classification=reading(CONFIRMATION, job_url=url + "?utm_source=mail"),
    )

    assert JobApplication.objects.count() == 1
    assert (result.outcome, result.jobapp_id, result.updated) == (
        JobEmail.Outcome.APPLIED,
        captured.pk,
        True,
    )
    assert status_of(captured) == (APPLIED, False)


def test_a_receipt_linking_a_page_of_a_tracked_posting_is_that_application(user):
    # A recruiter's note links the posting; the ATS's receipt links its "/confirm" page.
    posting = "https://careers.acme-robotics.example/postings/data-engineer-77"
    apply_mail(
        user=user, mail=mail("recruiter-1"), classification=reading(CONFIRMATION, job_url=posting)
    )

    apply_mail(
        user=user,
        mail=mail("ats-1", date=MAIL_DATE + timedelta(minutes=5)),
        classification=reading(CONFIRMATION, job_url=f"{posting}/confirm"),
    )

    assert JobApplication.objects.count() == 1


def test_applying_again_after_a_rejection_is_a_new_application(user):
    first = confirmed(user, "confirm-1")
    follow_up(user, "reject-1", MailKind.REJECTION)

    again = apply_mail(
        user=user,
        mail=mail("confirm-2", date=MAIL_DATE + timedelta(days=200)),
        classification=reading(CONFIRMATION),
    )

    assert again.created and again.jobapp_id != first.pk
    assert status_of(first) == (APPLIED, True)


# --------------------------------------------------------------------------- follow-ups


@pytest.mark.parametrize(
    ("kind", "onsite", "expected"),
    [
        (MailKind.INTERVIEW_INVITATION, False, (PHONE_SCREEN, False)),
        (MailKind.INTERVIEW_INVITATION, True, (ONSITE, False)),
        (MailKind.ASSESSMENT, False, (PHONE_SCREEN, False)),
        (MailKind.OFFER, False, (OFFER, False)),
        (MailKind.REJECTION, False, (APPLIED, True)),
    ],
)
def test_a_follow_up_moves_its_application(user, kind, onsite, expected):
    jobapp = confirmed(user)

    result = follow_up(user, "next-1", kind, is_onsite=onsite, title="Data Engineer (R-1042)")

    assert status_of(jobapp) == expected
    assert result.updated and result.jobapp_id == jobapp.pk


def test_a_status_change_by_email_is_recorded_with_its_message_and_sentence(user):
    jobapp = confirmed(user)

    follow_up(user, "offer-1", MailKind.OFFER)

    row = StatusHistory.objects.filter(job_application=jobapp).last()
    assert (row.application_status_id, row.changed_by, row.msg_id, row.changed_at) == (
        OFFER,
        Source.EMAIL,
        "offer-1",
        MAIL_DATE + timedelta(days=7),
    )
    assert row.evidence == "The sentence that says offer."


def test_a_status_never_moves_backwards(user):
    jobapp = confirmed(user)
    follow_up(user, "onsite-1", INTERVIEW, is_onsite=True)

    late_screen = follow_up(user, "screen-1", INTERVIEW, days_later=9)
    late_assessment = follow_up(user, "test-1", MailKind.ASSESSMENT, days_later=10)

    assert status_of(jobapp) == (ONSITE, False)
    assert (late_screen.outcome, late_assessment.outcome) == (JobEmail.Outcome.SKIPPED,) * 2
    assert StatusHistory.objects.filter(job_application=jobapp).count() == 2


def test_a_reply_in_the_thread_of_the_confirmation_matches_whatever_it_names(user):
    jobapp = confirmed(user, "confirm-1")

    apply_mail(
        user=user,
        mail=mail("reply-1", thread_id="confirm-1"),
        classification=reading(INTERVIEW, company="Greenhouse Scheduling", title=""),
    )

    assert status_of(jobapp) == (PHONE_SCREEN, False)


def test_the_one_application_at_a_company_matches_a_mail_naming_no_title(user):
    jobapp = confirmed(user)

    follow_up(user, "reject-1", MailKind.REJECTION, company="ACME ROBOTICS LLC", title="")

    assert status_of(jobapp) == (APPLIED, True)


def test_a_recruiters_short_name_for_the_job_is_the_tracked_job(user):
    jobapp = confirmed(user, title="Software Engineer II, Payments Platform")

    follow_up(user, "invite-1", MailKind.INTERVIEW_INVITATION, title="Payments Platform")

    assert status_of(jobapp) == (PHONE_SCREEN, False)
    assert JobApplication.objects.filter(user=user).count() == 1


def test_a_name_read_off_an_address_matches_the_name_it_spells_with_and(user):
    jobapp = confirmed(user, company="Tallow & Wick Co")

    follow_up(user, "reject-1", MailKind.REJECTION, company="Tallowandwick", title="")

    assert status_of(jobapp) == (APPLIED, True)
    assert JobApplication.objects.filter(user=user).count() == 1


@pytest.mark.parametrize(
    ("confirmed_as", "later_as"),
    [
        ("Juniper Flats Federal Credit Union", "Juniper Flats FCU"),
        ("Academia Sol Naciente", "Sol Naciente"),
        # an acronym that leaves a word out, or stands for the words before a shared one
        ("Larchmont Community Credit Union", "Larchmont CU"),
        ("Okafor Lindqvist CPAs", "OL CPAs"),
        ("Brandt Ossler & Co.", "BO&Co"),
        ("County of Wexley", "Wexley County"),
        ("City of Dunmore Falls", "Dunmore Falls"),
        ("Ravel & Fils", "Ravel et Fils"),
        # an address: the first word, then some letters of the rest in order
        ("Tamblyn Manufacturing", "Tamblynmfg"),
        ("Tollard Pediatrics & Family Care", "Tollardpeds"),
        # an address run together: a leading "the", a later word's start, a trade's shorthand
        ("Copper Spoon", "Thecopperspoon"),
        ("Kestrow Senior Living", "Kestrowliving"),
        ("Alder Point Biologics", "Alderpoint Bio"),
        ("Marlpit Therapeutics", "Marlpittx"),
    ],
)
def test_a_later_mail_finds_the_company_under_a_shorter_name(user, confirmed_as, later_as):
    jobapp = confirmed(user, company=confirmed_as)

    follow_up(user, "reject-1", MailKind.REJECTION, company=later_as, title="")

    assert status_of(jobapp) == (APPLIED, True)
    assert JobApplication.objects.filter(user=user).count() == 1


def test_a_test_vendors_domain_does_not_make_the_company_another_one(user):
    """The recruiter wrote from the employer's domain; the test came from a vendor's
    unknown domain in the employer's name: one application."""
    jobapp = confirmed(user, company="Marrowfield Health")
    apply_mail(
        user=user,
        mail=mail("screen-1", date=MAIL_DATE + timedelta(days=3)),
        classification=replace(
            reading(INTERVIEW, company="Marrowfield Health"), employer_domain="marrowfield.org"
        ),
    )

    apply_mail(
        user=user,
        mail=mail("test-1", date=MAIL_DATE + timedelta(days=6)),
        classification=replace(
            reading(MailKind.ASSESSMENT, company="Marrowfield Health"),
            employer_domain="quizforge-tests.com",
        ),
    )

    assert JobApplication.objects.filter(user=user).count() == 1
    assert status_of(jobapp) == (PHONE_SCREEN, False)


def workday_mail(msg_id: str, *, sender: str, subject: str, text: str, days_later: int = 0):
    name, _, address = sender.rpartition(" <")
    return replace(
        mail(msg_id, date=MAIL_DATE + timedelta(days=days_later), subject=subject, text=text),
        sender_name=name,
        sender_address=address.rstrip(">"),
    )


def test_mail_from_an_employers_own_ats_mailbox_is_about_its_applications_by_any_name(user):
    """Workday sends each employer's mail from a mailbox of its own: the parent group's
    rejection is about the application its brand's receipt confirmed."""
    sender = "Brisco Holdings <brisco@myworkday.com>"
    receipt = workday_mail(
        "receipt",
        sender=sender,
        subject="Application Received - Acoustic Test Engineer",
        text="Thank you for applying for the Acoustic Test Engineer role at Sonderholm Audio. "
        "Our recruiting team is reviewing your application.",
    )
    refusal = workday_mail(
        "refusal",
        sender=sender,
        subject="Acoustic Test Engineer (JR-88104)",
        text="Thank you for your interest in Brisco Holdings. After careful review, we have "
        "decided to pursue other candidates for the Acoustic Test Engineer position.",
        days_later=12,
    )
    confirmed = apply_mail(user=user, mail=receipt, classification=classify(receipt))
    rejection = classify(refusal)
    assert (rejection.kind, rejection.company) == (MailKind.REJECTION, "Brisco Holdings")

    apply_mail(user=user, mail=refusal, classification=rejection)

    [jobapp] = JobApplication.objects.filter(user=user)
    assert (jobapp.pk, jobapp.company, jobapp.is_rejected) == (
        confirmed.jobapp_id,
        "Sonderholm Audio",
        True,
    )


def test_an_ats_shared_sender_names_no_employer(user):
    """Every employer on Ashby sends from its no-reply address: another employer's refusal
    is another application."""
    sender = "Hiring Team <no-reply@ashbyhq.com>"
    receipt = workday_mail(
        "receipt",
        sender=sender,
        subject="Thanks for applying to Quillmere",
        text="We've got your application for Platform Engineer at Quillmere.",
    )
    refusal = workday_mail(
        "refusal",
        sender=sender,
        subject="Your application to Dovecote Labs",
        text="Thank you for applying to Dovecote Labs. We have decided not to move forward "
        "with your application for the Platform Engineer role.",
        days_later=5,
    )
    apply_mail(user=user, mail=receipt, classification=classify(receipt))
    apply_mail(user=user, mail=refusal, classification=classify(refusal))

    assert sorted(
        JobApplication.objects.filter(user=user).values_list("company", "is_rejected")
    ) == [
        ("Dovecote Labs", True),
        ("Quillmere", False),
    ]


def test_a_status_update_weeks_later_from_the_employers_mailbox_names_the_same_application(user):
    """The receipt named no job; the ATS's "under review" from the same employer mailbox a
    month later names it: still one application."""
    first = apply_mail(
        user=user,
        mail=mail("receipt"),
        classification=replace(
            reading(CONFIRMATION, company="Zellweg Medical", title=""),
            employer_domain="zellwegmedical@myworkday.com",
        ),
    )
    update = apply_mail(
        user=user,
        mail=mail("update", date=MAIL_DATE + timedelta(days=33)),
        classification=replace(
            reading(CONFIRMATION, company="Zellweg Medical", title="UX Designer"),
            employer_domain="zellwegmedical@myworkday.com",
        ),
    )

    assert update.jobapp_id == first.jobapp_id
    assert JobApplication.objects.filter(user=user).count() == 1


def test_mail_from_the_domain_that_spells_the_employers_name_is_about_its_application(user):
    """Tracked from its ATS as "Thorncrest Trust Company"; the recruiter writes from
    thorncresttrust.com under a subject whose name is the interviewer's."""
    jobapp = confirmed(user, company="Thorncrest Trust Company", title="Reporting Analyst")

    apply_mail(
        user=user,
        mail=mail("interview-1", date=MAIL_DATE + timedelta(days=6)),
        classification=replace(
            reading(INTERVIEW, company="Simone Lefebvre", title=""),
            employer_domain="thorncresttrust.com",
        ),
    )

    assert JobApplication.objects.filter(user=user).count() == 1
    assert status_of(jobapp) == (PHONE_SCREEN, False)


def test_a_domain_that_spells_only_part_of_a_name_is_another_employer(user):
    confirmed(user, company="Harrowgate Logistics", title="Data Analyst")

    apply_mail(
        user=user,
        mail=mail("reject-1", date=MAIL_DATE + timedelta(days=6)),
        classification=replace(
            reading(MailKind.REJECTION, company="Harrowgate Ferries", title=""),
            employer_domain="harrowgate.co.uk",
        ),
    )

    assert JobApplication.objects.filter(user=user).count() == 2


def test_two_employers_of_one_name_writing_from_their_own_domains_stay_apart(user):
    first = apply_mail(
        user=user,
        mail=mail("confirm-1"),
        classification=replace(
            reading(CONFIRMATION, company="Tern Analytics"), employer_domain="ternanalytics.com"
        ),
    )
    second = apply_mail(
        user=user,
        mail=mail("confirm-2", date=MAIL_DATE + timedelta(days=1)),
        classification=replace(
            reading(CONFIRMATION, company="Tern Analytics"), employer_domain="tern-analytics.io"
        ),
    )

    assert first.created and second.created and first.jobapp_id != second.jobapp_id


@pytest.mark.parametrize(
    ("confirmed_as", "later_as"),
    [("Tamblyn Logistics", "Tamblynlabs"), ("Orchard Lane Grocers", "Orchardly")],
)
def test_an_address_that_does_not_abbreviate_the_name_is_another_company(
    user, confirmed_as, later_as
):
    confirmed(user, company=confirmed_as)

    follow_up(user, "reject-1", MailKind.REJECTION, company=later_as, title="")

    assert JobApplication.objects.filter(user=user).count() == 2


def test_a_mail_about_another_job_at_the_company_starts_that_application(user):
    jobapp = confirmed(user, title="Data Engineer")

    result = follow_up(user, "reject-1", MailKind.REJECTION, title="Office Manager")

    assert status_of(jobapp) == (APPLIED, False)
    other = JobApplication.objects.get(pk=result.jobapp_id)
    assert result.created and (other.job_title, other.is_rejected) == ("Office Manager", True)


def test_the_recruiter_who_wrote_about_the_one_open_application_writes_about_it_again(user):
    """Her next mail's subject was read as another job ("Member Experience" for the panel
    she is on); it is still about the application she invited to the screen."""
    recruiter = replace(RECRUITER, email="priya@acmerobotics.example")
    jobapp = confirmed(user, title="Data Engineer")
    follow_up(user, "screen-1", INTERVIEW, days_later=5, contact=recruiter)

    follow_up(
        user, "onsite-1", INTERVIEW, days_later=12, title="Member Experience", contact=recruiter
    )

    assert JobApplication.objects.filter(user=user).count() == 1
    assert status_of(jobapp) == (PHONE_SCREEN, False)


def test_a_mail_about_the_same_job_at_another_level_follows_it_up(user):
    jobapp = confirmed(user, title="Site Reliability Engineer")

    follow_up(user, "offer-1", MailKind.OFFER, title="Senior Site Reliability Engineer")

    assert status_of(jobapp) == (OFFER, False)


def test_several_applications_at_the_company_and_no_title_is_only_a_suggestion(user):
    confirmed(user, "confirm-1", title="Data Engineer")
    newest = apply_mail(
        user=user,
        mail=mail("confirm-2", date=MAIL_DATE + timedelta(days=1)),
        classification=reading(CONFIRMATION, title="Office Manager"),
    )

    result = follow_up(user, "reject-1", MailKind.REJECTION, title="")

    assert (result.outcome, result.jobapp_id) == (JobEmail.Outcome.SUGGESTION, newest.jobapp_id)
    assert not JobApplication.objects.filter(is_rejected=True).exists()


def test_an_untitled_mail_goes_to_the_application_whose_role_it_talks_about(user):
    strategist = confirmed(user, "confirm-1", title="Content Strategist")
    apply_mail(
        user=user,
        mail=mail("confirm-2", date=MAIL_DATE + timedelta(days=1)),
        classification=reading(CONFIRMATION, title="Copywriter (Contract)"),
    )
    invitation = replace(
        reading(INTERVIEW, title=""),
        evidence="Would you be up for a video chat next week about the content strategy role?",
    )

    result = apply_mail(
        user=user,
        mail=mail("invite-1", date=MAIL_DATE + timedelta(days=5)),
        classification=invitation,
    )

    assert result.jobapp_id == strategist.pk
    assert status_of(strategist) == (PHONE_SCREEN, False)


def test_an_interview_invitation_for_an_untracked_application_starts_it(user):
    result = apply_mail(
        user=user, mail=mail("hired-1"), classification=reading(INTERVIEW, source="Hired.com")
    )

    jobapp = JobApplication.objects.get(pk=result.jobapp_id)
    assert (jobapp.application_status_id, jobapp.source, jobapp.msg_id) == (
        PHONE_SCREEN,
        "Hired.com",
        "hired-1",
    )


def test_a_rejection_whose_confirmation_never_came_tracks_the_application_rejected(user):
    result = apply_mail(
        user=user, mail=mail("reject-1"), classification=reading(MailKind.REJECTION)
    )

    jobapp = JobApplication.objects.get()
    assert result.created and jobapp.pk == result.jobapp_id
    assert (jobapp.company, jobapp.application_status_id, jobapp.is_rejected) == (
        "Acme Robotics",
        APPLIED,
        True,
    )
    assert (jobapp.rejection_changed_by, jobapp.rejection_changed_at) == (Source.EMAIL, MAIL_DATE)


def test_a_follow_up_naming_no_company_and_no_known_title_creates_nothing(user):
    result = apply_mail(
        user=user, mail=mail("reject-1"), classification=reading(MailKind.REJECTION, company="")
    )

    assert not JobApplication.objects.exists()
    assert (result.outcome, result.reason) == (
        JobEmail.Outcome.SKIPPED,
        "the mail names no company",
    )


def test_an_application_in_a_status_an_admin_added_is_left_alone(user):
    custom = ApplicationStatus.objects.create(value="Reference check")
    jobapp = user_made(user, status_id=custom.pk)

    follow_up(user, "interview-1", INTERVIEW)

    assert status_of(jobapp) == (custom.pk, False)


# --------------------------------------------------------------------------- the user's word


def test_a_status_the_user_set_after_the_mail_was_sent_is_not_overwritten(user):
    jobapp = user_made(user)
    jobapp_services.jobapp_update_status(user=user, jobapp_id=jobapp.pk, status_id=PHONE_SCREEN)

    result = follow_up(user, "offer-1", MailKind.OFFER)  # sent before the user's change

    assert status_of(jobapp) == (PHONE_SCREEN, False)
    assert (result.outcome, result.reason) == (
        JobEmail.Outcome.SKIPPED,
        "changed by hand after this mail",
    )


def test_a_rejection_the_user_undid_after_the_mail_was_sent_is_not_redone(user):
    jobapp = user_made(user, is_rejected=True)
    jobapp_services.jobapp_update_status(user=user, jobapp_id=jobapp.pk, is_rejected=False)

    follow_up(user, "reject-1", MailKind.REJECTION)

    assert status_of(jobapp) == (APPLIED, False)


def test_a_mail_sent_after_the_users_change_still_applies(user):
    jobapp = user_made(user)
    jobapp_services.jobapp_update_status(user=user, jobapp_id=jobapp.pk, status_id=PHONE_SCREEN)
    StatusHistory.objects.filter(changed_by=Source.USER).update(changed_at=MAIL_DATE)

    follow_up(user, "offer-1", MailKind.OFFER)

    assert status_of(jobapp) == (OFFER, False)


def test_an_application_the_user_added_today_moves_on_with_last_months_mail(user):
    jobapp = user_made(user)  # its creation row is dated now, after the mail

    follow_up(user, "interview-1", INTERVIEW)

    assert status_of(jobapp) == (PHONE_SCREEN, False)


# --------------------------------------------------------------------------- storage


def test_a_low_confidence_reading_is_a_suggestion_on_the_application(user, auth_client):
    jobapp = confirmed(user)

    result = follow_up(user, "maybe-1", MailKind.REJECTION, confidence=0.6)

    assert status_of(jobapp) == (APPLIED, False)
    assert (result.outcome, result.jobapp_id) == (JobEmail.Outcome.SUGGESTION, jobapp.pk)
    detail = auth_client.get(f"/api/jobapps/get_jobapp_detail?jobapp_id={jobapp.pk}").json()
    assert [s["msgId"] for s in detail["data"]["suggestions"]] == ["maybe-1"]


def test_a_low_confidence_confirmation_creates_nothing(user):
    result = apply_mail(
        user=user, mail=mail("m-1"), classification=reading(CONFIRMATION, confidence=0.5)
    )

    assert result.outcome == JobEmail.Outcome.SUGGESTION
    assert not JobApplication.objects.exists()


def test_a_mail_is_applied_once_however_often_it_is_read(user):
    first = apply_mail(user=user, mail=mail("m-1"), classification=reading(CONFIRMATION))
    again = apply_mail(user=user, mail=mail("m-1"), classification=reading(CONFIRMATION))

    assert first.created and again.already_processed and not again.created
    assert JobApplication.objects.count() == JobEmail.objects.count() == 1


def test_the_same_message_is_stored_separately_for_each_user(user, other_user):
    apply_mail(user=user, mail=mail("m-1"), classification=reading(CONFIRMATION))
    apply_mail(user=other_user, mail=mail("m-1"), classification=reading(CONFIRMATION))

    assert JobApplication.objects.filter(user=other_user).count() == 1
    assert JobEmail.objects.filter(user=other_user).count() == 1


def test_oversized_and_nul_laden_mail_is_stored_trimmed(user):
    huge = mail(
        "<" + "x" * 400 + "@mailer.example>",
        subject="Thanks\x00 " + "s" * 2000,
        text="body\x00" + "b" * 50_000,
    )

    apply_mail(user=user, mail=huge, classification=reading(CONFIRMATION, title="T" * 500))

    email = JobEmail.objects.get()
    assert len(email.msg_id) <= 200 and email.msg_id.startswith("sha256-")
    assert "\x00" not in email.subject + email.body
    assert len(email.subject) == 1000 and len(email.body) == 20_000
    assert JobApplication.objects.get().msg_id == email.msg_id


@pytest.mark.parametrize("same_thread", [True, False])
def test_mail_about_an_application_the_user_deleted_leaves_it_deleted(user, same_thread):
    jobapp = confirmed(user)
    jobapp_services.jobapp_delete(user=user, jobapp_id=jobapp.pk)

    result = apply_mail(
        user=user,
        classification=reading(MailKind.REJECTION),
        mail=mail(
            "reject-1",
            thread_id="confirm-1" if same_thread else None,
            date=MAIL_DATE + timedelta(days=9),
        ),
    )

    assert result.outcome == JobEmail.Outcome.SKIPPED and not result.created
    assert "deleted" in result.reason
    assert not JobApplication.objects.filter(user=user, is_deleted=False).exists()


def test_another_job_at_the_company_of_a_deleted_application_is_still_tracked(user):
    jobapp = confirmed(user)
    jobapp_services.jobapp_delete(user=user, jobapp_id=jobapp.pk)

    result = follow_up(user, "interview-1", INTERVIEW, title="Office Manager")

    assert result.created
    assert JobApplication.objects.get(user=user, is_deleted=False).job_title == "Office Manager"


# --------------------------------------------------------------------------- people and times

RECRUITER = MailContact(
    name="Priya Natarajan",
    email="priya.natarajan@acme.example",
    role=ROLE_RECRUITER,
    phone="+1 415 555 0142",
    linkedin_url="https://www.linkedin.com/in/priya-natarajan",
)
INTERVIEW_AT = StatedTime(
    start=datetime(2025, 3, 11, 22, 0, tzinfo=UTC),
    end=datetime(2025, 3, 11, 22, 45, tzinfo=UTC),
    sentence="Could we talk on Tuesday, March 11 at 3:00 PM PDT over Zoom?",
    location="https://zoom.example/j/123",
)


def contacts_of(jobapp_id: int) -> list[tuple]:
    return list(
        Contact.objects.filter(job_application_id=jobapp_id, deleted_at__isnull=True).values_list(
            "name", "email", "role", "phone", "linkedin_url", "source", "msg_id"
        )
    )


def test_the_recruiter_who_writes_becomes_a_contact_of_the_application_once(user):
    jobapp = confirmed(user)

    follow_up(user, "recruiter-1", INTERVIEW, contact=RECRUITER)
    follow_up(user, "recruiter-2", INTERVIEW, days_later=9, contact=RECRUITER)

    assert contacts_of(jobapp.pk) == [
        (
            "Priya Natarajan",
            "priya.natarajan@acme.example",
            "recruiter",
            "+1 415 555 0142",
            "https://www.linkedin.com/in/priya-natarajan",
            Source.EMAIL,
            "recruiter-1",
        )
    ]


def test_the_writer_of_a_mail_that_starts_an_application_is_its_contact(user):
    result = follow_up(user, "recruiter-1", INTERVIEW, contact=RECRUITER)

    assert result.created
    assert [row[1] for row in contacts_of(result.jobapp_id)] == ["priya.natarajan@acme.example"]


def test_the_users_edit_of_a_contact_wins_over_later_mail(user):
    jobapp = confirmed(user)
    follow_up(user, "recruiter-1", INTERVIEW, contact=RECRUITER)
    contact = Contact.objects.get(job_application=jobapp)
    jobapp_services.contact_update(
        user=user, contact_id=contact.pk, name="Priya N.", role="hiring manager"
    )

    follow_up(user, "recruiter-2", MailKind.OFFER, days_later=20, contact=RECRUITER)

    contact.refresh_from_db()
    assert (contact.name, contact.role) == ("Priya N.", "hiring manager")
    assert Contact.objects.filter(job_application=jobapp).count() == 1


def test_a_contact_the_user_deleted_does_not_come_back_with_the_next_mail(user):
    jobapp = confirmed(user)
    follow_up(user, "recruiter-1", INTERVIEW, contact=RECRUITER)
    contact = Contact.objects.get(job_application=jobapp)
    jobapp_services.contact_delete(user=user, contact_id=contact.pk)

    follow_up(user, "recruiter-2", INTERVIEW, days_later=9, contact=RECRUITER)

    assert contacts_of(jobapp.pk) == []


def test_a_guess_adds_no_contact_and_no_event(user):
    jobapp = confirmed(user)

    result = follow_up(
        user, "maybe-1", INTERVIEW, confidence=0.4, contact=RECRUITER, appointment=INTERVIEW_AT
    )

    assert result.outcome == JobEmail.Outcome.SUGGESTION
    assert not Contact.objects.filter(job_application=jobapp).exists()
    assert not Event.objects.filter(job_application=jobapp).exists()


def test_an_invitation_stating_a_time_puts_the_interview_on_the_calendar_once(user):
    jobapp = confirmed(user)

    follow_up(user, "invite-1", INTERVIEW, appointment=INTERVIEW_AT)
    follow_up(user, "invite-1-calendar", INTERVIEW, appointment=INTERVIEW_AT)  # its .ics

    event = Event.objects.get(job_application=jobapp)
    assert (event.start, event.end, event.kind, event.location) == (
        INTERVIEW_AT.start,
        INTERVIEW_AT.end,
        Event.Kind.VIDEO,
        INTERVIEW_AT.location,
    )
    assert (event.evidence, event.source, event.msg_id) == (
        INTERVIEW_AT.sentence,
        Source.EMAIL,
        "invite-1",
    )


@pytest.mark.parametrize(
    "kind,onsite,sentence,expected",
    [
        (INTERVIEW, False, "We will call you on March 11 at 3 PM PDT.", Event.Kind.PHONE),
        (INTERVIEW, True, "Please come to our office on March 11 at 3 PM PDT.", Event.Kind.ONSITE),
        (
            MailKind.ASSESSMENT,
            False,
            "Please finish the test by March 11, 3 PM PDT.",
            Event.Kind.ASSESSMENT_DEADLINE,
        ),
    ],
)
def test_the_event_kind_follows_the_mail(user, kind, onsite, sentence, expected):
    jobapp = confirmed(user)
    when = StatedTime(start=INTERVIEW_AT.start, end=None, sentence=sentence)

    follow_up(user, "step-1", kind, is_onsite=onsite, appointment=when)

    assert Event.objects.get(job_application=jobapp).kind == expected


def test_an_interview_already_at_its_stage_still_gets_its_time(user):
    jobapp = confirmed(user)
    follow_up(user, "invite-1", INTERVIEW)

    result = follow_up(user, "invite-2", INTERVIEW, days_later=8, appointment=INTERVIEW_AT)

    assert result.outcome == JobEmail.Outcome.SKIPPED  # already at Phone Screen
    assert Event.objects.filter(job_application=jobapp, msg_id="invite-2").exists()
