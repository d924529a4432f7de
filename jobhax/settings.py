"""JobHax settings: one module, every knob read from the environment.

Defaults are for development on a bare laptop (SQLite, eager Celery, local-memory cache).
Production sets DEBUG=0, SECRET_KEY, DATABASE_URL and REDIS_URL (see README.md).
"""
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
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


DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "dev-only-insecure-secret-key-do-not-use-in-production"
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG=0.")
    SECRET_KEY = _DEV_SECRET_KEY
elif not DEBUG and SECRET_KEY == _DEV_SECRET_KEY:
    raise ImproperlyConfigured("The development SECRET_KEY cannot be used when DEBUG=0.")

# Key for provider tokens encrypted at rest (comma-separated Fernet keys, newest first, so keys
# can be rotated). In development it is derived from SECRET_KEY.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEY", [])
if not FIELD_ENCRYPTION_KEYS and not DEBUG:
    raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must be set when DEBUG=0.")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
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
    "users",
    "jobapps",
    "metrics",
    "gmail_sync",
]

MIDDLEWARE = [
    "jobhax.api.middleware.RequestIdMiddleware",
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
        "DIRS": [],
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
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "jobhax"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Seconds a user's computed metrics are kept (0 = always recompute); any write drops them.
METRICS_CACHE_SECONDS = env_int("METRICS_CACHE_SECONDS", 300)

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
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
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

LANGUAGE_CODE = "en-us"
# Month and week buckets in the metrics are computed in this zone.
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "JobHax <no-reply@jobhax.local>")
# Where the password-reset link in the email points (the web client's reset page).
PASSWORD_RESET_URL = env("PASSWORD_RESET_URL", "http://localhost:3000/reset-password")

# --- CORS -------------------------------------------------------------------------------------
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", [])
CORS_ALLOWED_ORIGIN_REGEXES = env_list(
    "CORS_ALLOWED_ORIGIN_REGEXES",
    [
        r"^http://localhost(:\d+)?$",
        r"^http://127\.0\.0\.1(:\d+)?$",
        r"^chrome-extension://[a-z0-9]+$",
        r"^moz-extension://[0-9a-f-]+$",
    ],
)
CORS_EXPOSE_HEADERS = ["Retry-After", "X-Request-ID"]

# --- API ----------------------------------------------------------------------------------------
JOBHAX_ERRORS_AS_HTTP_200 = env_bool("JOBHAX_ERRORS_AS_HTTP_200", False)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "jobhax.api.authentication.BearerTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["jobhax.api.renderers.EnvelopeJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "jobhax.api.negotiation.EnvelopeContentNegotiation",
    "EXCEPTION_HANDLER": "jobhax.api.exceptions.envelope_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {
        "login_ip": env("THROTTLE_LOGIN_IP", "30/min"),
        "login_username": env("THROTTLE_LOGIN_USERNAME", "10/min"),
        "register_ip": env("THROTTLE_REGISTER_IP", "20/hour"),
        "password_reset": env("THROTTLE_PASSWORD_RESET", "5/hour"),
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
}

# --- OAuth2 (django-oauth-toolkit) --------------------------------------------------------------
ACCESS_TOKEN_LIFETIME_SECONDS = env_int("ACCESS_TOKEN_LIFETIME_SECONDS", 36000)
REFRESH_TOKEN_LIFETIME_SECONDS = env_int("REFRESH_TOKEN_LIFETIME_SECONDS", 30 * 24 * 3600)
OAUTH2_PROVIDER = {
    "ACCESS_TOKEN_EXPIRE_SECONDS": ACCESS_TOKEN_LIFETIME_SECONDS,
    "REFRESH_TOKEN_EXPIRE_SECONDS": REFRESH_TOKEN_LIFETIME_SECONDS,
    "ROTATE_REFRESH_TOKEN": True,
    "SCOPES": {"read": "Read your applications", "write": "Change your applications"},
    "DEFAULT_SCOPES": ["read", "write"],
    "PKCE_REQUIRED": False,
}

