"""The browser extension's capture endpoint: one application per posting, however linked."""

import pytest

from jobapps import services
from jobapps.job_urls import normalize_job_url
from jobapps.models import JobApplication, Source, StatusHistory
from jobapps.tests.helpers import JOBAPP_KEYS, url
from tests.factories import JobApplicationFactory
from tests.helpers import assert_invalid, assert_ok

POSTING = "https://www.linkedin.com/jobs/view/3712345678"


@pytest.mark.parametrize(
    "decorated",
    [
        "https://www.linkedin.com/jobs/view/3712345678/",
        "HTTPS://WWW.LinkedIn.com/jobs/view/3712345678",
        "https://www.linkedin.com:443/jobs/view/3712345678",
        "https://www.linkedin.com/jobs/view/3712345678#apply",
        "https://www.linkedin.com/jobs/view/3712345678?utm_source=x&utm_campaign=y",
        "https://www.linkedin.com/jobs/view/3712345678/?trk=public_jobs&refId=abc&trackingId=Q%3D",
        "https://www.linkedin.com/jobs/view/3712345678?gclid=1&fbclid=2&UTM_Medium=3",
    ],
)
def test_decorations_of_one_posting_normalise_to_the_same_url(decorated):
    assert normalize_job_url(decorated) == POSTING


@pytest.mark.parametrize(
    "decorated",
    [
        # Tracking parameters of the boards and ATSs (issue 18's list), in any case.
        "https://example.com/careers/42?gh_src=abc123",
        "https://example.com/careers/42?lever-source=LinkedIn&lever-source%5B%5D=x",
        "https://example.com/careers/42?source=LinkedIn&src=jobs&ref=hn&referrer=x",
        "https://example.com/careers/42?gclid=1&fbclid=2&mc_cid=3&utm_content=4",
        "https://EXAMPLE.com/careers/42/#apply",
    ],
)
def test_tracking_parameters_fragments_slashes_and_host_case_go(decorated):
    assert normalize_job_url(decorated) == "https://example.com/careers/42"


ATS_FORMS = {
    "https://job-boards.greenhouse.io/acme/jobs/4012345": [
        "https://boards.greenhouse.io/acme/jobs/4012345?gh_src=abc",
        "https://job-boards.greenhouse.io/Acme/jobs/4012345#app",
        "https://boards.greenhouse.io/embed/job_app?for=acme&token=4012345&gh_src=x",
    ],
    "https://job-boards.eu.greenhouse.io/acme/jobs/4012345": [
        "https://boards.eu.greenhouse.io/acme/jobs/4012345/",
    ],
    "https://jobs.lever.co/hooli/0b1c2d3e-1111-2222-3333-444455556666": [
        "https://jobs.lever.co/hooli/0B1C2D3E-1111-2222-3333-444455556666/apply",
        "https://jobs.lever.co/hooli/0b1c2d3e-1111-2222-3333-444455556666?lever-origin=applied",
    ],
    "https://jobs.ashbyhq.com/notion/0b1c2d3e-1111-2222-3333-444455556666": [
        "https://jobs.ashbyhq.com/notion/0b1c2d3e-1111-2222-3333-444455556666/application?src=x",
    ],
    "https://jobs.smartrecruiters.com/Bosch/744000012345678": [
        "https://jobs.smartrecruiters.com/Bosch/744000012345678-senior-engineer-m-f-d?trid=1",
    ],
    "https://acme.wd5.myworkdayjobs.com/External/job/US-CA-Santa-Clara/Engineer_JR1234567": [
        "https://acme.wd5.myworkdayjobs.com/en-US/External/job/US-CA-Santa-Clara/"
        "Engineer_JR1234567?source=LinkedIn",
        "https://ACME.wd5.myworkdayjobs.com/External/job/US-CA-Santa-Clara/Engineer_JR1234567"
        "/apply/applyManually",
    ],
    POSTING: [
        "https://www.linkedin.com/jobs/view/android-developer-at-genuent-3712345678/?refId=x",
        "https://www.linkedin.com/comm/jobs/view/3712345678?trackingId=y&trk=eml",
        "https://de.linkedin.com/jobs/view/3712345678",
        "https://www.linkedin.com/jobs/collections/recommended/?currentJobId=3712345678",
        "https://www.linkedin.com/jobs/search/?currentJobId=3712345678&keywords=android",
    ],
    "https://www.indeed.com/viewjob?jk=0123456789abcdef": [
        "https://m.indeed.com/viewjob?jk=0123456789abcdef&from=serp&tk=1abc",
        "https://www.indeed.com/rc/clk?jk=0123456789abcdef&fccid=x&vjs=3",
    ],
}


