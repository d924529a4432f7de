"""Brute-force brakes on the endpoints that take passwords, tokens or send mail. Rates are the
scopes in settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]; a throttled request gets 429 code 13
with Retry-After (jobhax.api.exceptions).

The client address is DRF's `get_ident`: REMOTE_ADDR, or with REST_FRAMEWORK["NUM_PROXIES"]
(TRUSTED_PROXY_COUNT) proxies in front, the address the outermost trusted proxy saw. Spoofed
X-Forwarded-For values never make fresh buckets.

Password guesses are counted against the account they reach, whatever spelling, Unicode variant
or email was typed (resolved exactly as the login resolves it), per account and address. An
attacker spending an account's per-address budget only locks out their own address; the
per-account ceiling, several times higher, bounds guessing spread over many addresses.
"""

import hashlib

from rest_framework.throttling import SimpleRateThrottle

from .names import fold

# The longest login name (username or email) the login endpoint accepts.
LOGIN_NAME_MAX = 254


def submitted(request, field: str) -> str | None:
    """A string field of the body (DRF's parsed data, or a Django form POST), if any."""
    data = getattr(request, "data", None)
    if data is None:
        data = request.POST
    value = data.get(field) if hasattr(data, "get") else None
    return value if isinstance(value, str) and value.strip() else None


def login_account(request) -> str | None:
    """The account a login attempt reaches ("user:<pk>"), or the folded name when it reaches
    none (so probing names that have no account is counted the same way). Looked up once per
    request."""
    if not hasattr(request, "_login_account"):
        from .selectors import user_for_login  # selectors import models of other apps

        name = submitted(request, "username") or ""
        # Only a name the login would accept is looked up (PostgreSQL refuses NUL bytes).
        lookable = name and len(name) <= LOGIN_NAME_MAX and "\x00" not in name
        user = user_for_login(identifier=name) if lookable else None
        if user is not None:
            request._login_account = f"user:{user.pk}"
        else:
            request._login_account = f"name:{_digest(name)}" if name else None
    return request._login_account


def _digest(name: str) -> str:
    # Typed names can be long or odd; cache keys stay short and plain.
    return hashlib.sha256(fold(name).encode()).hexdigest()[:32]


class _Throttle(SimpleRateThrottle):
    # Keeps apart the counters of endpoints that share one rate.
    prefix = ""

    # Not `key`: SimpleRateThrottle.allow_request stores the cache key under that name.
    def cache_key_for(self, ident: str) -> str:
        return self.cache_format % {"scope": self.scope, "ident": f"{self.prefix}{ident}"}


class _PerAddress(_Throttle):
    def get_cache_key(self, request, view):
        return self.cache_key_for(self.get_ident(request))


class LoginAddressThrottle(_PerAddress):
    """Every password login from one address (the API's and the admin's)."""

    scope = "login_ip"
    prefix = "login:"


class LoginAccountAddressThrottle(_Throttle):
    """Guesses at one account from one address."""

    scope = "login_username"

    def get_cache_key(self, request, view):
        account = login_account(request)
        return self.cache_key_for(f"{account}@{self.get_ident(request)}") if account else None


class LoginAccountThrottle(_Throttle):
    """Guesses at one account from anywhere: the ceiling over all addresses."""

    scope = "login_account"

    def get_cache_key(self, request, view):
        account = login_account(request)
        return self.cache_key_for(account) if account else None


LOGIN_THROTTLES = [LoginAddressThrottle, LoginAccountAddressThrottle, LoginAccountThrottle]


class RefreshAddressThrottle(_PerAddress):
    scope = "login_ip"
    prefix = "refresh:"


class SocialLoginAddressThrottle(_PerAddress):
    """Each social login costs calls to Google or LinkedIn."""

    scope = "login_ip"
    prefix = "social:"


class LogoutAddressThrottle(_PerAddress):
    """Logout checks a client secret; unthrottled, it was a way to load the server."""

    scope = "login_ip"
    prefix = "logout:"


class RegisterAddressThrottle(_PerAddress):
    scope = "register_ip"


class RegisterUsernameThrottle(_Throttle):
    """Attempts at one username (any spelling) from anywhere."""

    scope = "login_username"
    prefix = "register:"

    def get_cache_key(self, request, view):
        username = submitted(request, "username")
        return self.cache_key_for(_digest(username)) if username else None


class PasswordChangeThrottle(_Throttle):
    """Guessing the old password with a stolen token is a login attempt too."""

    scope = "login_username"
    prefix = "change_password:"

    def get_cache_key(self, request, view):
        return self.cache_key_for(str(request.user.pk))


class PasswordResetAddressThrottle(_PerAddress):
    scope = "password_reset"


class PasswordResetConfirmAddressThrottle(_PerAddress):
    scope = "password_reset"
    prefix = "confirm:"


class VerifyEmailAddressThrottle(_PerAddress):
    scope = "password_reset"
    prefix = "verify:"


class PasswordResetEmailThrottle(_Throttle):
    """Nobody gets a mailbox flooded with reset mails (any spelling of the address counts)."""

    scope = "password_reset"
    prefix = "email:"

    def get_cache_key(self, request, view):
        email = submitted(request, "email")
        return self.cache_key_for(_digest(email)) if email else None


def wait_for_login(request) -> float | None:
    """For a login outside DRF (the admin's): None if the attempt may go ahead, else the
    seconds to wait. Counts the attempt in the same buckets as the API's login."""
    waits = []
    for throttle_class in LOGIN_THROTTLES:
        throttle = throttle_class()
        # No view outside DRF; these throttles never read it.
        if not throttle.allow_request(request, None):  # type: ignore[arg-type]
            waits.append(throttle.wait() or 1)
    return max(waits) if waits else None
