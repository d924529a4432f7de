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


class LinkedinAccessTokenLogin(LinkedinOpenIdConnect):
    """LinkedIn's OpenID Connect login (`linkedin-openidconnect`) for an access token sent to
    auth_social_user. users.providers first shows the token to be JobHax's: either LinkedIn's
    introspection vouched for it (`access_token_verified`), or the client also sent an ID token
    whose verified claims are in `id_token`, and then LinkedIn's userinfo answer must be about
    that token's member, so an access token from another site cannot ride on it. With neither,
    userinfo is refused: this backend never trusts an unchecked token."""

    access_token_verified = False

    def userinfo_url(self) -> str:
        return settings.LINKEDIN_USERINFO_URL

    def validate_userinfo_sub(self, userinfo):
        if not isinstance(userinfo, dict) or not userinfo.get("sub"):
            raise self._refusal("UserInfo names no member")
        if self.id_token:
            if userinfo["sub"] != self.id_token.get("sub"):
                raise self._refusal("UserInfo is not about the ID token's member")
        elif not self.access_token_verified:
            raise self._refusal("The access token was not shown to be JobHax's")
        return userinfo

    def _refusal(self, message: str) -> AuthResponseError:
        return AuthResponseError(self, message, code="invalid_claim", stage="user_info")
