"""The only code that asks Google or LinkedIn who a token belongs to.

Social login goes through python-social-auth's backends (their userinfo call, then our
pipeline); updating the Gmail token asks Google's tokeninfo endpoint directly. Either way a
refusal, a network error or a timeout becomes `ProviderRefused`, whose message names what
happened and never carries the token.
"""
import logging
from dataclasses import dataclass

import requests
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from social_core.exceptions import SocialAuthBaseException
from social_django.utils import load_backend, load_strategy

logger = logging.getLogger(__name__)

GOOGLE_BACKEND = "google-oauth2"
GOOGLE_TOKENINFO_URL = "https://oauth2.googleapis.com/tokeninfo"
# Scopes that let the sync read the mailbox.
GMAIL_READ_SCOPES = frozenset(
    {
        "https://mail.google.com/",
        "https://www.googleapis.com/auth/gmail.readonly",
        "https://www.googleapis.com/auth/gmail.modify",
    }
)


class ProviderRefused(Exception):
    """The provider did not confirm the token: it said no, or could not be reached in time."""


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


def social_user(*, backend_name: str, access_token: str) -> AbstractBaseUser:
    """Asks the provider whose token this is and runs the social-auth pipeline (which finds,
    links or creates the user and stores the credential). Returns an active user."""
    if backend_name == GOOGLE_BACKEND and settings.GOOGLE_CLIENT_ID:
        _require_google_audience(access_token)
    backend = load_backend(load_strategy(), backend_name, redirect_uri=None)
    try:
        user = backend.do_auth(access_token)
    except SocialAuthBaseException as error:
        raise ProviderRefused(f"{backend_name}: {error.code}") from None
    except (requests.RequestException, KeyError, TypeError, ValueError) as error:
        # A provider answer of an unexpected shape is as useless as a refusal.
        logger.warning("Unusable answer from %s: %s", backend_name, type(error).__name__)
        raise ProviderRefused(f"{backend_name}: unusable answer") from None
    if not isinstance(user, AbstractBaseUser) or not user.is_active:
        raise ProviderRefused(f"{backend_name}: no active user")
    return user


def _require_google_audience(access_token: str) -> None:
    # Userinfo answers for a token minted for ANY app: without this check, a site the user once
    # signed in to with Google could replay that token here and log in as them.
    if google_token_info(access_token=access_token).audience != settings.GOOGLE_CLIENT_ID:
        raise ProviderRefused("google-oauth2: token issued to another app")


def google_token_info(*, access_token: str) -> GoogleTokenInfo:
    """Google's own description of an access token. POSTed, so the token is in no URL (URLs
    end up in logs)."""
    try:
        response = requests.post(
            GOOGLE_TOKENINFO_URL,
            data={"access_token": access_token},
            timeout=settings.PROVIDER_HTTP_TIMEOUT_SECONDS,
        )
    except requests.Timeout:
        raise ProviderRefused("google tokeninfo: timeout") from None
    except requests.RequestException:
        raise ProviderRefused("google tokeninfo: network error") from None
    if response.status_code != 200:
        raise ProviderRefused(f"google tokeninfo: HTTP {response.status_code}")
    return _parse_token_info(response)


def _parse_token_info(response: requests.Response) -> GoogleTokenInfo:
    try:
        payload = response.json()
        sub = payload["sub"]
    except (ValueError, KeyError, TypeError):
        raise ProviderRefused("google tokeninfo: unusable answer") from None
    expires_in = str(payload.get("expires_in", ""))
    return GoogleTokenInfo(
        sub=str(sub),
        email=str(payload.get("email", "")),
        audience=str(payload.get("aud", "")),
        scopes=frozenset(str(payload.get("scope", "")).split()),
        expires_in=int(expires_in) if expires_in.isdigit() else None,
    )
