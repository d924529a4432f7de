from django.conf import settings
from django.db import models

from .crypto import EncryptedTextField


class Provider(models.TextChoices):
    GOOGLE = "google-oauth2", "Google"
    LINKEDIN = "linkedin-oauth2", "LinkedIn"


class ProviderCredential(models.Model):
    """A user's link to Google or LinkedIn: the provider's tokens (encrypted at rest, never
    returned by the API or logged) and the profile the provider reported."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_credentials"
    )
    provider = models.CharField(max_length=32, choices=Provider.choices)
    uid = models.CharField(max_length=255)
    access_token = EncryptedTextField(blank=True, default="")
    refresh_token = EncryptedTextField(blank=True, default="")
    token_expires_at = models.DateTimeField(null=True, blank=True)
    profile = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "provider"], name="credential_user_provider"),
            models.UniqueConstraint(fields=["provider", "uid"], name="credential_provider_uid"),
        ]

    def __str__(self):
        return f"{self.user} via {self.get_provider_display()}"


class AccountName(models.Model):
    """The folded spellings (users.names.fold) of a user's username and email, unique: two
    accounts never share a name or an email however either is typed, even when registrations
    race (the database refuses the second). Written on every save of the user (users.signals);
    logins look accounts up here."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="account_name",
    )
    # Null only for an account that duplicated an older one's name before names were unique
    # (migration 0002 lists them); renaming it gives it a key.
    username_key = models.TextField(unique=True, null=True)  # noqa: DJ001 (NULLs never collide)
    # Null without an email (some social accounts).
    email_key = models.TextField(unique=True, null=True)  # noqa: DJ001 (NULLs never collide)

    def __str__(self):
        return self.username_key or f"user {self.user_id}"


class Profile(models.Model):
    """What an account has beyond Django's user: whether its email is verified, and the secret
    key of its calendar feed. Made on first use (users.services.profile_of)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="profile",
    )
    # The address the user proved they read (a link we mailed, or a provider vouching for it).
    # The account's email is verified while it is this one: a changed email needs a new proof.
    verified_email = models.EmailField(max_length=254, blank=True, default="")
    email_verified_at = models.DateTimeField(null=True, blank=True)
    # The calendar feed's key: encrypted at rest (`me` shows it in `calendar_url`), and found by
    # its SHA-256 checksum, so a request never needs to decrypt every key.
    calendar_key = EncryptedTextField(blank=True, default="")
    calendar_key_checksum = models.CharField(  # noqa: DJ001 (NULLs never collide)
        max_length=64, unique=True, null=True, blank=True
    )

    def __str__(self):
        return f"profile of {self.user_id}"
