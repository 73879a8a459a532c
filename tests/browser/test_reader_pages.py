"""The reader pages in a real browser: no console errors, no axe-core violations, a path by clicks."""

import io

import pytest
from django.core.management import call_command

from blog.importer import post_import
from conftest import SEED_ASSETS, SEED_FILE, SEED_SLUG
from frameworks.models import Framework
from tests.browser.conftest import Tab

PAGES = {
    "home": "/",
    "article": f"/blog/{SEED_SLUG}/",
    "framework": "/frameworks/reflex/",
    "compare": "/compare/django-vs-flask/",
    "alternatives": "/frameworks/flask/alternatives/",
    "search": "/search/?q=async",
    "tag": "/tags/async/",
    "gfm": "/blog/every-gfm-feature/",
    "compare, only differences": "/compare/django-vs-flask/?only=differences",
    "directory": "/frameworks/",
    "directory, filtered": "/frameworks/?licence=BSD-3-Clause&licence=MIT&first-release_from=2000&sort=-first-release",
}
FACT_PAGES = ["compare", "compare, only differences", "directory, filtered", "gfm", "framework"]

# What GitHub's Markdown adds to CommonMark, and our blocks inside it, in one post.
EVERY_GFM_FEATURE = """---
title: Every GFM feature
date: 2026-11-30
---

Intro line straight above a list:
- an item
  - nested with two spaces
- [ ] a task to do
- [x] a task done

| Framework | Stars | Async |
|:----------|------:|:-----:|
| Reflex | 25k | yes |

~~Old claim~~ replaced; bare links https://reflex.dev and www.djangoproject.com.

> [!TIP]
> GitHub alerts render as callouts.

1. Install it:

   ```bash
   pip install reflex
   ```

```python demo exec
def index():
    return rx.text("Hello")
```

```compare django flask fastapi
```

A claim with a source.[^1]

[^1]: The source, with a [link](https://example.com).
"""


@pytest.fixture
def site(transactional_db, live_server, tmp_path):
    post_import(path=SEED_FILE, assets=SEED_ASSETS)
    call_command("seed_facts", stdout=io.StringIO())  # the sample kinds and the seed entries' facts
    (tmp_path / "every-gfm-feature.md").write_text(EVERY_GFM_FEATURE)
    post_import(path=tmp_path / "every-gfm-feature.md")
    for slug in ("fastapi", "reflex"):
        Framework.objects.get(slug=slug).tags.add("async")
    return live_server.url


@pytest.mark.parametrize("kind", PAGES)
def test_page_loads_cleanly_and_passes_axe(site, tab, kind):
    response = tab.page.goto(site + PAGES[kind])
    assert response.status == 200
    assert tab.axe_violations() == []
    assert tab.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_with_facts_pass_axe_on_a_phone_and_fit_it(site, browser, scheme):
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme, bypass_csp=True)
    tab = Tab(context.new_page())
    found = {}
    for kind in FACT_PAGES:
        assert tab.page.goto(site + PAGES[kind]).status == 200
        html = tab.page.content()
        assert 'class="facts' in html or "2 entries match." in html, kind  # Django and Flask: BSD, 2005+
        # The page itself never scrolls sideways: wide tables scroll in their own box.
        assert tab.page.evaluate("() => document.documentElement.scrollWidth") <= 390, kind
        found[kind] = tab.axe_violations()
    context.close()
    assert found == {kind: [] for kind in FACT_PAGES}
    assert tab.errors == []


def test_a_reader_reaches_a_comparison_from_the_home_page_by_clicking(site, tab):
    page = tab.page
    page.goto(site + "/")
    page.get_by_role("link", name="Frameworks", exact=True).click()
    page.get_by_label("Flask").check()
    page.get_by_label("Django").check()
    page.get_by_role("button", name="Compare").click()
    assert page.url == site + "/compare/django-vs-flask/"
    assert page.get_by_role("heading", level=1).inner_text().replace("\n", " ") == "Django vs Flask"
    assert tab.errors == []


def test_a_figure_opens_larger_on_click_and_closes_again(site, tab):
    page = tab.page
    page.goto(site + PAGES["article"])
    page.locator(".figure-link").first.click()
    assert page.locator("#zoom-1").is_visible()
    page.locator("#zoom-1").click()
    assert not page.locator("#zoom-1").is_visible()


@pytest.mark.parametrize("width, scale", [(390, 3), (412, 1.75), (1280, 1)])
def test_the_seed_figure_costs_a_phone_no_more_than_60_kb(
    transactional_db, live_server, browser, settings, width, scale
):
    """With the copies made as in production (three widths, AVIF at its shipped speed), the
    browser picks one that fits the screen: a 390-px phone at 3× (the issue's target), the
    Lighthouse phone, and a desktop."""
    settings.IMAGE_RENDITION_WIDTHS = (480, 800, 1200)
    settings.IMAGE_AVIF_SPEED = 8
    settings.IMAGE_WEBP_METHOD = 4
    post_import(path=SEED_FILE, assets=SEED_ASSETS)
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=scale)
    page = context.new_page()
    page.goto(f"{live_server.url}/blog/{SEED_SLUG}/")
    figure = page.locator(".figure-link img")
    figure.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.figure-link img').complete")
    chosen = page.evaluate("() => document.querySelector('.figure-link img').currentSrc")
    sizes = page.evaluate("url => performance.getEntriesByName(url).map(entry => entry.encodedBodySize)", chosen)
    context.close()
    assert chosen.endswith(".avif") and sizes and max(sizes) <= 60 * 1024, (chosen, sizes)
