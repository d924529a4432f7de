from django.contrib import admin

from .models import ProviderCredential


@admin.register(ProviderCredential)
class ProviderCredentialAdmin(admin.ModelAdmin):
    """Links are made by logging in; the admin only looks. Tokens are never shown."""

    list_display = ("user", "provider", "uid", "token_expires_at", "updated_at")
    list_filter = ("provider",)
    search_fields = ("user__username", "user__email", "uid")
    fields = ("user", "provider", "uid", "token_expires_at", "profile", "created_at", "updated_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
