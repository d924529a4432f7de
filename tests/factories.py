"""factory_boy factories shared by every app's tests."""

from datetime import UTC, datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from jobapps.live_counts import refresh_live_counts
from jobapps.models import ApplicationStatus, JobApplication, Note, StatusHistory


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"seeker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    first_name = "Sam"
    last_name = "Seeker"
    password = factory.django.Password("correct-horse-battery-staple")


class JobApplicationFactory(factory.django.DjangoModelFactory[JobApplication]):
    class Meta:
        model = JobApplication
        # The history hook writes its own row; the application needs no second save.
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    application_status_id = ApplicationStatus.APPLIED
    job_title = factory.Sequence(lambda n: f"Software Engineer {n}")
    company = factory.Sequence(lambda n: f"Company {n}")
    apply_date = factory.LazyFunction(lambda: datetime(2026, 3, 2, 12, 0, tzinfo=UTC))
    source = "LinkedIn"

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        """Like the service, every application starts with one history row and is counted in
        its owner's live applications (jobapps.live_counts)."""
        if create:
            StatusHistory.objects.create(
                job_application=obj, application_status_id=obj.application_status_id
            )
            refresh_live_counts([obj.user_id])


class NoteFactory(factory.django.DjangoModelFactory[Note]):
    class Meta:
        model = Note

    job_application = factory.SubFactory(JobApplicationFactory)
    description = factory.Sequence(lambda n: f"Note {n}")
