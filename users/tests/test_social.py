"""auth_social_user: a provider's token in, a JobHax token out, only for tokens issued to JobHax.

Google and LinkedIn are faked on loopback (tests/fakes/providers.py): Google's tokeninfo and
LinkedIn's token introspection say which client an access token was issued to; LinkedIn's ID
tokens (an optional extension to the contract) are signed JWTs checked against its published
keys."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from oauth2_provider.models import AccessToken
from social_django.models import UserSocialAuth

from gmail_sync.models import SyncState
from tests.fakes.providers import LINKEDIN_CLIENT_ID, new_rsa_key
from tests.helpers import (
    assert_error,
    assert_ok,
    assert_token_object,
    bearer_client,
    stored_access_token,
)
from users import providers as provider_checks
from users.models import Provider, ProviderCredential

INTROSPECT = "/linkedin/introspect"

pytestmark = pytest.mark.django_db
User = get_user_model()
URL = "/api/users/auth_social_user"


@pytest.fixture
def social_login(api_client, client_credentials):
    def _login(provider, token, **overrides):
        body = {**client_credentials, "provider": provider, "token": token, **overrides}
        return api_client.post(URL, body, format="json")

    return _login


@pytest.fixture
def linkedin_login(social_login, providers):
    """linkedin_login(access_token, id_token=...): LinkedIn's OpenID Connect login, by default
    with a valid ID token for the member the access token belongs to."""

    def _login(access_token, id_token=None, provider="linkedin-openidconnect"):
        if id_token is None:
            id_token = providers.linkedin_id_token()
        return social_login(provider, access_token, id_token=id_token)

    return _login


def token_owner(data):
    return stored_access_token(data["access_token"]).user


def assert_nothing_created():
    assert not User.objects.exists()
    assert not UserSocialAuth.objects.exists()
    assert not ProviderCredential.objects.exists()
    assert not AccessToken.objects.exists()


# --- Google ------------------------------------------------------------------------------------


def test_google_login_creates_a_user_and_returns_a_token_object(providers, social_login):
    providers.google_user("g-token")
    response = social_login("google-oauth2", "g-token")
    data = assert_ok(response)
    assert_token_object(data)
    assert response["Cache-Control"] == "no-store"
    user = token_owner(data)
    assert (user.email, user.first_name, user.last_name) == ("alice@gmail.com", "Alice", "Google")
    assert not user.has_usable_password()
    credential = ProviderCredential.objects.get(user=user)
    assert (credential.provider, credential.uid) == (Provider.GOOGLE, "g-1001")
    assert credential.access_token == "g-token"
    assert assert_ok(bearer_client(data["access_token"]).get("/api/users/me"))["providers"] == [
        "google-oauth2"
    ]


def test_google_token_minted_for_another_site_cannot_take_over_an_account(
    providers, social_login, user
):
    """Finding 1: a Google token that another site obtained (its audience is that site's
    client) logged in as its owner and, with a verified email, took over the password
    account with that email."""
    providers.google_user("foreign-token", email="alice@example.com", aud="some-other-site")
    assert_error(social_login("google-oauth2", "foreign-token"), 401, 1)
    assert not UserSocialAuth.objects.exists()
    assert not ProviderCredential.objects.exists()
    assert not AccessToken.objects.exists()
    # Google was asked about the token's audience; its userinfo never was.
    assert providers.calls_to("/google/tokeninfo") and not providers.calls_to("/google/userinfo")


def test_google_login_is_refused_when_no_google_client_is_configured(
    providers, social_login, settings
):
    settings.GOOGLE_CLIENT_ID = ""
    providers.google_user("g-token", aud="")
    body = assert_error(social_login("google-oauth2", "g-token"), 400, 10)
    assert body["data"] == {
        "fields": {"provider": ["google-oauth2 sign-in is not enabled on this server."]}
    }
    assert providers.calls == []
    assert_nothing_created()


def test_second_login_returns_a_new_token_for_the_same_user(providers, social_login):
    providers.google_user("g-token")
    providers.google_user("g-token-2")
    first = assert_ok(social_login("google-oauth2", "g-token"))
    second = assert_ok(social_login("google-oauth2", "g-token-2"))
    assert first["access_token"] != second["access_token"]
    assert token_owner(first) == token_owner(second)
    assert User.objects.count() == 1
    # The newest provider token replaces the old one.
    assert ProviderCredential.objects.get().access_token == "g-token-2"


def test_google_login_links_an_existing_account_with_the_same_verified_email(
    providers, social_login, user, verified
):
    providers.google_user("g-token", email="ALICE@example.com")
    data = assert_ok(social_login("google-oauth2", "g-token"))
    assert token_owner(data) == user
    assert User.objects.count() == 1
    assert UserSocialAuth.objects.get().user == user


def test_google_refuses_unverified_emails(providers, social_login):
    providers.google_user("g-token", verified=False)
    assert_error(social_login("google-oauth2", "g-token"), 401, 1)
    assert not User.objects.exists()


def test_a_new_account_never_takes_a_username_taken_in_another_case(
    providers, social_login, other_user
):
    other_user.username = "Alice"
    other_user.save()
    providers.google_user("g-token", email="alice@gmail.com")  # suggests the username "alice"
    user = token_owner(assert_ok(social_login("google-oauth2", "g-token")))
    assert user.username.lower() != "alice" and user.username.startswith("alice")


def test_google_login_queues_a_gmail_sync(
    providers, social_login, eager_celery, django_capture_on_commit_callbacks
):
    providers.google_user("g-token")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        data = assert_ok(social_login("google-oauth2", "g-token"))
    assert len(callbacks) == 1
    state = SyncState.objects.get(user=token_owner(data))
    # The (placeholder) sync ran eagerly once the login committed.
    assert state.gmail_ok is True
    assert state.state == SyncState.State.IDLE and state.last_synced_at is not None


def test_google_login_marks_gmail_readable_again(providers, social_login, user, verified):
    SyncState.objects.create(user=user, gmail_ok=False)
    providers.google_user("g-token", email="alice@example.com")
    assert_ok(social_login("google-oauth2", "g-token"))
    state = SyncState.objects.get(user=user)
    assert state.gmail_ok is True and state.state == SyncState.State.QUEUED


def test_provider_token_is_encrypted_at_rest_and_not_in_social_auth(providers, social_login):
    providers.google_user("g-secret-token-value")
    assert_ok(social_login("google-oauth2", "g-secret-token-value"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT access_token FROM users_providercredential")
        (stored,) = cursor.fetchone()
    assert stored and "g-secret-token-value" not in stored
    assert ProviderCredential.objects.get().access_token == "g-secret-token-value"
    assert "g-secret-token-value" not in str(UserSocialAuth.objects.get().extra_data)


# --- LinkedIn (OpenID Connect) -------------------------------------------------------------------


@pytest.mark.parametrize("provider", ["linkedin-openidconnect", "linkedin-oauth2"])
def test_linkedin_login_with_the_access_token_alone(providers, social_login, provider):
    """What the contract's clients send (CONTRACT.md §3): provider and access token, no ID
    token. LinkedIn's introspection vouches that the token is JobHax's."""
    providers.linkedin_user("li-token", email="li@example.com")
    response = social_login(provider, "li-token")
    data = assert_ok(response)
    assert_token_object(data)
    assert response["Cache-Control"] == "no-store"
    assert token_owner(data).email == "li@example.com"
    profile = bearer_client(data["access_token"]).get("/api/users/get_linkedin_profile")
    assert assert_ok(profile)["id"] == "li-oidc-7"
    credential = ProviderCredential.objects.get()
    assert (credential.provider, credential.access_token) == (Provider.LINKEDIN, "li-token")
    assert len(providers.calls_to(INTROSPECT)) == 1
    assert not providers.calls_to("/linkedin/jwks")


def test_a_linkedin_access_token_of_another_app_is_refused(providers, social_login, user):
    """Finding 1 without an ID token: an access token that another site obtained answers
    LinkedIn's userinfo just as well, and would take over the account with its email."""
    providers.linkedin_user("foreign-token", email="alice@example.com", client_id="some-other-site")
    assert_error(social_login("linkedin-openidconnect", "foreign-token"), 401, 1)
    assert User.objects.count() == 1
    assert not UserSocialAuth.objects.exists() and not ProviderCredential.objects.exists()
    assert not AccessToken.objects.exists()
    assert providers.calls_to(INTROSPECT) and not providers.calls_to("/linkedin/userinfo")


