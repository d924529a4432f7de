from jobhax.api.routing import endpoint

from . import apis

# The Gmail endpoints under this prefix belong to gmail_sync (gmail_sync/urls.py, mounted at
# the same prefix in jobhax/urls.py).

urlpatterns = [
    endpoint("register", apis.RegisterApi.as_view()),
    endpoint("login", apis.LoginApi.as_view()),
    endpoint("logout", apis.LogoutApi.as_view()),
    endpoint("refresh_token", apis.RefreshTokenApi.as_view()),
    endpoint("auth_social_user", apis.SocialLoginApi.as_view()),
    endpoint("request_password_reset", apis.RequestPasswordResetApi.as_view()),
    endpoint("reset_password", apis.ResetPasswordApi.as_view()),
    endpoint("me", apis.ProfileApi.as_view()),
    endpoint("verify_email", apis.VerifyEmailApi.as_view()),
    endpoint("resend_verification_email", apis.ResendVerificationEmailApi.as_view()),
    endpoint("rotate_calendar_key", apis.RotateCalendarKeyApi.as_view()),
    endpoint(r"calendar\.ics", apis.CalendarFeedApi.as_view(), url_name="calendar_feed"),
    endpoint("change_password", apis.ChangePasswordApi.as_view()),
    endpoint("get_linkedin_profile", apis.LinkedinProfileApi.as_view()),
]
