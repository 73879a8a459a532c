"""Whole pages for anonymous readers from the shared cache; any content write invalidates them.

Correct before clever: every write to content (posts, entries, their points, FAQ, authors, tags)
moves one generation token, and a page is served from the cache only if it was rendered under
the current token. The token is read *before* rendering, so a write that lands while a page is
being rendered leaves that page stale-marked, never served. Editors (who have a session) and
anything not a plain 200 bypass it. Pages also expire at the next scheduled publication.
Exact, per-page invalidation is the next step (see the README).
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.http import HttpResponse
from django.utils import timezone

GENERATION = "page-cache:generation"
BYPASS_PREFIXES = ("/admin", "/admin-tools/", "/preview/", "/media/", "/static/")
ENTRY_SECONDS = 24 * 3600
# For a proxy or CDN in front: keep a page one second, then revalidate with our ETag (a cheap
# 304 from this cache), so an edit shows through the edge within a second. Browsers revalidate.
SHARED_CACHE_CONTROL = "public, max-age=0, s-maxage=1"


def bump_generation() -> None:
    cache.set(GENERATION, uuid.uuid4().hex, None)


def content_changed(**kwargs) -> None:
    """Signal receiver: now (so this process stops serving old pages) and again on commit (so a
    page rendered from not-yet-committed data by another request is not kept either)."""
    bump_generation()
    transaction.on_commit(bump_generation)


def current_generation() -> str:
    generation = cache.get(GENERATION)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION, generation, None)
        generation = cache.get(GENERATION)
    return generation


def next_publication():
    """When the next scheduled post goes live: pages that list posts must not outlive it."""
    from blog.models import Post
    from frameworks.models import Status

    soonest = Post.objects.filter(status=Status.PUBLISHED, published_at__gt=timezone.now()).aggregate(
        at=Min("published_at")
    )["at"]
    return soonest.timestamp() if soonest else None


def is_cacheable(request) -> bool:
    return (
        getattr(settings, "PAGE_CACHE", True)
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(BYPASS_PREFIXES)
    )


def page_key(request) -> str:
    return "page-cache:page:" + hashlib.sha256(request.get_full_path().encode()).hexdigest()


def storable(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable(request):
            return self.get_response(request)
        key, generation = page_key(request), current_generation()
        entry = cache.get(key)
        now = timezone.now().timestamp()
        if entry and entry["generation"] == generation and (entry["expires"] is None or now < entry["expires"]):
            response = HttpResponse(entry["content"], content_type=entry["content_type"])
            response["X-Page-Cache"] = "hit"
            response["Cache-Control"] = SHARED_CACHE_CONTROL
            return response
        response = self.get_response(request)
        if storable(response):
            cache.set(
                key,
                {
                    "generation": generation,
                    "content": response.content,
                    "content_type": response["Content-Type"],
                    "expires": next_publication(),
                },
                ENTRY_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
            response["Cache-Control"] = SHARED_CACHE_CONTROL
        return response
