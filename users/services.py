"""Every write of the users app: accounts, JobHax tokens, provider links, passwords."""

import logging
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from oauth2_provider.models import (
    get_access_token_model,
    get_refresh_token_model,
    revoke_access_token,
)

from jobapps import services as jobapp_services
from jobhax.api.errors import ApiError, ErrorCode, InvalidParameters

from . import names, oauth, providers, selectors, signals
from .crypto import checksum, new_secret
from .models import Profile, ProviderCredential

logger = logging.getLogger(__name__)


# --- Accounts -----------------------------------------------------------------------------------


def _check_new_password(*, password: str, password2: str, user: User) -> None:
    if password != password2:
        raise ApiError(ErrorCode.PASSWORDS_DO_NOT_MATCH)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ApiError(
            ErrorCode.WEAK_PASSWORD, data={"fields": {"password": list(error.messages)}}
        ) from None


@transaction.atomic
def user_register(
    *,
    first_name: str,
    last_name: str,
    username: str,
    email: str,
    password: str,
    password2: str,
) -> User:
    """Checks in the contract's order: 7 (mismatch), 16 (weak), 8 (username), 9 (email).
    Names are stored NFKC-normalised and compared folded (users.names)."""
    username, email = names.normalize(username), names.normalize_email(email)
    user = User(username=username, email=email, first_name=first_name, last_name=last_name)
    _check_new_password(password=password, password2=password2, user=user)
    if selectors.username_taken(username=username):
        raise ApiError(ErrorCode.USERNAME_TAKEN)
    if selectors.email_taken(email=email):
        raise ApiError(ErrorCode.EMAIL_TAKEN)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        # Someone registered this name or email a moment ago: the unique folded names
        # (users.models.AccountName) refused the second account.
        taken = selectors.username_taken(username=username)
        raise ApiError(ErrorCode.USERNAME_TAKEN if taken else ErrorCode.EMAIL_TAKEN) from None
    return user


@transaction.atomic
def profile_update(
    *,
    user: User,
    first_name: str | None = None,
    last_name: str | None = None,
    ghosted_after_days: int | None = None,
) -> User:
    changed = {"first_name": first_name, "last_name": last_name}
    changed = {field: value for field, value in changed.items() if value is not None}
    for field, value in changed.items():
        setattr(user, field, value)
    if changed:
        user.save(update_fields=list(changed))
    if ghosted_after_days is not None:
        jobapp_services.ghosted_after_days_set(user=user, days=ghosted_after_days)
    return user


# --- JobHax tokens (django-oauth-toolkit) -------------------------------------------------------


def token_for_password(*, client_id: str, client_secret: str, login: str, password: str) -> dict:
    """Password login; `login` is the username or the email, in any case or Unicode spelling
    (users.backends.LoginNameBackend finds the account)."""
    try:
        return oauth.password_grant(
            client_id=client_id, client_secret=client_secret, username=login, password=password
        )
    except oauth.TokenRefused:
        raise ApiError(ErrorCode.LOGIN_FAILED) from None


def token_refresh(*, client_id: str, client_secret: str, refresh_token: str) -> dict:
    """A new token pair; the refresh token used is spent (DOT rotates refresh tokens)."""
    try:
        return oauth.refresh_grant(
            client_id=client_id, client_secret=client_secret, refresh_token=refresh_token
        )
    except oauth.TokenRefused:
        raise ApiError(ErrorCode.INVALID_CREDENTIALS) from None


def token_revoke(*, client_id: str, client_secret: str, token: str) -> None:
    """Logout (RFC 7009): revokes the access token and the refresh token issued with it (or a
    refresh token and its access token). `token` may be the whole "Bearer <token>" string the
    web client sends. Revocation is idempotent: a token that is unknown, expired or already
    revoked leaves nothing to do, and the client is logged out all the same. Bad client
    credentials, or a live token of another client, are 5."""
    client = oauth.authenticate_client(client_id=client_id, client_secret=client_secret)
    if client is None:
        raise ApiError(ErrorCode.LOGOUT_FAILED)
    found = selectors.live_oauth_token(token=_bare_token(token))
    if found is None:
        return
    if found.application_id != client.pk:
        raise ApiError(ErrorCode.LOGOUT_FAILED)
    if isinstance(found, get_access_token_model()):
        revoke_access_token(found)
    else:
        found.revoke()


def _bare_token(token: str) -> str:
    scheme, _, value = token.strip().partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else token.strip()


