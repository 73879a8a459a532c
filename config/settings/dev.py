"""Local development (`make run`): SQLite, local memory cache, loopback hosts only.

DEBUG stays off unless DJANGO_DEBUG turns it on, so `make run` shows the real 404 page.
"""

import secrets

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, env_bool, env_list
from .base import SECRET_KEY as _SECRET_KEY


def local_secret_key():
    """A random key made once per checkout (var/ is git-ignored), so sessions survive restarts."""
    path = BASE_DIR / "var" / "dev-secret-key"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _SECRET_KEY or local_secret_key()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# Serve static files from the app folders without collectstatic.
WHITENOISE_USE_FINDERS = True
# Template edits show at once while developing; `make serve` and production cache pages.
PAGE_CACHE = env_bool("PAGE_CACHE", False)
WHITENOISE_AUTOREFRESH = True
