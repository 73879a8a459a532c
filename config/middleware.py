"""When the database or the file storage fails (down, locked, a full disk), readers and editors
get a designed 503, not a traceback; the request's writes are rolled back, and the next request
tries again."""

import logging

from django.db import DatabaseError
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# OSError: what the file storage raises for a full, read-only or missing disk.
UNAVAILABLE = (DatabaseError, OSError)


class BackendUnavailableMiddleware:
    """Turns database and storage failures into a 503 with Retry-After."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, UNAVAILABLE):
            return None
        logger.error("Backend unavailable for %s: %s: %s", request.path, type(exception).__name__, exception)
        # Rendered without a request: nothing on this page may need the database.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response


# What is worth compressing: pages, feeds, sitemaps, text. Images and fonts are compressed already;
# static files come compressed from WhiteNoise (it stores .gz and .br copies at collectstatic).
COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/rss+xml", "application/atom+xml")


class CompressedTextMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (its BREACH mitigation included) for text responses only. Below the
    page cache: a page is compressed once, when it is stored, and its hits send the stored bytes."""

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE):
            return response
        return super().process_response(request, response)