@pytest.mark.parametrize("status", ["expired", "revoked"])
def test_a_linkedin_access_token_that_is_no_longer_active_is_refused(
    providers, social_login, status
):
    # Userinfo would still answer (the fake knows the member): only introspection refuses.
    providers.linkedin_user("old-token", status=status)
    assert_error(social_login("linkedin-openidconnect", "old-token"), 401, 1)
    assert_nothing_created()
    assert not providers.calls_to("/linkedin/userinfo")


def test_a_linkedin_access_token_unknown_to_linkedin_is_refused(providers, social_login):
    assert_error(social_login("linkedin-openidconnect", "made-up-token"), 401, 1)
    assert_nothing_created()
    assert providers.calls_to(INTROSPECT) and not providers.calls_to("/linkedin/userinfo")


@pytest.mark.parametrize(
    "outage",
    [
        "timeout",
        "unreachable",
        "HTTP 500",
        "HTML",
        "JSON list",
        '"active" as a string',
        "no client_id",
        "client_id not a string",
    ],
)
def test_linkedin_introspection_failures_are_1(providers, social_login, slow, unreachable, outage):
    providers.linkedin_user("li-token")
    answer = {
        "HTTP 500": (500, '{"error": "server_error"}'),
        "HTML": (200, "<html>oops</html>"),
        "JSON list": (200, '[{"active": true}]'),
        '"active" as a string': (200, f'{{"active": "true", "client_id": "{LINKEDIN_CLIENT_ID}"}}'),
        "no client_id": (200, '{"active": true, "status": "active"}'),
        "client_id not a string": (200, '{"active": true, "client_id": ["jobhax"]}'),
    }.get(outage)
    if outage == "timeout":
        slow(INTROSPECT)
    elif outage == "unreachable":
        unreachable("LINKEDIN_INTROSPECT_URL")
    else:
        providers.answer(INTROSPECT, *answer)
    assert_error(social_login("linkedin-openidconnect", "li-token"), 401, 1)
    assert_nothing_created()
    assert not providers.calls_to("/linkedin/userinfo")