def _revoke_tokens(*, user: User, keep_access_token_id: int | None = None) -> None:
    """Revokes every JobHax token of the user (but the one kept), in two statements."""
    refresh_tokens = get_refresh_token_model().objects.filter(user=user, revoked__isnull=True)
    access_tokens = get_access_token_model().objects.filter(user=user)
    if keep_access_token_id is not None:
        refresh_tokens = refresh_tokens.exclude(access_token_id=keep_access_token_id)
        access_tokens = access_tokens.exclude(pk=keep_access_token_id)
    # Refresh tokens first: deleting an access token unlinks its refresh token.
    refresh_tokens.update(revoked=timezone.now())
    access_tokens.delete()


# --- Social login and provider tokens ----------------------------------------------------------


@transaction.atomic
def token_for_social_user(
    *, client_id: str, client_secret: str, provider: str, provider_token: str, id_token: str = ""
) -> dict:
    """Social login: the provider says who the token belongs to (once it is shown to have been
    issued to JobHax); that user (found, linked by verified email, or created, see
    SOCIAL_AUTH_PIPELINE) gets a JobHax token. All or nothing: a refusal at any step leaves no
    user, link or credential behind. A provider without a configured client id is 10."""
    try:
        user = providers.social_user(
            provider=provider, access_token=provider_token, id_token=id_token
        )
        token = oauth.grant_for_user(user=user, client_id=client_id, client_secret=client_secret)
    except providers.ProviderNotConfigured as error:
        logger.warning("Social login with %s refused: %s", provider, error)
        raise ApiError(
            ErrorCode.INVALID_PARAMETERS,
            data={"fields": {"provider": [f"{provider} sign-in is not enabled on this server."]}},
        ) from None
    except (providers.ProviderRefused, oauth.TokenRefused) as error:
        logger.info("Social login refused: %s", error)
        raise ApiError(ErrorCode.INVALID_CREDENTIALS) from None
    except IntegrityError:
        # The new account's name or email was registered a moment ago by someone else.
        logger.info("Social login refused: the new account's name or email was just taken")
        raise ApiError(ErrorCode.INVALID_CREDENTIALS) from None
    if providers.BACKEND_OF_PROVIDER[provider] == providers.GOOGLE_BACKEND:
        # gmail_sync listens: Gmail is readable again, a sync is queued.
        signals.google_token_received.send(sender=ProviderCredential, user=user)
    return token


def provider_token_store(
    *, credential_id: int, access_token: str, expires_at: datetime | None, refresh_token: str = ""
) -> None:
    """A provider's fresh access token (and refresh token, when one came), stored encrypted:
    update() still goes through EncryptedTextField.get_prep_value."""
    fields = {"access_token": access_token, "token_expires_at": expires_at}
    if refresh_token:
        fields["refresh_token"] = refresh_token
    ProviderCredential.objects.filter(pk=credential_id).update(**fields, updated_at=timezone.now())


# --- Passwords ----------------------------------------------------------------------------------


@transaction.atomic
def password_change(
    *,
    user: User,
    current_access_token_id: int,
    old_password: str,
    password: str,
    password2: str,
) -> None:
    """Signs out every other session: whoever knew the old password keeps nothing."""
    # 400, not 401: a web client reads 401 as "session expired" and signs the user out.
    if not user.check_password(old_password):
        raise InvalidParameters({"old_password": ["Your current password is not this one."]})
    _check_new_password(password=password, password2=password2, user=user)
    user.set_password(password)
    user.save(update_fields=["password"])
    _revoke_tokens(user=user, keep_access_token_id=current_access_token_id)


def password_reset_request(*, email: str) -> None:
    """Mails a one-time reset link to the account that owns this email (in any spelling), if
    it is active, has a password and has verified this email. The caller learns nothing either
    way. Without a mail
    backend configured for production the link would only reach the server log: 19."""
    if not settings.PASSWORD_RESET_MAIL_ENABLED:
        logger.error("Password reset requested, but EMAIL_BACKEND is not set: no mail sent")
        raise ApiError(ErrorCode.SERVICE_UNAVAILABLE)
    user = selectors.user_with_email(email=email)
    # Only to a verified address: whoever reads an address someone typed in by mistake (or
    # on purpose) must not be able to take the account over.
    if (
        user is not None
        and user.is_active
        and user.has_usable_password()
        and selectors.email_is_verified(user=user)
    ):
        _send_reset_link(user)


def _send_reset_link(user: User) -> None:
    query = urlencode(
        {
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        }
    )
    link = f"{settings.PASSWORD_RESET_URL}?{query}"
    send_mail(
        subject="Reset your JobHax password",
        message=(
            f"Someone asked to reset the password of your JobHax account {user.get_username()}.\n"
            f"To choose a new password, open:\n\n{link}\n\n"
            "The link works once. If it was not you, ignore this email."
        ),
        from_email=None,
        recipient_list=[user.email],
    )


