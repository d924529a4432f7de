"""Our steps in python-social-auth's pipeline (settings.SOCIAL_AUTH_PIPELINE)."""
from social_core.exceptions import AuthAssociationError
from social_core.pipeline.social_auth import associate_by_email

from .models import Provider, ProviderCredential

# LinkedIn's OpenID Connect login is the same LinkedIn account as its older OAuth2 login.
PROVIDER_OF_BACKEND = {
    "google-oauth2": Provider.GOOGLE,
    "linkedin-oauth2": Provider.LINKEDIN,
    "linkedin-openidconnect": Provider.LINKEDIN,
}


def email_is_verified(response: dict) -> bool:
    """Only Google and LinkedIn's OpenID Connect say so explicitly (`email_verified`); LinkedIn's
    older API does not, so its email is never trusted to link accounts."""
    return response.get("email_verified") is True


def associate_by_verified_email(backend, details, response, user=None, *args, **kwargs):
    """Links the login to an existing account with the same email, but only when the provider
    vouches for the address: otherwise anyone could claim an account by typing its email."""
    if user or not details.get("email"):
        return None
    if email_is_verified(response):
        return associate_by_email(backend, details, None, *args, **kwargs)
    if backend.strategy.storage.user.get_users_by_email(details["email"]).exists():
        # Creating a second account with this email would make email login ambiguous.
        raise AuthAssociationError(backend)
    return None


def store_provider_credential(backend, user, uid, response, details, *args, **kwargs):
    """Keeps the provider's token (encrypted) and profile on our own model. The pipeline leaves
    out social-auth's load_extra_data, so no token lands in UserSocialAuth.extra_data."""
    provider = PROVIDER_OF_BACKEND[backend.name]
    owners = ProviderCredential.objects.filter(provider=provider, uid=str(uid))
    if owners.exclude(user=user).exists():
        # The same provider account already belongs to another JobHax user.
        raise AuthAssociationError(backend)
    ProviderCredential.objects.update_or_create(
        user=user,
        provider=provider,
        defaults={
            "uid": str(uid),
            "access_token": response["access_token"],
            "token_expires_at": None,
            "profile": provider_profile(uid=uid, response=response, details=details),
        },
    )


def provider_profile(*, uid, response: dict, details: dict) -> dict:
    """`{id, first_name, last_name, email, picture, headline}`, only what the provider told."""
    profile = {
        "id": str(uid),
        "first_name": details.get("first_name"),
        "last_name": details.get("last_name"),
        "email": details.get("email"),
        "picture": response.get("picture") or _legacy_linkedin_picture(response),
        "headline": response.get("localizedHeadline") or response.get("headline"),
    }
    return {key: value for key, value in profile.items() if isinstance(value, str) and value}


def _legacy_linkedin_picture(response: dict) -> str | None:
    """The largest image of LinkedIn v2's `profilePicture(displayImage~:playableStreams)`."""
    try:
        elements = response["profilePicture"]["displayImage~"]["elements"]
        return elements[-1]["identifiers"][0]["identifier"]
    except (KeyError, IndexError, TypeError):
        return None
