"""Finding and checking the external links of published content."""

import re
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

from frameworks.models import Framework

from .models import Post

HREF = re.compile(r'href="(https?://[^"]+)"')
USER_AGENT = "FrameworkFieldGuide-linkcheck/1.0"


def external_links() -> dict[str, set[str]]:
    """Every external URL in published posts and entries, with the pages that carry it."""
    found: dict[str, set[str]] = defaultdict(set)
    for post in Post.objects.published().only("slug", "body_html"):
        for url in HREF.findall(post.body_html):
            found[url].add(post.get_absolute_url())
    for framework in Framework.objects.published().prefetch_related("pros", "cons"):
        html = " ".join([framework.description_html, framework.closing_notes_html])
        html += " ".join(point.text_html for point in [*framework.pros.all(), *framework.cons.all()])
        urls = set(HREF.findall(html)) | ({framework.website} if framework.website else set())
        for url in urls:
            found[url].add(framework.get_absolute_url())
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
