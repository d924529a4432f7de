"""Authentication backends: passwords by any spelling of the account's name, and social-auth's
Google and LinkedIn logins adjusted for tokens that clients obtained themselves (the provider
URLs are settings, and users.providers checks first that the tokens were issued to JobHax)."""
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from social_core.backends.google import GoogleOAuth2
from social_core.backends.linkedin import LinkedinOpenIdConnect
from social_core.exceptions import AuthResponseError


class LoginNameBackend(ModelBackend):
    """Django's password check for the account a login name reaches (its email or its
    username in any case or Unicode spelling: users.selectors.user_for_login), for the API's
    login and the admin's alike."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        from .selectors import user_for_login  # selectors import models of other apps

        if username is None or password is None or "\x00" in username:
            return None
        user = user_for_login(identifier=username)
        if user is None:
            # Costs what a wrong password costs, so timing does not tell who has an account.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class GoogleAccessTokenLogin(GoogleOAuth2):
    """Google's login (`google-oauth2`) for an access token sent to auth_social_user."""

    def user_data(self, access_token, *args, **kwargs):
        response = self.get_json(
            settings.GOOGLE_USERINFO_URL, headers={"Authorization": f"Bearer {access_token}"}
        )
        self.validate_email_verified(response)
        return response


class LinkedinIdTokenLogin(LinkedinOpenIdConnect):
    """LinkedIn's OpenID Connect login (`linkedin-openidconnect`) for an access token and ID
    token sent to auth_social_user. users.providers verifies the ID token and sets `id_token`
    to its claims before `do_auth`; LinkedIn's userinfo answer for the access token must be
    about the same member, so a token from another site cannot stand in for it."""

    def userinfo_url(self) -> str:
        return settings.LINKEDIN_USERINFO_URL

    def validate_userinfo_sub(self, userinfo):
        claims = self.id_token or {}
        if not isinstance(userinfo, dict) or not claims.get("sub") or (
            userinfo.get("sub") != claims["sub"]
        ):
            raise AuthResponseError(
                self, "UserInfo is not about the ID token's member", code="invalid_claim",
                stage="user_info",
            )
        return userinfo
