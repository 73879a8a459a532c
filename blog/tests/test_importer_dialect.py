"""The importer handles the dialect as later posts of the same blog write it, not just the seed."""

import textwrap

import pytest

from blog.importer import post_import
from frameworks.models import Framework

pytestmark = pytest.mark.django_db

LATER_POST = """\
---
author: Sam Example
date: 2025-12-01
title: "Top 2 Tool Builders: A Comparison"
description: Acme.build vs Widget Works
image: /blog/top2.webp
tag: Builder
meta: [
  {
    "name": "keywords",
    "content": "
      tool builders,
      comparison
    "
  },
]
---

```python exec
import reflex as rx
CDN = "https://cdn.example.com/"
```

# Top 2 Tool Builders: A Comparison

We review these:

1. [**Acme.build**](#acme.build) – the first
2. [**Widget Works**](#widget-works) – the second

See the [theming docs]({styling.theming.path}) for more.

## Acme.build

**A builder for teams**

Acme.build lets teams build tools.

```python eval
rx.el.div(image_zoom(rx.image(src=f"{CDN}shots/acme.png", alt="Acme screenshot")), class_name="mb-4")
```

**Pros**

- Pure Python from end to end
- Runs anywhere

**Cons**

- Young

```python eval
rx.box(height="1em")
```

## Widget Works

### Widgets, worked

Widget Works is older.

**Pros:**
- **Stable**: a decade old.

**Cons:**
- **Closed**: no source.

## Conclusion

Pick what fits.
"""


@pytest.fixture
def later(tmp_path):
    path = tmp_path / "later.md"
    path.write_text(LATER_POST)
    return post_import(path=path)


def test_bold_line_tagline_and_unlabelled_points(later):
    acme = Framework.objects.get(slug="acmebuild")
    assert acme.name == "Acme.build" and acme.tagline == "A builder for teams"
    assert [(p.label, p.text) for p in acme.pros.all()] == [("", "Pure Python from end to end"), ("", "Runs anywhere")]
    widget = Framework.objects.get(slug="widget-works")
    assert widget.tagline == "Widgets, worked" and widget.cons.get().label == "Closed"


def test_table_of_contents_links_are_pointed_at_the_embeds(later):
    assert "[**Acme.build**](#acmebuild)" in later.post.body
    assert 'id="acmebuild"' in later.post.body_html and 'href="#acmebuild"' in later.post.body_html


def test_figure_inside_a_section_stays_in_the_entry(later):
    acme = Framework.objects.get(slug="acmebuild")
    assert "src: https://cdn.example.com/shots/acme.png" in acme.description
    assert 'alt="Acme screenshot"' in acme.description_html


def test_heading_repeating_the_title_is_dropped_and_the_rest_kept(later):
    assert "# Top 2 Tool Builders" not in later.post.body
    assert "We review these:" in later.post.body and "Pick what fits." in later.post.body_html


def test_links_to_python_expressions_become_text_and_are_reported(later):
    assert "See the theming docs for more." in later.post.body
    assert any("{styling.theming.path}" in warning for warning in later.warnings)


def test_spacers_vanish_without_complaint(later):
    assert "rx.box" not in later.post.body
    assert not any("rx.box" in warning or "shown as code" in warning for warning in later.warnings)


def test_multiline_keywords_and_tag(later):
    assert later.post.keywords == "tool builders, comparison"
    assert list(later.post.tags.names()) == ["Builder"]


def test_several_figures_each_keep_their_caption(tmp_path):
    path = tmp_path / "figs.md"
    path.write_text(
        textwrap.dedent("""\
        ---
        title: Figures
        date: 2025-01-01
        ---
        ```python eval
        rx.vstack(
            rx.image(src="https://example.com/a.png", alt="A"), rx.text("First"),
            rx.image(src="https://example.com/b.png", alt="B"), rx.text("Second"),
        )
        ```
        """)
    )
    html = post_import(path=path).post.body_html
    assert html.count("<figure") == 2
    assert html.index('alt="A"') < html.index("First") < html.index('alt="B"') < html.index("Second")
