"""Django settings, read from the environment.

Required in production (`EGOVNET_MODE=production`, the default): ``SECRET_KEY``.
Optional: ``DATABASE_URL`` (PostgreSQL; otherwise a SQLite file under ``EGOVNET_DATA_DIR``),
``EGOVNET_DEBUG``, ``EGOVNET_ALLOWED_HOSTS``, ``EGOVNET_DATA_DIR``.
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
if MODE == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

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
    "DEFAULT_PAGINATION_CLASS": "egovnet.core.api.pagination.RegistryPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "egovnet.core.api.exceptions.exception_handler",
    "PAGE_SIZE": 50,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "egovnet API",
    "DESCRIPTION": "国家电子政务网络建设和应用管理平台 API (发改高技[2012]1986号)",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "OrgKindEnum": "egovnet.orgs.choices.OrgKind",
        "LevelEnum": "egovnet.orgs.choices.Level",
        "DivisionLevelEnum": "egovnet.geo.choices.DivisionLevel",
        "ComponentKindEnum": "egovnet.networks.choices.ComponentKind",
        "NetworkStatusEnum": "egovnet.networks.choices.NetworkStatus",
        "SystemStatusEnum": "egovnet.systems.choices.SystemStatus",
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
SCHEDULE = {} if MODE == "test" or _truthy(os.environ.get("EGOVNET_SCHEDULE_OFF")) else {
    "national-sweep": ("egovnet.policy.tasks.national_sweep", "daily", os.environ.get("EGOVNET_SWEEP_AT", "02:00")),
    "coverage-snapshot": ("egovnet.networks.tasks.coverage_snapshot", "monthly", "03:00"),
}

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
