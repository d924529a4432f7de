"""Plain input serializers: shape and size of what clients send, nothing else. Any failure is
code 10 (the exception handler maps DRF's ValidationError)."""

from django.contrib.auth.validators import UnicodeUsernameValidator
from rest_framework import serializers

from jobhax.api.fields import StrictCharField

from .models import Provider
from .names import fold, is_email_shaped
from .providers import BACKEND_OF_PROVIDER

# Long enough for any real value, short enough that nobody makes us hash megabytes.
NAME_MAX = 150
PASSWORD_MAX = 256
TOKEN_MAX = 4096
CLIENT_ID_MAX = 100
CLIENT_SECRET_MAX = 255
GHOSTED_DAYS_MAX = 365


def password_field() -> StrictCharField:
    # Spaces are part of a password; never trim them.
    return StrictCharField(max_length=PASSWORD_MAX, trim_whitespace=False)


class ClientInput(serializers.Serializer):
    """The OAuth client calling: public clients (the browser extension) send no secret."""

    client_id = StrictCharField(max_length=CLIENT_ID_MAX)
    client_secret = StrictCharField(
        max_length=CLIENT_SECRET_MAX, required=False, default="", allow_blank=True
    )


class RegisterInput(serializers.Serializer):
    first_name = StrictCharField(max_length=NAME_MAX, allow_blank=True)
    last_name = StrictCharField(max_length=NAME_MAX, allow_blank=True)
    username = StrictCharField(max_length=NAME_MAX, validators=[UnicodeUsernameValidator()])
    email = serializers.EmailField(max_length=254)
    password = password_field()
    password2 = password_field()

    def validate(self, attrs):
        # Login by email looks the email up first; a username that is someone else's email
        # would wait there for their password.
        username, email = attrs["username"], attrs["email"]
        if is_email_shaped(username) and fold(username) != fold(email):
            raise serializers.ValidationError(
                {"username": ["A username that is an email address must be your own email."]}
            )
        return attrs


class LoginInput(ClientInput):
    # Username or email.
    username = StrictCharField(max_length=254)
    password = password_field()


class LogoutInput(ClientInput):
    # The bare access token or the whole "Bearer <token>" header value.
    token = StrictCharField(max_length=TOKEN_MAX)


class RefreshTokenInput(ClientInput):
    refresh_token = StrictCharField(max_length=TOKEN_MAX)


class SocialLoginInput(ClientInput):
    provider = serializers.ChoiceField(choices=sorted(BACKEND_OF_PROVIDER))
    # The provider's access token: all that the contract's clients send (CONTRACT.md §3).
    token = StrictCharField(max_length=TOKEN_MAX)
    # An extension to the contract, never required: LinkedIn's OpenID Connect ID token, checked
    # instead of asking LinkedIn's introspection about the access token.
    id_token = StrictCharField(
        max_length=TOKEN_MAX,
        required=False,
        default="",
        allow_blank=True,
        help_text="Optional, LinkedIn only: the OpenID Connect ID token LinkedIn returned with "
        "the access token. Without it the access token is checked with LinkedIn.",
    )


class ProfileUpdateInput(serializers.Serializer):
    first_name = StrictCharField(max_length=NAME_MAX, allow_blank=True, required=False)
    last_name = StrictCharField(max_length=NAME_MAX, allow_blank=True, required=False)
    ghosted_after_days = serializers.IntegerField(
        min_value=1,
        max_value=GHOSTED_DAYS_MAX,
        required=False,
        help_text="Days without a status change, mail or note before an Applied application "
        "looks ghosted (get_follow_ups).",
    )

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError(
                "Send first_name, last_name, ghosted_after_days or any of them."
            )
        return attrs


class ChangePasswordInput(serializers.Serializer):
    old_password = password_field()
    password = password_field()
    password2 = password_field()


class PasswordResetRequestInput(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class PasswordResetInput(serializers.Serializer):
    uid = StrictCharField(max_length=64)
    token = StrictCharField(max_length=128)
    password = password_field()
    password2 = password_field()


# --- What the endpoints answer (documentation for the OpenAPI schema; `data` of the envelope) ---


class TokenOutput(serializers.Serializer):
    access_token = serializers.CharField()
    expires_in = serializers.IntegerField(help_text="Seconds the access token lives.")
    token_type = serializers.CharField(help_text="Always `Bearer`.")
    scope = serializers.CharField()
    refresh_token = serializers.CharField(help_text="Single use: refreshing rotates it.")


class ProfileOutput(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    first_name = serializers.CharField(allow_blank=True)
    last_name = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    providers = serializers.ListField(
        child=serializers.ChoiceField(choices=Provider.values),
        help_text="Linked Google/LinkedIn accounts.",
    )
    gmail = serializers.DictField(
        allow_null=True,
        help_text="The Gmail sync status object, as `get_sync_status` answers it; null without a "
        "Google account.",
    )
    email_verified = serializers.BooleanField(
        help_text="The email was confirmed (the mailed link, or Google/LinkedIn vouching for "
        "it). Password resets and linking a Google or LinkedIn sign-in need it."
    )
    ghosted_after_days = serializers.IntegerField(
        min_value=1,
        max_value=GHOSTED_DAYS_MAX,
        help_text="Days of silence before an Applied application looks ghosted.",
    )
    calendar_url = serializers.URLField(
        help_text="The interview calendar feed (iCalendar) to subscribe to in Google Calendar, "
        "Apple Calendar or Outlook. It is secret: rotate_calendar_key replaces it."
    )


class EmailVerifyInput(serializers.Serializer):
    uid = StrictCharField(max_length=64)
    token = StrictCharField(max_length=128)


class CalendarFeedInput(serializers.Serializer):
    key = StrictCharField(max_length=100, help_text="The secret key in `calendar_url`.")


class CalendarUrlOutput(serializers.Serializer):
    calendar_url = serializers.URLField()


class LinkedinProfileOutput(serializers.Serializer):
    """Only what LinkedIn told: every key may be missing."""

    id = serializers.CharField(required=False)
    first_name = serializers.CharField(required=False)
    last_name = serializers.CharField(required=False)
    email = serializers.CharField(required=False)
    picture = serializers.CharField(required=False)
    headline = serializers.CharField(required=False)
