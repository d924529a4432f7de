"""The boundary to django-oauth-toolkit: every JobHax token is issued, rotated and checked by
DOT's own OAuth server (oauthlib with DOT's validator), so client secrets stay hashed, token
lifetimes and refresh rotation follow OAUTH2_PROVIDER, and DOT's admin and cleanup apply."""

import json
from urllib.parse import urlencode

from django.contrib.auth.hashers import identify_hasher
from django.contrib.auth.models import User
from oauth2_provider.models import AbstractApplication
from oauth2_provider.oauth2_backends import get_oauthlib_core
from oauth2_provider.oauth2_validators import OAuth2Validator
from oauthlib.common import Request as OAuthRequest
from oauthlib.oauth2 import OAuth2Error, ResourceOwnerPasswordCredentialsGrant

from .hashers import ClientSecretHasher

# oauthlib wants a request URI; nothing routes to it, it only appears in oauthlib's debug logs.
_TOKEN_URI = "/api/users/token"
_FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}


class TokenRefused(Exception):
    """DOT refused to issue a token (bad client, bad credentials, used refresh token...).
    The message is oauthlib's error name, never a secret."""


class _VouchedUserGrant(ResourceOwnerPasswordCredentialsGrant):
    """The password grant for a user whom someone else has already authenticated (a social
    provider vouched for them): the same client authentication, grant-type and scope checks,
    the same token handler and storage, only the password check is replaced."""

    def __init__(self, request_validator, *, user: User):
        super().__init__(request_validator)
        self._user = user

    def validate_token_request(self, request):
        self.validate_client_authentication(request)
        request.user = self._user
        self.validate_grant_type(request)
        self.validate_scopes(request)


def _form(**params: str) -> str:
    # Empty values are left out: a public client sends no secret at all.
    return urlencode({name: value for name, value in params.items() if value})


def _token_from(body: str, status: int) -> dict:
    payload = json.loads(body)
    if status != 200:
        raise TokenRefused(payload.get("error", "refused"))
    return payload


def _server():
    return get_oauthlib_core().server


def password_grant(*, client_id: str, client_secret: str, username: str, password: str) -> dict:
    return _token_request(
        grant_type="password",
        client_id=client_id,
        client_secret=client_secret,
        username=username,
        password=password,
    )


def refresh_grant(*, client_id: str, client_secret: str, refresh_token: str) -> dict:
    return _token_request(
        grant_type="refresh_token",
        client_id=client_id,
        client_secret=client_secret,
        refresh_token=refresh_token,
    )


def _token_request(**fields: str) -> dict:
    """What POSTing these form fields to a token endpoint would answer, without HTTP."""
    _, response_body, status = _server().create_token_response(
        _TOKEN_URI, "POST", _form(**fields), _FORM_HEADERS
    )
    return _token_from(response_body, status)


def grant_for_user(*, user: User, client_id: str, client_secret: str) -> dict:
    """A token for `user` without their password (they were authenticated another way)."""
    server = _server()
    request = OAuthRequest(
        _TOKEN_URI,
        "POST",
        _form(
            grant_type="password",
            client_id=client_id,
            client_secret=client_secret,
            # Never checked (there is no password); oauthlib logs whom the token is for.
            username=user.get_username(),
        ),
        _FORM_HEADERS,
    )
    grant = _VouchedUserGrant(server.request_validator, user=user)
    _, response_body, status = grant.create_token_response(request, server.default_token_type)
    return _token_from(response_body, status)


def authenticate_client(*, client_id: str, client_secret: str) -> AbstractApplication | None:
    """The application these credentials prove, checked exactly as the token endpoint does."""
    server = _server()
    request = OAuthRequest(
        _TOKEN_URI, "POST", _form(client_id=client_id, client_secret=client_secret), _FORM_HEADERS
    )
    try:
        ResourceOwnerPasswordCredentialsGrant(
            server.request_validator
        ).validate_client_authentication(request)
    except OAuth2Error:
        return None
    return request.client


class SecretRehashingValidator(OAuth2Validator):
    """DOT's validator (settings.OAUTH2_PROVIDER["OAUTH2_VALIDATOR_CLASS"]). A client secret
    still stored with a slow password hash is rehashed with CLIENT_SECRET_HASHER the first time
    it is presented correctly, as Django upgrades user passwords, so clients created before the
    fast hasher stop costing an Argon2 run per request."""

    def _authenticate_request_body(self, request):
        authenticated = super()._authenticate_request_body(request)
        if authenticated:
            _upgrade_secret_hash(request.client, getattr(request, "client_secret", "") or "")
        return authenticated

    def _check_secret(self, provided_secret, stored_secret):
        # Checked directly, so a deployment that lists its own PASSWORD_HASHERS still
        # recognises the secrets' hashes.
        if stored_secret.startswith(f"{ClientSecretHasher.algorithm}$"):
            return ClientSecretHasher().verify(provided_secret, stored_secret)
        return super()._check_secret(provided_secret, stored_secret)


def _upgrade_secret_hash(client: AbstractApplication, secret: str) -> None:
    if not (secret and client.hash_client_secret):
        return
    try:
        current = identify_hasher(client.client_secret).algorithm
    except ValueError:
        return  # stored in clear (hash_client_secret was off when it was saved)
    if current != ClientSecretHasher.algorithm:
        client.client_secret = secret  # hashed with CLIENT_SECRET_HASHER on save
        client.save(update_fields=["client_secret"])
