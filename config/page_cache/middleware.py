"""Whole pages for anonymous readers from the shared cache, each invalidated by exactly the writes
to what it shows (`deps.py`).

First in the middleware stack: a hit is answered before any other middleware runs, with the
headers the page left the stack with (CSP, ETag, security headers, Vary), and its own 304 to a
matching If-None-Match or If-Modified-Since. A miss runs the whole stack and stores what came out.
Under a WSGI server (gunicorn) most hits do not even reach Django: `front.py` answers them from
the same entries with the same headers.

A page is served from the cache only while every token it depends on still has the value it was
rendered under; a page whose tokens moved while it rendered is not stored. Editors (who have a
session) and anything not a plain 200 bypass it. Pages also expire at the next scheduled
publication, so a scheduled post appears on time on the lists that will show it.
"""

import functools
import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from config.middleware import preferred_encoding
from config.release import release

from . import deps, guard
from .guard import CacheUnavailable, call

BYPASS_PREFIXES = ("/admin", "/admin-tools/", "/preview/", "/media/", "/static/")
ENTRY_SECONDS = 24 * 3600
# For a proxy in front (deploy/nginx.conf): keep a page one second, then revalidate with our ETag
# (a cheap 304 from this cache), so an edit shows through the edge within a second; serve the last
# copy for a day while we are down. Browsers revalidate.
SHARED_CACHE_CONTROL = "public, max-age=0, s-maxage=1, stale-if-error=86400"
# A CDN (RFC 9213's CDN-Cache-Control: Cloudflare, Fastly, Akamai) cannot be told of an edit, so
# it keeps a page for a tenth of the time since what it shows last changed (RFC 9111's heuristic):
# a minute for a page edited today, up to a day for one untouched for ten days.
CDN_MIN_SECONDS, CDN_MAX_SECONDS = 60, 24 * 3600


def next_publication():
    """When the next scheduled item goes live: pages that list items must not outlive it. The
    apps that schedule say when (`deps.schedule`)."""
    moments = [moment for when in deps.SCHEDULES if (moment := when()) is not None]
    return min(moments, default=None)


def is_cacheable(request) -> bool:
    return (
        getattr(settings, "PAGE_CACHE", True)
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(BYPASS_PREFIXES)
    )


def page_key(request) -> str:
    # Scheme and host too: no middleware has run yet, so an http:// request (which the stack
    # redirects) or another host must never find this page. get_host() refuses unknown hosts.
    # And the encoding the stack would answer the reader in (Vary says so).
    encoding = preferred_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""))  # not .headers: it copies every header
    address = f"{encoding}:{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return guard.key("page", f"{release()}:{hashlib.sha256(address.encode()).hexdigest()}")


