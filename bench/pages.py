"""Server CPU per request for the public pages, in process, against two baselines in the same run.

    make bench            (or: .venv/bin/python bench/pages.py [--requests N])

Baselines: the article's exact bytes served as a static file by WhiteNoise through the same
WSGI stack (static), and the same bytes from a bare Django view (floor). Also prints what
rendering the article's Markdown per request would cost, which is why we render at save.
Not a test: numbers move with the machine; compare ratios within one run.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.scratch import SCRATCH, seeded_site  # noqa: E402  (sets Django up first)

# isort: split

from django.conf import settings  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import path  # noqa: E402

ARTICLE = "/blog/top-python-web-development-frameworks-in-2026/"


def cpu_per_request(client: Client, url: str, count: int) -> float:
    for _ in range(20):
        client.get(url)
    start = time.process_time()
    for _ in range(count):
        response = client.get(url)
    elapsed = time.process_time() - start
    assert response.status_code == 200, (url, response.status_code)
    return elapsed / count * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1000)
    args = parser.parse_args()

    seeded_site()
    client = Client(SERVER_NAME="127.0.0.1")
    article_bytes = client.get(ARTICLE).content

    static_dir = SCRATCH / "static"
    static_dir.mkdir()
    (static_dir / "article.html").write_bytes(article_bytes)

    import config.urls

    def floor_view(request):
        return HttpResponse(article_bytes)

    floor_urls = type("urls", (), {"urlpatterns": [path("floor/", floor_view), *config.urls.urlpatterns]})
    with override_settings(STATICFILES_DIRS=[*settings.STATICFILES_DIRS, static_dir], ROOT_URLCONF=floor_urls):
        client = Client(SERVER_NAME="127.0.0.1")
        static = cpu_per_request(client, "/static/article.html", args.requests)
        floor = cpu_per_request(client, "/floor/", args.requests)
        rows = [("static file (WhiteNoise)", static), ("bare Django view (floor)", floor)]
        pages = [("article", ARTICLE), ("home", "/"), ("framework page", "/frameworks/reflex/"),
                 ("framework list", "/frameworks/"), ("comparison", "/compare/django-vs-flask/"),
                 ("search", "/search/?q=async")]  # fmt: skip
        for label, cached in (("cold", False), ("cached", True)):
            with override_settings(PAGE_CACHE=cached):
                rows += [(f"{name}, {label}", cpu_per_request(client, url, args.requests)) for name, url in pages]

    from blog.models import Post
    from config.markdown import render_markdown
    from config.renditions import stored_picture
    from frameworks.models import Framework

    body = Post.objects.get().body
    start = time.process_time()
    for _ in range(50):
        render_markdown(body, entries=Framework.objects.for_embeds, media=stored_picture)
    markdown_ms = (time.process_time() - start) / 50 * 1000

    print(f"{len(article_bytes) / 1024:.0f} KB article, {args.requests} requests per page, CPU ms per request")
    print(f"{'page':28} {'ms':>7} {'× static':>9} {'× floor':>8}")
    for name, ms in rows:
        print(f"{name:28} {ms:7.3f} {ms / static:9.2f} {ms / floor:8.2f}")
    print(f"{'(Markdown render of body)':28} {markdown_ms:7.3f} {markdown_ms / static:9.2f} {markdown_ms / floor:8.2f}")


if __name__ == "__main__":
    main()
