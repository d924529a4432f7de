"""Keeps users.AccountName in step with the user it names, whoever saves the user (the API,
social login, the admin, createsuperuser, loaddata). `bulk_create` sends no signal: code that
bulk-creates users (bench/seed.py) leaves them without one, and they cannot log in by password."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from .crypto import checksum, new_secret
from .models import AccountName, Profile
from .names import fold

NAME_FIELDS = {"username", "email"}

# Sent (with `user`) when a Google sign-in hands us a fresh Google token. users cannot import
# gmail_sync (gmail_sync imports users); gmail_sync connects its receiver in its AppConfig.
google_token_received = Signal()


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def keep_account_name(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not NAME_FIELDS & set(update_fields):
        return  # a save that changes no name (last_login on every login)
    # An IntegrityError here (the name or email is another account's) fails the save's
    # transaction: the user is not saved either.
    AccountName.objects.update_or_create(
        user=instance,
        defaults={
            "username_key": fold(instance.get_username()),
            "email_key": fold(instance.email) if instance.email else None,
        },
    )


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created=False, raw=False, **kwargs):
    """Every new account gets its profile (and calendar key) with it."""
    if created and not raw:
        key = new_secret()
        Profile.objects.get_or_create(
            user=instance, defaults={"calendar_key": key, "calendar_key_checksum": checksum(key)}
        )
