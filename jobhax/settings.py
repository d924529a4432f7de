"""JobHax settings: one module, every knob read from the environment.

DEBUG is off unless the environment turns it on (`make run` does, for development); without
DEBUG the server refuses to start unless SECRET_KEY and FIELD_ENCRYPTION_KEY are set and valid.
The other defaults suit a bare laptop (SQLite, eager Celery, local-memory cache); production
sets DATABASE_URL and REDIS_URL too (see README.md).
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = env(name)
    if not raw:
        return default
    return raw.lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = env(name)
    return int(raw) if raw else default


def env_list(name: str, default: list[str]) -> list[str]:
    raw = env(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

_DEV_SECRET_KEY = "dev-only-insecure-secret-key-do-not-use-in-production"
_MAKE_SECRET_KEY = "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
_MAKE_FERNET_KEY = (
    "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
)


def _production_secret_key(key: str) -> str:
    """SECRET_KEY signs sessions and password-reset links: without DEBUG it must be set and
    strong by Django's own measure (check --deploy, security.W009)."""
    if not key:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random value (make one with "
            f"{_MAKE_SECRET_KEY}), or set DEBUG=1 for development."
        )
    if key == _DEV_SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY is the development key; set a real one.")
    if len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure-"):
        raise ImproperlyConfigured(
            "SECRET_KEY is too weak: it needs at least 50 characters, 5 of them different "
            f"(make one with {_MAKE_SECRET_KEY})."
        )
    return key


def _fernet_keys(raw: list[str]) -> list[str]:
    """FIELD_ENCRYPTION_KEY: comma-separated Fernet keys, checked now rather than at the first
    Google login that needs them."""
    for position, key in enumerate(raw, start=1):
        try:
            Fernet(key)
        except ValueError:
            raise ImproperlyConfigured(
                f"FIELD_ENCRYPTION_KEY: key {position} of {len(raw)} is not a Fernet key (32 "
                f"url-safe base64-encoded bytes); make one with {_MAKE_FERNET_KEY}."
            ) from None
    return raw


SECRET_KEY = (
    (env("SECRET_KEY") or _DEV_SECRET_KEY) if DEBUG else _production_secret_key(env("SECRET_KEY"))
)

# Key for provider tokens encrypted at rest (comma-separated Fernet keys, newest first, so keys
# can be rotated). In development it is derived from SECRET_KEY.
FIELD_ENCRYPTION_KEYS = _fernet_keys(env_list("FIELD_ENCRYPTION_KEY", []))
if not FIELD_ENCRYPTION_KEYS and not DEBUG:
    raise ImproperlyConfigured(
        f"FIELD_ENCRYPTION_KEY is not set. Make one with {_MAKE_FERNET_KEY}, or set DEBUG=1 "
        "for development."
    )

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Django's admin, with its login throttled like the API's.
    "users.admin_site.ThrottledAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "oauth2_provider",
    "social_django",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and ReDoc served from here, not from a CDN
    "users",
    "jobapps",
    "metrics",
    "gmail_sync",
]

MIDDLEWARE = [
    "jobhax.api.middleware.RequestIdMiddleware",
    "jobhax.api.middleware.RequestSizeLimitMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jobhax.api.middleware.EnvelopeExceptionMiddleware",
]

