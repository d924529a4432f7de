"""System checks of `manage.py check --deploy` for what only the users app knows about."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def password_reset_mail_is_configured(app_configs, **kwargs):
    if settings.PASSWORD_RESET_MAIL_ENABLED:
        return []
    return [
        checks.Warning(
            "EMAIL_BACKEND is not set: request_password_reset answers code 19 instead of "
            "mailing a reset link.",
            hint="Set EMAIL_BACKEND (and EMAIL_HOST...) to a real mail backend.",
            id="users.W001",
        )
    ]
