"""The Markdown dialect every renderer here shares."""

import markdown

# extra: tables, footnotes, fenced code, attribute lists, abbreviations, definition lists.
BASE_EXTENSIONS = ["extra", "sane_lists"]


def plain_markdown(text: str) -> str:
    """Markdown without our blocks (callout bodies, pros and cons); the caller sanitises."""
    return markdown.markdown(text or "", extensions=BASE_EXTENSIONS, output_format="html")
