"""Brute-force brakes on the endpoints that take passwords or send mail. Rates are the scopes in
settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]; a throttled request gets 429 code 13 with
Retry-After (jobhax.api.exceptions)."""
from rest_framework.throttling import SimpleRateThrottle


class _PerIp(SimpleRateThrottle):
    # Distinguishes counters of different endpoints that share one rate.
    prefix = ""

    def get_cache_key(self, request, view):
        ident = f"{self.prefix}{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class _PerSubmittedValue(SimpleRateThrottle):
    """Keyed by a value in the body (username, email), whichever IP it comes from, so spreading
    guesses over many addresses does not help."""

    field = ""
    # Distinguishes counters of different endpoints that share one rate.
    prefix = ""

    def get_cache_key(self, request, view):
        value = request.data.get(self.field) if hasattr(request.data, "get") else None
        if not isinstance(value, str) or not value.strip():
            return None  # nothing to key on; the body is rejected as invalid anyway
        ident = f"{self.prefix}{value.strip().lower()}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class LoginIpThrottle(_PerIp):
    scope = "login_ip"


class LoginUsernameThrottle(_PerSubmittedValue):
    scope = "login_username"
    field = "username"


class RegisterIpThrottle(_PerIp):
    scope = "register_ip"


class RegisterUsernameThrottle(_PerSubmittedValue):
    scope = "login_username"
    field = "username"
    prefix = "register:"


class PasswordChangeThrottle(SimpleRateThrottle):
    """Guessing the old password with a stolen token is a login attempt too."""

    scope = "login_username"

    def get_cache_key(self, request, view):
        ident = f"change_password:{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class PasswordResetIpThrottle(_PerIp):
    scope = "password_reset"


class PasswordResetConfirmIpThrottle(_PerIp):
    scope = "password_reset"
    prefix = "confirm:"


class PasswordResetEmailThrottle(_PerSubmittedValue):
    """Nobody gets a mailbox flooded with reset mails."""

    scope = "password_reset"
    field = "email"
