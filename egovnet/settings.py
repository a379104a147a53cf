"""Django settings, read from the environment.

Required in production (`EGOVNET_MODE=production`, the default): ``SECRET_KEY``.
Optional: ``DATABASE_URL`` (PostgreSQL; otherwise a SQLite file under ``EGOVNET_DATA_DIR``),
``EGOVNET_DEBUG`` (refused in production), ``EGOVNET_ALLOWED_HOSTS``, ``EGOVNET_DATA_DIR``, and the
hardening variables of docs/decisions/0020–0024 (HTTPS, HSTS, proxy header, session lifetime, login lockout,
audit key and checkpoints).
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
MODE = os.environ.get("EGOVNET_MODE", "production").lower()  # production | demo | dev | test
if "pytest" in sys.modules or os.environ.get("EGOVNET_TESTING"):
    MODE = "test"
DATA_DIR = Path(os.environ.get("EGOVNET_DATA_DIR", Path.cwd() / "var")).resolve()


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if MODE == "test":
        return "test-only-" + "x" * 40
    if MODE in {"demo", "dev"}:
        # A per-installation random key, kept in the data folder: never a hard-coded default.
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file = DATA_DIR / "secret_key"
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
            key_file.chmod(0o600)
        return key_file.read_text(encoding="utf-8").strip()
    raise ImproperlyConfigured(
        "SECRET_KEY 未设置：生产模式下必须通过环境变量 SECRET_KEY 提供密钥。"
        " / SECRET_KEY is not set: in production mode it must be given in the environment "
        "(or run the demo with EGOVNET_MODE=demo)."
    )


def _database(url: str | None) -> dict:
    if not url:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "egovnet.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-64000;",
            },
            # Keep the connection (and its 64 MB page cache) between requests, as for PostgreSQL: reopening the
            # file and re-running the PRAGMAs on every request cost about 40 % of an API list (ADR 0270).
            "CONN_MAX_AGE": 60,
        }
    parsed = urlparse(url)
    if parsed.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(f"DATABASE_URL: unsupported scheme {parsed.scheme!r} (use postgresql://)")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")),
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "",
        "PORT": str(parsed.port or ""),
        "CONN_MAX_AGE": 60,
    }


SECRET_KEY = _secret_key()
DEBUG = _truthy(os.environ.get("EGOVNET_DEBUG"))
if DEBUG and MODE == "production":
    raise ImproperlyConfigured(
        "EGOVNET_DEBUG=1 在生产模式下不允许：调试页面会泄露配置和数据。请删除 EGOVNET_DEBUG，或使用 EGOVNET_MODE=dev。"
        " / EGOVNET_DEBUG=1 is refused in production mode: debug pages leak settings and data. "
        "Unset EGOVNET_DEBUG, or use EGOVNET_MODE=dev."
    )
ALLOWED_HOSTS = [h for h in os.environ.get("EGOVNET_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h]
if MODE == "test":
    ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI / ReDoc assets served locally (closed networks: no CDN)
    "axes",  # login lockout per account and per client (docs/decisions/0020)
    "csp",  # Content-Security-Policy header (docs/decisions/0022)
    "health_check",  # /readyz (egovnet.core.health)
    "django_tasks",  # Django's task framework (backport; built into Django 6)
    "django_tasks_db",  # its database backend: the queue lives in SQLite or PostgreSQL, no broker
    "egovnet.core",
    "egovnet.geo",
    "egovnet.orgs",
    "egovnet.networks",
    "egovnet.systems",
    "egovnet.projects",
    "egovnet.migration",
    "egovnet.policy",
    "egovnet.reports",
    "egovnet.exchange",
    "egovnet.tasks",
    "egovnet.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "egovnet.core.metrics.MetricsMiddleware",  # latency and queries per request, by view (/metrics)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "egovnet.core.middleware.RequestIdMiddleware",
    "csp.middleware.CSPMiddleware",
    "egovnet.core.middleware.PermissionsPolicyMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout flagged during authentication into the 429 answer
]

ROOT_URLCONF = "egovnet.urls"
WSGI_APPLICATION = "egovnet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "egovnet.core.context_processors.platform",
                "egovnet.tasks.context_processors.inbox",
            ],
        },
    },
]

DATABASES = {"default": _database(os.environ.get("DATABASE_URL"))}
# A streaming replica for report and export reads (egovnet.core.db_router). Tests get a mirror of the default
# database under the same alias, used only by the tests that turn DATABASE_READ_REPLICA on.
if os.environ.get("DATABASE_REPLICA_URL") or MODE == "test":
    DATABASES["replica"] = {
        **_database(os.environ.get("DATABASE_REPLICA_URL") or os.environ.get("DATABASE_URL")),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_READ_REPLICA = "replica" if os.environ.get("DATABASE_REPLICA_URL") else ""
DATABASE_ROUTERS = ["egovnet.core.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out account or client before any password check
    "django.contrib.auth.backends.ModelBackend",
]
# GB/T 22239-2019 8.1.4.1 a) (身份鉴别: 口令复杂度): length, character classes, not like the username, not common.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "egovnet.core.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "first_name", "last_name", "email"), "max_similarity": 0.5},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id first; the others only verify older hashes, which are re-hashed with Argon2 at the next sign-in.
PRODUCTION_PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
PASSWORD_HASHERS = PRODUCTION_PASSWORD_HASHERS
if MODE == "test":
    # Speed only: core/tests/test_passwords.py proves every other mode hashes with Argon2.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PRODUCTION_PASSWORD_HASHERS]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Production serves collected files; demo/dev/test serve straight from the package (finders).
STATIC_ROOT = DATA_DIR / "static" if MODE == "production" else None
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True  # serve straight from the package: no collectstatic step for the demo
MEDIA_ROOT = Path(os.environ.get("EGOVNET_MEDIA_DIR", DATA_DIR / "media"))
EVIDENCE_MAX_BYTES = int(os.environ.get("EGOVNET_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "egovnet.core.api.parsers.BoundedJSONParser",  # object bodies only, nested at most 32 levels
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "egovnet.core.api.pagination.RegistryPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "egovnet.core.api.schema.EgovnetAutoSchema",
    "EXCEPTION_HANDLER": "egovnet.core.api.exceptions.exception_handler",
    "PAGE_SIZE": 50,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "egovnet API",
    "DESCRIPTION": "国家电子政务网络建设和应用管理平台 API (发改高技[2012]1986号)",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],  # the schema maps the registry: sign in
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    # Every operation declares its error answers too (400/401/403/404/409/415/429 with their JSON shape).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "egovnet.core.api.schema.document_error_responses",
        "egovnet.core.api.schema.document_field_selection",  # ?fields= answers carry only the selected keys
    ],
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "OrgKindEnum": "egovnet.orgs.choices.OrgKind",
        "LevelEnum": "egovnet.orgs.choices.Level",
        "DivisionLevelEnum": "egovnet.geo.choices.DivisionLevel",
        "ComponentKindEnum": "egovnet.networks.choices.ComponentKind",
        "NetworkStatusEnum": "egovnet.networks.choices.NetworkStatus",
        "SystemStatusEnum": "egovnet.systems.choices.SystemStatus",
        "CurrentNetworkEnum": "egovnet.systems.choices.CurrentNetwork",
        "ProjectStageEnum": "egovnet.projects.choices.Stage",
        "DocumentTypeEnum": "egovnet.projects.choices.DocumentType",
        # Every app has a "status": name each choice set so the schema never guesses (fail-on-warn test).
        "PlanStatusEnum": "egovnet.migration.choices.PlanStatus",
        "MigrationItemStatusEnum": "egovnet.migration.choices.ItemStatus",
        "ProposalStatusEnum": "egovnet.migration.choices.ProposalStatus",
        "ExceptionStatusEnum": "egovnet.migration.choices.ExceptionStatus",
        "LinkStatusEnum": "egovnet.networks.choices.LinkStatus",
        "TargetStatusEnum": "egovnet.networks.choices.TargetStatus",
        "ProjectStatusEnum": "egovnet.projects.choices.ProjectStatus",
        "RequestStatusEnum": "egovnet.projects.choices.RequestStatus",
        "CommissionStatusEnum": "egovnet.projects.choices.CommissionStatus",
        "QualificationEnum": "egovnet.projects.choices.Qualification",
        "JobStatusEnum": "egovnet.exchange.choices.JobStatus",
    },
}

# Background work (ADR 0801): tasks are rows in the database; `egovnet worker` runs them (the demo runs one in-process).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WORKER_HEARTBEAT_S = float(os.environ.get("EGOVNET_WORKER_HEARTBEAT_S", "5"))
WORKER_LOST_AFTER_S = float(os.environ.get("EGOVNET_WORKER_LOST_AFTER_S", "30"))
# Recurring work, enqueued once per period by whichever worker sees it due: name -> (task path, period, local time).
# period: "daily" or "monthly" (first day); EGOVNET_SCHEDULE_OFF=1 turns the schedule off.
SCHEDULED_TASKS = {
    "national-sweep": ("egovnet.policy.tasks.national_sweep", "daily", os.environ.get("EGOVNET_SWEEP_AT", "02:00")),
    "coverage-snapshot": ("egovnet.networks.tasks.coverage_snapshot", "monthly", "03:00"),
    "daily-reminders": ("egovnet.tasks.jobs.daily_reminders", "daily", os.environ.get("EGOVNET_REMINDERS_AT", "07:30")),
    "summaries": ("egovnet.reports.tasks.refresh_summaries", "daily", "00:05"),  # the dashboards' figures for the day
}
SCHEDULE = {} if MODE == "test" or _truthy(os.environ.get("EGOVNET_SCHEDULE_OFF")) else SCHEDULED_TASKS

METRICS_TOKEN = os.environ.get("EGOVNET_METRICS_TOKEN", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "egovnet.core.logging.RequestIdFilter"},
        "no_403_traceback": {"()": "egovnet.core.log_filters.NoTracebackFor403"},
    },
    "formatters": {
        "kv": {"format": "%(asctime)s level=%(levelname)s logger=%(name)s request_id=%(request_id)s %(message)s"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "kv", "filters": ["request_id", "no_403_traceback"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("EGOVNET_LOG_LEVEL", "WARNING")},
}

# Notifications (ADR 0442): a daily e-mail digest per user, off unless EGOVNET_DIGEST=1; demo and dev print
# e-mails to the console instead of sending them.
DIGEST_ENABLED = os.environ.get("EGOVNET_DIGEST", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("EGOVNET_MAIL_FROM", "egovnet@localhost")
EMAIL_HOST = os.environ.get("EGOVNET_SMTP_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EGOVNET_SMTP_PORT", "25"))
if MODE in {"demo", "dev"}:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"


# --- Hardening from the environment (docs/decisions/0020–0023) ---------------------------------------------------
def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}：应为整数 / must be a whole number") from None


def _flag_env(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    return default if raw is None or not raw.strip() else _truthy(raw)


def _proxy_ssl_header(raw: str) -> tuple[str, str] | None:
    """``X-Forwarded-Proto`` or ``X-Forwarded-Proto=https`` → Django's (META key, value); empty → None (off)."""
    if not raw.strip():
        return None
    header, _, value = raw.partition("=")
    key = header.strip().upper().replace("-", "_")
    return (key if key.startswith("HTTP_") else f"HTTP_{key}", value.strip() or "https")


