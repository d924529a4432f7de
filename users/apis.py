"""One small view per `/api/users/` endpoint (CONTRACT.md §3): parse, call a service or a
selector, return data. Failures are raised and become the envelope in jobhax.api."""
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from jobhax.api.envelope import ok
from jobhax.api.parsers import JSONParser
from jobhax.api.validation import validated

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

    @extend_schema(request=serializers.RegisterInput, responses={200: None})
    def post(self, request):
        services.user_register(**validated(serializers.RegisterInput, request.data))
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


class ProfileApi(APIView):
    @extend_schema(responses=serializers.ProfileOutput)
    def get(self, request):
        return ok(selectors.user_profile(user=request.user))

    @extend_schema(request=serializers.ProfileUpdateInput, responses=serializers.ProfileOutput)
    def post(self, request):
        data = validated(serializers.ProfileUpdateInput, request.data)
        user = services.profile_update(user=request.user, **data)
        return ok(selectors.user_profile(user=user))


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


class UpdateGmailTokenApi(APIView):
    @extend_schema(request=serializers.GmailTokenInput, responses=serializers.SyncStatusOutput)
    def post(self, request):
        data = validated(serializers.GmailTokenInput, request.data)
        state = services.gmail_token_update(
            user=request.user, access_token=data["token"], refresh_token=data["refresh_token"]
        )
        return ok(state.as_status())


class LinkedinProfileApi(APIView):
    @extend_schema(responses=serializers.LinkedinProfileOutput)
    def get(self, request):
        return ok(selectors.linkedin_profile(user=request.user))


class SyncUserEmailsApi(APIView):
    @extend_schema(responses=serializers.SyncStatusOutput)
    def get(self, request):
        return ok(services.gmail_sync_request(user=request.user))


class SyncStatusApi(APIView):
    @extend_schema(responses=serializers.SyncStatusOutput)
    def get(self, request):
        return ok(selectors.gmail_status(user=request.user))


class GoogleMailsApi(APIView):
    @extend_schema(responses=serializers.GoogleMailOutput(many=True))
    def get(self, request):
        return ok(selectors.job_emails(user=request.user))
