"""import → export → import keeps the stored content: the seed, with its figure and entries."""

import pytest
from django.core.management import call_command

from blog.exporter import export_post
from blog.importer import post_import
from blog.models import Author, Coverage, FaqItem, Post
from conftest import SEED_ASSETS
from frameworks.models import Con, Framework, Pro
from tests.test_seed_fixture import content_snapshot

pytestmark = pytest.mark.django_db


def wipe():
    for model in (Coverage, FaqItem, Post, Pro, Con, Framework, Author):
        model.objects.all().delete()


def test_seed_round_trip_is_lossless(seed_file, tmp_path):
    first = post_import(path=seed_file, assets=SEED_ASSETS).post
    FaqItem.objects.create(post=first, question="Which is fastest?", answer="FastAPI.", position=0)
    first.tags.add("comparison")
    before = content_snapshot()
    assets = tmp_path / "assets"
    assets.mkdir()
    exported = tmp_path / seed_file.name
    exported.write_text(export_post(Post.objects.get(), assets=assets))
    wipe()
    post_import(path=exported, assets=assets)
    assert content_snapshot() == before


def test_export_is_the_dialect(seeded):
    text = export_post(seeded.post)
    assert text.startswith("---\nauthor: Tom Gotsman\ndate: 2026-01-09\ntitle: Top Python Web Development")
    assert "image: /blog/top_python_web_frameworks_2026.png" in text
    assert "```python exec\n" in text and "## Reflex\n\n### Create full-stack web apps using only Python" in text
    assert "- **Pure Python**: Write both your frontend and backend code entirely in Python." in text
    assert "rx.text('Github top programming languages 2024')" in text
    assert "```framework" not in text and "```figure" not in text


def test_export_command_writes_the_file_and_images(seeded, tmp_path):
    call_command("export_post", seeded.post.slug, "--output", str(tmp_path / "out.md"), "--assets", str(tmp_path / "a"))
    assert (tmp_path / "out.md").read_text().startswith("---\n")
    assert [p.suffix for p in (tmp_path / "a").iterdir()] == [".webp"]
