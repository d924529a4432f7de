"""The only code that asks Google or LinkedIn who a token belongs to.

A provider token proves who someone is only if it was issued to JobHax's own client: an access
token that another site obtained answers Google's and LinkedIn's userinfo just as well, and
would otherwise log in as its owner here. So Google tokens must carry JobHax's client id as
their tokeninfo audience, and LinkedIn access tokens must be ones that LinkedIn's token
introspection calls active and issued to JobHax's client id (the contract's clients send the
access token alone, CONTRACT.md §3). A client may instead send, as an extension, the OpenID
Connect ID token LinkedIn signed for JobHax's client: then that is checked (signature, issuer,
audience and expiry, with PyJWT; LinkedIn's keys fetched and cached) and LinkedIn's userinfo
must be about the same member. Without a configured client id (and, for introspection, client
secret) a provider is refused (`ProviderNotConfigured`), never trusted.

Social login then runs python-social-auth's backends (their userinfo call, then our pipeline).
A refusal, a network error or a timeout becomes `ProviderRefused`, whose message names what
happened and never carries the token. Every provider URL is a setting, so tests point them at
a fake provider on loopback.
"""

import logging
from dataclasses import dataclass
from functools import cache

import jwt
import requests
from django.conf import settings
from django.contrib.auth.models import User
from social_core.exceptions import SocialAuthBaseException
from social_django.utils import load_backend, load_strategy

logger = logging.getLogger(__name__)

GOOGLE_BACKEND = "google-oauth2"
LINKEDIN_BACKEND = "linkedin-openidconnect"
# The social-auth backend behind each `provider` a client may send. LinkedIn retired its
# pre-OpenID sign-in in 2023 (its tokens cannot be checked for an audience), so the old name
# is served by the OpenID Connect login.
BACKEND_OF_PROVIDER = {
    "google-oauth2": GOOGLE_BACKEND,
    "linkedin-oauth2": LINKEDIN_BACKEND,
    "linkedin-openidconnect": LINKEDIN_BACKEND,
}
# Scopes that let the sync read the mailbox.
GMAIL_READ_SCOPES = frozenset(
    {
        "https://mail.google.com/",
        "https://www.googleapis.com/auth/gmail.readonly",
        "https://www.googleapis.com/auth/gmail.modify",
    }
)
# LinkedIn signs ID tokens with RS256; naming it stops a token from choosing its own algorithm.
LINKEDIN_ID_TOKEN_ALGORITHMS = ["RS256"]
# Clock difference tolerated between LinkedIn and us when checking exp/iat.
ID_TOKEN_LEEWAY_SECONDS = 60
# LinkedIn's signing keys are kept this long before they are fetched again (a token signed with
# a key not in the cache fetches them at once, at most every 30 s: PyJWKClient's cooldown).
JWKS_CACHE_SECONDS = 3600


class ProviderRefused(Exception):
    """The provider did not confirm the token: it said no, or could not be reached in time."""


class ProviderNotConfigured(Exception):
    """JobHax has no client id for this provider, so no token of it can be verified."""


@dataclass(frozen=True)
class GoogleTokenInfo:
    sub: str
    email: str
    audience: str
    scopes: frozenset[str]
    expires_in: int | None

    @property
    def can_read_gmail(self) -> bool:
        return bool(self.scopes & GMAIL_READ_SCOPES)


def social_user(*, provider: str, access_token: str, id_token: str = "") -> User:
    """Checks that the token was issued to JobHax, asks the provider whose it is and runs the
    social-auth pipeline (which finds, links or creates the user and stores the credential).
    Returns an active user."""
    backend_name = BACKEND_OF_PROVIDER[provider]
    backend = load_backend(load_strategy(), backend_name, redirect_uri=None)
    if backend_name == GOOGLE_BACKEND:
        jobhax_google_token_info(access_token=access_token)
    elif id_token:
        # The ID token extension: the backend compares LinkedIn's userinfo answer with these
        # verified claims.
        backend.id_token = verified_linkedin_id_token(id_token)
    else:
        # What the contract's clients send: the access token alone.
        verify_jobhax_linkedin_access_token(access_token=access_token)
        backend.access_token_verified = True
    try:
        user = backend.do_auth(access_token)
    except SocialAuthBaseException as error:
        raise ProviderRefused(f"{backend_name}: {error.code}") from None
    except (requests.RequestException, KeyError, TypeError, ValueError) as error:
        # A provider answer of an unexpected shape is as useless as a refusal.
        logger.warning("Unusable answer from %s: %s", backend_name, type(error).__name__)
        raise ProviderRefused(f"{backend_name}: unusable answer") from None
    if not isinstance(user, User) or not user.is_active:
        raise ProviderRefused(f"{backend_name}: no active user")
    return user


