"""The dialect's blog as a migrating team brings it: a whole folder at once, addresses from file
names, unlisted posts (show_in_cards: false), and one summary of what happened to each file."""

import io
from pathlib import Path

import feedparser
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from blog.importer import ImportFailed, post_import
from blog.models import Post
from config.publishing import Status

pytestmark = pytest.mark.django_db


def post_source(title: str, body: str = "Some text.", **front) -> str:
    lines = [f"title: {title}", "author: Jane Doe", "date: 2025-03-01", "tags: [Python]"]
    lines += [f"{key}: {value}" for key, value in front.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body + "\n"


def folder(tmp_path: Path, files: dict[str, str]) -> Path:
    blog = tmp_path / "blog"
    blog.mkdir()
    for name, text in files.items():
        (blog / name).write_text(text)
    return blog


def run_import(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_post", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def unlisted(tmp_path):
    path = tmp_path / "hidden-gem.md"
    path.write_text(post_source("A Hidden Gem", "Only for those with the link.", show_in_cards="false"))
    listed = tmp_path / "front-page.md"
    listed.write_text(post_source("On The Front Page", "Everyone sees this."))
    post_import(path=listed)
    return post_import(path=path).post


def test_show_in_cards_false_imports_an_unlisted_post(unlisted):
    assert unlisted.status == Status.PUBLISHED and unlisted.listed is False


def test_an_unlisted_post_has_its_page_sitemap_entry_and_search_result(client, unlisted):
    page = client.get(unlisted.get_absolute_url())
    assert page.status_code == 200 and "Only for those with the link." in page.text
    assert unlisted.get_absolute_url() in client.get("/sitemap-posts.xml").text
    assert 'href="/blog/a-hidden-gem/"' in client.get(reverse("blog:search"), {"q": "gem"}).text


def test_an_unlisted_post_is_on_no_list_or_feed(client, unlisted):
    home = client.get(reverse("blog:list")).text
    assert "On The Front Page" in home and "A Hidden Gem" not in home
    tag = client.get(reverse("blog:tag", kwargs={"slug": "python"})).text
    assert "On The Front Page" in tag and "A Hidden Gem" not in tag
    feed = feedparser.parse(client.get("/feed/").content)
    assert [entry.title for entry in feed.entries] == ["On The Front Page"]


def test_an_unlisted_post_is_not_among_related_posts(client, unlisted):
    listed = Post.objects.get(title="On The Front Page")
    assert "A Hidden Gem" not in client.get(listed.get_absolute_url()).text


def test_show_in_cards_must_be_a_boolean(tmp_path):
    path = tmp_path / "post.md"
    path.write_text(post_source("Maybe", show_in_cards="sometimes"))
    with pytest.raises(ImportFailed, match="show_in_cards"):
        post_import(path=path)
    assert not Post.objects.exists()


def test_an_editor_can_unlist_a_post_in_the_admin(admin_client, unlisted):
    listed = Post.objects.get(title="On The Front Page")
    form = admin_client.get(reverse("admin:blog_post_change", args=[listed.pk])).text
    assert 'name="listed"' in form


def test_the_markdown_export_keeps_a_post_unlisted(client, unlisted):
    text = client.get(reverse("blog:markdown", kwargs={"slug": unlisted.slug})).text
    assert "show_in_cards: false" in text


def test_with_slug_from_filename_posts_keep_their_file_names_and_their_links_resolve(client, tmp_path):
    blog = folder(
        tmp_path,
        {
            "reflex-architecture.md": post_source("How Reflex Works", "See [the intro](/blog/intro-to-reflex)."),
            "intro-to-reflex.md": post_source("An Introduction", "Start here."),
        },
    )
    out, err = run_import(blog, "--slug-from-filename")
    assert sorted(Post.objects.values_list("slug", flat=True)) == ["intro-to-reflex", "reflex-architecture"]
    page = client.get("/blog/reflex-architecture/")
    assert client.get("/blog/intro-to-reflex", follow=True).status_code == 200
    assert 'href="/blog/intro-to-reflex"' in page.text
    assert "no post or page here" not in err


def test_two_posts_with_the_same_title_are_two_posts(tmp_path):
    blog = folder(
        tmp_path, {"first.md": post_source("Same Title", "One."), "second.md": post_source("Same Title", "Two.")}
    )
    run_import(blog, "--slug-from-filename")
    assert {post.slug: post.body.strip() for post in Post.objects.all()} == {"first": "One.", "second": "Two."}


def test_a_folder_reports_each_file_a_clash_refuses_one_file_and_overwrites_nothing(tmp_path, make_post):
    written_here = make_post("Written In The Admin", slug="taken", body="The editor's own words.")
    blog = folder(
        tmp_path,
        {
            "a-good-one.md": post_source("A Good One", "Fine. [Gone](/blog/never-imported/)."),
            "broken.md": "---\ntitle: [unclosed\n---\nbody\n",
            "taken.md": post_source("Wants The Same Address", "Would overwrite."),
            "z-last.md": post_source("The Last One", "Still imported after the failures."),
        },
    )
    with pytest.raises(CommandError, match="2 file"):
        run_import(blog, "--slug-from-filename")
    written_here.refresh_from_db()
    assert written_here.body == "The editor's own words."
    assert set(Post.objects.values_list("slug", flat=True)) == {"taken", "a-good-one", "z-last"}


def test_the_summary_counts_what_happened_and_says_why(tmp_path, make_post, capsys):
    make_post("Written In The Admin", slug="taken")
    blog = folder(
        tmp_path,
        {
            "a-good-one.md": post_source("A Good One", "Fine. [Gone](/blog/never-imported/)."),
            "taken.md": post_source("Wants The Same Address"),
        },
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_post", str(blog), "--slug-from-filename", stdout=out, stderr=err)
    out, err = out.getvalue(), err.getvalue()
    assert "[1/2] a-good-one.md: imported at /blog/a-good-one/" in out
    assert "[2/2] taken.md: refused: the address /blog/taken/ is taken by “Written In The Admin”" in out
    assert "1 imported, 0 updated, 0 left as they were, 1 refused; 1 warnings" in out
    assert "a-good-one.md: warning: links to /blog/never-imported/, which is no post or page here" in err
    assert "refused" in err and "taken.md" in err
    # Run again: the good file is updated, the summary says so.
    with pytest.raises(CommandError):
        call_command(
            "import_post", str(blog), "--slug-from-filename", stdout=(again := io.StringIO()), stderr=io.StringIO()
        )
    assert "0 imported, 1 updated" in again.getvalue()


def test_a_single_file_reports_as_before(tmp_path):
    path = tmp_path / "one.md"
    path.write_text(post_source("Just One"))
    out, _ = run_import(path)
    assert "Imported “Just One” at /blog/just-one/" in out and "[1/1]" not in out


def test_a_missing_path_or_an_empty_folder_is_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match="no such file or folder"):
        run_import(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CommandError, match="no .md"):
        run_import(tmp_path / "empty")


def test_faq_answers_are_markdown_rendered_at_save_and_plain_in_structured_data(client, tmp_path):
    path = tmp_path / "faq.md"
    path.write_text(
        post_source("With Questions").replace(
            "tags: [Python]",
            "tags: [Python]\nfaq:\n  - question: Is it fast?\n    answer: '**Yes**, see [the numbers](https://example.com).'",
        )
    )
    post = post_import(path=path).post
    assert (
        post.faq_items.get().answer_html
        == '<p><strong>Yes</strong>, see <a href="https://example.com" rel="noopener">the numbers</a>.</p>\n'
    )
    html = client.get(post.get_absolute_url()).text
    assert "<summary>Is it fast?</summary><p><strong>Yes</strong>" in html
    assert '"text": "**Yes**, see [the numbers](https://example.com)."' in html


def test_markdown_images_are_stored_like_figures_and_a_missing_one_shows_its_alt_text(tmp_path, media_root):
    from PIL import Image

    assets = tmp_path / "assets"
    (assets / "blog").mkdir(parents=True)
    Image.new("RGB", (64, 48), "navy").save(assets / "blog" / "chart.png")
    path = tmp_path / "images.md"
    path.write_text(post_source("Images", "![A chart](/blog/chart.png)\n\nInline ![gone](/blog/missing.png) here."))
    result = post_import(path=path, assets=assets)
    html = result.post.body_html
    assert '<img src="/media/figures/chart-' in html and 'alt="A chart"' in html and 'width="64"' in html
    assert '<span class="image-missing">gone</span>' in html and "missing.png" not in html
    assert any("/blog/missing.png not found" in warning for warning in result.warnings)


def test_two_files_of_the_same_name_in_one_run_never_make_one_post(tmp_path):
    for name, text in (("a", "From a."), ("b", "From b.")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "intro.md").write_text(post_source(f"Intro {name}", text))
    with pytest.raises(CommandError, match="1 file"):
        run_import(tmp_path / "a", tmp_path / "b")
    assert [post.body.strip() for post in Post.objects.all()] == ["From a."]
