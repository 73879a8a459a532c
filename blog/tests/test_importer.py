"""The Reflex-dialect importer: what it keeps, what it refuses, and that a refusal changes nothing."""

import io
import textwrap
from html import unescape
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils.html import strip_tags
from PIL import Image

from blog.importer import ImportFailed, post_import
from blog.models import Author, Post
from conftest import SEED_ASSETS, SEED_FRAMEWORKS
from frameworks.models import Con, Framework, Pro

pytestmark = pytest.mark.django_db

HEAD = "---\ntitle: A Test Post\nauthor: Jane Doe\ndate: 2025-03-01\ndescription: About things\n---\n"


def write(tmp_path: Path, text: str, name: str = "post.md") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def png_bytes(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def stored_files(media_root: Path) -> set[str]:
    return (
        {str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file()} if media_root.exists() else set()
    )


def snapshot():
    return (
        list(Post.objects.values_list("slug", "title", "body")),
        list(Framework.objects.values_list("slug", "tagline")),
        list(Pro.objects.values_list("framework__slug", "text")),
        list(Con.objects.values_list("framework__slug", "text")),
        Author.objects.count(),
    )


def test_seed_becomes_one_post_and_seven_framework_entries(seeded):
    assert seeded.post.title == "Top Python Web Development Frameworks in 2026"
    assert [fw.slug for fw, _ in seeded.frameworks] == SEED_FRAMEWORKS
    assert list(seeded.post.frameworks.order_by("coverage__position").values_list("slug", flat=True)) == SEED_FRAMEWORKS


def test_seed_front_matter_reaches_the_post(seeded):
    post = seeded.post
    assert post.author.name == "Tom Gotsman"
    assert post.published_at.date().isoformat() == "2026-01-09"
    assert post.description == "Reflex vs Django vs Flask vs Gradio vs Streamlit vs Dash vs FastAPI"
    assert post.keywords.startswith("streamlit python, streamlit, streamlit alternatives")


def test_seed_sections_become_entries_with_their_points(seeded):
    reflex = Framework.objects.get(slug="reflex")
    assert reflex.tagline == "Create full-stack web apps using only Python"
    assert reflex.website == "https://reflex.dev"
    assert [p.label for p in reflex.pros.all()] == [
        "Pure Python",
        "No boilerplate",
        "Flexible and expressive",
        "Database management",
        "Authentication",
        "Deployment",
    ]
    assert [c.label for c in reflex.cons.all()] == ["Ecosystem", "Breaking changes"]
    assert "<code>reflex deploy</code>" in reflex.pros.get(label="Deployment").text_html


def test_text_after_the_cons_becomes_closing_notes(seeded):
    fastapi = Framework.objects.get(slug="fastapi")
    assert fastapi.closing_notes.startswith("**Reflex** extends FastAPI")
    flask = Framework.objects.get(slug="flask")
    assert "**Flask vs Django:**" in flask.description


def test_exec_blocks_are_dropped_and_eval_figure_becomes_a_figure(seeded):
    body = seeded.post.body
    assert "import reflex" not in body and "python exec" not in body and "python eval" not in body
    assert "```figure" in body
    assert "alt: Github Top Programming Languages" in body
    assert "caption: Github top programming languages 2024" in body


def test_figure_image_is_stored_as_media(seeded, media_root):
    figures = [name for name in stored_files(media_root) if name.startswith("figures/")]
    assert len(figures) == 1 and figures[0].endswith(".webp")


def test_missing_hero_image_gets_a_generated_social_card(seeded, media_root):
    post = seeded.post
    assert not post.hero_image
    with Image.open(media_root / post.social_card.name) as card:
        assert card.size == (1200, 630)
    assert any("hero image /blog/top_python_web_frameworks_2026.png not found" in w for w in seeded.warnings)


def test_reimport_updates_and_never_duplicates(seeded, seed_file, media_root):
    files_before = stored_files(media_root)
    reflex = Framework.objects.get(slug="reflex")
    reflex.pros.filter(label="Pure Python").update(text="changed by hand")
    again = post_import(path=seed_file, assets=SEED_ASSETS)
    assert not again.created
    assert Post.objects.count() == 1 and Framework.objects.count() == 7 and Author.objects.count() == 1
    assert Pro.objects.filter(framework=reflex).count() == 6
    assert reflex.pros.get(label="Pure Python").text.startswith("Write both")
    assert stored_files(media_root) == files_before


def test_missing_figure_image_is_a_warning_and_keeps_alt_and_caption(tmp_path):
    path = write(
        tmp_path,
        HEAD
        + textwrap.dedent("""
        Intro.

        ```python eval
        rx.vstack(image_zoom(rx.image(src="/blog/nowhere.png", alt="A chart")), rx.text("The caption"))
        ```
        """),
    )
    result = post_import(path=path, assets=tmp_path)
    assert any("/blog/nowhere.png not found" in warning for warning in result.warnings)
    html = result.post.body_html
    assert "A chart" in html and "<figcaption>The caption</figcaption>" in html and "<img" not in html


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("no front matter\n", "no front matter"),
        ("---\ntitle: x\ndate: 2025-01-01\nno closing line\n", "no closing '---'"),
        ("---\ntitle: [unclosed\ndate: 2025-01-01\n---\nbody\n", "invalid YAML"),
        ("---\nauthor: me\ndate: 2025-01-01\n---\nbody\n", "no title"),
        ("---\ntitle: x\ndate: next tuesday\n---\nbody\n", "not a date"),
        ("---\ntitle: x\ndate: 2025-01-01\n---\n```python\nprint(1)\n", "never closed"),
    ],
)
def test_malformed_file_is_refused_and_changes_nothing(seeded, tmp_path, media_root, source, message):
    before, files = snapshot(), stored_files(media_root)
    path = write(tmp_path, source)
    with pytest.raises(ImportFailed, match=message):
        post_import(path=path, assets=tmp_path)
    assert snapshot() == before
    assert stored_files(media_root) == files


