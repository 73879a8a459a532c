"""Production settings plus one extra URL, /floor/: the article's bytes from a bare view."""

from config.settings.prod import *  # noqa: F401,F403

ROOT_URLCONF = "bench.urls"