ROOT_URLCONF = "jobhax.urls"
WSGI_APPLICATION = "jobhax.wsgi.application"
# API paths are matched with and without a trailing slash by the URL patterns themselves;
# a redirect would turn a POST into a GET in most clients.
APPEND_SLASH = False

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Overrides: drf_spectacular/redoc.html without its web fonts (no CDN).
        "DIRS": [BASE_DIR / "jobhax" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DB_CONN_MAX_AGE", 600),
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH") or str(BASE_DIR / "db.sqlite3"),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
# Seconds to wait for Redis (cache, locks, broker) before taking it for unreachable.
REDIS_TIMEOUT_SECONDS = 1
CACHE_KEY_PREFIX = env("CACHE_KEY_PREFIX", "jobhax")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis rather than Django's own backend for IGNORE_EXCEPTIONS: the cache
            # only holds throttle counters and computed metrics, so while Redis is away every
            # read misses and every write is dropped (logged) instead of failing the request.
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT_SECONDS,
                "SOCKET_TIMEOUT": REDIS_TIMEOUT_SECONDS,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "jobhax.cache"
# Seconds a user's computed metrics are kept (0 = always recompute); any write drops them.
METRICS_CACHE_SECONDS = env_int("METRICS_CACHE_SECONDS", 300)

CELERY_BROKER_URL = REDIS_URL or "memory://"
# Nothing reads a task's result: no result backend, so queueing a task talks to the broker only.
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# Queueing from a request must fail fast when the broker is away (the API answers code 19).
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT_SECONDS
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # A task taken by a worker that died without acknowledging it (tasks are acknowledged late)
    # goes back to the queue once this long has passed since it was delivered.
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT_SECONDS", 300),
    "socket_timeout": REDIS_TIMEOUT_SECONDS,
    "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
    # Opening a connection to publish: one attempt (Celery's publish retry policy still
    # applies where a caller keeps it, e.g. beat's sync_all_users).
    "max_retries": 0,
}
# Without a broker, tasks run in-process so `make run` needs nothing but Python.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
GMAIL_SYNC_INTERVAL_SECONDS = env_int("GMAIL_SYNC_INTERVAL_SECONDS", 3600)
CELERY_BEAT_SCHEDULE = {
    "resync-gmail-users": {
        "task": "gmail_sync.tasks.sync_all_users",
        "schedule": timedelta(seconds=GMAIL_SYNC_INTERVAL_SECONDS),
    },
    # Records the applications that became ghosted (jobapps.tasks); never changes a status.
    "record-ghosted-applications": {
        "task": "jobapps.tasks.record_ghosted_applications",
        "schedule": crontab(hour=4, minute=0),  # daily, 04:00 UTC
    },
}
# Days without a status change, mail or note after which an Applied application looks ghosted
# (get_follow_ups); each user may choose their own in `me`.
GHOSTED_AFTER_DAYS = env_int("GHOSTED_AFTER_DAYS", 21)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "users.validators.NotBlankPasswordValidator"},
    {"NAME": "users.validators.NotLikeUsernameValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    # OAuth client secrets only (OAUTH2_PROVIDER["CLIENT_SECRET_HASHER"]), never passwords.
    "users.hashers.ClientSecretHasher",
]

LANGUAGE_CODE = "en-us"
# Month and week buckets in the metrics are computed in this zone.
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

# Password-reset mails carry a live link: without DEBUG they go out only through a backend set
# on purpose (the console backend would print the links into the server log), and
# request_password_reset answers code 19 until EMAIL_BACKEND is set (check --deploy warns).
PASSWORD_RESET_MAIL_ENABLED = DEBUG or bool(env("EMAIL_BACKEND"))
EMAIL_BACKEND = env("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.dummy.EmailBackend"
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "JobHax <no-reply@jobhax.local>")
# Where the password-reset link in the email points (the web client's reset page).
PASSWORD_RESET_URL = env("PASSWORD_RESET_URL", "http://localhost:3000/reset-password")
# Where the email-verification link points: a web client page that posts `uid` and `token` to
# /api/users/verify_email, or (unset) that API endpoint itself on the host the user registered
# through, which verifies on GET.
EMAIL_VERIFICATION_URL = env("EMAIL_VERIFICATION_URL")

# --- HTTPS and proxies --------------------------------------------------------------------------
# How many reverse proxies in front of gunicorn append the client address to X-Forwarded-For.
# 0 (clients reach gunicorn directly): the header is ignored, whatever a client writes in it.
# N: the address the outermost trusted proxy saw is the client's (throttles, logs), and the
# proxy's X-Forwarded-Proto says whether the request came over HTTPS.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind an HTTPS proxy (and DEBUG off) plain HTTP is redirected to HTTPS by default. HSTS is
# on without DEBUG; Django sends it on HTTPS responses only.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG and TRUSTED_PROXY_COUNT > 0)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# The health check of a load balancer probing over plain HTTP is not redirected.
SECURE_REDIRECT_EXEMPT = [r"^api/health/?$"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)

