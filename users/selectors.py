"""Reads the users endpoints need, scoped to the caller and already shaped."""

import hashlib
from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from oauth2_provider.models import get_access_token_model, get_refresh_token_model

from jobapps import selectors as jobapp_selectors
from jobhax.api.errors import ApiError, ErrorCode

from .crypto import checksum
from .models import AccountName, Profile, Provider, ProviderCredential
from .names import fold


def user_for_login(*, identifier: str) -> User | None:
    """The account a login name reaches: the one that owns it as its email, else the one
    whose username it is, compared folded (users.names.fold). Email first: a username that
    looks like someone's email never takes their login."""
    key = fold(identifier)
    return (
        User.objects.filter(Q(account_name__email_key=key) | Q(account_name__username_key=key))
        .annotate(
            rank=Case(
                When(account_name__email_key=key, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("rank")
        .first()
    )


def user_with_email(*, email: str) -> User | None:
    return User.objects.filter(account_name__email_key=fold(email)).first()


def username_taken(*, username: str) -> bool:
    return AccountName.objects.filter(username_key=fold(username)).exists()


def email_taken(*, email: str) -> bool:
    """Someone has this email, as their email or (from before usernames that look like an
    email had to be one's own) as their username."""
    key = fold(email)
    return AccountName.objects.filter(Q(email_key=key) | Q(username_key=key)).exists()


def live_oauth_token(*, token: str):
    """The DOT access token with this value, else the unrevoked refresh token, or None. DOT
    looks tokens up by their SHA-256 checksum (the indexed column; the value itself is not
    stored)."""
    checksum = hashlib.sha256(token.encode()).hexdigest()
    access_token = get_access_token_model().objects.filter(token_checksum=checksum).first()
    if access_token is not None:
        return access_token
    return (
        get_refresh_token_model()
        .objects.filter(token_checksum=checksum, revoked__isnull=True)
        .first()
    )


def provider_credential(*, user: User, provider: Provider) -> ProviderCredential | None:
    return ProviderCredential.objects.filter(user=user, provider=provider).first()


def provider_credential_of_user_id(
    *, user_id: int, provider: Provider
) -> ProviderCredential | None:
    """The credential with its user (one query), for workers that are handed a user id."""
    return (
        ProviderCredential.objects.select_related("user")
        .filter(user_id=user_id, provider=provider)
        .first()
    )


def provider_credential_list(*, provider: Provider) -> QuerySet[ProviderCredential]:
    """Every account linked to the provider (callers narrow it further and pick columns)."""
    return ProviderCredential.objects.filter(provider=provider)


def linkedin_profile(*, user: User) -> dict:
    profile = (
        ProviderCredential.objects.filter(user=user, provider=Provider.LINKEDIN)
        .values_list("profile", flat=True)
        .first()
    )
    if profile is None:
        raise ApiError(ErrorCode.PROFILE_NOT_FOUND)
    return profile


# Keys that apps above users add to `me` (users cannot import them: they import users). Each
# is called with the user and its linked providers; gmail_sync adds "gmail" in its AppConfig.
ProfileSection = Callable[..., object]
PROFILE_SECTIONS: dict[str, ProfileSection] = {}


def profile_section_register(*, name: str, section: ProfileSection) -> None:
    PROFILE_SECTIONS[name] = section


def user_profile(*, user: User, profile: Profile, calendar_feed_url: str) -> dict:
    """`me`: the account, its linked providers and Gmail sync, whether its email is verified,
    its ghosted-application setting and its calendar feed's URL (secret: it opens the feed)."""
    providers = list(
        ProviderCredential.objects.filter(user=user)
        .order_by("provider")
        .values_list("provider", flat=True)
    )
    return {
        "id": user.pk,
        "username": user.get_username(),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "providers": providers,
        **{
            name: section(user=user, providers=providers)
            for name, section in PROFILE_SECTIONS.items()
        },
        "email_verified": bool(user.email and profile.verified_email)
        and fold(profile.verified_email) == fold(user.email),
        "ghosted_after_days": jobapp_selectors.ghosted_after_days(user=user),
        "calendar_url": f"{calendar_feed_url}?{urlencode({'key': profile.calendar_key})}",
    }


def verified_email_of(*, user: User) -> str:
    return Profile.objects.filter(user=user).values_list("verified_email", flat=True).first() or ""


def email_is_verified(*, user: User) -> bool:
    """The account's current email is the one it proved it reads."""
    verified = verified_email_of(user=user)
    return bool(user.email and verified) and fold(verified) == fold(user.email)


def calendar_owner(*, key: str) -> User | None:
    """The active account whose calendar feed this key opens, found by the key's checksum."""
    if not key or len(key) > CALENDAR_KEY_MAX:
        return None
    profile = (
        Profile.objects.select_related("user")
        .filter(calendar_key_checksum=checksum(key), user__is_active=True)
        .first()
    )
    return profile.user if profile else None


CALENDAR_KEY_MAX = 100