def test_introspection_authenticates_as_jobhaxs_linkedin_client(providers, social_login, settings):
    # LinkedIn answers 401 to a wrong secret; a misconfigured secret refuses every login.
    settings.LINKEDIN_CLIENT_SECRET = "not-the-secret"
    providers.linkedin_user("li-token")
    assert_error(social_login("linkedin-openidconnect", "li-token"), 401, 1)
    assert_nothing_created()


@pytest.mark.parametrize("setting", ["LINKEDIN_CLIENT_ID", "LINKEDIN_CLIENT_SECRET"])
def test_access_token_login_is_refused_without_linkedin_client_credentials(
    providers, social_login, settings, setting
):
    setattr(settings, setting, "")
    providers.linkedin_user("li-token")
    body = assert_error(social_login("linkedin-openidconnect", "li-token"), 400, 10)
    assert body["data"]["fields"] == {
        "provider": ["linkedin-openidconnect sign-in is not enabled on this server."]
    }
    assert providers.calls == []
    assert_nothing_created()


def test_the_linkedin_backend_refuses_a_token_nobody_checked(providers):
    """The last line of defence: asked for userinfo with neither an introspected access token
    nor verified ID token claims, the backend refuses instead of trusting the token."""
    from social_core.exceptions import AuthResponseError
    from social_django.utils import load_backend, load_strategy

    providers.linkedin_user("li-token")
    backend = load_backend(load_strategy(), "linkedin-openidconnect", redirect_uri=None)
    with pytest.raises(AuthResponseError):
        backend.user_data("li-token")
    backend.access_token_verified = True
    assert backend.user_data("li-token")["sub"] == "li-oidc-7"


# With the optional ID token (an extension to the contract) ---------------------------------------


def test_linkedin_login_with_a_valid_id_token(providers, linkedin_login):
    providers.linkedin_user("li-token", email="li@example.com")
    response = linkedin_login("li-token")
    # The ID token vouches for the login; introspection is not asked.
    assert not providers.calls_to(INTROSPECT)
    data = assert_ok(response)
    assert_token_object(data)
    assert response["Cache-Control"] == "no-store"
    assert token_owner(data).email == "li@example.com"
    profile = bearer_client(data["access_token"]).get("/api/users/get_linkedin_profile")
    assert assert_ok(profile) == {
        "id": "li-oidc-7",
        "first_name": "Alice",
        "last_name": "Oidc",
        "email": "li@example.com",
        "picture": "https://media.licdn.example/oidc.jpg",
    }
    assert ProviderCredential.objects.get().provider == Provider.LINKEDIN


def test_the_older_provider_name_is_linkedins_openid_connect_login(providers, linkedin_login):
    providers.linkedin_user("li-token", email="li@example.com")
    assert_token_object(assert_ok(linkedin_login("li-token", provider="linkedin-oauth2")))


