"""Markdown to sanitised HTML: the one renderer for posts, entries and the editor's preview.

A pure function of the Markdown and two lookups its caller passes: embedded entries (`entries`:
slugs → the entries by slug) and figures' images (`media`: src → url and size). It runs no query
and opens no file of its own, so any app can use it.
"""

import re
from collections.abc import Callable

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension
from markdown.preprocessors import Preprocessor

from .blocks import RenderContext, embed_slug, remote_only, render_block
from .core import BASE_EXTENSIONS, plain_markdown
from .fences import Fence, split_fences
from .sanitize import sanitize


class BlocksPreprocessor(Preprocessor):
    """Swaps our fenced blocks for stashed HTML before fenced_code sees them."""

    def __init__(self, md, context: RenderContext):
        super().__init__(md)
        self.context = context

    def run(self, lines):
        out: list[str] = []
        for part in split_fences("\n".join(lines), strict=False):
            if not isinstance(part, Fence):
                out.extend(part.lines)
                continue
            html = render_block(part.info, part.body, self.context)
            if html is None:
                out.extend(part.source().splitlines())
            elif html:
                out.extend(["", self.md.htmlStash.store(html), ""])
        return out


class BlocksExtension(Extension):
    def __init__(self, context: RenderContext):
        super().__init__()
        self.context = context

    def extendMarkdown(self, md):
        # fenced_code runs at 25: ours must see the fences first.
        md.preprocessors.register(BlocksPreprocessor(md, self.context), "content_blocks", 28)


def _converter(context: RenderContext) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[*BASE_EXTENSIONS, TocExtension(toc_depth="2-3"), BlocksExtension(context)],
        output_format="html",
    )


def embedded_slugs(source: str) -> list[str]:
    """Slugs of the framework entries a Markdown source embeds, in order, without repeats."""
    slugs: list[str] = []
    for part in split_fences(source or "", strict=False):
        slug = isinstance(part, Fence) and embed_slug(part.info)
        if slug and slug not in slugs:
            slugs.append(slug)
    return slugs


def no_entries(slugs: list[str]) -> dict:
    return {}


def render_markdown(
    source: str,
    *,
    entries: Callable[[list[str]], dict] = no_entries,
    media: Callable[[str], tuple] = remote_only,
    include_drafts: bool = False,
) -> str:
    """Sanitised HTML for a Markdown source with our blocks; embedded entries are looked up once,
    figures' images through `media` (config.images.stored_image for the site's storage)."""
    if not source or not source.strip():
        return ""
    slugs = embedded_slugs(source)
    context = RenderContext(frameworks=entries(slugs) if slugs else {}, media=media, include_drafts=include_drafts)
    return sanitize(_converter(context).convert(source))


PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.S)


def render_inline(text: str) -> str:
    """One line of inline Markdown (bold, code, links) without the wrapping paragraph."""
    html = plain_markdown(text)
    match = PARAGRAPH.match(html.strip())
    return sanitize(match[1] if match else html)
