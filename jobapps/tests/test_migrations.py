"""Data migrations of jobapps, run against rows as earlier versions stored them."""

import importlib

import pytest
from django.apps import apps

from jobapps.models import JobApplication
from tests.factories import JobApplicationFactory

renormalise_job_urls = importlib.import_module(
    "jobapps.migrations.0006_note_created_date_settable_job_urls"
).renormalise_job_urls


@pytest.mark.django_db
def test_stored_job_urls_take_the_current_normal_form_without_merging_applications(
    user, other_user
):
    # As the old normaliser left them: ATS forms and tracking parameters it did not know.
    embed = JobApplicationFactory(
        user=user, job_url="https://boards.greenhouse.io/embed/job_app?for=acme&token=1"
    )
    tracked = JobApplicationFactory(user=user, job_url="https://a.test/j/2?gh_src=x")
    canonical = JobApplicationFactory(
        user=user, job_url="https://job-boards.greenhouse.io/acme/jobs/3"
    )
    same_posting = JobApplicationFactory(
        user=user, job_url="https://boards.greenhouse.io/acme/jobs/3"
    )
    someone_elses = JobApplicationFactory(
        user=other_user, job_url="https://boards.greenhouse.io/acme/jobs/3"
    )
    deleted = JobApplicationFactory(
        user=user, is_deleted=True, job_url="https://a.test/j/2?source=x"
    )

    renormalise_job_urls(apps, None)

    def url_of(app):
        return JobApplication.objects.get(pk=app.pk).job_url

    assert url_of(embed) == "https://job-boards.greenhouse.io/acme/jobs/1"
    assert url_of(tracked) == "https://a.test/j/2"
    assert url_of(canonical) == "https://job-boards.greenhouse.io/acme/jobs/3"
    # Two live applications of one posting stay two (the user decides which to keep).
    assert url_of(same_posting) == "https://boards.greenhouse.io/acme/jobs/3"
    assert url_of(someone_elses) == "https://job-boards.greenhouse.io/acme/jobs/3"
    assert url_of(deleted) == "https://a.test/j/2"