def _configured(setting: str) -> str:
    value = getattr(settings, setting)
    if not value:
        raise ProviderNotConfigured(f"{setting} is not set")
    return value


def _post_to_provider(*, what: str, url: str, form: dict) -> dict:
    """The JSON object a provider answers to a form POST (tokens go in bodies, never in URLs,
    which end up in logs). Anything else, an outage or a timeout is ProviderRefused."""
    try:
        response = requests.post(url, data=form, timeout=settings.PROVIDER_HTTP_TIMEOUT_SECONDS)
    except requests.Timeout:
        raise ProviderRefused(f"{what}: timeout") from None
    except requests.RequestException:
        raise ProviderRefused(f"{what}: network error") from None
    if response.status_code != 200:
        raise ProviderRefused(f"{what}: HTTP {response.status_code}")
    try:
        payload = response.json()
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        raise ProviderRefused(f"{what}: unusable answer")
    return payload


# --- Google -----------------------------------------------------------------------------------


def jobhax_google_token_info(*, access_token: str) -> GoogleTokenInfo:
    """Google's description of a token that Google issued to JobHax's client."""
    client_id = _configured("GOOGLE_CLIENT_ID")
    info = google_token_info(access_token=access_token)
    if info.audience != client_id:
        raise ProviderRefused("google tokeninfo: token issued to another app")
    return info


def google_token_info(*, access_token: str) -> GoogleTokenInfo:
    """Google's own description of an access token."""
    payload = _post_to_provider(
        what="google tokeninfo",
        url=settings.GOOGLE_TOKENINFO_URL,
        form={"access_token": access_token},
    )
    if "sub" not in payload:
        raise ProviderRefused("google tokeninfo: unusable answer")
    expires_in = str(payload.get("expires_in", ""))
    return GoogleTokenInfo(
        sub=str(payload["sub"]),
        email=str(payload.get("email", "")),
        audience=str(payload.get("aud", "")),
        scopes=frozenset(str(payload.get("scope", "")).split()),
        expires_in=int(expires_in) if expires_in.isdigit() else None,
    )


# --- LinkedIn ---------------------------------------------------------------------------------


def verify_jobhax_linkedin_access_token(*, access_token: str) -> None:
    """Refuses an access token unless LinkedIn's token introspection says it is active and was
    issued to JobHax's client. Introspection authenticates as that client, so it needs the
    client secret too."""
    client_id = _configured("LINKEDIN_CLIENT_ID")
    info = _post_to_provider(
        what="linkedin introspection",
        url=settings.LINKEDIN_INTROSPECT_URL,
        form={
            "client_id": client_id,
            "client_secret": _configured("LINKEDIN_CLIENT_SECRET"),
            "token": access_token,
        },
    )
    # Exactly true: an answer of another shape ("true", 1) is not LinkedIn's.
    if info.get("active") is not True:
        raise ProviderRefused("linkedin introspection: token not active")
    if info.get("client_id") != client_id:
        raise ProviderRefused("linkedin introspection: token issued to another app")


def verified_linkedin_id_token(id_token: str) -> dict:
    """The claims of an ID token that LinkedIn signed for JobHax's client and that has not
    expired."""
    client_id = _configured("LINKEDIN_CLIENT_ID")
    try:
        key = _linkedin_keys(settings.LINKEDIN_JWKS_URL).get_signing_key_from_jwt(id_token)
        return jwt.decode(
            id_token,
            key.key,
            algorithms=LINKEDIN_ID_TOKEN_ALGORITHMS,
            audience=client_id,
            issuer=settings.LINKEDIN_ISSUER,
            leeway=ID_TOKEN_LEEWAY_SECONDS,
            options={"require": ["iss", "aud", "exp", "iat", "sub"]},
        )
    except jwt.PyJWKClientConnectionError:
        raise ProviderRefused("linkedin id token: signing keys unreachable") from None
    except jwt.PyJWTError as error:
        raise ProviderRefused(f"linkedin id token: {type(error).__name__}") from None


@cache
def _linkedin_keys(jwks_url: str) -> jwt.PyJWKClient:
    # One client per URL and process: its cache is what keeps the keys between logins.
    return jwt.PyJWKClient(
        jwks_url,
        cache_jwk_set=True,
        lifespan=JWKS_CACHE_SECONDS,
        timeout=settings.PROVIDER_HTTP_TIMEOUT_SECONDS,
    )
