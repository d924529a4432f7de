"""One small view per `/api/users/` endpoint (CONTRACT.md §3): parse, call a service or a
selector, return data. Failures are raised and become the envelope in jobhax.api."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from jobapps import ical as jobapp_ical
from jobapps import selectors as jobapp_selectors
from jobhax.api.envelope import ok
from jobhax.api.errors import ApiError, ErrorCode
from jobhax.api.parsers import JSONParser
from jobhax.api.validation import validated, validated_query

from . import selectors, serializers, services, throttles


class PublicAuthApi(APIView):
    """Endpoints called without a JobHax token. They ignore any Authorization header (a stale
    one must not block logging in again) and also take form bodies (Postman sends them)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser, FormParser, MultiPartParser]


def token_response(token: dict):
    """A token object must not be kept by any cache (RFC 6749 section 5.1)."""
    response = ok(token)
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    return response


class RegisterApi(PublicAuthApi):
    throttle_classes = [throttles.RegisterAddressThrottle, throttles.RegisterUsernameThrottle]

    @extend_schema(
        request=serializers.RegisterInput,
        responses={200: None},
        description="Also mails a link that verifies the email (see verify_email); "
        "the account works before that.",
    )
    def post(self, request):
        user = services.user_register(**validated(serializers.RegisterInput, request.data))
        services.email_verification_after_register(user=user, link_base=verify_link(request))
        return ok(None)


class LoginApi(PublicAuthApi):
    throttle_classes = throttles.LOGIN_THROTTLES

    @extend_schema(request=serializers.LoginInput, responses=serializers.TokenOutput)
    def post(self, request):
        data = validated(serializers.LoginInput, request.data)
        return token_response(
            services.token_for_password(
                client_id=data["client_id"],
                client_secret=data["client_secret"],
                login=data["username"],
                password=data["password"],
            )
        )


class LogoutApi(PublicAuthApi):
    throttle_classes = [throttles.LogoutAddressThrottle]

    @extend_schema(request=serializers.LogoutInput, responses={200: None})
    def post(self, request):
        services.token_revoke(**validated(serializers.LogoutInput, request.data))
        return ok(None)


class RefreshTokenApi(PublicAuthApi):
    throttle_classes = [throttles.RefreshAddressThrottle]

    @extend_schema(request=serializers.RefreshTokenInput, responses=serializers.TokenOutput)
    def post(self, request):
        data = validated(serializers.RefreshTokenInput, request.data)
        return token_response(services.token_refresh(**data))


class SocialLoginApi(PublicAuthApi):
    throttle_classes = [throttles.SocialLoginAddressThrottle]

    @extend_schema(request=serializers.SocialLoginInput, responses=serializers.TokenOutput)
    def post(self, request):
        data = validated(serializers.SocialLoginInput, request.data)
        return token_response(
            services.token_for_social_user(
                client_id=data["client_id"],
                client_secret=data["client_secret"],
                provider=data["provider"],
                provider_token=data["token"],
                id_token=data["id_token"],
            )
        )


class RequestPasswordResetApi(PublicAuthApi):
    throttle_classes = [
        throttles.PasswordResetAddressThrottle,
        throttles.PasswordResetEmailThrottle,
    ]

    @extend_schema(request=serializers.PasswordResetRequestInput, responses={200: None})
    def post(self, request):
        services.password_reset_request(
            **validated(serializers.PasswordResetRequestInput, request.data)
        )
        return ok(None)


class ResetPasswordApi(PublicAuthApi):
    throttle_classes = [throttles.PasswordResetConfirmAddressThrottle]

    @extend_schema(request=serializers.PasswordResetInput, responses={200: None})
    def post(self, request):
        services.password_reset(**validated(serializers.PasswordResetInput, request.data))
        return ok(None)


def verify_link(request) -> str:
    """The verify_email endpoint on the host the client called (ALLOWED_HOSTS vouches for it)."""
    return request.build_absolute_uri(reverse("verify_email"))