# HTTPS: on by default in production (cookies marked Secure, HTTP redirected, HSTS); EGOVNET_HTTPS=0 turns it off.
HTTPS = _flag_env("EGOVNET_HTTPS", MODE == "production")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and _flag_env("EGOVNET_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz(/workers)?$", r"^metrics$"]  # probes and scrapers on plain HTTP
SECURE_HSTS_SECONDS = _int_env("EGOVNET_HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag_env("EGOVNET_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _flag_env("EGOVNET_HSTS_PRELOAD", False)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Trust the proxy's scheme header only when the operator says a proxy sets it (a client could forge it otherwise).
SECURE_PROXY_SSL_HEADER = _proxy_ssl_header(os.environ.get("EGOVNET_PROXY_SSL_HEADER", ""))
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("EGOVNET_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
# Sessions end after EGOVNET_SESSION_MINUTES (default one working day) and when the browser closes
# (GB/T 22239-2019 8.1.4.1 b: 登录连接超时自动退出).
SESSION_COOKIE_AGE = _int_env("EGOVNET_SESSION_MINUTES", 480) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = _flag_env("EGOVNET_SESSION_BROWSER_CLOSE", True)
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"

# Login lockout (django-axes), web sign-in and POST /api/core/token/ alike: after EGOVNET_LOGIN_FAILURE_LIMIT
# failures for one account, or from one client address, further attempts answer 429 for
# EGOVNET_LOGIN_LOCKOUT_MINUTES (GB/T 22239-2019 8.1.4.1 b: 登录失败处理, 限制非法登录次数).
AXES_ENABLED = _flag_env("EGOVNET_LOGIN_LOCKOUT", True)
AXES_FAILURE_LIMIT = _int_env("EGOVNET_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = _int_env("EGOVNET_LOGIN_LOCKOUT_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "egovnet.core.lockout.lockout_response"
# Counted per client address: the socket's peer, or behind the operator's proxies the address they forwarded.
TRUSTED_PROXIES = [a.strip() for a in os.environ.get("EGOVNET_FORWARDED_ALLOW_IPS", "").split(",") if a.strip()]
AXES_CLIENT_IP_CALLABLE = "egovnet.core.lockout.client_address"
AXES_VERBOSE = False

# Content-Security-Policy (django-csp) and Permissions-Policy: no inline script anywhere; styles from our own
# files, inline style attributes allowed for computed positions (Gantt bars, chart tooltips) — docs/decisions/0022.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=()"
)

# Audit anchoring (docs/decisions/0024): the chain's HMAC key comes from the environment (EGOVNET_AUDIT_KEY, or the
# file named by EGOVNET_AUDIT_KEY_FILE), else it is derived from SECRET_KEY; never from the database. Signed
# checkpoints go to EGOVNET_AUDIT_CHECKPOINT_DIR (default <data dir>/audit-checkpoints; keep it off the database
# host, e.g. a write-once or remote-logged volume).
def _audit_key() -> str:
    key_file = os.environ.get("EGOVNET_AUDIT_KEY_FILE", "").strip()
    if key_file:
        try:
            return Path(key_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"EGOVNET_AUDIT_KEY_FILE 无法读取 / cannot be read: {exc}") from None
    key = os.environ.get("EGOVNET_AUDIT_KEY", "").strip()
    if key:
        return key
    import hashlib
    import hmac

    return hmac.new(SECRET_KEY.encode("utf-8"), b"egovnet audit chain key", hashlib.sha256).hexdigest()


AUDIT_HMAC_KEY = _audit_key()
AUDIT_CHECKPOINT_DIR = Path(os.environ.get("EGOVNET_AUDIT_CHECKPOINT_DIR", DATA_DIR / "audit-checkpoints"))
AUDIT_CHECKPOINT_EVERY = _int_env("EGOVNET_AUDIT_CHECKPOINT_EVERY", 1000)