# --- Social login (social-auth-app-django) -----------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "social_core.backends.google.GoogleOAuth2",
    "social_core.backends.linkedin.LinkedinOAuth2",
    # LinkedIn's OIDC backend, accepting the bare access tokens that auth_social_user receives.
    "users.backends.LinkedinOpenIdConnectAccessToken",
    "django.contrib.auth.backends.ModelBackend",
]
GOOGLE_CLIENT_ID = env("GOOGLE_CLIENT_ID")
GOOGLE_CLIENT_SECRET = env("GOOGLE_CLIENT_SECRET")
SOCIAL_AUTH_GOOGLE_OAUTH2_KEY = GOOGLE_CLIENT_ID
SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET = GOOGLE_CLIENT_SECRET
SOCIAL_AUTH_LINKEDIN_OAUTH2_KEY = env("LINKEDIN_CLIENT_ID")
SOCIAL_AUTH_LINKEDIN_OAUTH2_SECRET = env("LINKEDIN_CLIENT_SECRET")
SOCIAL_AUTH_LINKEDIN_OPENIDCONNECT_KEY = SOCIAL_AUTH_LINKEDIN_OAUTH2_KEY
SOCIAL_AUTH_LINKEDIN_OPENIDCONNECT_SECRET = SOCIAL_AUTH_LINKEDIN_OAUTH2_SECRET
SOCIAL_AUTH_JSONFIELD_ENABLED = True
# Timeout (seconds) for every call to Google's and LinkedIn's userinfo/tokeninfo endpoints.
PROVIDER_HTTP_TIMEOUT_SECONDS = env_int("PROVIDER_HTTP_TIMEOUT_SECONDS", 10)
SOCIAL_AUTH_REQUESTS_TIMEOUT = PROVIDER_HTTP_TIMEOUT_SECONDS
SOCIAL_AUTH_USER_FIELDS = ["username", "email", "first_name", "last_name"]
SOCIAL_AUTH_LINKEDIN_OAUTH2_FIELD_SELECTORS = [
    "emailAddress",
    "profilePicture(displayImage~:playableStreams)",
]
# Known endpoint: no OIDC discovery request on every login.
SOCIAL_AUTH_LINKEDIN_OPENIDCONNECT_USERINFO_URL = "https://api.linkedin.com/v2/userinfo"
# Social-auth's default pipeline, except: accounts are linked by email only when the provider
# says the email is verified; provider tokens go to users.ProviderCredential (encrypted), so
# load_extra_data (which would copy them into UserSocialAuth.extra_data in clear) is left out;
# user_details is left out so a login does not overwrite names the user edited.
SOCIAL_AUTH_PIPELINE = (
    "social_core.pipeline.social_auth.social_details",
    "social_core.pipeline.social_auth.social_names",
    "social_core.pipeline.social_auth.social_uid",
    "social_core.pipeline.social_auth.auth_allowed",
    "social_core.pipeline.social_auth.social_user",
    "users.pipeline.associate_by_verified_email",
    "social_core.pipeline.user.get_username",
    "social_core.pipeline.user.create_user",
    "social_core.pipeline.social_auth.associate_user",
    "users.pipeline.store_provider_credential",
)

# --- Gmail --------------------------------------------------------------------------------------
# Overridable so tests (and `make bench-sync`) point the real client at a fake server.
GMAIL_API_ENDPOINT = env("GMAIL_API_ENDPOINT") or None
GOOGLE_TOKEN_URI = env("GOOGLE_TOKEN_URI", "https://oauth2.googleapis.com/token")
GMAIL_LOOKBACK_DAYS = env_int("GMAIL_LOOKBACK_DAYS", 365)
# A sync renews its per-user lock after every batch; a dead worker's lock lapses after this.
GMAIL_SYNC_LOCK_SECONDS = env_int("GMAIL_SYNC_LOCK_SECONDS", 600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "jobhax.api.middleware.RequestIdLogFilter"}},
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
    "loggers": {"oauthlib": {"level": "INFO"}},
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
