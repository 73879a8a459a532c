"""Local development (`make run`): SQLite, local memory cache, loopback hosts only.

DEBUG stays off unless DJANGO_DEBUG turns it on, so `make run` shows the real 404 page.
"""
from .base import *  # noqa: F401,F403
from .base import SECRET_KEY as _SECRET_KEY
from .base import env_list

SECRET_KEY = _SECRET_KEY or "dev-only-insecure-key-never-used-in-production"
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# Serve static files from the app folders without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
