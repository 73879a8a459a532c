"""Front matter is read strictly: drafts stay drafts, and what YAML forbids or the calendar lacks
is refused in one line, storing nothing.

The risks: `draft: true` was ignored and the post went live on the home page, the feed, the
sitemap and search; an impossible date or a deeply nested value printed a traceback; a
duplicated key silently won over its twin.
"""

import pytest
from django.core.management import CommandError, call_command

from blog.importer import ImportFailed, post_import
from blog.models import Post
from blog.tests.test_importer import snapshot, stored_files, write

pytestmark = pytest.mark.django_db


def front(*lines: str, body: str = "Body text.\n") -> str:
    return "---\n" + "\n".join(["title: Strict Post", "date: 2025-03-01", *lines]) + "\n---\n" + body


@pytest.mark.parametrize("line", ["draft: true", "draft: True", "draft: yes", "published: false", "published: no"])
def test_draft_flags_import_as_a_draft_nobody_can_read(tmp_path, client, line):
    post = post_import(path=write(tmp_path, front(line))).post
    assert post.status == "draft"
    assert client.get(post.get_absolute_url()).status_code == 404
    for page in ("/", "/feed/", "/sitemap-posts.xml", "/search/?q=Strict", "/llms.txt"):
        assert "Strict Post" not in client.get(page).text, page


def test_draft_false_publishes(tmp_path):
    assert post_import(path=write(tmp_path, front("draft: false"))).post.status == "published"


def test_a_draft_flag_on_reimport_takes_a_published_post_down(tmp_path):
    path = write(tmp_path, front())
    assert post_import(path=path).post.status == "published"
    path.write_text(front("draft: true"))
    assert post_import(path=path).post.status == "draft"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("draft: maybe", "front matter 'draft' must be true or false, not 'maybe'"),
        ("draft: 1", "front matter 'draft' must be true or false, not 1"),
        ('draft: "true"', "front matter 'draft' must be true or false, not 'true'"),
        ("draft:", "front matter 'draft' must be true or false, not None"),
        ("published: [no]", "front matter 'published' must be true or false, not \\[False\\]"),
        ("title: Again", "front matter key 'title' appears twice \\(line 3\\)"),
        ("updated_at: 2026-02-30", "front matter line 3: 2026-02-30 is not a real date"),
        ('updated_at: "2026-02-30"', "front matter 'updated_at' is not a real date: '2026-02-30'"),
        ("updated_at: 2025-13-01T10:00:00", "not a real date"),
        ("extra: " + "[" * 50 + "]" * 50, "nests deeper than 20 levels"),
        ("extra:\n" + "".join("  " * depth + "- \n" for depth in range(1, 40)), "nests deeper than 20 levels"),
        ("faq:\n  - question: a\n    question: b\n    answer: c", "front matter key 'question' appears twice"),
        ("tags: {a: b}", "tags must be a list or a comma-separated line"),
        ("tags: [" + "x" * 101 + "]", "is over 100 characters"),
    ],
)
def test_bad_front_matter_is_refused_in_one_line_and_stores_nothing(seeded, tmp_path, media_root, line, message):
    before, files = snapshot(), stored_files(media_root)
    with pytest.raises(ImportFailed, match=message) as refusal:
        post_import(path=write(tmp_path, front(line)))
    assert "\n" not in str(refusal.value) and "Traceback" not in str(refusal.value)
    assert snapshot() == before and stored_files(media_root) == files


def test_a_date_that_does_not_exist_is_refused_by_the_command_without_a_traceback(tmp_path):
    path = tmp_path / "post.md"
    path.write_text("---\ntitle: x\ndate: 2026-02-30\n---\nbody\n")
    with pytest.raises(CommandError, match="post.md: front matter line 2: 2026-02-30 is not a real date"):
        call_command("import_post", str(path))
    assert not Post.objects.exists()


def test_keywords_as_long_as_a_real_posts_are_kept(tmp_path):
    keywords = ", ".join(f"python web framework comparison {n}" for n in range(20))
    assert len(keywords) > 634
    post = post_import(path=write(tmp_path, front(f'meta: [{{"name": "keywords", "content": "{keywords}"}}]'))).post
    assert post.keywords == keywords
