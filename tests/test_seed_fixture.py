"""fixtures/seed.json must be what importing the seed produces today."""

import re

import pytest
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.commands.loaddata import Command as LoadData
from django.urls import reverse

from blog.importer import post_import
from blog.models import Author, Coverage, Post
from config.settings import base as base_settings
from conftest import SEED_ASSETS
from frameworks.models import Con, Framework, Pro

MODELS = [Author, Post, Coverage, Framework, Pro, Con]
# Set by the clock, by chance (the nonce is a secret, random per post), by primary keys (the
# tokens of the lists a page shows, where related posts come from: tag and entry ids) or by the
# code (parts' release).
VOLATILE = {"created_at", "modified_at", "preview_nonce", "page_tokens", "related_from", "parts_release"}

pytestmark = pytest.mark.django_db


def content_snapshot() -> dict:
    """Every stored field, foreign keys named by what they point at, so primary keys do not matter."""
    snapshot = {}
    for model in MODELS:
        rows = []
        for item in serializers.serialize("python", model.objects.all()):
            fields = {k: v for k, v in item["fields"].items() if k not in VOLATILE}
            instance = model.objects.get(pk=item["pk"])
            for field in model._meta.concrete_fields:
                if field.is_relation and field.name in fields:
                    fields[field.name] = str(getattr(instance, field.name))
            rows.append(fields)
        snapshot[model._meta.label] = sorted(rows, key=repr)
    snapshot["tags"] = sorted((str(post), sorted(post.tags.names())) for post in Post.objects.all())
    return snapshot


def test_fixture_loads_and_matches_a_fresh_import_of_the_seed(seed_file, settings):
    # `make fixture` imports with the shipped settings: the figure's srcset names all its widths.
    settings.IMAGE_RENDITION_WIDTHS = base_settings.IMAGE_RENDITION_WIDTHS
    settings.IMAGE_WEBP_METHOD = base_settings.IMAGE_WEBP_METHOD
    # Django's own loaddata: the rows as stored (blog's would render them again without the media).
    call_command(LoadData(), "seed", verbosity=0)
    from_fixture = content_snapshot()
    assert from_fixture["blog.Post"], "the fixture holds no post"
    for model in reversed(MODELS):
        model.objects.all().delete()
    post_import(path=seed_file, assets=SEED_ASSETS)
    assert content_snapshot() == from_fixture, "fixtures/seed.json is stale: run `make fixture`"


MEDIA_REFERENCE = re.compile(r'(?:src|content|href)="(?:https?://[^/"]+)?/media/([^"]+)"')


def test_after_loaddata_of_our_fixture_no_page_names_a_missing_media_file(client, media_root):
    """The fixture brings rows, not files: its HTML is rendered again here (a figure whose file is
    missing becomes the placeholder that keeps its alt text and caption) and share cards drawn."""
    call_command("loaddata", "seed", verbosity=0)
    post = Post.objects.get()
    pages = [reverse("blog:list"), post.get_absolute_url(), reverse("frameworks:list")]
    pages += [framework.get_absolute_url() for framework in Framework.objects.all()]
    for url in pages:
        html = client.get(url).text
        missing = [name for name in MEDIA_REFERENCE.findall(html) if not default_storage.exists(name)]
        assert missing == [], url
    assert 'class="figure-missing"' in post.body_html and "Github Top Programming Languages" in post.body_html
