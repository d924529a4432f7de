"""The per-user metrics cache: serves repeats without SQL, forgets a user's numbers on any write
to their applications (after commit), and can be switched off."""

import pytest

from jobapps.events import applications_changed_for
from tests.query_counts import assert_query_count

from .builders import add_application

pytestmark = pytest.mark.django_db

TOTAL = "/api/metrics/get_total_application_count"


def total(client) -> int:
    return client.get(TOTAL).json()["data"]["count"]


def write_behind_the_caches_back(user):
    """A row the cache has not been told about (no applications_changed)."""
    add_application(user)


def test_a_cached_answer_is_served_until_the_user_writes(
    settings, auth_client, user, django_capture_on_commit_callbacks
):
    settings.METRICS_CACHE_SECONDS = 300
    add_application(user)
    assert total(auth_client) == 1

    write_behind_the_caches_back(user)
    assert total(auth_client) == 1  # served from the cache

    with django_capture_on_commit_callbacks(execute=True):
        applications_changed_for(user.id)
    assert total(auth_client) == 2


def test_a_write_through_the_api_invalidates_after_commit(
    settings, auth_client, user, django_capture_on_commit_callbacks
):
    settings.METRICS_CACHE_SECONDS = 300
    application = add_application(user)
    assert total(auth_client) == 1

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = auth_client.post(
            "/api/jobapps/delete_jobapp", {"jobapp_id": application.id}, format="json"
        )
    assert response.status_code == 200, response.content
    assert callbacks, "deleting must announce applications_changed on commit"
    assert total(auth_client) == 0


def test_one_users_write_leaves_other_users_cached(
    settings, auth_client, other_client, user, other_user, django_capture_on_commit_callbacks
):
    settings.METRICS_CACHE_SECONDS = 300
    assert total(auth_client) == total(other_client) == 0
    write_behind_the_caches_back(user)
    write_behind_the_caches_back(other_user)

    with django_capture_on_commit_callbacks(execute=True):
        applications_changed_for(user.id)

    assert total(auth_client) == 1
    assert total(other_client) == 0


def test_cached_answers_are_per_user(settings, auth_client, other_client, user):
    settings.METRICS_CACHE_SECONDS = 300
    add_application(user)
    assert total(auth_client) == 1
    assert total(other_client) == 0


def test_cache_is_keyed_by_the_limit(settings, auth_client, user):
    settings.METRICS_CACHE_SECONDS = 300
    add_application(user, company="Acme")
    add_application(user, company="Globex")
    url = "/api/metrics/get_top_companies"
    assert len(auth_client.get(url, {"limit": 1}).json()["data"]) == 1
    assert len(auth_client.get(url, {"limit": 2}).json()["data"]) == 2


def test_a_cache_hit_costs_only_the_token_lookup(settings, auth_client, user):
    settings.METRICS_CACHE_SECONDS = 300
    add_application(user)
    auth_client.get("/api/metrics/get_funnel")
    response = assert_query_count(
        "metrics.get_funnel.cached",  # the token lookup alone
        lambda: auth_client.get("/api/metrics/get_funnel"),
    )
    assert response.json()["data"]["total"] == 1


def test_with_the_cache_off_every_answer_is_fresh(settings, auth_client, user):
    settings.METRICS_CACHE_SECONDS = 0
    add_application(user)
    assert total(auth_client) == 1
    write_behind_the_caches_back(user)
    assert total(auth_client) == 2
