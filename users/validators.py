"""Password validators added to Django's (settings.AUTH_PASSWORD_VALIDATORS): a failure is
code 16 "Password is too weak." wherever a password is set."""

from django.core.exceptions import ValidationError

from .names import fold

# Shorter names turn up inside good passwords by chance ("al" in "totally-random-words").
SHORTEST_NAME_CHECKED = 3


class NotBlankPasswordValidator:
    """Ten spaces pass Django's length, common-password and numeric checks."""

    def validate(self, password, user=None):
        if not password.strip():
            raise ValidationError("The password cannot be only spaces.", code="password_blank")

    def get_help_text(self):
        return "Your password cannot be only spaces."


class NotLikeUsernameValidator:
    """Refuses a password that contains the username or the email's local part, forwards or
    backwards, in any case or spelling ("alice2024!", "ecila-alice"). Django's similarity check
    lets these through when the rest of the password is long enough."""

    def validate(self, password, user=None):
        squeezed = fold("".join(password.split()))
        for name in _names_of(user):
            if name in squeezed or name[::-1] in squeezed:
                raise ValidationError(
                    "The password cannot contain your username or email.",
                    code="password_like_username",
                )

    def get_help_text(self):
        return "Your password cannot contain your username or email."


def _names_of(user) -> list[str]:
    if user is None:
        return []
    candidates = [user.get_username(), (getattr(user, "email", "") or "").partition("@")[0]]
    names = (fold(candidate) for candidate in candidates if candidate)
    return [name for name in names if len(name) >= SHORTEST_NAME_CHECKED]