def test_broken_version_of_an_imported_post_leaves_the_stored_one_intact(tmp_path, media_root):
    path = write(tmp_path, HEAD + "Original body.\n")
    post_import(path=path)
    before = snapshot()
    write(tmp_path, HEAD.replace("2025-03-01", "someday") + "New body.\n")
    with pytest.raises(ImportFailed):
        post_import(path=path)
    assert snapshot() == before


def test_fake_image_is_refused_and_no_file_is_left_behind(tmp_path, media_root):
    (tmp_path / "real.png").write_bytes(png_bytes())
    (tmp_path / "fake.png").write_bytes(b"this is not an image at all")
    path = write(
        tmp_path,
        HEAD
        + textwrap.dedent("""
        ```python eval
        rx.image(src="/blog/real.png", alt="Real")
        ```

        ```python eval
        rx.image(src="/blog/fake.png", alt="Fake")
        ```
        """),
    )
    with pytest.raises(ImportFailed, match="fake.png.*not a valid image"):
        post_import(path=path, assets=tmp_path)
    assert Post.objects.count() == 0
    assert stored_files(media_root) == set()


def test_image_paths_cannot_escape_the_assets_folder(tmp_path):
    assets = tmp_path / "assets"
    assets.mkdir()
    (tmp_path / "secret.png").write_bytes(png_bytes())
    path = write(tmp_path, HEAD + '```python eval\nrx.image(src="../secret.png", alt="x")\n```\n')
    result = post_import(path=path, assets=assets)
    assert any("not found" in warning for warning in result.warnings)
    assert "<img" not in result.post.body_html


def test_eval_blocks_are_parsed_never_executed(tmp_path):
    marker = tmp_path / "executed"
    path = write(tmp_path, HEAD + f'```python eval\n__import__("pathlib").Path("{marker}").touch()\n```\n')
    result = post_import(path=path)
    assert not marker.exists()
    assert any("shown as code" in warning for warning in result.warnings)
    assert "__import__" in result.post.body_html  # the reader sees it as code, nothing is lost


def test_other_dialect_blocks_are_translated_shown_as_code_or_reported(tmp_path):
    path = write(
        tmp_path,
        HEAD
        + textwrap.dedent("""
        ```md alert warning
        # Heads up
        Read this **first**.
        ```

        ```python demo exec
        def index():
            return rx.text("demo")
        ```

        ```md definition
        A term: its meaning.
        ```

        ```python eval
        rx.video(url="https://www.youtube.com/embed/abc123")
        ```

        ```bash
        pip install reflex
        ```
        """),
    )
    result = post_import(path=path)
    html = result.post.body_html
    assert '<aside class="callout callout-warning">' in html and "Heads up" in html and "<strong>first</strong>" in html
    text = unescape(strip_tags(html))
    assert 'return rx.text("demo")' in text  # the demo, as code
    assert "A term: its meaning." in text  # the unknown block, as code
    assert 'href="https://www.youtube.com/embed/abc123"' in html
    assert "pip install reflex" in text and '<div class="highlight">' in html
    reported = " ".join(result.warnings)
    assert "demo shown as its code" in reported and "unknown ```md definition block" in reported