def profile_response(request, user):
    profile = services.profile_of(user=user)
    feed = request.build_absolute_uri(reverse("calendar_feed"))
    return ok(selectors.user_profile(user=user, profile=profile, calendar_feed_url=feed))


class ProfileApi(APIView):
    @extend_schema(responses=serializers.ProfileOutput)
    def get(self, request):
        return profile_response(request, request.user)

    @extend_schema(request=serializers.ProfileUpdateInput, responses=serializers.ProfileOutput)
    def post(self, request):
        data = validated(serializers.ProfileUpdateInput, request.data)
        user = services.profile_update(user=request.user, **data)
        return profile_response(request, user)


class VerifyEmailApi(PublicAuthApi):
    """The link mailed at registration opens this (GET); a web client page named by
    EMAIL_VERIFICATION_URL posts the same two fields instead."""

    throttle_classes = [throttles.VerifyEmailAddressThrottle]

    @extend_schema(
        parameters=[serializers.EmailVerifyInput],
        responses={200: None},
        summary="Verify the account's email (the mailed link)",
    )
    def get(self, request):
        services.email_verify(**validated_query(request, serializers.EmailVerifyInput))
        return ok(None)

    @extend_schema(
        request=serializers.EmailVerifyInput,
        responses={200: None},
        summary="Verify the account's email (uid and token of the mailed link)",
    )
    def post(self, request):
        services.email_verify(**validated(serializers.EmailVerifyInput, request.data))
        return ok(None)


class ResendVerificationEmailApi(APIView):
    # Throttled per user: settings' "resend_verification_email" rate (THROTTLE_VERIFICATION_EMAIL).

    @extend_schema(
        request=None,
        responses={200: None},
        summary="Mail the email-verification link again",
        description="Nothing is sent when the email is verified already. Throttled "
        "per user (THROTTLE_VERIFICATION_EMAIL, 3/hour).",
    )
    def post(self, request):
        services.email_verification_resend(user=request.user, link_base=verify_link(request))
        return ok(None)


class RotateCalendarKeyApi(APIView):
    @extend_schema(
        request=None,
        responses=serializers.CalendarUrlOutput,
        summary="Replace the calendar feed's secret key (the old URL stops working)",
    )
    def post(self, request):
        profile = services.calendar_key_rotate(user=request.user)
        feed = request.build_absolute_uri(reverse("calendar_feed"))
        return ok({"calendar_url": f"{feed}?{urlencode({'key': profile.calendar_key})}"})


class CalendarFeedApi(APIView):
    """Calendar apps subscribe to this URL and poll it; they send no token, the key in the URL
    is the credential (a missing or unknown key is code 12)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[serializers.CalendarFeedInput],
        responses={(200, "text/calendar"): OpenApiTypes.STR},
        summary="The interview calendar (iCalendar) of the key's owner",
        description="Every upcoming interview and assessment deadline (and those of the last "
        "30 days) of the owner's live applications, as an RFC 5545 feed Google Calendar, Apple "
        "Calendar and Outlook subscribe to. The full URL is `calendar_url` in `me`.",
    )
    def get(self, request):
        key = request.query_params.get("key", "")
        user = selectors.calendar_owner(key=key) if isinstance(key, str) else None
        if user is None:
            raise ApiError(ErrorCode.NOT_AUTHENTICATED)
        content = jobapp_ical.calendar_feed(jobapp_selectors.calendar_events(user=user))
        response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="jobhax.ics"'
        response["Cache-Control"] = "private, max-age=300"
        return response


class ChangePasswordApi(APIView):
    throttle_classes = [throttles.PasswordChangeThrottle]

    @extend_schema(request=serializers.ChangePasswordInput, responses={200: None})
    def post(self, request):
        services.password_change(
            user=request.user,
            current_access_token_id=request.auth.pk,
            **validated(serializers.ChangePasswordInput, request.data),
        )
        return ok(None)


class LinkedinProfileApi(APIView):
    @extend_schema(responses=serializers.LinkedinProfileOutput)
    def get(self, request):
        return ok(selectors.linkedin_profile(user=request.user))
