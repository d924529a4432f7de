"""Our steps in python-social-auth's pipeline (settings.SOCIAL_AUTH_PIPELINE)."""

import re
from uuid import uuid4

from social_core.exceptions import AuthAssociationError

from . import selectors, services
from .models import Provider, ProviderCredential
from .names import fold, normalize

# LinkedIn's OpenID Connect login is the same LinkedIn account as its older OAuth2 login.
PROVIDER_OF_BACKEND = {
    "google-oauth2": Provider.GOOGLE,
    "linkedin-openidconnect": Provider.LINKEDIN,
}
USERNAME_MAX = 150
SUFFIX_LENGTH = 8
# What Django's UnicodeUsernameValidator allows, but "@": a username that looks like an email
# must be the account's own email.
USERNAME_CHARACTER = re.compile(r"[\w.+-]")


def email_is_verified(response: dict) -> bool:
    """Google and LinkedIn's OpenID Connect say so explicitly (`email_verified`)."""
    return response.get("email_verified") is True


def associate_by_verified_email(backend, details, response, user=None, *args, **kwargs):
    """Links the login to the existing account that owns this email (in any spelling), but
    only when both sides proved the address: the provider vouches for it (otherwise anyone
    could claim an account by typing its email), and the account verified it (otherwise
    whoever registered someone else's address, and knows that account's password, would read
    the real owner's Gmail once they sign in with Google)."""
    if user or not details.get("email"):
        return None
    owner = selectors.user_with_email(email=details["email"])
    if owner is None:
        return None
    if not email_is_verified(response) or not selectors.email_is_verified(user=owner):
        # Creating a second account with this email would make email login ambiguous.
        raise AuthAssociationError(backend)
    return {"user": owner, "is_new": False}


def mark_email_verified(backend, user, details, response, *args, **kwargs):
    """An account whose email the provider vouches for has it verified (a new account made by
    this login, or one that had not confirmed our link yet)."""
    email = details.get("email") or ""
    if (
        user is not None
        and email
        and email_is_verified(response)
        and fold(email) == fold(user.email or "")
        and not selectors.email_is_verified(user=user)
    ):
        services.email_mark_verified(user=user)


def unique_username(details, user=None, *args, **kwargs):
    """A username for a new account: the provider's suggestion (the email's local part),
    normalised and cleaned, with a random suffix when any spelling of it is taken. Replaces
    social-auth's get_username, whose exact-match check would let "Alice" join "alice"."""
    if user:
        return {"username": user.get_username()}
    suggested = normalize(details.get("username") or "")
    base = "".join(ch for ch in suggested if USERNAME_CHARACTER.fullmatch(ch))
    base = base[: USERNAME_MAX - SUFFIX_LENGTH] or "user"
    username = base
    while selectors.username_taken(username=username):
        username = base + uuid4().hex[:SUFFIX_LENGTH]
    return {"username": username}


def store_provider_credential(backend, user, uid, response, details, *args, **kwargs):
    """Keeps the provider's token (encrypted) and profile on our own model. The pipeline leaves
    out social-auth's load_extra_data, so no token lands in UserSocialAuth.extra_data."""
    provider = PROVIDER_OF_BACKEND[backend.name]
    owners = ProviderCredential.objects.filter(provider=provider, uid=str(uid))
    if owners.exclude(user=user).exists():
        # The same provider account already belongs to another JobHax user.
        raise AuthAssociationError(backend)
    ProviderCredential.objects.update_or_create(
        user=user,
        provider=provider,
        defaults={
            "uid": str(uid),
            "access_token": response["access_token"],
            "token_expires_at": None,
            "profile": provider_profile(uid=uid, response=response, details=details),
        },
    )


def provider_profile(*, uid, response: dict, details: dict) -> dict:
    """`{id, first_name, last_name, email, picture, headline}`, only what the provider told."""
    profile = {
        "id": str(uid),
        "first_name": details.get("first_name"),
        "last_name": details.get("last_name"),
        "email": details.get("email"),
        "picture": response.get("picture"),
        "headline": response.get("localizedHeadline") or response.get("headline"),
    }
    return {key: value for key, value in profile.items() if isinstance(value, str) and value}
