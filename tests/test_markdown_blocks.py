"""Our blocks as rules of the CommonMark + GFM renderer, and what GitHub's Markdown gives readers
beyond the spec's examples: where blocks may stand, callout titles, ids, and what stays safe."""

from html import unescape
from html.parser import HTMLParser

from django.utils.html import strip_tags

from config.markdown import embedded_slugs, rename_embeds, render_inline, render_markdown


class Elements(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def all(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.found if name == tag]


def test_a_list_right_under_a_line_of_text_is_a_list_and_two_space_nesting_nests():
    html = render_markdown("Intro\n- a\n  - nested\n- b")
    assert html.startswith("<p>Intro</p>\n<ul>") and "<li>a\n<ul>\n<li>nested</li>" in html


def test_a_callout_title_may_be_any_heading_level_and_carry_markdown():
    html = render_markdown("```md alert warning\n## Mind the **version**\nBody *text*.\n```")
    title = '<p class="callout-title">Mind the <strong>version</strong></p>'
    assert f'<aside class="callout callout-warning">{title}' in html
    assert "<p>Body <em>text</em>.</p>" in html


def test_a_github_alert_is_a_callout():
    html = render_markdown("> [!CAUTION]\n> Back up first.")
    assert '<aside class="callout callout-error">' in html and '<p class="callout-title">Caution</p>' in html


def test_blocks_work_inside_list_items_and_code_inside_a_list_is_kept():
    html = render_markdown(
        "1. Step\n\n   ```md alert\n   Inside the item.\n   ```\n\n2. Code:\n\n   ```bash\n   pip install x\n   ```"
    )
    items = html.split("<li>")
    assert 'class="callout callout-info"' in items[1] and "pip install x" in unescape(strip_tags(items[2]))


def test_a_demo_is_shown_as_its_highlighted_code_and_labelled():
    html = render_markdown('```python demo exec\nrx.text("hi")\n```')
    assert '<figure class="demo">' in html and '<code class="language-python">' in html
    assert "live demo" in html and "<span" in html


def test_code_in_an_unknown_language_is_escaped_text():
    html = render_markdown("```nosuchlanguage\n<b>x</b>\n```")
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>" not in html


def test_embeds_are_found_wherever_the_renderer_finds_them():
    source = "- item\n\n  ```framework reflex\n  ```\n\n> ```framework django\n> ```\n\n```framework reflex\n```"
    assert embedded_slugs(source) == ["reflex", "django"]


def test_renaming_an_embed_follows_it_into_lists_and_leaves_code_alone():
    source = (
        "[R](#reflex)\n\n- x\n\n  ```framework reflex\n  ```\n\n"
        "```python\n'](#reflex)'\n```\n```framework reflexive\n```\n"
    )
    renamed = rename_embeds(source, old_slug="reflex", new_slug="reflex-dev")
    assert renamed == source.replace("[R](#reflex)", "[R](#reflex-dev)").replace(
        "  ```framework reflex\n", "  ```framework reflex-dev\n"
    )


def test_heading_ids_are_unique_keep_any_script_and_match_the_old_ones():
    html = render_markdown("## Why Reflex?\n\n## Why Reflex?\n\n## Café 日本語\n\n## !!!")
    ids = [attrs["id"] for attrs in Elements(html).all("h2")]
    assert ids == ["why-reflex", "why-reflex_1", "café-日本語", "section"]


def test_footnotes_of_an_entry_do_not_take_the_article_s_ids():
    article = render_markdown("a[^1]\n\n[^1]: n")
    entry = render_markdown("b[^1]\n\n[^1]: m", footnote_prefix="reflex")
    assert 'id="fn1"' in article and 'id="fn-reflex-1"' in entry and 'href="#fnref-reflex-1"' in entry


def test_a_task_box_is_never_a_field_a_reader_can_use():
    html = render_markdown('- [x] done\n\n<input type="text" name="card" value="4111" onfocus="steal()">')
    boxes = Elements(html).all("input")
    assert len(boxes) == 2
    allowed = {"type", "disabled", "checked", "class", "aria-label"}
    assert all(box.get("type") == "checkbox" and "disabled" in box and set(box) <= allowed for box in boxes)


def test_table_alignment_reaches_the_cells_without_inline_styles():
    html = render_markdown("| a | b |\n|:-:|--:|\n| 1 | 2 |")
    assert '<th align="center">a</th>' in html and '<td align="right">2</td>' in html and "style=" not in html


def test_text_stays_as_written_no_typographic_substitution():
    text = "\"quotes\" 'single' -- ... (c) +-"
    assert unescape(render_inline(text)) == text


def test_pros_and_cons_render_inline_markdown_with_gfm():
    assert render_inline("**Fast** ~~slow~~ see www.example.com") == (
        '<strong>Fast</strong> <del>slow</del> see <a href="http://www.example.com" rel="noopener">www.example.com</a>'
    )
