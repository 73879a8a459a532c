from .dev import *  # noqa: F401,F403

SITE_DOMAIN = "testserver"
# Tests measure views (queries, output); the page cache has tests of its own that turn it on.
PAGE_CACHE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["NAME"] = ":memory:"  # noqa: F405
    DATABASES["default"]["OPTIONS"] = {}  # noqa: F405
PAGE_CACHE_CLOCK_SKEW = 0  # one clock: a page rendered after a write may be stored at once
# One process: its own failures tell it to re-read the epoch; a pinned query count stays pinned.
PAGE_CACHE_EPOCH_SECONDS = 3600
# One small copy of each image, encoded fast: the same code path at a fraction of the CPU
# (the seed is imported in some two hundred tests).
IMAGE_RENDITION_WIDTHS = (480,)
IMAGE_AVIF_SPEED = 10
IMAGE_WEBP_METHOD = 0
