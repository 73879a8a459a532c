"""The Markdown dialect every renderer here shares: CommonMark with GitHub's extensions (GFM).

markdown-it-py is the parser: it passes the whole CommonMark spec, and GFM's tables,
strikethrough, autolinks (mdit-py-plugins' gfm_autolink), task lists, footnotes and alerts are
rules of the same parser, so our own blocks can be fence rules beside them rather than a pass
over the text. Raw HTML is parsed as CommonMark says and left to the sanitiser. No typographic
substitution: text stays as written.
"""

import re
from html import escape

import mdurl
from django.utils.text import slugify
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.gfm import gfm_plugin
from mdit_py_plugins.gfm_autolink import index as gfm_autolink
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

# GitHub's alert kinds as the callout kinds our stylesheet draws.
ALERT_KINDS = {"note": "note", "tip": "tip", "important": "info", "warning": "warning", "caution": "error"}
CODE_FORMATTER = HtmlFormatter(nowrap=True)


def code_html(code: str, info: str = "") -> str:
    """A code block with Pygments' classes (colours in static/css/pygments.css) when its info
    string names a language Pygments knows; the language stays on the <code> as CommonMark puts it."""
    language = info.split()[0] if info.split() else ""
    try:
        lexer = get_lexer_by_name(language) if language else None
    except ClassNotFound:
        lexer = None
    body = highlight(code, lexer, CODE_FORMATTER) if lexer else escape(code)
    language_class = f' class="language-{escape(language)}"' if language else ""
    return f'<div class="highlight"><pre><code{language_class}>{body}</code></pre></div>\n'


def heading_id(text: str) -> str:
    """The ids Python-Markdown's toc gave ASCII headings (lower case, punctuation gone, spaces to
    hyphens), so links to sections of stored posts still land; letters of any script are kept."""
    return slugify(text, allow_unicode=True) or "section"


def heading_ids(state: StateCore) -> None:
    """An id on every heading, unique within the document (a repeat gets _1, _2, as before)."""
    used = state.env.setdefault("heading_ids", set())
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.attrGet("id"):
            continue
        inline = tokens[index + 1]
        text = "".join(child.content for child in inline.children or [] if child.type in ("text", "code_inline"))
        base = candidate = heading_id(text)
        suffix = 0
        while candidate in used:
            suffix += 1
            candidate = f"{base}_{suffix}"
        used.add(candidate)
        token.attrSet("id", candidate)


def github_markup(state: StateCore) -> None:
    """What markdown-it writes differently from GitHub: table alignment as an align attribute (an
    inline style would need the CSP to allow inline styles), and alerts as our callouts."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open") and token.attrGet("style"):
            token.attrSet("align", str(token.attrGet("style")).removeprefix("text-align:"))
            del token.attrs["style"]
        elif token.type == "alert_open":
            kind = ALERT_KINDS.get(str(token.meta.get("kind", "")).lower(), "info")
            token.tag = "aside"
            token.attrSet("class", f"callout callout-{kind}")
        elif token.type == "alert_close":
            token.tag = "aside"
        elif token.type == "alert_title_open":
            token.attrSet("class", "callout-title")


PROTOCOL_BEFORE_COLON = re.compile(r"(?<![A-Za-z<])(https?)$")


def protocol_autolink(state: StateInline, silent: bool) -> bool:
    """http(s):// links after any character but a letter, as GitHub's cmark-gfm links them
    ("http://x.org" in quotes too); the plugin keeps to the GFM spec's prose, which allows only
    a space, *, _, ~ or ( before the scheme."""
    if state.linkLevel > 0 or silent or not state.src.startswith(":", state.pos):
        return False
    match = PROTOCOL_BEFORE_COLON.search(state.pending)
    if not match:
        return False
    scheme = match[1]
    combined = scheme + state.src[state.pos : state.posMax]
    found = gfm_autolink.match_http(combined)
    if found is None:
        return False
    url, length = found
    return gfm_autolink._create_autolink(state, len(scheme), length, url, combined[:length])


class GitHubMarkdown(MarkdownIt):
    def normalizeLink(self, url: str) -> str:
        """Percent-encoded as cmark-gfm writes it: a host in another script stays as written
        (markdown-it would spell it in punycode); the browser reaches the same host either way."""
        return mdurl.encode(url)


# GFM's tag filter: these tags are shown as text, so a stray <style> hides nothing after it
# (the sanitiser would drop the element and, with it, the rest of the post).
FILTERED_TAG = re.compile(
    r"<(?=/?(?:title|textarea|style|xmp|iframe|noembed|noframes|script|plaintext)(?:[\s/>]|$))", re.I
)


def render_raw_html(self, tokens, index, options, env) -> str:
    return FILTERED_TAG.sub("&lt;", tokens[index].content)


def render_strikethrough(self, tokens, index, options, env) -> str:
    return "<del>" if tokens[index].nesting == 1 else "</del>"


def render_list_item_open(self, tokens, index, options, env) -> str:
    """A task's box, disabled, with a name for screen readers (GitHub's has none)."""
    token = tokens[index]
    html = self.renderToken(tokens, index, options, env)
    if token.meta and "checked" in token.meta:
        done = token.meta["checked"]
        state = ' checked="" aria-label="Done"' if done else ' aria-label="To do"'
        html += f'<input class="task-list-item-checkbox" type="checkbox" disabled=""{state}> '
    return html


def render_code_block(self, tokens, index, options, env) -> str:
    return code_html(tokens[index].content)


def render_footnote_caption(self, tokens, index, options, env) -> str:
    """GitHub's footnote marks: the number alone, without brackets."""
    meta = tokens[index].meta
    return f"{meta['id'] + 1}" + (f":{meta['subId']}" if meta.get("subId", -1) > 0 else "")


def render_footnote_block_open(self, tokens, index, options, env) -> str:
    return '<section class="footnotes" aria-label="Footnotes">\n<ol class="footnotes-list">\n'


def render_footnote_anchor(self, tokens, index, options, env) -> str:
    name = self.rules["footnote_anchor_name"](tokens, index, options, env)
    if tokens[index].meta.get("subId", -1) > 0:
        name += f":{tokens[index].meta['subId']}"
    return f' <a href="#fnref{name}" class="footnote-backref" aria-label="Back to the text">↩</a>'


def build_parser() -> MarkdownIt:
    md = GitHubMarkdown("commonmark", {"html": True, "typographer": False}).use(gfm_plugin)
    md.inline.ruler.at("gfm_autolink_protocol", protocol_autolink)
    md.core.ruler.push("heading_ids", heading_ids)
    md.core.ruler.push("github_markup", github_markup)
    md.add_render_rule("s_open", render_strikethrough)
    md.add_render_rule("s_close", render_strikethrough)
    md.add_render_rule("code_block", render_code_block)
    md.add_render_rule("list_item_open", render_list_item_open)
    md.add_render_rule("html_block", render_raw_html)
    md.add_render_rule("html_inline", render_raw_html)
    md.add_render_rule("footnote_caption", render_footnote_caption)
    md.add_render_rule("footnote_block_open", render_footnote_block_open)
    md.add_render_rule("footnote_anchor", render_footnote_anchor)
    return md