def test_later_front_matter_keys_are_mapped_and_unknown_ones_kept(tmp_path):
    path = write(
        tmp_path,
        textwrap.dedent("""\
        ---
        title: Heading Title
        title_tag: Browser Title
        author: Jane Doe
        author_bio: Writes about Python.
        date: 2025-03-01
        updated_at: 2025-04-02 10:30:00
        tag: Frameworks
        faq:
          - question: Is it fast?
            answer: Yes.
        meta:
          - name: keywords
            content: one, two
          - property: og:locale
            content: en_US
        series: Deep dives
        ---
        Body.
        """),
    )
    result = post_import(path=path)
    post = result.post
    assert post.title_tag == "Browser Title"
    assert post.updated_at.isoformat().startswith("2025-04-02T10:30")
    assert post.author.bio == "Writes about Python."
    assert list(post.tags.names()) == ["Frameworks"]
    assert list(post.faq_items.values("question", "answer")) == [{"question": "Is it fast?", "answer": "Yes."}]
    assert post.keywords == "one, two"
    assert post.extra_front_matter == {"meta": [{"property": "og:locale", "content": "en_US"}], "series": "Deep dives"}
    assert any("series" in warning for warning in result.warnings)


def test_fields_yaml_holds_and_json_does_not_are_kept_as_text(tmp_path):
    matter = "title: Odd numbers\ndate: 2025-01-01\nseries: [.nan, .inf, -.inf, 2025-01-02]"
    path = write(tmp_path, f"---\n{matter}\n---\nBody.\n")
    post = post_import(path=path).post
    post.refresh_from_db()
    assert post.extra_front_matter == {"series": ["NaN", "Infinity", "-Infinity", "2025-01-02"]}


def test_command_reports_one_line_naming_the_file(tmp_path):
    path = write(tmp_path, "---\ntitle: x\n")
    with pytest.raises(CommandError) as raised:
        call_command("import_post", str(path))
    message = str(raised.value)
    assert str(path) in message and "\n" not in message


def test_command_prints_warnings_and_success(seed_file):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_post", str(seed_file), "--assets", str(SEED_ASSETS), stdout=out, stderr=err)
    assert "Imported “Top Python Web Development Frameworks in 2026”" in out.getvalue()
    assert "hero image" in err.getvalue()


def test_if_new_leaves_an_imported_post_and_its_edits_alone(seeded, seed_file):
    reflex = Framework.objects.get(slug="reflex")
    reflex.pros.filter(label="Pure Python").update(text="edited by an editor")
    out = io.StringIO()
    call_command("import_post", str(seed_file), "--assets", str(SEED_ASSETS), "--if-new", stdout=out)
    assert "imported before" in out.getvalue()
    assert reflex.pros.get(label="Pure Python").text == "edited by an editor"


def test_yaml_aliases_are_refused(tmp_path):
    path = write(tmp_path, "---\ntitle: x\ndate: 2025-01-01\na: &a [1, 2]\nb: [*a, *a]\n---\nbody\n")
    with pytest.raises(ImportFailed, match="aliases"):
        post_import(path=path)


def test_unreadable_image_is_refused(tmp_path):
    (tmp_path / "dir.png").mkdir()
    path = write(tmp_path, HEAD + '```python eval\nrx.image(src="/blog/dir.png/", alt="x")\n```\n')
    result = post_import(path=path, assets=tmp_path)
    assert any("not found" in warning for warning in result.warnings)


def test_a_post_from_another_file_with_the_same_title_is_not_overwritten(tmp_path):
    post_import(path=write(tmp_path, HEAD + "First.\n", name="one.md"))
    with pytest.raises(ImportFailed, match="imported from another file"):
        post_import(path=write(tmp_path, HEAD + "Second.\n", name="two.md"))
    assert "First." in Post.objects.get().body


def test_overlong_fields_are_refused_with_a_clear_message(tmp_path):
    path = write(tmp_path, HEAD + "## Thing\n### " + "t" * 300 + "\n\n**Pros**\n\n- **A**: b\n")
    with pytest.raises(ImportFailed, match="section “Thing”: tagline: Ensure this value has at most 200"):
        post_import(path=path)
    assert Framework.objects.count() == 0


def test_social_card_is_redrawn_when_the_title_changes(seeded, media_root):
    post = seeded.post
    first = post.social_card.name
    post.title = "A different title"
    post.save()
    assert post.social_card.name != first and (media_root / post.social_card.name).is_file()
    post.save()
    assert post.social_card.name == Post.objects.get().social_card.name
