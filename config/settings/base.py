"""Settings shared by every environment; anything secret or per-host comes from the environment."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

SITE_NAME = os.environ.get("SITE_NAME", "Framework Field Guide")
# The admin's header, browser title and index heading: the site's name unless set.
ADMIN_SITE_HEADER = os.environ.get("ADMIN_SITE_HEADER", SITE_NAME)
ADMIN_SITE_TITLE = os.environ.get("ADMIN_SITE_TITLE", f"{SITE_NAME} admin")
ADMIN_INDEX_TITLE = os.environ.get("ADMIN_INDEX_TITLE", "Newsroom")

INSTALLED_APPS = [
    "config.editorial.apps.NewsroomAdminConfig",  # django.contrib.admin, our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.sites",
    "django.contrib.redirects",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "config.editorial.apps.TagsConfig",  # taggit, headed "Tags"
    "markdownx",
    "reversion",
    "reversion_compare",
    "csp",
    "axes",
    "config.page_cache",
    "config.editorial",
    "frameworks",
    "blog",
]

MIDDLEWARE = [
    # First: a hit is answered before the rest of the stack, with the headers the stack gave it.
    "config.page_cache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.CompressedTextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETag on every response; a matching If-None-Match gets a 304 with no body.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Whatever a request writes, articles' embeds and search documents follow once, at its end.
    "blog.derived.BatchedDerivedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Old URLs of renamed posts, entries and tags answer with a permanent redirect.
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
    "config.middleware.SettingsPolicyCSPMiddleware",
    "config.middleware.BackendUnavailableMiddleware",
    # Last, as its documentation asks: it answers locked-out login attempts.
    "axes.middleware.AxesMiddleware",
]
PAGE_CACHE = env_bool("PAGE_CACHE", True)
# Search ranks a word's newest matches up to this many, and counts up to it (blog/search).
SEARCH_CANDIDATES = 200
# How far apart the clocks of the servers sharing one cache may be (config/page_cache/deps.py).
PAGE_CACHE_CLOCK_SKEW = float(os.environ.get("PAGE_CACHE_CLOCK_SKEW", "0.1"))

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses logins while an address is locked out
    "django.contrib.auth.backends.ModelBackend",
]
# Admin login throttling: five failures lock that user from that address for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# A policy with no inline scripts anywhere; styles are files too, but the admin's widgets set
# inline style attributes, so those stay allowed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "https:", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# The shared cache: Redis when REDIS_URL is set (several servers), local memory otherwise.
# A cache that fails costs speed, never a page (config/page_cache/guard.py): a request waits on a
# stopped or unreachable Redis at most REDIS_TIMEOUT seconds, once per CACHE_RETRY_SECONDS.
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.25"))
CACHE_RETRY_SECONDS = float(os.environ.get("CACHE_RETRY_SECONDS", "5"))
# How often a process re-reads the page-cache epoch when it saw no cache failure itself.
PAGE_CACHE_EPOCH_SECONDS = float(os.environ.get("PAGE_CACHE_EPOCH_SECONDS", "1"))
# Bytes of pages each process keeps beside the shared cache (config/page_cache/middleware.py).
PAGE_CACHE_LOCAL_BYTES = int(os.environ.get("PAGE_CACHE_LOCAL_BYTES", str(32 * 1024 * 1024)))
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SITE_ID = 1
PREVIEW_LINK_DAYS = int(os.environ.get("PREVIEW_LINK_DAYS", "7"))
# The domain feeds and sitemaps name (contrib.sites), kept in step by a post_migrate hook.
SITE_DOMAIN = os.environ.get("SITE_DOMAIN", "127.0.0.1:8000")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "blog.context_processors.site",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    # PostgreSQL when one machine is not enough: DATABASE_URL=postgres://user:pass@host/name
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=600)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", BASE_DIR / "db.sqlite3"),
            # Opening a SQLite connection costs about half a millisecond: keep it.
            "CONN_MAX_AGE": 600,
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Media is served by Django itself only where no proxy or object store does it (make run).
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)


def media_storage(environ) -> dict:
    """Media on S3-compatible storage (AWS S3, Cloudflare R2, MinIO…) through django-storages when
    a bucket is named, so several servers share uploads; local files otherwise. boto3 reads the
    credentials from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or the instance
    role. Readers fetch media from the bucket's own addresses: its policy must let anyone read
    the media prefix (README)."""
    if not environ.get("AWS_STORAGE_BUCKET_NAME"):
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": environ.get("AWS_LOCATION", "media"),
            # Public media with stable addresses, which pages (and the page cache) can keep.
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }


MEDIA_STORAGE = media_storage(os.environ)
if MEDIA_STORAGE["BACKEND"] != "django.core.files.storage.FileSystemStorage":
    SERVE_MEDIA = False
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "config.text.tags_from_string"

# Uploaded and imported images: real raster images only, bounded in bytes and pixels.
IMAGE_MAX_BYTES = 10 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
# Copies of stored images that pages offer in srcset (config/renditions.py): widths in pixels,
# AVIF (libavif: speed 0 slowest/smallest to 10) and WebP for browsers without AVIF.
IMAGE_RENDITION_WIDTHS = (480, 800, 1200)
IMAGE_AVIF_QUALITY = 55
IMAGE_AVIF_SPEED = 8
IMAGE_WEBP_QUALITY = 75
# libwebp's effort for every WebP written (0 fastest to 6 smallest; 4 is its default).
IMAGE_WEBP_METHOD = 4
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# The editor's live preview renders through the public renderer and sanitiser.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "blog.rendering.preview"
MARKDOWNX_URLS_PATH = "/admin-tools/markdownx/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/admin-tools/markdownx/upload/"
MARKDOWNX_MEDIA_PATH = "uploads/"
MARKDOWNX_UPLOAD_MAX_SIZE = IMAGE_MAX_BYTES
MARKDOWNX_UPLOAD_CONTENT_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"]
MARKDOWNX_IMAGE_MAX_SIZE = {"size": (1600, 0), "quality": 85}
# The editor keeps its height and scrolls, beside the preview (static/admin_extra/writing.js).
MARKDOWNX_EDITOR_RESIZABLE = False

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
