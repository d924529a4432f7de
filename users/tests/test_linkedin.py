"""get_linkedin_profile: the LinkedIn profile stored at sign-in."""

import pytest

from tests.helpers import assert_error, assert_ok
from users.models import Provider, ProviderCredential

pytestmark = pytest.mark.django_db


@pytest.fixture
def linkedin(user):
    return ProviderCredential.objects.create(
        user=user,
        provider=Provider.LINKEDIN,
        uid="li-42",
        access_token="linkedin-token",
        profile={"id": "li-42", "first_name": "Alice"},
    )


# --- get_linkedin_profile -----------------------------------------------------------------------

PROFILE = "/api/users/get_linkedin_profile"


def test_linkedin_profile(auth_client, linkedin):
    assert assert_ok(auth_client.get(PROFILE)) == {"id": "li-42", "first_name": "Alice"}


def test_no_linkedin_account_is_2(auth_client, user, other_user):
    ProviderCredential.objects.create(user=user, provider=Provider.GOOGLE, uid="g-1001")
    ProviderCredential.objects.create(
        user=other_user, provider=Provider.LINKEDIN, uid="li-1", profile={"id": "li-1"}
    )
    assert_error(auth_client.get(PROFILE), 404, 2)
