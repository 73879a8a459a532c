"""The renderer against the CommonMark spec and GFM's extension examples, read from ../shared.

Every example renders through render_markdown, sanitiser included, and is compared as a tree
(tests/commonmark_examples.py). Raw HTML is the one thing we do not pass through as written: the
sanitiser keeps an allowlist, so the spec's sections on it are left out and each example elsewhere
that the sanitiser changes is listed below with its reason. A listed example that starts passing
fails the run (strict xfail), so the list only shrinks.
"""

import pytest

from config.markdown import render_markdown
from config.markdown.blocks import Picture
from tests.commonmark_examples import examples, tree

RAW_HTML_SECTIONS = {"HTML blocks", "Raw HTML"}
UNCLOSED_TAG = "raw HTML: the sanitiser closes the tag the input leaves open"
UNKNOWN_TAG = "raw HTML: the sanitiser drops a tag outside its allowlist"
SCHEME = "the sanitiser removes a link whose scheme is not http, https or mailto"
GFM_AUTOLINK = "GFM's autolink extension links the bare address, as GitHub does"

CHANGED_BY_DESIGN = {
    21: UNCLOSED_TAG,
    31: UNCLOSED_TAG,
    203: UNKNOWN_TAG + " (<bar>)",
    346: UNCLOSED_TAG,
    478: UNCLOSED_TAG,
    479: UNCLOSED_TAG,
    493: UNKNOWN_TAG + " (<foo bar>)",
    496: UNCLOSED_TAG + " (<b>)",
    526: UNKNOWN_TAG + " (<bar>)",
    538: UNKNOWN_TAG + " (<bar>)",
    598: SCHEME + " (irc:)",
    600: SCHEME + " (a+b+c:)",
    601: SCHEME + " (made-up-scheme:)",
    603: SCHEME + " (localhost:)",
    610: GFM_AUTOLINK,
    613: GFM_AUTOLINK,
    614: GFM_AUTOLINK,
    645: UNCLOSED_TAG,
    646: UNCLOSED_TAG,
}


# GFM's tag filter passes (title, textarea, style, … are shown as text); the comments and
# made-up tags around them are the sanitiser's to drop.
GFM_CHANGED_BY_DESIGN = {22: UNKNOWN_TAG + " (<random>, <thing>, <totally>) and comments"}


def as_written(src: str) -> Picture:
    """The spec's images are addresses, not our media paths: taken as they are."""
    return Picture(src)


def rendered(example) -> str:
    return render_markdown(example.markdown, media=as_written)


def cases(name: str, changed: dict[int, str]) -> list:
    found = []
    for example in examples(name):
        if example.section in RAW_HTML_SECTIONS:
            continue
        marks = [pytest.mark.xfail(strict=True, reason=changed[example.number])] if example.number in changed else []
        found.append(pytest.param(example, id=f"{example.number}-{example.section}", marks=marks))
    return found


@pytest.mark.parametrize("example", cases("spec.txt", CHANGED_BY_DESIGN))
def test_commonmark_example(example):
    assert tree(rendered(example)) == tree(example.html), str(example)


GFM_EXTENSIONS = examples("gfm-extensions.txt")


@pytest.mark.parametrize("example", cases("gfm-extensions.txt", GFM_CHANGED_BY_DESIGN))
def test_gfm_extension_example(example):
    html = rendered(example)
    if example.html.strip() == "<IGNORE>":
        return  # GFM's "must not crash" examples: rendering at all is the test
    assert tree(html) == tree(example.html), str(example)


def test_the_spec_files_hold_every_example_we_expect():
    """A truncated copy of ../shared would otherwise pass with fewer examples."""
    assert len(examples("spec.txt")) >= 652 and len(GFM_EXTENSIONS) >= 24
    assert {e.section for e in GFM_EXTENSIONS} >= {"Tables", "Strikethroughs", "Autolinks", "Task lists", "Footnotes"}


@pytest.mark.parametrize(
    "tag", ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"]
)
def test_what_gfm_filters_from_raw_html_is_shown_as_text_and_hides_nothing_after_it(tag):
    html = render_markdown(f"<strong> <{tag}> </strong>\n\n<{tag}>\n\nafter")
    assert f"<{tag}" not in html and f"&lt;{tag}&gt;" in html and "after" in html
