"""Query counts per endpoint (token authentication included): fixed, as stored in
tests/query_counts.json (tests/query_counts.py)."""

import pytest

from tests.helpers import assert_ok
from tests.query_counts import assert_query_count
from users.models import Provider, ProviderCredential

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(user):
    for provider in (Provider.GOOGLE, Provider.LINKEDIN):
        ProviderCredential.objects.create(
            user=user, provider=provider, uid=f"{provider}-1", profile={"id": "1"}
        )


@pytest.mark.parametrize("name", ["get_linkedin_profile", "me"])
def test_read_endpoints_have_a_fixed_cost(auth_client, linked, name):
    # me: authentication, the providers, the Gmail status, the profile and the ghosted days.
    assert_ok(assert_query_count(f"users.{name}", lambda: auth_client.get(f"/api/users/{name}")))
