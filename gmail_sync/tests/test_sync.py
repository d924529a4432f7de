"""`sync_user` through the real GmailClient against the fake Gmail server."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from django.db import connection, connections

from gmail_sync import selectors, services
from gmail_sync.locking import SyncLock, _lock, lock_key, sync_lock_held, user_sync_lock
from gmail_sync.models import SyncState
from gmail_sync.search import build_search_query
from jobapps.models import ApplicationStatus, JobApplication, JobEmail, Source, StatusHistory
from tests.fakes import gmail_server
from tests.fakes.gmail_search import compile_query, searchable
from tests.fakes.gmail_server import FakeGmailServer, build_message
from tests.helpers import link_google
from users.crypto import decrypt
from users.models import ProviderCredential

from .conftest import CASES, add_fixtures, fixture_message, run_sync

pytestmark = pytest.mark.django_db

APPLIED = ApplicationStatus.APPLIED
PHONE_SCREEN = ApplicationStatus.PHONE_SCREEN
ONSITE = ApplicationStatus.ONSITE_INTERVIEW
OFFER = ApplicationStatus.OFFER

# Every fixture in one mailbox, each dated by its kind (confirmations first, rejections last):
# what the user's applications look like afterwards. (company, title): (status, rejected, source)
STORY_END = {
    ("Bluefin Analytics Inc", "Data Engineer"): (APPLIED, False, "LinkedIn"),
    ("Brightwater Games", "Gameplay Programmer"): (APPLIED, False, "Jobvite"),
    # confirmation, HackerRank, phone screen (same thread), offer (for the Senior level)...
    ("Copperleaf Systems", "Site Reliability Engineer"): (OFFER, False, "Greenhouse"),
    # ...while the Staff Data Engineer rejection is about another job, never confirmed here
    ("Copperleaf Systems", "Staff Data Engineer"): (APPLIED, True, "Greenhouse"),
    ("Gleam Freight", "Logistics Coordinator"): (APPLIED, False, "Company website"),
    # no confirmation: Hired's interview request starts the application
    ("Harborlight Health", "Full Stack Engineer"): (PHONE_SCREEN, False, "Hired.com"),
    ("Kestrel Mobility", "Embedded Software Engineer"): (PHONE_SCREEN, False, "Workday"),
    ("Lumen Parcel", "Platform Engineer"): (OFFER, False, "Ashby"),
    ("Meadowlark Dental", "Office Manager"): (APPLIED, False, "ZipRecruiter"),
    ("Northwind Robotics", "Senior Backend Engineer"): (APPLIED, True, "LinkedIn"),
    ("Orbital Kitchen", "Supply Chain Analyst"): (APPLIED, True, "iCIMS"),
    ("Pinecrest Bank", "Risk Analyst"): (APPLIED, True, "SmartRecruiters"),
    ("Quillstone Labs", "Product Designer"): (APPLIED, False, "Indeed"),
    # five confirmations of one application (broken encodings, missing dates...): one row
    ("Sunfield Energy", "Battery Storage Engineer"): (APPLIED, False, "Company website"),
    # two applications at Sunfield; the rejection with no subject says "The Solar Field
    # Technician position has been filled": that one
    ("Sunfield Energy", "Solar Field Technician"): (APPLIED, True, "Company website"),
    ("Tessellate GmbH", "Machine Learning Engineer"): (PHONE_SCREEN, False, "Vettery"),
    ("Vantage Orchard", "Frontend Developer"): (ONSITE, True, "Lever"),
}
NOT_JOB_FIXTURES = [
    name for name, case in CASES.items() if case["expected"].get("kind") == "not_job"
]


def add_whole_mailbox(server: FakeGmailServer) -> None:
    add_fixtures(server, [name for name in CASES if name != "company_site_interview_from_person"])
    # The company's own invitation follows Hired's by a day.
    server.add_message(
        fixture_message(
            "company_site_interview_from_person", datetime(2025, 1, 21, 9, 0, tzinfo=UTC)
        )
    )


def applications(user) -> dict[tuple[str, str], tuple[int, bool, str]]:
    rows = JobApplication.objects.filter(user=user).values_list(
        "company", "job_title", "application_status_id", "is_rejected", "source"
    )
    return {
        (company, title): (status, rejected, source)
        for company, title, status, rejected, source in rows
    }


def order_mail(server: FakeGmailServer, day: int) -> dict:
    return server.add_message(
        build_message(
            subject=f"Your order #{day} has shipped",
            sender="Shop <orders@shop.example>",
            body_text="Your parcel is on its way.",
            date=datetime(2025, 3, day % 28 + 1, tzinfo=UTC),
        )
    )


# --------------------------------------------------------------------------- first sync


def test_first_sync_tells_every_fixture_story(gmail, google_user):
    gmail.search_matches_everything = True  # the broken fixtures too (counted as errors)
    add_whole_mailbox(gmail)

    report = run_sync(google_user)

    assert report.mode == "full" and report.complete
    assert applications(google_user) == STORY_END
    state = SyncState.objects.get(user=google_user)
    assert state.as_status() == {
        "state": "idle",
        "last_synced_at": state.last_synced_at,
        "messages_seen": len(CASES),
        "applications_created": len(STORY_END),
        "applications_updated": 11,  # the Sunfield rejection above is applied
        "errors": 2,
        "gmail_ok": True,
        "gmail_connected": True,
    }
    assert state.last_synced_at is not None
    assert state.history_id == str(gmail.history_id)
    assert JobEmail.objects.filter(user=google_user).count() == len(CASES)


def test_each_email_change_records_its_message_and_sentence(gmail, google_user):
    add_fixtures(gmail, ["lever_confirmation", "lever_interview_onsite_nested"])

    run_sync(google_user)

    jobapp = JobApplication.objects.get(user=google_user)
    rows = list(
        StatusHistory.objects.filter(job_application=jobapp).values_list(
            "application_status_id", "changed_by", "msg_id", "changed_at"
        )
    )
    confirmation = CASES["lever_confirmation"]["message"]["id"]
    invitation = CASES["lever_interview_onsite_nested"]["message"]["id"]
    assert rows == [
        (APPLIED, Source.EMAIL, confirmation, datetime(2025, 1, 10, 9, 0, tzinfo=UTC)),
        (ONSITE, Source.EMAIL, invitation, datetime(2025, 1, 20, 9, 0, tzinfo=UTC)),
    ]
    assert all(
        StatusHistory.objects.filter(job_application=jobapp).values_list("evidence", flat=True)
    )
    assert jobapp.msg_id == confirmation
    assert jobapp.apply_date == datetime(2025, 1, 10, 9, 0, tzinfo=UTC)
    assert jobapp.job_url.startswith("https://jobs.lever.co/vantageorchard/")


def test_first_sync_sends_the_search_of_the_look_back_window(gmail, google_user, settings):
    settings.GMAIL_LOOKBACK_DAYS = 200

    run_sync(google_user)

    (listing,) = gmail.requests(r"/messages$")
    assert listing.query["q"] == build_search_query(200)
    assert "newer_than:200d" in listing.query["q"]


def test_first_sync_reads_every_page_oldest_first_and_keeps_the_history_id_of_its_start(
    gmail, google_user
):
    mails = [order_mail(gmail, day) for day in range(510)]
    history_at_start = gmail.history_id

    run_sync(google_user)

    assert gmail.count(r"/messages$") == 2  # 500 per page
    assert JobEmail.objects.filter(user=google_user).count() == len(mails)
    assert gmail.recorded[0].path.endswith("/profile")  # before listing
    assert SyncState.objects.get(user=google_user).history_id == str(history_at_start)


def test_a_full_sync_only_reads_mail_from_the_look_back_window(gmail, google_user, settings):
    settings.GMAIL_LOOKBACK_DAYS = 30
    gmail.add_message(fixture_message("lever_confirmation"))  # January 2025
    recent = fixture_message("ashby_confirmation", datetime.now(UTC))
    gmail.add_message(recent)

    run_sync(google_user)

    assert set(JobEmail.objects.values_list("msg_id", flat=True)) == {recent["id"]}


def test_hard_negatives_create_nothing_and_keep_nothing_personal(gmail, google_user):
    add_fixtures(gmail, NOT_JOB_FIXTURES)
    search = compile_query(build_search_query(36500))
    selected = [name for name in NOT_JOB_FIXTURES if search(searchable(fixture_message(name)))]

    run_sync(google_user)

    assert not JobApplication.objects.exists()
    emails = JobEmail.objects.filter(user=google_user)
    assert emails.count() == len(selected) >= len(NOT_JOB_FIXTURES) // 2
    assert set(emails.values_list("outcome", "kind", "subject", "body", "sender")) == {
        (JobEmail.Outcome.SKIPPED, JobEmail.Kind.NOT_JOB, "", "", "")
    }


def test_malformed_and_vanished_messages_are_recorded_failed_and_the_rest_imports(
    gmail, google_user
):
    gmail.search_matches_everything = True
    add_fixtures(gmail, ["missing_payload", "no_subject_no_body", "lever_confirmation"])
    vanished = order_mail(gmail, 3)
    gmail.inject(rf"/messages/{vanished['id']}$", 404, times=1)

    report = run_sync(google_user)

    failed = dict(
        JobEmail.objects.filter(outcome=JobEmail.Outcome.FAILED).values_list(
            "msg_id", "failure_reason"
        )
    )
    assert failed == {
        CASES["missing_payload"]["message"]["id"]: "missing payload",
        CASES["no_subject_no_body"]["message"]["id"]: "no subject and no body",
        vanished["id"]: "Gmail answered 404: Injected fault 404",
    }
    assert JobApplication.objects.get().company == "Vantage Orchard"
    assert report.complete and report.counters.errors == 3
    assert SyncState.objects.get(user=google_user).state == "idle"


# --------------------------------------------------------------------------- later syncs


def test_later_syncs_read_only_the_new_mail_through_history(gmail, google_user):
    add_fixtures(gmail, ["lever_confirmation"])
    run_sync(google_user)
    gmail.add_message(fixture_message("lever_interview_onsite_nested"))
    gmail.reset_requests()

    report = run_sync(google_user)

    assert report.mode == "incremental" and report.complete
    assert [r.path.rsplit("/", 1)[-1] for r in gmail.requests(in_batch=False)] == [
        "history",
        "v1",
    ]  # history.list, then one batch
    assert gmail.count(r"/messages/", in_batch=True) == 1
    assert JobApplication.objects.get().application_status_id == ONSITE
    assert SyncState.objects.get(user=google_user).history_id == str(gmail.history_id)


def test_a_sync_with_no_new_mail_costs_one_history_call(gmail, google_user):
    add_fixtures(gmail, ["lever_confirmation"])
    run_sync(google_user)
    gmail.reset_requests()

    report = run_sync(google_user)

    assert len(gmail.recorded) == 1 and gmail.recorded[0].path.endswith("/history")
    assert report.stats.as_dict()["calls"] == {"users.history.list": 1}
    assert report.stats.quota_units == 2


def test_drafts_spam_and_chats_in_the_history_are_not_fetched(gmail, google_user):
    run_sync(google_user)
    for labels in (["DRAFT"], ["SPAM"], ["TRASH"], ["CHAT"]):
        message = fixture_message("lever_confirmation")
        message.pop("id")
        message["labelIds"] = labels
        gmail.add_message(message)

    run_sync(google_user)

    assert gmail.count(r"/messages/", in_batch=True) == 0
    assert SyncState.objects.get(user=google_user).history_id == str(gmail.history_id)


def test_expired_history_falls_back_to_a_full_sync(gmail, google_user):
    add_fixtures(gmail, ["lever_confirmation"])
    run_sync(google_user)
    gmail.add_message(fixture_message("lever_interview_onsite_nested"))
    gmail.min_history_id = gmail.history_id + 1  # Gmail forgot the stored point in history
    gmail.reset_requests()

    report = run_sync(google_user)

    assert report.mode == "full" and report.complete
    assert gmail.count(r"/history$") == 1 and gmail.count(r"/messages$") == 1
    # The mail processed before is not fetched again: one message, the new one.
    assert gmail.count(r"/messages/", in_batch=True) == 1
    assert JobApplication.objects.get().application_status_id == ONSITE


def test_processed_messages_are_never_fetched_again_only_failed_ones(gmail, google_user):
    gmail.search_matches_everything = True
    _, _, broken = add_fixtures(
        gmail, ["lever_confirmation", "linkedin_job_alert", "missing_payload"]
    )
    run_sync(google_user)
    SyncState.objects.filter(user=google_user).update(history_id="")  # force a full listing
    gmail.reset_requests()

    run_sync(google_user)

    fetched = [request.path for request in gmail.requests(r"/messages/", in_batch=True)]
    assert fetched == [f"/gmail/v1/users/me/messages/{broken['id']}"]


# --------------------------------------------------------------------------- faults


def test_throttling_and_server_errors_are_retried_until_the_sync_completes(gmail, google_user):
    messages = add_fixtures(gmail, ["lever_confirmation", "lever_interview_onsite_nested"])
    gmail.inject(r"/profile$", 503)
    gmail.inject(r"/messages$", 429, times=2, headers={"Retry-After": "1"})
    gmail.inject(rf"/messages/{messages[0]['id']}$", 500)
    gmail.inject(r"^/batch", 500)

    report = run_sync(google_user)

    assert report.complete and report.stats.retries >= 5
    assert JobApplication.objects.get().application_status_id == ONSITE
    assert SyncState.objects.get(user=google_user).state == "idle"


def test_a_message_gmail_keeps_refusing_is_recorded_and_fetched_again_by_the_next_sync(
    gmail, google_user
):
    stubborn, other = add_fixtures(gmail, ["lever_confirmation", "ashby_confirmation"])
    gmail.inject(rf"/messages/{stubborn['id']}$", 503, times=100)

    first = run_sync(google_user)

    # The run goes on past it and the cursor moves: the next run is incremental.
    assert first.complete and first.counters.errors == 1
    assert JobEmail.objects.get(msg_id=stubborn["id"]).outcome == JobEmail.Outcome.FAILED
    assert JobApplication.objects.count() == 1
    assert SyncState.objects.get(user=google_user).history_id != ""
    gmail._faults.clear()
    gmail.reset_requests()

    second = run_sync(google_user)

    assert second.complete and second.mode == "incremental"
    assert gmail.count(r"/messages/", in_batch=True) == 1  # only the failed one again
    assert JobEmail.objects.get(msg_id=stubborn["id"]).outcome == JobEmail.Outcome.APPLIED
    assert JobApplication.objects.count() == 2


def test_a_message_that_breaks_the_importer_is_recorded_and_the_sync_goes_on(
    gmail, google_user, monkeypatch
):
    broken, fine = add_fixtures(gmail, ["lever_confirmation", "ashby_confirmation"])
    real_classify = services.classify

    def classify_breaking_on_one(mail, **options):
        if mail.msg_id == broken["id"]:
            raise RuntimeError("a bug in the classifier")
        return real_classify(mail, **options)

    monkeypatch.setattr(services, "classify", classify_breaking_on_one)

    report = run_sync(google_user)

    assert report.complete and report.counters.errors == 1
    failed = JobEmail.objects.get(msg_id=broken["id"])
    assert (failed.outcome, failed.failure_reason) == (
        JobEmail.Outcome.FAILED,
        "could not be applied (RuntimeError)",
    )
    assert JobEmail.objects.get(msg_id=fine["id"]).outcome == JobEmail.Outcome.APPLIED
    monkeypatch.setattr(services, "classify", real_classify)

    run_sync(google_user)  # the bug fixed: the next run imports it

    assert JobEmail.objects.get(msg_id=broken["id"]).outcome == JobEmail.Outcome.APPLIED
    assert JobApplication.objects.count() == 2


def test_a_message_that_keeps_failing_is_given_up_after_three_attempts(gmail, google_user):
    gmail.search_matches_everything = True
    add_fixtures(gmail, ["missing_payload"])
    for _ in range(4):
        run_sync(google_user)

    failed = JobEmail.objects.get()
    assert (failed.outcome, failed.attempts) == (JobEmail.Outcome.FAILED, selectors.MAX_ATTEMPTS)


def test_a_gmail_outage_fails_the_sync_and_keeps_the_cursor(gmail, google_user):
    add_fixtures(gmail, ["lever_confirmation"])
    run_sync(google_user)
    cursor = SyncState.objects.get(user=google_user).history_id
    gmail.add_message(fixture_message("lever_interview_onsite_nested"))
    gmail.inject(r"/history$", 503, times=100)

    report = run_sync(google_user)

    state = SyncState.objects.get(user=google_user)
    assert not report.complete
    assert (state.state, state.history_id, state.gmail_ok) == ("failed", cursor, True)
    assert "503" in state.last_error or "retries" in state.last_error
    gmail._faults.clear()
    run_sync(google_user)
    assert JobApplication.objects.get().application_status_id == ONSITE


def test_an_expired_token_is_refreshed_and_the_new_one_stored_encrypted(gmail, google_user):
    add_fixtures(gmail, ["lever_confirmation"])
    gmail.expire_access_token()

    report = run_sync(google_user)

    assert report.complete and report.stats.token_refreshes == 1
    credential = ProviderCredential.objects.get(user=google_user)
    assert credential.access_token == f"{gmail_server.DEFAULT_ACCESS_TOKEN}-1"
    assert credential.token_expires_at is not None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT access_token FROM users_providercredential WHERE id = %s", [credential.pk]
        )
        (stored,) = cursor.fetchone()
    assert stored != credential.access_token and decrypt(stored) == credential.access_token
    assert JobApplication.objects.count() == 1


def test_a_refused_token_marks_gmail_unreadable_and_the_next_request_answers_4(
    gmail, user, auth_client
):
    link_google(user, refresh_token="")
    gmail.expire_access_token()

    report = run_sync(user)

    state = SyncState.objects.get(user=user)
    assert not report.complete
    assert (state.state, state.gmail_ok) == ("failed", False)
    response = auth_client.get("/api/users/sync_user_emails")
    assert response.status_code == 409 and response.json()["error_code"] == 4


def test_a_revoked_refresh_token_marks_gmail_unreadable(gmail, google_user):
    gmail.expire_access_token()
    gmail.revoke_refresh_token()

    run_sync(google_user)

    assert SyncState.objects.get(user=google_user).gmail_ok is False
    assert selectors.sync_user_ids_due() == []


def test_counters_are_saved_after_every_batch(gmail, google_user, monkeypatch):
    for day in range(120):
        order_mail(gmail, day)
    saved: list[int] = []
    real_set_state = services._set_state

    def spy(user_id, **fields):
        real_set_state(user_id, **fields)
        saved.append(SyncState.objects.get(user_id=user_id).messages_seen)

    monkeypatch.setattr(services, "_set_state", spy)

    run_sync(google_user)

    assert saved == [0, 50, 100, 120, 120]  # running, three batches, idle


# --------------------------------------------------------------------------- isolation, locking


def test_each_user_sees_only_the_mail_of_their_own_mailbox(
    gmail, user, other_user, make_client, settings
):
    link_google(user)
    link_google(other_user)
    add_fixtures(gmail, ["lever_confirmation", "ashby_confirmation"])
    run_sync(user)
    with FakeGmailServer() as bobs_gmail:
        settings.GMAIL_API_ENDPOINT = bobs_gmail.api_endpoint
        add_fixtures(bobs_gmail, ["lever_confirmation", "indeed_application_cp1252"])
        run_sync(other_user)

    alice, bob = make_client(user), make_client(other_user)
    alice_mails = alice.get("/api/users/get_user_google_mails").json()["data"]
    bob_apps = bob.get("/api/jobapps/get_jobapps").json()["data"]
    assert {mail["msgId"] for mail in alice_mails} == {
        CASES["lever_confirmation"]["message"]["id"],
        CASES["ashby_confirmation"]["message"]["id"],
    }
    assert sorted(app["company"] for app in bob_apps) == ["Quillstone Labs", "Vantage Orchard"]
    alice_lever = JobApplication.objects.get(user=user, company="Vantage Orchard")
    response = bob.get(f"/api/jobapps/get_jobapp_detail?jobapp_id={alice_lever.pk}")
    assert response.status_code == 404 and response.json()["error_code"] == 11


def test_a_second_sync_while_one_runs_does_nothing(gmail, google_user):
    lock = SyncLock(google_user.pk, timeout=60)
    assert lock.acquire()
    add_fixtures(gmail, ["lever_confirmation"])

    report = run_sync(google_user)

    assert report.mode == "locked" and len(gmail.recorded) == 0
    lock.release()
    assert run_sync(google_user).complete


def test_a_running_sync_keeps_its_short_lock_alive(gmail, google_user):
    """The lock lives one second here; held for more than two, it is renewed all along."""
    with user_sync_lock(google_user.pk, timeout=1) as lock:
        assert lock is not None
        threading.Event().wait(2.5)
        assert sync_lock_held(google_user.pk)
        assert run_sync(google_user).mode == "locked"
    assert not sync_lock_held(google_user.pk)  # released when the sync ended


def test_the_lock_of_a_dead_worker_expires(gmail, google_user):
    # What a killed worker leaves behind: its lock, with nobody renewing it.
    assert _lock(lock_key(google_user.pk), timeout=1).acquire(blocking=False, token="dead")
    add_fixtures(gmail, ["lever_confirmation"])
    assert run_sync(google_user).mode == "locked"

    threading.Event().wait(1.2)

    assert run_sync(google_user).complete
    assert JobApplication.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_syncs_of_one_user_import_each_message_once(gmail, google_user):
    add_fixtures(
        gmail,
        [
            "lever_confirmation",
            "lever_interview_onsite_nested",
            "ashby_confirmation",
            "linkedin_job_alert",
        ],
    )
    gmail.response_delay_seconds = 0.05  # both syncs are surely running at once
    reports: list[services.SyncReport] = []

    def sync() -> None:
        try:
            reports.append(run_sync(google_user))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sync) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(report.mode for report in reports) == ["full", "locked"]
    assert JobEmail.objects.count() == 4
    assert JobApplication.objects.count() == 2
    assert gmail.count(r"/messages/", in_batch=True) == 4
