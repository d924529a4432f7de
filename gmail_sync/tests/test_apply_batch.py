"""`apply_batch` over several mails: the same result as its mails one by one, a user's edit
made meanwhile respected, one broken mail failing alone. (test_apply runs every single-mail
rule through both paths.)"""

from __future__ import annotations

from datetime import timedelta

import pytest

import gmail_sync.apply
from gmail_sync.apply import apply_batch
from gmail_sync.classifier import MailKind
from gmail_sync.matching import ApplicationIndex
from gmail_sync.tests.test_apply import (
    APPLIED,
    CONFIRMATION,
    INTERVIEW,
    MAIL_DATE,
    OFFER,
    PHONE_SCREEN,
    confirmed,
    mail,
    reading,
    status_of,
)
from jobapps import services as jobapp_services
from jobapps.models import JobApplication, JobEmail

pytestmark = pytest.mark.django_db


def test_a_batch_comes_to_what_its_mails_one_by_one_come_to(user, other_user):
    thread = [
        (mail("c-1"), reading(CONFIRMATION)),
        (mail("c-1"), reading(CONFIRMATION)),  # the same message twice
        (
            mail("i-1", thread_id="c-1", date=MAIL_DATE + timedelta(days=3)),
            reading(INTERVIEW, title=""),
        ),
        (
            mail("c-2", date=MAIL_DATE + timedelta(days=4)),
            reading(CONFIRMATION, company="Birch Labs", title="Analyst"),
        ),
        (
            mail("r-2", date=MAIL_DATE + timedelta(days=9)),
            reading(MailKind.REJECTION, company="Birch Labs", title="Analyst"),
        ),
        (
            mail("o-1", thread_id="c-1", date=MAIL_DATE + timedelta(days=20)),
            reading(MailKind.OFFER, title=""),
        ),
        (mail("n-1"), reading(MailKind.NOT_JOB, company="", title="")),
    ]
    for mail_, classification in thread:
        gmail_sync.apply.apply_mail(user=other_user, mail=mail_, classification=classification)

    results = apply_batch(user=user, mails=thread, index=ApplicationIndex.load(user=user))

    assert [result.outcome for result in results] == [
        "applied",
        "skipped",
        "applied",
        "applied",
        "applied",
        "applied",
        "skipped",
    ]
    assert results[1].already_processed
    assert (
        tracked(user)
        == tracked(other_user)
        == [
            ("Acme Robotics", OFFER, False, [APPLIED, PHONE_SCREEN, OFFER]),
            ("Birch Labs", APPLIED, True, [APPLIED]),
        ]
    )
    emails = JobEmail.objects.filter(user=user).order_by("date", "msg_id")
    assert [
        (e.msg_id, e.job_application.company if e.job_application else None) for e in emails
    ] == [
        ("c-1", "Acme Robotics"),
        ("n-1", None),
        ("i-1", "Acme Robotics"),
        ("c-2", "Birch Labs"),
        ("r-2", "Birch Labs"),
        ("o-1", "Acme Robotics"),
    ]


def test_a_batch_meeting_a_users_edit_decides_again_mail_by_mail(user):
    jobapp = confirmed(user)
    index = ApplicationIndex.load(user=user)
    # The user moves it by hand after the index was read and after the mail was sent.
    jobapp_services.jobapp_update_status(
        user=user, jobapp_id=jobapp.pk, status_id=OFFER, changed_at=MAIL_DATE + timedelta(days=30)
    )

    [result] = apply_batch(
        user=user,
        index=index,
        mails=[
            (
                mail("r-1", thread_id="confirm-1", date=MAIL_DATE + timedelta(days=10)),
                reading(MailKind.REJECTION),
            )
        ],
    )

    assert result.reason == "changed by hand after this mail"
    assert status_of(jobapp) == (OFFER, False)
    assert JobEmail.objects.filter(user=user, msg_id="r-1").exists()


def test_one_mail_that_cannot_be_applied_fails_alone_in_its_batch(user, monkeypatch):
    real_create = gmail_sync.apply._Batched.create

    def create(self, *, mail, **kwargs):
        if mail.msg_id == "bad":
            raise ValueError("a value the database would refuse")
        return real_create(self, mail=mail, **kwargs)

    monkeypatch.setattr(gmail_sync.apply._Batched, "create", create)
    results = apply_batch(
        user=user,
        index=ApplicationIndex.load(user=user),
        mails=[
            (mail("bad"), reading(CONFIRMATION, company="Broken Co")),
            (mail("good"), reading(CONFIRMATION)),
        ],
    )

    assert isinstance(results[0], ValueError) and results[1].created
    assert list(JobApplication.objects.values_list("company", flat=True)) == ["Acme Robotics"]
    assert list(JobEmail.objects.values_list("msg_id", flat=True)) == ["good"]


def tracked(user) -> list[tuple]:
    return [
        (
            jobapp.company,
            jobapp.application_status_id,
            jobapp.is_rejected,
            list(
                jobapp.status_history.order_by("id").values_list("application_status_id", flat=True)
            ),
        )
        for jobapp in JobApplication.objects.filter(user=user).order_by("company")
    ]
