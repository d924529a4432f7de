"""Social-auth backends adjusted for tokens that clients obtained themselves."""
from social_core.backends.linkedin import LinkedinOpenIdConnect


class LinkedinOpenIdConnectAccessToken(LinkedinOpenIdConnect):
    """LinkedIn's OpenID Connect login for an access token sent by the client
    (`auth_social_user`). There is no ID token to compare the userinfo `sub` with; the userinfo
    answer is authoritative anyway, since LinkedIn produced it for this very access token."""

    def validate_userinfo_sub(self, userinfo):
        if self.id_token is None:
            return userinfo
        return super().validate_userinfo_sub(userinfo)
