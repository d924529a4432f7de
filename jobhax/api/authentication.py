"""Bearer-token authentication that decides before the request body is read.

DOT's OAuth2Authentication hands oauthlib the parsed request body (form or JSON) as well as the
headers, so DRF parses the body before it knows who is calling: a request with no token and a
malformed or wrongly-typed body was answered 400/415 instead of 401, and an anonymous caller
could make the server parse a body (up to the CSV import's 5 MB) before being refused. JobHax
takes access tokens in the `Authorization` header only (CONTRACT.md §1), so oauthlib gets no body.
"""
from django.core.exceptions import SuspiciousOperation
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from oauth2_provider.oauth2_backends import OAuthLibCore


class _HeaderOnlyOAuthLibCore(OAuthLibCore):
    def extract_body(self, request):
        return []


class BearerTokenAuthentication(OAuth2Authentication):
    def authenticate(self, request):
        if request is None:
            return None
        try:
            valid, oauth_request = _HeaderOnlyOAuthLibCore().verify_request(request, scopes=[])
        except ValueError as error:
            if str(error) == "Invalid hex encoding in query string.":
                raise SuspiciousOperation(error) from error
            raise
        if valid:
            return oauth_request.user, oauth_request.access_token
        request.oauth2_error = getattr(oauth_request, "oauth2_error", {})
        return None


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """OpenAPI: `Authorization: Bearer <access_token>` from login/refresh_token."""

    target_class = BearerTokenAuthentication
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer",
                "description": "`access_token` from /api/users/login or refresh_token."}