@pytest.mark.parametrize(
    "canonical, link",
    [(canonical, link) for canonical, links in ATS_FORMS.items() for link in [canonical, *links]],
)
def test_known_ats_links_reduce_to_the_postings_canonical_url(canonical, link):
    assert normalize_job_url(link) == canonical
    assert normalize_job_url(canonical) == canonical


@pytest.mark.parametrize(
    "link, tidied",
    [
        # Not a posting (a company's board, a company page): only tidied.
        ("https://jobs.lever.co/hooli/?lever-source=x", "https://jobs.lever.co/hooli"),
        (
            "https://acme.wd5.myworkdayjobs.com/en-US/External/",
            ("https://acme.wd5.myworkdayjobs.com/en-US/External"),
        ),
        (
            "https://www.LinkedIn.com/company/genuent/?trk=x",
            "https://www.linkedin.com/company/genuent",
        ),
        # An embed without its board cannot be rebuilt: the token that identifies it stays.
        (
            "https://boards.greenhouse.io/embed/job_app?token=4012345&gh_src=x",
            "https://boards.greenhouse.io/embed/job_app?token=4012345",
        ),
        ("mailto:jobs@example.com", "mailto:jobs@example.com"),
        ("http://[::1", "http://[::1"),  # unparsable: as given, never an error
    ],
)
def test_other_links_are_only_tidied(link, tidied):
    assert normalize_job_url(link) == tidied
    assert normalize_job_url(tidied) == tidied


def test_normalising_keeps_what_identifies_a_posting():
    assert normalize_job_url("https://boards.example.com/Acme/Jobs/42?gh_jid=7&b=2&a=1") == (
        "https://boards.example.com/Acme/Jobs/42?a=1&b=2&gh_jid=7"
    )
    assert normalize_job_url("http://example.com:8080/x") == "http://example.com:8080/x"
    assert normalize_job_url("https://example.com/") == "https://example.com"


def capture(client, **fields):
    payload = {"job_url": POSTING, "job_title": "Android Developer", "company": "Genuent"}
    payload.update(fields)
    return client.post(url("capture"), payload, format="json")


@pytest.mark.django_db
def test_capture_creates_a_to_apply_application_with_extension_history(auth_client, user):
    data = assert_ok(
        capture(
            auth_client,
            job_url=POSTING + "/?utm_source=ext",
            location="Remote",
            description="Kotlin, Compose",
        )
    )
    assert data["created"] is True
    jobapp = data["jobapp"]
    assert list(jobapp)[:10] == JOBAPP_KEYS
    assert jobapp["applicationStatus"] == {"id": 2, "value": "To Apply"}
    assert (jobapp["jobUrl"], jobapp["location"]) == (POSTING, "Remote")
    history = StatusHistory.objects.get(job_application_id=jobapp["id"])
    assert (history.changed_by, history.application_status_id) == (Source.EXTENSION, 2)
    detail = assert_ok(auth_client.get(url("get_jobapp_detail"), {"jobapp_id": jobapp["id"]}))
    assert detail["posting"]["description"] == "Kotlin, Compose"


@pytest.mark.django_db
def test_capture_stores_what_edit_jobapp_could_set(auth_client):
    data = assert_ok(
        capture(
            auth_client,
            salary="$120k-$140k",
            source="LinkedIn",
            application_date="2026-03-02",
            status_id=1,
        )
    )["jobapp"]
    assert (data["salary"], data["source"], data["applyDate"]) == (
        "$120k-$140k",
        "LinkedIn",
        "2026-03-02T00:00:00Z",
    )
    listed = assert_ok(auth_client.get(url("get_jobapps")))[0]
    assert listed["salary"] == "$120k-$140k"