# --- CORS -------------------------------------------------------------------------------------
# Browsers call from other origins (CONTRACT.md §1). With DEBUG any local web client and any
# browser extension may; without it only the configured origins and extension ids.
CORS_URLS_REGEX = r"^/api/.*$"
# Chrome extension ids (32 letters a-p), each allowed as the origin chrome-extension://<id>.
CORS_ALLOWED_EXTENSION_IDS = env_list("CORS_ALLOWED_EXTENSION_IDS", [])
for _extension_id in CORS_ALLOWED_EXTENSION_IDS:
    if not re.fullmatch(r"[a-p]{32}", _extension_id):
        raise ImproperlyConfigured(
            f"CORS_ALLOWED_EXTENSION_IDS: {_extension_id!r} is not a Chrome extension id "
            "(32 letters a-p, as chrome://extensions shows it)."
        )
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", []) + [
    f"chrome-extension://{extension_id}" for extension_id in CORS_ALLOWED_EXTENSION_IDS
]
CORS_ALLOWED_ORIGIN_REGEXES = env_list(
    "CORS_ALLOWED_ORIGIN_REGEXES",
    [
        r"^http://localhost(:\d+)?$",
        r"^http://127\.0\.0\.1(:\d+)?$",
        r"^chrome-extension://[a-z0-9]+$",
        r"^moz-extension://[0-9a-f-]+$",
    ]
    if DEBUG
    else [],
)
CORS_EXPOSE_HEADERS = ["Retry-After", "X-Request-ID"]