@transaction.atomic
def password_reset(*, uid: str, token: str, password: str, password2: str) -> None:
    """Sets a new password from an emailed link (10 when the link is bad or used) and signs
    out every session."""
    user = _user_from_uid(uid)
    if user is None or not default_token_generator.check_token(user, token):
        raise ApiError(ErrorCode.INVALID_PARAMETERS, data={"fields": {"token": ["Invalid link."]}})
    _check_new_password(password=password, password2=password2, user=user)
    # The new password hash invalidates the link: it can be used once.
    user.set_password(password)
    user.save(update_fields=["password"])
    _revoke_tokens(user=user)


def _user_from_uid(uid: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uid)))
    except (ValueError, TypeError, OverflowError):
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


# --- Profile: the verified email and the calendar key --------------------------------------------


def profile_of(*, user: User) -> Profile:
    """The account's profile, made for accounts older than profiles (or bulk-created); its
    calendar key is always readable (a key stored under a retired FIELD_ENCRYPTION_KEY is
    replaced)."""
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        key = new_secret()
        profile, _ = Profile.objects.get_or_create(
            user=user, defaults={"calendar_key": key, "calendar_key_checksum": checksum(key)}
        )
    if not profile.calendar_key:
        profile = calendar_key_rotate(user=user)
    return profile


def calendar_key_rotate(*, user: User) -> Profile:
    """A new secret key for the calendar feed: the old URL stops working at once."""
    profile = Profile.objects.filter(user=user).first() or Profile(user=user)
    profile.calendar_key = new_secret()
    profile.calendar_key_checksum = checksum(profile.calendar_key)
    profile.save()
    return profile


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    """Django's signed, expiring reset token (PASSWORD_RESET_TIMEOUT), salted apart and bound
    to the address: a link stops working once that address is verified or the email changes."""

    key_salt = "users.services.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        verified = selectors.verified_email_of(user=user)
        return f"{user.pk}{user.email}{verified}{timestamp}"


email_verification_tokens = EmailVerificationTokenGenerator()


def email_verification_send(*, user: User, link_base: str) -> bool:
    """Mails the account a link that verifies its email (nothing when there is no email or it
    is verified already); False when no mail backend is configured for production (the link
    would only reach the server log). `link_base` is the verify_email endpoint's URL, used
    unless EMAIL_VERIFICATION_URL points at a web client page."""
    if not settings.PASSWORD_RESET_MAIL_ENABLED:
        logger.error("Email verification wanted, but EMAIL_BACKEND is not set: no mail sent")
        return False
    if not user.email or selectors.email_is_verified(user=user):
        return True
    query = urlencode(
        {
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": email_verification_tokens.make_token(user),
        }
    )
    link = f"{settings.EMAIL_VERIFICATION_URL or link_base}?{query}"
    send_mail(
        subject="Confirm your email for JobHax",
        message=(
            f"Welcome to JobHax, {user.get_username()}.\n"
            f"To confirm that {user.email} is your email address, open:\n\n{link}\n\n"
            "Until then you can use the tracker, but password resets and Google sign-in to this "
            "account wait for it. If you did not sign up, ignore this email."
        ),
        from_email=None,
        recipient_list=[user.email],
    )
    return True


def email_verification_after_register(*, user: User, link_base: str) -> None:
    """Registration's mail: the account exists whatever happens to it (the user can ask for it
    again with resend_verification_email)."""
    try:
        email_verification_send(user=user, link_base=link_base)
    except Exception:  # an SMTP server down must not fail a registration that is done
        logger.exception("Verification mail to new account %s not sent", user.pk)


def email_verification_resend(*, user: User, link_base: str) -> None:
    """19 when no mail backend is configured for production."""
    if not email_verification_send(user=user, link_base=link_base):
        raise ApiError(ErrorCode.SERVICE_UNAVAILABLE)


@transaction.atomic
def email_verify(*, uid: str, token: str) -> None:
    """Marks the account's email verified from the mailed link (10 when the link is bad or
    expired). A link for an address already verified succeeds again: mail scanners open links
    before people do."""
    user = _user_from_uid(uid)
    if user is None or not user.email:
        raise ApiError(ErrorCode.INVALID_PARAMETERS, data={"fields": {"token": ["Invalid link."]}})
    if selectors.email_is_verified(user=user):
        return
    if not email_verification_tokens.check_token(user, token):
        raise ApiError(ErrorCode.INVALID_PARAMETERS, data={"fields": {"token": ["Invalid link."]}})
    email_mark_verified(user=user)


def email_mark_verified(*, user: User) -> None:
    """The account's current email is proven (by our link, or by Google or LinkedIn)."""
    profile = profile_of(user=user)
    profile.verified_email = user.email
    profile.email_verified_at = timezone.now()
    profile.save(update_fields=["verified_email", "email_verified_at"])
