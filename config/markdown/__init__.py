"""Markdown to sanitised HTML: the one renderer for posts, entries and the editor's preview.

A pure function of the Markdown and two lookups its caller passes: embedded entries (`entries`:
slugs → the entries by slug) and figures' images (`media`: src → url and size). It runs no query
and opens no file of its own, so any app can use it.
"""

import re
from collections.abc import Callable
from html import escape
from urllib.parse import unquote

from markdown_it.common.utils import unescapeAll

from .blocks import ARTICLE_SIZES, RenderContext, block_slugs, embed_slug, remote_only, render_block
from .core import build_parser, code_html
from .sanitize import sanitize


def render_fence(self, tokens, index, options, env) -> str:
    """Our blocks (```framework, ```figure, ```md alert, …) wherever a fence may stand, lists and
    quotes included; any other fence is code."""
    token = tokens[index]
    info = unescapeAll(token.info).strip()
    context = env.get("context") or RenderContext()
    html = render_block(info, token.content, context)
    if html is None:
        return code_html(token.content, info)
    return f"{html}\n" if html else ""


def render_image(self, tokens, index, options, env) -> str:
    """A Markdown image the media lookup knows (a media path, figures/chart.webp, or the storage's
    own address of a file, as an upload inserts it) is shown like a figure's: the stored file's
    address, size and smaller copies. A media path whose file is missing shows its alt text in a
    placeholder, never a broken image. Any other address stays as written."""
    token = tokens[index]
    src = unquote(str(token.attrGet("src") or ""))
    context = env.get("context")
    if context and src and not src.startswith("#"):
        media_path = not src.startswith("/") and ":" not in src.split("/")[0]
        picture = context.media(src)
        alt = self.renderInlineAsText(token.children or [], options, env)
        # An address is the lookup's only if it found the file there (and so knows its size).
        if picture and (media_path or picture.size):
            return picture.img(alt=alt, sizes=ARTICLE_SIZES, title=str(token.attrGet("title") or ""))
        if media_path:
            return f'<span class="image-missing">{escape(alt or "Image unavailable")}</span>'
    token.attrSet("loading", "lazy")
    return self.image(tokens, index, options, env)


PARSER = build_parser()
PARSER.add_render_rule("fence", render_fence)
PARSER.add_render_rule("image", render_image)


def markdown_html(source: str, context: RenderContext) -> str:
    """Unsanitised HTML for Markdown with our blocks; callouts render their bodies through here."""
    return PARSER.render(source or "", {"context": context})


def fence_slugs(tokens) -> list[str]:
    """The entries the fences show (```framework and ```compare blocks), in order, once each."""
    slugs = (slug for token in tokens if token.type == "fence" for slug in block_slugs(unescapeAll(token.info)))
    return list(dict.fromkeys(slugs))


def embedded_slugs(source: str) -> list[str]:
    """Slugs of the framework entries a Markdown source embeds or compares, in order, without repeats."""
    return fence_slugs(PARSER.parse(source or "", {}))


def rename_embeds(source: str, *, old_slug: str, new_slug: str) -> str:
    """The same Markdown with each ```framework old_slug block, and each link to its #anchor
    outside code, on new_slug; every other byte as it was. The blocks are found as the renderer
    finds them (inside lists and quotes too)."""
    lines = source.splitlines(keepends=True)
    in_code: set[int] = set()
    opening = re.compile(rf"(framework\s+){re.escape(old_slug)}(?=\s|$)")
    for token in PARSER.parse(source, {}):
        if token.type not in ("fence", "code_block") or not token.map:
            continue
        start, end = token.map
        in_code.update(range(start, end))
        if token.type == "fence" and embed_slug(unescapeAll(token.info)) == old_slug:
            lines[start] = opening.sub(lambda match: match[1] + new_slug, lines[start], count=1)
    old_link, new_link = f"](#{old_slug})", f"](#{new_slug})"
    return "".join(line if n in in_code else line.replace(old_link, new_link) for n, line in enumerate(lines))


def no_entries(slugs: list[str]) -> dict:
    return {}


def render_markdown(
    source: str,
    *,
    entries: Callable[[list[str]], dict] = no_entries,
    media: Callable[[str], tuple] = remote_only,
    include_drafts: bool = False,
    footnote_prefix: str = "",
) -> str:
    """Sanitised HTML for a Markdown source with our blocks; embedded entries are looked up once,
    figures' images through `media` (config.renditions.stored_picture for the site's storage, with smaller copies).

    footnote_prefix: for text shown on a page beside other rendered text (an entry's description
    inside an article), so its footnotes' ids (#fn-reflex-1) are not the article's (#fn1).
    """
    if not source or not source.strip():
        return ""
    env: dict = {"docId": footnote_prefix} if footnote_prefix else {}
    tokens = PARSER.parse(source, env)
    slugs = fence_slugs(tokens)
    context = RenderContext(
        frameworks=entries(slugs) if slugs else {},
        media=media,
        include_drafts=include_drafts,
        render=markdown_html,
    )
    env["context"] = context
    return sanitize(PARSER.renderer.render(tokens, PARSER.options, env))


PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.S)


def render_inline(text: str) -> str:
    """One line of inline Markdown (bold, code, links) without the wrapping paragraph."""
    html = PARSER.render(text or "", {}).strip()
    match = PARAGRAPH.match(html)
    return sanitize(match[1] if match else html)
