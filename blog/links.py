"""Finding and checking the external links of published content."""

import re
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

from django.db import transaction

from config.text import strip_controls
from frameworks.models import Framework

from .models import DeadLink, LinkCheck, Post

HREF = re.compile(r'href="(https?://[^"]+)"')
USER_AGENT = "FrameworkFieldGuide-linkcheck/1.0"


def external_links() -> dict[str, list[Post | Framework]]:
    """Every external URL in published posts and entries, with the posts and entries that carry it."""
    found: dict[str, list[Post | Framework]] = defaultdict(list)
    for post in Post.objects.published().only("slug", "title", "body_html"):
        for url in set(HREF.findall(post.body_html)):
            found[url].append(post)
    for framework in Framework.objects.published().prefetch_related("pros", "cons"):
        html = " ".join([framework.description_html, framework.closing_notes_html])
        html += " ".join(point.text_html for point in [*framework.pros.all(), *framework.cons.all()])
        urls = set(HREF.findall(html)) | ({framework.website} if framework.website else set())
        for url in urls:
            found[url].append(framework)
    return found


@dataclass
class LinkStatus:
    url: str
    ok: bool
    detail: str


def check_one(url: str, *, timeout: float) -> LinkStatus:
    for method in ("HEAD", "GET"):  # some servers refuse HEAD
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http/https only)
                return LinkStatus(url, True, str(response.status))
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return LinkStatus(url, False, f"HTTP {error.code}")
        except (urllib.error.URLError, OSError, ValueError) as error:
            return LinkStatus(url, False, str(getattr(error, "reason", error)))
    return LinkStatus(url, False, "no answer")


@transaction.atomic
def record(links: dict[str, list[Post | Framework]], results: list[LinkStatus], unchecked: list[str]) -> LinkCheck:
    """Keep the run's dead links, for the newsroom; earlier runs go (the last one is what holds)."""
    LinkCheck.objects.all().delete()
    run = LinkCheck.objects.create(checked=len(results), unchecked=len(unchecked))
    DeadLink.objects.bulk_create(
        DeadLink(
            check_run=run,
            url=status.url,
            detail=strip_controls(status.detail)[0][:200],  # bulk_create skips the pre_save cleaning
            post=page if isinstance(page, Post) else None,
            framework=page if isinstance(page, Framework) else None,
        )
        for status in results
        if not status.ok
        for page in links[status.url]
    )
    return run


def check_links(urls, *, timeout: float = 5.0, budget: float = 120.0, workers: int = 8) -> tuple[list, list]:
    """(results, unchecked): stops starting new checks when the time budget is spent."""
    deadline = time.monotonic() + budget
    results, unchecked = [], []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {}
        for url in sorted(urls):
            if time.monotonic() > deadline:
                unchecked.append(url)
                continue
            futures[pool.submit(check_one, url, timeout=timeout)] = url
        for future in as_completed(futures):
            results.append(future.result())
    return sorted(results, key=lambda status: status.url), unchecked