def test_linkedin_links_an_existing_account_by_verified_email(providers, linkedin_login, verified):
    user = verified
    providers.linkedin_user("li-token", email="alice@example.com")
    assert token_owner(assert_ok(linkedin_login("li-token"))) == user
    assert User.objects.count() == 1


def test_unverified_linkedin_email_is_not_linked(providers, linkedin_login, user):
    providers.linkedin_user("li-token", email="alice@example.com", verified=False)
    assert_error(linkedin_login("li-token"), 401, 1)
    assert User.objects.count() == 1
    assert not ProviderCredential.objects.exists()


@pytest.mark.parametrize(
    "forgery",
    [
        "another audience",
        "expired",
        "bad signature",
        "another issuer",
        "unknown key",
        "not a jwt",
        "unsigned",
    ],
)
def test_an_id_token_not_issued_to_jobhax_is_refused(providers, linkedin_login, user, forgery):
    """Finding 1: LinkedIn had no audience check at all; now only an ID token that LinkedIn
    signed for JobHax's client, unexpired, vouches for the access token."""
    providers.linkedin_user("li-token", email="alice@example.com")
    id_token = {
        "another audience": lambda: providers.linkedin_id_token(aud="some-other-site"),
        "expired": lambda: providers.linkedin_id_token(lifetime=-120),
        "bad signature": lambda: providers.linkedin_id_token(key=new_rsa_key()),
        "another issuer": lambda: providers.linkedin_id_token(iss="https://evil.example"),
        "unknown key": lambda: providers.linkedin_id_token(key=new_rsa_key(), kid="made-up"),
        "not a jwt": lambda: "definitely-not-a-jwt",
        "unsigned": lambda: _unsigned_token(LINKEDIN_CLIENT_ID),
    }[forgery]()
    assert_error(linkedin_login("li-token", id_token=id_token), 401, 1)
    assert User.objects.count() == 1
    assert not UserSocialAuth.objects.exists() and not ProviderCredential.objects.exists()
    assert not AccessToken.objects.exists()
    assert not providers.calls_to("/linkedin/userinfo")


def _unsigned_token(audience):
    import jwt

    return jwt.encode(
        {
            "iss": "https://www.linkedin.com/oauth",
            "aud": audience,
            "sub": "li-oidc-7",
            "iat": 1,
            "exp": 4102444800,
        },
        None,
        algorithm="none",
    )


def test_an_access_token_of_another_member_cannot_ride_on_a_valid_id_token(
    providers, linkedin_login
):
    # The ID token is the attacker's own (issued to JobHax); the access token is the victim's,
    # obtained by some other site.
    providers.linkedin_user("victims-token", sub="li-victim", email="victim@example.com")
    assert_error(
        linkedin_login("victims-token", id_token=providers.linkedin_id_token(sub="li-attacker")),
        401,
        1,
    )
    assert not User.objects.exists()


def test_a_blank_id_token_means_the_access_token_alone(providers, social_login):
    # Clients that send the field empty get the contract's login, checked by introspection.
    providers.linkedin_user("li-token")
    assert_ok(social_login("linkedin-openidconnect", "li-token", id_token=""))
    assert len(providers.calls_to(INTROSPECT)) == 1 and not providers.calls_to("/linkedin/jwks")


def test_linkedin_login_is_refused_when_no_linkedin_client_is_configured(
    providers, linkedin_login, settings
):
    settings.LINKEDIN_CLIENT_ID = ""
    providers.linkedin_user("li-token")
    body = assert_error(linkedin_login("li-token"), 400, 10)
    assert body["data"]["fields"] == {
        "provider": ["linkedin-openidconnect sign-in is not enabled on this server."]
    }
    assert providers.calls == []
    assert not User.objects.exists()


def test_linkedins_keys_are_fetched_once_and_kept(providers, linkedin_login):
    for number in range(3):
        providers.linkedin_user(f"li-token-{number}")
        assert_ok(linkedin_login(f"li-token-{number}"))
    assert len(providers.calls_to("/linkedin/jwks")) == 1


def test_a_key_linkedin_rotated_in_is_fetched_when_a_token_names_it(
    providers, linkedin_login, settings
):
    providers.linkedin_user("li-token")
    assert_ok(linkedin_login("li-token"))
    new_key = new_rsa_key()
    providers.jwks["linkedin-key-2"] = new_key
    rotated = providers.linkedin_id_token(key=new_key, kid="linkedin-key-2")
    # Within 30 s of a fetch, key ids the cache lacks fetch nothing (forged key ids cannot make
    # us hammer LinkedIn) ...
    assert_error(linkedin_login("li-token", id_token=rotated), 401, 1)
    assert len(providers.calls_to("/linkedin/jwks")) == 1
    # ... after it, the first token naming the new key fetches the keys again.
    provider_checks._linkedin_keys(settings.LINKEDIN_JWKS_URL)._last_successful_fetch -= 31
    assert_ok(linkedin_login("li-token", id_token=rotated))
    assert len(providers.calls_to("/linkedin/jwks")) == 2


