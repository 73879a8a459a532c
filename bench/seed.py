"""Fill a scratch database for the load benchmark: the seed article, 100 entries, N posts in all.

    python bench/seed.py --posts 10000   (with SQLITE_PATH or DATABASE_URL, and MEDIA_ROOT, set)

Prints one JSON line: the queries each benchmarked page costs with the page cache off.
Synthetic rows are written in bulk (a benchmark of pages, not of the admin): each post gets
two of twenty tags, covers two entries, and has a search document like a saved post would; its
stored parts (Post.parts()) are drawn when a page first shows it, as after a deploy.
"""

import argparse
import io
import json
import os
import random
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.html import strip_tags  # noqa: E402
from taggit.models import Tag, TaggedItem  # noqa: E402

from blog.models import Author, Coverage, Post, SearchDocument  # noqa: E402
from config.publishing import Status  # noqa: E402
from frameworks.models import Con, Framework, Pro  # noqa: E402

SEED_DIR = Path(os.environ.get("SEED_DIR", ROOT.parent / "shared" / "seed"))
PAGES = {
    "home": "/",
    "article": "/blog/top-python-web-development-frameworks-in-2026/",
    "framework": "/frameworks/reflex/",
    "comparison": "/compare/django-vs-flask/",
    "search": "/search/?q=async",
}
FRAMEWORKS = 100
BODY = "<p>{title} compares {a} and {b}: routing, templates, async views and deployment.</p>" * 12


def seed(total_posts: int) -> None:
    """The seed article and its entries imported, then synthetic entries and posts in bulk up to
    total_posts (tests/test_queries_at_size.py fills its sites with this too)."""
    call_command(
        "import_post", str(SEED_DIR / "000_57345e16e62c26d9.txt"), "--assets", str(SEED_DIR / "assets"),
        verbosity=0, stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip
    call_command("seed_facts", stdout=io.StringIO())  # the comparisons line up the seed entries' facts
    rng = random.Random(6)
    existing = Framework.objects.count()
    made = Framework.objects.bulk_create(
        Framework(name=f"Framework {n}", slug=f"framework-{n}", tagline=f"Entry number {n}", status=Status.PUBLISHED,
                  description_html=f"<p>Framework {n} is a Python web framework.</p>")
        for n in range(existing, FRAMEWORKS)
    )  # fmt: skip
    Pro.objects.bulk_create(Pro(framework=f, label="Fast", text="Quick to start.", position=0) for f in made)
    Con.objects.bulk_create(Con(framework=f, label="Young", text="Few plugins yet.", position=0) for f in made)
    frameworks = list(Framework.objects.all())
    author = Author.objects.first()
    tags = [Tag.objects.get_or_create(name=f"topic {n}", slug=f"topic-{n}")[0] for n in range(20)]
    now = timezone.now()
    posts = Post.objects.bulk_create(
        Post(title=f"Synthetic comparison {n}", slug=f"synthetic-comparison-{n}", author=author,
             status=Status.PUBLISHED, published_at=now - timedelta(days=1, hours=n),
             description=f"Comparison number {n}.", body=f"Comparison number {n}.",
             body_html=BODY.format(title=f"Comparison {n}", a="Flask", b="Django"), word_count=250)
        for n in range(total_posts - Post.objects.count())
    )  # fmt: skip
    post_type = ContentType.objects.get_for_model(Post)
    TaggedItem.objects.bulk_create(
        TaggedItem(tag=tag, content_type=post_type, object_id=post.pk) for post in posts for tag in rng.sample(tags, 2)
    )
    Coverage.objects.bulk_create(
        Coverage(post=post, framework=framework, position=position, published_at=post.published_at)
        for post in posts
        for position, framework in enumerate(rng.sample(frameworks, 2))
    )
    SearchDocument.objects.bulk_create(
        SearchDocument(
            kind=SearchDocument.Kind.POST, object_id=post.pk, title=post.title, text=strip_tags(post.body_html)
        )
        for post in posts
    )


def pages_to_measure() -> dict[str, str]:
    """PAGES and a tag page: a topic the synthetic posts carry (each takes two of twenty)."""
    topic = Tag.objects.filter(slug__startswith="topic-", taggit_taggeditem_items__isnull=False).first()
    return {**PAGES, "tag": f"/tags/{topic.slug}/"}


def queries_per_page(pages: dict[str, str]) -> dict[str, int]:
    client = Client(SERVER_NAME="127.0.0.1")
    counts = {}
    with override_settings(PAGE_CACHE=False):
        for name, url in pages.items():
            client.get(url)  # first request opens the connection and fills ContentType's cache
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, url
            counts[name] = len(queries)
    return counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, required=True)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    seed(args.posts)
    if os.environ.get("BENCH_EDITOR_PASSWORD"):  # the editor of the load-while-editing run
        User.objects.create_superuser("bench-editor", password=os.environ["BENCH_EDITOR_PASSWORD"])
    article = Post.objects.get(slug=PAGES["article"].split("/")[2])
    pages = pages_to_measure()
    print(json.dumps({
        "posts": Post.objects.count(), "pages": pages, "queries": queries_per_page(pages),
        "article_admin": f"/admin/blog/post/{article.pk}/change/",
    }))  # fmt: skip


if __name__ == "__main__":
    main()
