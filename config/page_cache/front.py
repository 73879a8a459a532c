"""The page cache's hits answered in front of Django's request handler (the WSGI application).

A hit needs none of what Django does for a request: its signals (which close stale database
connections), the middleware, URL resolving, a response object with its header checks. Under
gunicorn those cost as much as the hit's own work (1.5 ms of CPU a hit against 0.8 for a bare
view with no middleware, bench/load.py). So the plain case, a GET or HEAD with no conditional
header, is answered here from the same entries, with the same key, validity check and headers
as the middleware's hit (tests compare the two). Everything else goes on to Django: a miss (told
so, so that it does not ask the cache again), a conditional request (the middleware's 304), a
failing cache, a host Django would refuse.
"""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest

from .guard import CacheUnavailable
from .middleware import CONDITIONAL_HEADERS, MISSED, current_entry, hit_headers, is_cacheable, page_key

# The middleware's two (it answers them itself) and the precondition headers Django checks.
CONDITIONAL_REQUEST_HEADERS = (*CONDITIONAL_HEADERS, "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")


class PageCacheFront:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        entry = self.lookup(environ)
        if entry is None:
            return self.application(environ, start_response)
        start_response("200 OK", hit_headers(entry))
        return [entry["content"]]

    def lookup(self, environ) -> dict | None:
        if not settings.PAGE_CACHE or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return None
        if any(name in environ for name in CONDITIONAL_REQUEST_HEADERS):
            return None
        # A copy: WSGIRequest writes the decoded path into the environ it is given, and Django's
        # handler must get the server's, as the server sent it.
        request = WSGIRequest(environ.copy())
        if not is_cacheable(request):
            return None
        try:
            key = page_key(request)
            entry = current_entry(key)
        except (CacheUnavailable, DisallowedHost):
            return None  # Django answers: uncached, or its 400 for a host it does not serve
        if entry is None:
            environ[MISSED] = key
        return entry