def test_a_provider_account_of_another_user_is_not_moved(providers, linkedin_login, other_user):
    ProviderCredential.objects.create(user=other_user, provider=Provider.LINKEDIN, uid="li-oidc-7")
    providers.linkedin_user("li-token", email="new@example.com")
    assert_error(linkedin_login("li-token"), 401, 1)
    assert ProviderCredential.objects.get().user == other_user


def test_linkedin_login_queues_no_sync(providers, linkedin_login):
    providers.linkedin_user("li-token")
    assert_ok(linkedin_login("li-token"))
    assert not SyncState.objects.exists()


# --- Refusals and outages ------------------------------------------------------------------------


@pytest.mark.parametrize("provider", ["google-oauth2", "linkedin-openidconnect"])
def test_refused_token_is_1_and_creates_nothing(providers, social_login, provider):
    # Neither provider knows the token (LinkedIn's ID token itself is valid).
    id_token = providers.linkedin_id_token() if provider != "google-oauth2" else ""
    assert_error(social_login(provider, "expired-token", id_token=id_token), 401, 1)
    assert_nothing_created()


@pytest.mark.parametrize(
    "provider,path",
    [
        ("google-oauth2", "/google/tokeninfo"),
        ("google-oauth2", "/google/userinfo"),
        ("linkedin-openidconnect", "/linkedin/userinfo"),
        ("linkedin-openidconnect", "/linkedin/jwks"),
    ],
)
def test_provider_timeout_is_1(providers, slow, social_login, provider, path):
    providers.google_user("token")
    providers.linkedin_user("token")
    slow(path)
    assert_error(social_login(provider, "token", id_token=providers.linkedin_id_token()), 401, 1)
    assert_nothing_created()


@pytest.mark.parametrize(
    "provider,setting",
    [
        ("google-oauth2", "GOOGLE_TOKENINFO_URL"),
        ("google-oauth2", "GOOGLE_USERINFO_URL"),
        ("linkedin-openidconnect", "LINKEDIN_USERINFO_URL"),
        ("linkedin-openidconnect", "LINKEDIN_JWKS_URL"),
    ],
)
def test_unreachable_provider_is_1(providers, unreachable, social_login, provider, setting):
    providers.google_user("token")
    providers.linkedin_user("token")
    unreachable(setting)
    assert_error(social_login(provider, "token", id_token=providers.linkedin_id_token()), 401, 1)
    assert_nothing_created()


@pytest.mark.parametrize(
    "path,status,body",
    [
        ("/google/userinfo", 503, "unavailable"),
        ("/google/userinfo", 200, '{"sub": "g-1"}'),  # no email, no names
        ("/google/tokeninfo", 200, "<html>oops</html>"),
    ],
)
def test_provider_error_or_answer_of_unexpected_shape_is_1(
    providers, social_login, path, status, body
):
    providers.google_user("g-token")
    providers.answer(path, status, body)
    assert_error(social_login("google-oauth2", "g-token"), 401, 1)
    assert_nothing_created()


def test_linkedin_keys_of_unexpected_shape_are_1(providers, linkedin_login):
    providers.linkedin_user("li-token")
    providers.answer("/linkedin/jwks", 200, '{"keys": "none"}')
    assert_error(linkedin_login("li-token"), 401, 1)


@pytest.mark.parametrize("overrides", [{"client_secret": "wrong"}, {"client_id": "unknown"}])
def test_bad_client_is_1_and_rolls_back_the_new_user(providers, social_login, overrides):
    providers.google_user("g-token")
    assert_error(social_login("google-oauth2", "g-token", **overrides), 401, 1)
    assert not User.objects.exists()
    assert not ProviderCredential.objects.exists()


def test_public_client_social_login(providers, api_client, public_app):
    providers.google_user("g-token")
    body = {"client_id": public_app.client_id, "provider": "google-oauth2", "token": "g-token"}
    assert_token_object(assert_ok(api_client.post(URL, body)))  # form body


def test_unknown_provider_is_10(social_login):
    assert_error(social_login("facebook", "token"), 400, 10)