# --- API ----------------------------------------------------------------------------------------
JOBHAX_ERRORS_AS_HTTP_200 = env_bool("JOBHAX_ERRORS_AS_HTTP_200", False)
# Request size limits (code 18, HTTP 413 beyond them): any body over REQUEST_MAX_BYTES is refused
# unread; JSON and form bodies over DATA_UPLOAD_MAX_MEMORY_SIZE (Django's 2.5 MB default) and
# forms with more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields (Django's 1,000) too.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_BYTES", 10 * 1024 * 1024)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "jobhax.api.authentication.BearerTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["jobhax.api.renderers.EnvelopeJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["jobhax.api.parsers.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "jobhax.api.negotiation.EnvelopeContentNegotiation",
    "EXCEPTION_HANDLER": "jobhax.api.exceptions.envelope_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # The client address of every throttle (DRF's get_ident): see TRUSTED_PROXY_COUNT.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    # Per-user limits of costly endpoints, by URL name (the rates below); the public auth
    # endpoints have their own (users.throttles).
    "DEFAULT_THROTTLE_CLASSES": ["jobhax.api.throttles.EndpointRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        # Per address: login (API and admin), and separately refresh, social login, logout.
        "login_ip": env("THROTTLE_LOGIN_IP", "30/min"),
        # Password guesses at one account from one address (also per username at register,
        # and per user at change_password).
        "login_username": env("THROTTLE_LOGIN_USERNAME", "10/min"),
        # Password guesses at one account from all addresses together.
        "login_account": env("THROTTLE_LOGIN_ACCOUNT", "50/min"),
        "register_ip": env("THROTTLE_REGISTER_IP", "20/hour"),
        "password_reset": env("THROTTLE_PASSWORD_RESET", "5/hour"),
        "import_jobapps_csv": env("THROTTLE_CSV_IMPORT", "30/hour"),
        "resend_verification_email": env("THROTTLE_VERIFICATION_EMAIL", "3/hour"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "JobHax API",
    "DESCRIPTION": (
        "Job application tracker. Every response is the envelope "
        "`{success, error_code, error_message, data}`; the schemas below describe `data` "
        "inside it."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "jobhax.api.schema.wrap_responses_in_envelope",
    ],
    "COMPONENT_SPLIT_REQUEST": True,
    # Fields named `source` take three choice sets: who changed a contact or an event, and the
    # rows of the metrics' two month charts.
    "ENUM_NAME_OVERRIDES": {
        "SourceEnum": "jobapps.models.Source.values",
        "MonthChartSourceEnum": "metrics.serializers.SOURCE_LABELS",
        "MonthChartSourceWithTotalEnum": "metrics.serializers.SOURCE_LABELS_WITH_TOTAL",
    },
    # Pinned local copies (drf-spectacular-sidecar), collected as static files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- OAuth2 (django-oauth-toolkit) --------------------------------------------------------------
ACCESS_TOKEN_LIFETIME_SECONDS = env_int("ACCESS_TOKEN_LIFETIME_SECONDS", 36000)
REFRESH_TOKEN_LIFETIME_SECONDS = env_int("REFRESH_TOKEN_LIFETIME_SECONDS", 30 * 24 * 3600)
OAUTH2_PROVIDER = {
    "ACCESS_TOKEN_EXPIRE_SECONDS": ACCESS_TOKEN_LIFETIME_SECONDS,
    "REFRESH_TOKEN_EXPIRE_SECONDS": REFRESH_TOKEN_LIFETIME_SECONDS,
    "ROTATE_REFRESH_TOKEN": True,
    # A refresh token used twice was stolen (or is replayed): every token of its family, the
    # legitimate client's included, is revoked (RFC 9700 §4.14.2).
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "SCOPES": {"read": "Read your applications", "write": "Change your applications"},
    "DEFAULT_SCOPES": ["read", "write"],
    # Client secrets are long random strings: a fast salted hash (users.hashers) makes a check
    # cost microseconds; older slow hashes are upgraded on use (users.oauth).
    "CLIENT_SECRET_HASHER": "client_secret_sha256",
    "OAUTH2_VALIDATOR_CLASS": "users.oauth.SecretRehashingValidator",
    # RFC 9700 (OAuth 2.0 Security BCP), enforced: access tokens never in a URL, tokens stored
    # as checksums only, no implicit grant, https redirect URIs, PKCE. The password grant stays:
    # it is the contract's login (see SILENCED_SYSTEM_CHECKS).
    "PKCE_REQUIRED": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
}
SILENCED_SYSTEM_CHECKS = [
    # The password grant is how the contract's clients log in (CONTRACT.md §3).
    "oauth2_provider.W002",
    # HSTS preload commits the whole domain and its subdomains to HTTPS, beyond what the API
    # alone can promise: opt in with SECURE_HSTS_PRELOAD=1.
    "security.W021",
    # Covering indexes (INCLUDE columns, jobapps migration 0007) speed up PostgreSQL; SQLite,
    # the development default, builds them without the extra columns, which is all it needs.
    "models.W040",
]

# --- Social login (social-auth-app-django) -----------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # Google and LinkedIn (OpenID Connect) logins for tokens that clients send; users.providers
    # checks first that the tokens were issued to the client ids below.
    "users.backends.GoogleAccessTokenLogin",
    "users.backends.LinkedinAccessTokenLogin",
    # Passwords, for the account that any spelling of its username or email reaches.
    "users.backends.LoginNameBackend",
]
# A provider whose client id is not set is refused: its tokens cannot be checked.
GOOGLE_CLIENT_ID = env("GOOGLE_CLIENT_ID")
GOOGLE_CLIENT_SECRET = env("GOOGLE_CLIENT_SECRET")
LINKEDIN_CLIENT_ID = env("LINKEDIN_CLIENT_ID")
LINKEDIN_CLIENT_SECRET = env("LINKEDIN_CLIENT_SECRET")
# The providers' endpoints (tests point them at a fake provider on loopback).
GOOGLE_TOKENINFO_URL = env("GOOGLE_TOKENINFO_URL", "https://oauth2.googleapis.com/tokeninfo")
GOOGLE_USERINFO_URL = env("GOOGLE_USERINFO_URL", "https://www.googleapis.com/oauth2/v3/userinfo")
LINKEDIN_USERINFO_URL = env("LINKEDIN_USERINFO_URL", "https://api.linkedin.com/v2/userinfo")
LINKEDIN_INTROSPECT_URL = env(
    "LINKEDIN_INTROSPECT_URL", "https://www.linkedin.com/oauth/v2/introspectToken"
)
LINKEDIN_JWKS_URL = env("LINKEDIN_JWKS_URL", "https://www.linkedin.com/oauth/openid/jwks")
LINKEDIN_ISSUER = env("LINKEDIN_ISSUER", "https://www.linkedin.com/oauth")
SOCIAL_AUTH_GOOGLE_OAUTH2_KEY = GOOGLE_CLIENT_ID
SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET = GOOGLE_CLIENT_SECRET
SOCIAL_AUTH_LINKEDIN_OPENIDCONNECT_KEY = LINKEDIN_CLIENT_ID
SOCIAL_AUTH_LINKEDIN_OPENIDCONNECT_SECRET = LINKEDIN_CLIENT_SECRET
SOCIAL_AUTH_JSONFIELD_ENABLED = True
# Timeout (seconds) for every call to Google's and LinkedIn's endpoints above.
PROVIDER_HTTP_TIMEOUT_SECONDS = env_int("PROVIDER_HTTP_TIMEOUT_SECONDS", 10)
SOCIAL_AUTH_REQUESTS_TIMEOUT = PROVIDER_HTTP_TIMEOUT_SECONDS
SOCIAL_AUTH_USER_FIELDS = ["username", "email", "first_name", "last_name"]
# Social-auth's default pipeline, except: accounts are linked by email only when the provider
# says the email is verified; provider tokens go to users.ProviderCredential (encrypted), so
# load_extra_data (which would copy them into UserSocialAuth.extra_data in clear) is left out;
# user_details is left out so a login does not overwrite names the user edited.
# Accounts are linked only to an account that verified its email, and a provider that vouches
# for the account's email verifies it.
SOCIAL_AUTH_PIPELINE = (
    "social_core.pipeline.social_auth.social_details",
    "social_core.pipeline.social_auth.social_names",
    "social_core.pipeline.social_auth.social_uid",
    "social_core.pipeline.social_auth.auth_allowed",
    "social_core.pipeline.social_auth.social_user",
    "users.pipeline.associate_by_verified_email",
    "users.pipeline.unique_username",
    "social_core.pipeline.user.create_user",
    "social_core.pipeline.social_auth.associate_user",
    "users.pipeline.store_provider_credential",
    "users.pipeline.mark_email_verified",
)

# --- Gmail --------------------------------------------------------------------------------------
# Overridable so tests (and `make bench-sync`) point the real client at a fake server.
GMAIL_API_ENDPOINT = env("GMAIL_API_ENDPOINT") or None
GOOGLE_TOKEN_URI = env("GOOGLE_TOKEN_URI", "https://oauth2.googleapis.com/token")
GMAIL_LOOKBACK_DAYS = env_int("GMAIL_LOOKBACK_DAYS", 365)
# A running sync renews its per-user lock (in Redis) every third of this; a killed worker's
# lock lapses after it, and the sync status says `interrupted` from then on.
GMAIL_SYNC_LOCK_SECONDS = env_int("GMAIL_SYNC_LOCK_SECONDS", 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "jobhax.api.middleware.RequestIdLogFilter"},
        "without_traceback": {"()": "jobhax.logs.WithoutTraceback"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # oauthlib logs every token it issues at DEBUG: keep it quiet even when LOG_LEVEL=DEBUG.
    "loggers": {
        "oauthlib": {"level": "INFO"},
        # Redis away: each dropped cache call is one line (DJANGO_REDIS_LOGGER, above).
        "jobhax.cache": {"filters": ["without_traceback"]},
    },
}
