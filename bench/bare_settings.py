"""bench.settings with no middleware at all: the floor a page-cache hit is measured against
(the issue's "bare Django view, no middleware"); /floor/ returns the article's bytes."""

from bench.settings import *  # noqa: F401,F403

MIDDLEWARE = []
