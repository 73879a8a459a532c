"""Fixtures shared by every test: isolated media, the seed, and small factories."""

from pathlib import Path

import pytest
from django.utils import timezone

SHARED = Path(__file__).resolve().parent.parent / "shared"
SEED_FILE = SHARED / "seed" / "000_57345e16e62c26d9.txt"
SEED_ASSETS = SHARED / "seed" / "assets"
SEED_SLUG = "top-python-web-development-frameworks-in-2026"
SEED_FRAMEWORKS = ["reflex", "django", "flask", "streamlit", "gradio", "plotly-dash", "fastapi"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Redis outlives a test: every test starts with an empty shared cache."""
    from django.core.cache import cache

    from blog import page_queries
    from config.page_cache import guard

    cache.clear()
    guard.reset()  # the epoch of an earlier test's (rolled back) database is gone
    page_queries.forget_spreads()  # tags counted in an earlier test's database


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes media into its own folder, so file checks see only that test's files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def seed_file():
    assert SEED_FILE.is_file(), f"the seed article is expected at {SEED_FILE}"
    return SEED_FILE


@pytest.fixture
def seeded(db, seed_file):
    from blog.importer import post_import

    return post_import(path=seed_file, assets=SEED_ASSETS)


@pytest.fixture
def make_author(db):
    from blog.models import Author

    def make(name="Ada Writer", **fields):
        from django.utils.text import slugify

        return Author.objects.create(name=name, slug=slugify(name), **fields)

    return make


@pytest.fixture
def make_framework(db):
    from blog.search.index import search_index_framework
    from config.publishing import Status
    from frameworks.models import Con, Framework, Pro

    counter = iter(range(1, 100_000))

    def make(
        name=None, *, status=Status.PUBLISHED, pros=("**Fast**: quick",), cons=("**Young**: new",), tags=(), **fields
    ):
        number = next(counter)
        name = name or f"Framework {number}"
        fields.setdefault(
            "slug", f"framework-{number}" if name.startswith("Framework ") else name.lower().replace(" ", "-")
        )
        framework = Framework.objects.create(name=name, status=status, tagline=f"{name} tagline", **fields)
        for position, text in enumerate(pros):
            Pro.objects.create(framework=framework, text=text, position=position)
        for position, text in enumerate(cons):
            Con.objects.create(framework=framework, text=text, position=position)
        if tags:
            framework.tags.add(*tags)
        search_index_framework(framework=framework)
        return framework

    return make


@pytest.fixture
def make_post(db, make_author):
    from blog.models import Post
    from blog.search.index import search_index_post
    from config.publishing import Status

    counter = iter(range(1, 100_000))
    authors = {}

    def make(title=None, *, status=Status.PUBLISHED, body="Some text.", tags=(), published_at=None, **fields):
        number = next(counter)
        title = title or f"Post number {number}"
        if "author" not in fields:
            fields["author"] = authors.get("default") or authors.setdefault("default", make_author())
        post = Post.objects.create(
            title=title,
            slug=fields.pop("slug", f"post-{number}"),
            status=status,
            body=body,
            published_at=published_at or timezone.now() - timezone.timedelta(hours=number),
            **fields,
        )
        if tags:
            post.tags.add(*tags)
            search_index_post(post=post)
        return post

    return make


@pytest.fixture
def staff_client(db, django_user_model):
    """A logged-in editor, separate from the anonymous `client`."""
    from django.test import Client

    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    staff = Client()
    staff.force_login(user)
    return staff


# The editorial roles as signed-in clients: an author ("ann") and an editor ("eve").
def member(django_user_model, name, group):
    from django.contrib.auth.models import Group
    from django.test import Client

    user = django_user_model.objects.create_user(name, password="pw", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def author(django_user_model):
    return member(django_user_model, "ann", "Author")


@pytest.fixture
def editor(django_user_model):
    return member(django_user_model, "eve", "Editor")
