"""What a post's stored HTML says about its shape: headings for the contents, words for reading time.

Runs on sanitised HTML at save time, so the markup is html5ever's normalised serialisation.
"""

import re
from html import escape, unescape

from django.utils.html import strip_tags

HEADING = re.compile(r'<h(?P<level>[23]) id="(?P<id>[^"]+)"(?P<attrs>[^>]*)>(?P<inner>.*?)</h(?P=level)>', re.S)
WORDS_PER_MINUTE = 230


def heading_text(inner_html: str) -> str:
    return " ".join(unescape(strip_tags(inner_html)).split())


def table_of_contents(html: str) -> list[dict]:
    """The h2 and h3 headings with ids, in order: [{"level": 2, "id": "...", "text": "..."}]."""
    return [
        {"level": int(m["level"]), "id": unescape(m["id"]), "text": heading_text(m["inner"])}
        for m in HEADING.finditer(html)
    ]


def with_heading_anchors(html: str) -> str:
    """Give each h2/h3 a link to itself, shown on hover and focus (styled in site.css)."""

    def add_anchor(m: re.Match) -> str:
        label = escape(f"Link to the section “{heading_text(m['inner'])}”")
        anchor = f'<a class="heading-anchor" href="#{m["id"]}" aria-label="{label}"></a>'
        return f'<h{m["level"]} id="{m["id"]}"{m["attrs"]}>{m["inner"]}{anchor}</h{m["level"]}>'

    return HEADING.sub(add_anchor, html)


def word_count(html: str) -> int:
    return len(unescape(strip_tags(html)).split())


def reading_minutes(words: int) -> int:
    return max(1, round(words / WORDS_PER_MINUTE))
