"""The hash of OAuth client secrets (settings.OAUTH2_PROVIDER["CLIENT_SECRET_HASHER"])."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class ClientSecretHasher(PBKDF2PasswordHasher):
    """Client secrets are long random strings (create_oauth_client makes 128 characters), so
    guessing one from its hash is hopeless without key stretching: one salted PBKDF2-SHA256
    round keeps a stolen database from revealing them, and checking a secret costs microseconds
    instead of the hundreds of milliseconds of Argon2 (which made every logout, refresh and
    login a way to load the server). Never used for user passwords (Argon2 stays first in
    PASSWORD_HASHERS)."""

    algorithm = "client_secret_sha256"
    iterations = 1
