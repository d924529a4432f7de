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
