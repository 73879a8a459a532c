"""When the database or the file storage fails (down, locked, a full disk), readers and editors
get a designed 503, not a traceback; the request's writes are rolled back, and the next request
tries again."""

import functools
import logging
import re

import brotli
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.db import DatabaseError
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers

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
# An offered coding, unless its q-value is zero ("br;q=0" declines it, RFC 9110 12.5.3).
OFFERED = re.compile(r"(?:^|,)\s*([\w*-]+)\s*(?:;\s*q\s*=\s*([^,;\s]*))?", re.I)
# Brotli's quality 5: the article's 27 KB to 7.2 KB in 0.6 ms here, where gzip (level 6, Django's)
# gives 7.7 KB in 0.7 ms; quality 11 saves another kilobyte for 40 ms, too dear for a cold page.
BROTLI_QUALITY = 5


def preferred_encoding(accept_encoding: str) -> str:
    """The encoding a reader offering `accept_encoding` gets a page in (the page cache keys on it)."""
    offered = set()
    for coding, q in OFFERED.findall(accept_encoding):
        try:
            if q == "" or float(q) > 0:
                offered.add(coding.lower())
        except ValueError:
            continue  # a malformed q-value offers nothing
    if "br" in offered:
        return "br"
    return "gzip" if "gzip" in offered else "identity"


class CompressedTextMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (its BREACH mitigation included) for text responses, and Brotli
    for readers who take it when the page holds no secret. Below the page cache: a page is
    compressed once, when it is stored, and its hits send the stored bytes.

    BREACH reads a secret out of a compressed page that also reflects the attacker's input; the
    only secret our pages carry is the CSRF token of a form (the admin's, the login), and a page
    that drew one sends the CSRF cookie with it. Those keep gzip with Django's random padding;
    Brotli has no such field, so it is kept for pages with nothing to steal.
    """

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE):
            return response
        encoding = preferred_encoding(request.headers.get("Accept-Encoding", ""))
        if encoding == "identity":
            # Django's gzip test is a bare regex ("gzip;q=0" would get gzip): the page cache keys
            # on our reading, so the bytes must follow it.
            patch_vary_headers(response, ("Accept-Encoding",))
            return response
        if (
            encoding == "br"
            and settings.CSRF_COOKIE_NAME not in response.cookies
            and not response.streaming
            and len(response.content) >= 200
            and not response.has_header("Content-Encoding")
        ):
            return self.brotli(response)
        return super().process_response(request, response)

    @staticmethod
    def brotli(response):
        patch_vary_headers(response, ("Accept-Encoding",))
        compressed = brotli.compress(response.content, mode=brotli.MODE_TEXT, quality=BROTLI_QUALITY)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):  # a strong ETag names the identity bytes (RFC 9110 8.8.1)
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "br"
        return response


# What a view or decorator sets to change the policy of one response (django-csp's decorators).
POLICY_OVERRIDES = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt",
                    "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro", "_csp_exempt_ro")  # fmt: skip


@functools.cache
def settings_policies() -> tuple[str, str] | None:
    """The settings' policy and report-only policy as header values; None when the settings
    exclude URL prefixes (django-csp then decides per request)."""
    names = ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")
    configs = (getattr(settings, name, None) or {} for name in names)
    if any("EXCLUDE_URL_PREFIXES" in config for config in configs):
        return None
    return build_policy(), build_policy(report_only=True)


@receiver(setting_changed)
def forget_policies(*, setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        settings_policies.cache_clear()


class SettingsPolicyCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the settings' policy built once per process: django-csp
    builds the header string again for every response, a sixth of the whole stack's cost on a
    page. A response whose policy a decorator changed, a request that drew a nonce, excluded
    prefixes and DEBUG's exemptions go through django-csp's own code."""

    def process_response(self, request, response):
        policies = settings_policies()
        if (
            policies is None
            or settings.DEBUG
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in POLICY_OVERRIDES)
        ):
            return super().process_response(request, response)
        for header, policy in zip((HEADER, HEADER_REPORT_ONLY), policies, strict=True):
            if policy and header not in response:
                response[header] = policy
        # As django-csp does: a nonce asked for after the header is written is an error, not a silent no.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
