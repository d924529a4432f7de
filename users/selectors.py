"""Reads the users endpoints need, scoped to the caller and already shaped."""
import hashlib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Case, F, IntegerField, Q, Value, When
from oauth2_provider.models import AbstractApplication, get_access_token_model

from gmail_sync.models import SyncState
from jobapps.models import JobEmail
from jobhax.api.errors import ApiError, ErrorCode

from .models import Provider, ProviderCredential

User = get_user_model()


def user_for_login(*, identifier: str) -> AbstractBaseUser | None:
    """The account a login name means: its username or its email, either case-insensitive.
    An exact username wins over an email that happens to look the same."""
    return (
        User.objects.filter(Q(username__iexact=identifier) | Q(email__iexact=identifier))
        .annotate(
            rank=Case(
                When(username=identifier, then=Value(0)),
                When(username__iexact=identifier, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "pk")
        .first()
    )


def username_taken(*, username: str) -> bool:
    return User.objects.filter(username__iexact=username).exists()


def email_taken(*, email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


def access_token_of_client(*, token: str, application: AbstractApplication):
    """The live DOT access token with this value issued to this client, or None. DOT looks
    tokens up by their SHA-256 checksum (the indexed column)."""
    checksum = hashlib.sha256(token.encode()).hexdigest()
    return (
        get_access_token_model()
        .objects.filter(token_checksum=checksum, application=application)
        .first()
    )


def provider_credential(*, user: AbstractBaseUser, provider: Provider) -> ProviderCredential | None:
    return ProviderCredential.objects.filter(user=user, provider=provider).first()


def linkedin_profile(*, user: AbstractBaseUser) -> dict:
    profile = (
        ProviderCredential.objects.filter(user=user, provider=Provider.LINKEDIN)
        .values_list("profile", flat=True)
        .first()
    )
    if profile is None:
        raise ApiError(ErrorCode.PROFILE_NOT_FOUND)
    return profile


def sync_state(*, user: AbstractBaseUser) -> SyncState:
    """The user's sync state; a user who never synced is idle with Gmail presumed readable."""
    return SyncState.objects.filter(user=user).first() or SyncState(user=user)


def gmail_status(*, user: AbstractBaseUser) -> dict:
    """The sync status object (CONTRACT.md §6). Code 17 when no Google account is linked."""
    if provider_credential(user=user, provider=Provider.GOOGLE) is None:
        raise ApiError(ErrorCode.GMAIL_NOT_CONNECTED)
    return sync_state(user=user).as_status()


def user_profile(*, user: AbstractBaseUser) -> dict:
    providers = list(
        ProviderCredential.objects.filter(user=user)
        .order_by("provider")
        .values_list("provider", flat=True)
    )
    gmail = sync_state(user=user).as_status() if Provider.GOOGLE in providers else None
    return {
        "id": user.pk,
        "username": user.get_username(),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "providers": providers,
        "gmail": gmail,
    }


def job_emails(*, user: AbstractBaseUser) -> list[dict]:
    """The caller's job-related emails, newest first, in the 2019 client's shape."""
    rows = (
        JobEmail.objects.filter(user=user)
        .exclude(kind=JobEmail.Kind.NOT_JOB)
        .order_by(F("date").desc(nulls_last=True), "-pk")
        .values("subject", "body", "date", "msg_id", "job_application_id")
    )
    return [
        {
            "subject": row["subject"],
            "body": row["body"],
            "date": row["date"],
            "msgId": row["msg_id"],
            "jobapp_id": row["job_application_id"],
        }
        for row in rows
    ]
