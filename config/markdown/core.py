"""The Markdown dialect every renderer here shares."""

import markdown
from markdown.extensions.codehilite import CodeHiliteExtension

# extra: tables, footnotes, fenced code, attribute lists, abbreviations, definition lists;
# codehilite: Pygments classes on fenced code (colours in static/css/pygments.css).
BASE_EXTENSIONS = ["extra", "sane_lists", CodeHiliteExtension(css_class="highlight", guess_lang=False)]


def plain_markdown(text: str) -> str:
    """Markdown without our blocks (callout bodies, pros and cons); the caller sanitises."""
    return markdown.markdown(text or "", extensions=BASE_EXTENSIONS, output_format="html")
