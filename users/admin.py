from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from .models import AccountName, ProviderCredential
from .names import fold

User = get_user_model()


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


class UniqueNamesMixin(forms.ModelForm):
    """The admin's user forms say so when a username or email is another account's in any
    case or spelling (the database would refuse it: users.models.AccountName)."""

    def clean(self):
        cleaned = super().clean()
        others = AccountName.objects.exclude(user_id=self.instance.pk)
        username, email = cleaned.get("username"), cleaned.get("email")
        if username and others.filter(username_key=fold(username)).exists():
            self.add_error("username", "Another account has this username.")
        if email and others.filter(email_key=fold(email)).exists():
            self.add_error("email", "Another account has this email.")
        return cleaned


class JobHaxUserCreationForm(UniqueNamesMixin, AdminUserCreationForm):
    pass


class JobHaxUserChangeForm(UniqueNamesMixin, UserChangeForm):
    pass


admin.site.unregister(User)


@admin.register(User)
class JobHaxUserAdmin(UserAdmin):
    form = JobHaxUserChangeForm
    add_form = JobHaxUserCreationForm