@pytest.mark.django_db
def test_one_greenhouse_posting_however_linked_is_one_application(auth_client):
    first = assert_ok(
        capture(
            auth_client, job_url="https://boards.greenhouse.io/embed/job_app?for=acme&token=4012345"
        )
    )
    again = assert_ok(
        capture(
            auth_client, job_url="https://job-boards.greenhouse.io/acme/jobs/4012345?gh_src=8a1b2c"
        )
    )
    assert (first["created"], again["created"]) == (True, False)
    assert again["jobapp"]["id"] == first["jobapp"]["id"]
    assert first["jobapp"]["jobUrl"] == "https://job-boards.greenhouse.io/acme/jobs/4012345"


@pytest.mark.django_db
def test_capturing_the_same_posting_again_returns_it_unchanged(auth_client):
    first = assert_ok(capture(auth_client, status_id=1))
    again = assert_ok(
        capture(
            auth_client,
            job_url="https://WWW.linkedin.com/jobs/view/3712345678?trk=flagship#top",
            job_title="Other title",
            status_id=3,
        )
    )
    assert again["created"] is False
    assert again["jobapp"] == first["jobapp"]
    assert JobApplication.objects.count() == 1


@pytest.mark.django_db
def test_each_user_tracks_postings_separately_and_deleted_ones_can_be_recaptured(
    auth_client, other_client, user
):
    JobApplicationFactory(user=user, job_url=POSTING, is_deleted=True)
    assert assert_ok(capture(auth_client))["created"] is True
    assert assert_ok(capture(other_client))["created"] is True


@pytest.mark.django_db
def test_a_capture_that_loses_the_race_returns_the_winner(user, monkeypatch):
    winner = JobApplicationFactory(user=user, job_url=POSTING)
    # The loser looked before the winner committed: its first lookup found nothing.
    real_lookup = services._live_jobapp_by_url
    calls = []

    def lookup_missing_the_winner_once(**kwargs):
        calls.append(kwargs)
        return None if len(calls) == 1 else real_lookup(**kwargs)

    monkeypatch.setattr(services, "_live_jobapp_by_url", lookup_missing_the_winner_once)
    jobapp, created = services.jobapp_capture(
        user=user, job_url=POSTING, job_title="t", company="c"
    )
    assert (jobapp.pk, created) == (winner.pk, False)
    assert JobApplication.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"job_url": "not a url"},
        {"job_url": "javascript:alert(1)"},
        {"job_url": ""},
        {"job_url": "https://x.test/" + "a" * 2100},
        {"job_title": ""},
        {"company": 7},
        {"status_id": 99},
        {"status_id": "two"},
        {"description": "x" * 10_000},
        {"salary": "x" * 101},
        {"salary": 120000},
        {"application_date": "soon"},
    ],
)
def test_capture_refuses_bad_input(auth_client, fields):
    assert_invalid(capture(auth_client, **fields))
    assert not JobApplication.objects.exists()


@pytest.mark.django_db
def test_lookup_says_whether_the_posting_is_tracked(auth_client, other_client):
    assert assert_ok(auth_client.get(url("capture"), {"job_url": POSTING})) == {
        "tracked": False,
        "jobapp": None,
    }
    created = assert_ok(capture(auth_client))["jobapp"]

    tracked = assert_ok(auth_client.get(url("capture"), {"job_url": POSTING + "/?utm_medium=x"}))
    assert tracked == {"tracked": True, "jobapp": created}
    # Another user's tracked posting is not theirs.
    assert assert_ok(other_client.get(url("capture"), {"job_url": POSTING}))["tracked"] is False
    assert_invalid(auth_client.get(url("capture")))
    assert_invalid(auth_client.get(url("capture"), {"job_url": "nope"}))


@pytest.mark.django_db
def test_capture_answers_preflights_from_extension_origins(api_client):
    response = api_client.options(
        url("capture"),
        HTTP_ORIGIN="chrome-extension://abcdefghijklmnopabcdefghijklmnop",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == (
        "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
    )
