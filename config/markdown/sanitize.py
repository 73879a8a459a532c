"""The one allowlist every piece of user-authored HTML passes before it is stored."""

import nh3

from config.text import strip_controls

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS_WITH_CLASS = {
    *("aside", "div", "figure", "p", "section", "span", "ul", "ol", "pre", "code", "table"),
    *("hr", "sup", "li"),  # GFM's footnotes and task lists
    "tr",  # a compare block marks the rows that differ
}

TAGS = (
    HEADINGS
    | BLOCKS_WITH_CLASS
    | {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "dd",
        "del",
        "details",
        "dl",
        "dt",
        "em",
        "figcaption",
        "hr",
        "i",
        "img",
        "input",
        "picture",
        "source",
        "ins",
        "kbd",
        "li",
        "mark",
        "s",
        "small",
        "strong",
        "sub",
        "summary",
        "sup",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
    }
)

ATTRIBUTES = {
    "a": {"href", "title", "id", "class", "aria-label"},
    "abbr": {"title"},
    "img": {"src", "srcset", "sizes", "alt", "title", "width", "height", "loading", "decoding"},
    "source": {"type", "srcset", "sizes"},
    "figure": {"class", "id"},
    "li": {"id", "class"},
    "input": {"type", "checked", "disabled", "class", "aria-label"},
    "ol": {"start", "class"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    **{tag: {"id", "class"} for tag in HEADINGS},
    "sup": {"id", "class"},
    "section": {"class", "aria-label"},
    **{tag: {"class"} for tag in BLOCKS_WITH_CLASS - {"ol", "figure", "li", "sup", "section"}},
}


def sanitize(html: str) -> str:
    """Keep only allowlisted tags, attributes and URL schemes (http, https, mailto, relative), and
    only characters any page, feed and database can carry (config/text.py)."""
    return nh3.clean(
        strip_controls(html)[0],
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
        strip_comments=True,
        # An <input> only ever as GFM's task-list box: never a field a reader could type into.
        set_tag_attribute_values={"input": {"type": "checkbox", "disabled": ""}},
    )