def storable(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


# A miss runs the stack without them and answers them here, after storing the full page: the
# stack's ConditionalGetMiddleware would otherwise turn the 200 into a 304 that cannot be stored.
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


class LocalCopies:
    """The pages this process fetched or stored lately, so a hit reads only the tokens from the
    shared cache, not the page again. A copy is served under the same check as the shared one
    (every token still at its value), so it is never older than the shared copy would be."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.entries: OrderedDict[str, dict] = OrderedDict()
        self.size = 0
        # A threaded server (runserver, gunicorn's gthread) shares one instance between threads.
        self.lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        with self.lock:
            self._drop(key)
            self.entries[key] = entry
            self.size += len(entry["content"])
            while self.size > self.max_bytes and self.entries:
                self._drop(next(iter(self.entries)))

    def drop(self, key: str) -> None:
        with self.lock:
            self._drop(key)

    def _drop(self, key: str) -> None:
        entry = self.entries.pop(key, None)
        if entry is not None:
            self.size -= len(entry["content"])


@functools.cache
def local_copies() -> LocalCopies:
    """One per process: the WSGI front (front.py) and the middleware read and fill the same."""
    return LocalCopies(settings.PAGE_CACHE_LOCAL_BYTES)


def current_entry(key: str) -> dict | None:
    """The page stored under key if everything it shows is still as it was when stored.
    CacheUnavailable if the cache fails."""
    local = local_copies()
    entry = local.get(key) or call("get", key)
    if entry and still_valid(entry):
        local.put(key, entry)
        return entry
    local.drop(key)
    return None


# Set by the WSGI front when it looked this request's page up and found none current: the
# middleware goes straight to rendering, without asking the cache a second time.
MISSED = "page_cache.missed_key"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable(request):
            return self.get_response(request)
        try:
            key = request.META.pop(MISSED, None)
            if key is None:
                key = page_key(request)
                if (entry := current_entry(key)) is not None:
                    return replay(request, entry)
        except CacheUnavailable:
            return uncached(self.get_response(request))
        conditions = {name: request.META.pop(name) for name in CONDITIONAL_HEADERS if name in request.META}
        with deps.Recording() as recording:
            response = self.get_response(request)
        request.META.update(conditions)
        return conditional(request, self.store(key, response, recording))

    def store(self, key, response, recording):
        if not storable(response):
            return response
        try:
            tokens = recording.versions()
        except CacheUnavailable:
            return uncached(response)
        response["X-Page-Cache"] = "miss"
        if not deps.fresh_enough(tokens, recording.started):
            # It may show rows as they were before a write that landed meanwhile: keep it nowhere.
            response["Cache-Control"] = "no-cache"
            return response
        entry = {
            "tokens": tokens,
            "content": response.content,
            "headers": {name: value for name, value in response.items() if name not in PER_RESPONSE_HEADERS},
            "expires": next_publication(),
            "modified": max(tokens.values(), default=recording.started),
        }
        try:
            call("set", key, entry, ENTRY_SECONDS)
        except CacheUnavailable:
            return uncached(response)
        local_copies().put(key, entry)
        mark_shared(response, entry)
        return response


def conditional(request, response, *, last_modified: float | None = None):
    """A 304 where the reader's copy is current (ConditionalGetMiddleware's rule), and the edge's
    keep-for-a-second header, on hits and misses alike."""
    if last_modified is None:
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    else:
        last_modified = int(last_modified)  # what its Last-Modified header says (whole seconds)
    etag = response.get("ETag")
    return edge_expiry(get_conditional_response(request, etag=etag, last_modified=last_modified, response=response))


def uncached(response):
    """Rendered without the cache (it failed): correct, only slower; says so for operators."""
    response["X-Page-Cache"] = "unavailable"
    return response


# Made for each answer (mark_shared, edge_expiry, the server's Date), not replayed.
PER_RESPONSE_HEADERS = {
    "Date",
    "X-Page-Cache",
    "X-Accel-Expires",
    "Cache-Control",
    "Last-Modified",
    "CDN-Cache-Control",
}


def still_valid(entry) -> bool:
    if entry["expires"] is not None and timezone.now().timestamp() >= entry["expires"]:
        return False
    tokens = entry["tokens"]
    # deps.token_key's names, the epoch read once (the hit path: once per token was 10 % of it).
    prefix = deps.token_key("")
    names = [prefix + token for token in tokens]
    current = call("get_many", names)
    return all(current.get(name) == value for name, value in zip(names, tokens.values(), strict=True))


def replay(request, entry) -> HttpResponse:
    response = HttpResponse(entry["content"])
    for name, value in hit_headers(entry):
        response[name] = value
    return conditional(request, response, last_modified=entry["modified"])


def hit_headers(entry) -> list[tuple[str, str]]:
    """A hit's headers: the stack's, as stored, and those made for each answer."""
    return [*entry["headers"].items(), ("X-Page-Cache", "hit"), *shared_headers(entry).items(), edge_header()]


def mark_shared(response, entry) -> None:
    for name, value in shared_headers(entry).items():
        response[name] = value


def shared_headers(entry) -> dict[str, str]:
    return {
        "Cache-Control": SHARED_CACHE_CONTROL,
        # When something this page shows last changed (the ETag stays the exact validator).
        "Last-Modified": http_date(entry["modified"]),
        "CDN-Cache-Control": f"public, max-age={cdn_lifetime(entry['modified'])}, stale-if-error=86400",
    }


def cdn_lifetime(modified: float) -> int:
    age = deps.clock() - modified
    return int(min(max(age / 10, CDN_MIN_SECONDS), CDN_MAX_SECONDS))


def edge_expiry(response):
    """Tells nginx to keep a public page only to the end of the current second (edge_header)."""
    if response.get("Cache-Control") == SHARED_CACHE_CONTROL:
        response["X-Accel-Expires"] = edge_header()[1]
    return response


def edge_header() -> tuple[str, str]:
    """nginx counts whole seconds, so it reads s-maxage=1 as "until the second after next": up to
    two seconds of an old page after an edit. `X-Accel-Expires: @<this second>` (which nginx
    reads before Cache-Control and never passes on) keeps it at most one. Then nginx revalidates
    with our ETag: a 304 from the page cache, which carries the header too.
    """
    return "X-Accel-Expires", f"@{int(time.time())}"
