"""The renderer (config/markdown) with this site's entries to embed: what articles, the editor's
live preview (django-markdownx's MARKDOWNX_MARKDOWNIFY_FUNCTION) and the publish checks use."""

from config.markdown import render_markdown
from config.renditions import stored_picture
from frameworks.models import Framework


def render_article(source: str, *, include_drafts: bool = False) -> str:
    return render_markdown(
        source, entries=Framework.objects.for_embeds, media=stored_picture, include_drafts=include_drafts
    )


def preview(content: str) -> str:
    """The public renderer, plus notes on drafts and bad embeds."""
    return render_article(content, include_drafts=True)
