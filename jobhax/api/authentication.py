"""Bearer-token authentication: the `Authorization` header only, decided before the request body
is read.

DOT's OAuth2Authentication hands oauthlib the parsed request body (form or JSON) and the URL's
query string as well as the headers, so a token was accepted as `?access_token=` (where access
logs keep it) or in a body, and DRF parsed the body before it knew who was calling: a request
with no token and a malformed body was answered 400/415 instead of 401. JobHax takes access
tokens in the `Authorization` header only (CONTRACT.md §1, RFC 9700 §4.3.2): oauthlib gets
neither the body nor the query string, and DOT itself refuses a request that carries
`access_token` in its query (OAUTH2_PROVIDER["COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT"]).
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from oauth2_provider.oauth2_backends import OAuthLibCore


class _HeaderOnlyOAuthLibCore(OAuthLibCore):
    def extract_body(self, request):
        return []

    def _get_escaped_full_path(self, request):
        return request.get_full_path().partition("?")[0]


class BearerTokenAuthentication(OAuth2Authentication):
    def authenticate(self, request):
        if request is None:
            return None
        valid, oauth_request = _HeaderOnlyOAuthLibCore().verify_request(request, scopes=[])
        if valid:
            return oauth_request.user, oauth_request.access_token
        request.oauth2_error = getattr(oauth_request, "oauth2_error", {})
        return None


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """OpenAPI: `Authorization: Bearer <access_token>` from login/refresh_token."""

    target_class = BearerTokenAuthentication
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "`access_token` from /api/users/login or refresh_token.",
        }
