"""Our fenced blocks: framework embeds, figures, callouts and videos, rendered to HTML.

Documented for editors in the README ("Writing posts"). Each renderer returns HTML that still
goes through the sanitiser with the rest of the document.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

import yaml
from django.template.loader import render_to_string

from config.facts_table import compared_facts

from .core import code_html

CALLOUT_KINDS = {"info", "success", "warning", "error", "tip", "note"}
# The Reflex dialect's ```md <kind> blocks rendered here; the importer keeps these as they are.
MD_BLOCKS = {"alert": "callout", "video": "video link"}


@dataclass(frozen=True)
class Picture:
    """An image as a page offers it: its address and size, and smaller copies to choose from."""

    url: str
    size: tuple[int, int] | None = None
    sources: tuple[tuple[str, str], ...] = ()  # (MIME type, srcset) of <source>s, best first
    srcset: str = ""  # the <img>'s own candidates

    def img(self, *, alt: str, sizes: str, title: str = "", eager: bool = False) -> str:
        """<img> (in a <picture> when there are sources), sized to avoid reflow; loaded lazily,
        or first (eager) for the image a page opens with."""
        dimensions = f' width="{self.size[0]}" height="{self.size[1]}"' if self.size else ""
        candidates = f' srcset="{escape(self.srcset)}" sizes="{escape(sizes)}"' if self.srcset else ""
        titled = f' title="{escape(title)}"' if title else ""
        loading = 'fetchpriority="high"' if eager else 'loading="lazy" decoding="async"'
        img = f'<img src="{escape(self.url)}"{candidates} alt="{escape(alt)}"{titled}{dimensions} {loading}>'
        if not self.sources:
            return img
        sources = "".join(
            f'<source type="{escape(mime)}" srcset="{escape(srcset)}" sizes="{escape(sizes)}">'
            for mime, srcset in self.sources
        )
        return f"<picture>{sources}{img}</picture>"


# The width an image takes in an article's column (46rem at most, the page's padding on phones).
ARTICLE_SIZES = "(min-width: 48rem) 46rem, calc(100vw - 2.5rem)"


def remote_only(src: str) -> Picture | None:
    """The media lookup when the caller gives none: http(s) images as they are, nothing stored."""
    return Picture(src) if src.startswith(("https://", "http://")) else None


@dataclass
class RenderContext:
    """What one render needs to resolve references: the embedded entries, fetched in one query."""

    frameworks: dict = field(default_factory=dict)
    # src → the Picture of an image, or None when there is none: the caller's storage, not ours.
    media: Callable[[str], Picture | None] = remote_only
    include_drafts: bool = False
    figures: int = 0  # numbers each figure's zoom target within the document
    tables: int = 0  # numbers each compare block within the document
    # Markdown to unsanitised HTML, for blocks whose bodies are Markdown (callouts).
    render: Callable[[str, "RenderContext"], str] = lambda source, context: escape(source)


def embed_slug(info: str) -> str | None:
    words = info.split()
    if len(words) == 2 and words[0] == "framework":
        return words[1]
    return None


# ```compare a b c: the facts of two to six entries lined up; a slug as config/slugs.py makes them.
COMPARE_SLUG = re.compile(r"^[-\w]+$")
COMPARE_MIN, COMPARE_MAX = 2, 6


def compare_slugs(info: str) -> list[str] | None:
    words = info.split()
    if not words or words[0] != "compare":
        return None
    slugs = list(dict.fromkeys(words[1:]))
    if COMPARE_MIN <= len(slugs) <= COMPARE_MAX and all(COMPARE_SLUG.match(slug) for slug in slugs):
        return slugs
    return []  # a compare block, but not a usable one: the preview says why


def block_slugs(info: str) -> list[str]:
    """The entries a fence shows: a ```framework block's one, a ```compare block's several."""
    slug = embed_slug(info)
    return [slug] if slug else compare_slugs(info) or []


def compare_kinds(body: str) -> list[str]:
    """A compare block's `facts:` (a list, or slugs separated by commas): the kinds it shows, in order."""
    wanted = parse_block_fields(body).get("facts") or ""
    kinds = wanted if isinstance(wanted, list) else str(wanted).split(",")
    return [slug for slug in (str(kind).strip() for kind in kinds) if slug]


def render_compare(slugs: list[str], body: str, context: RenderContext) -> str:
    """The facts of these entries side by side, as a comparison page lines them up; `facts:` in
    the body picks and orders the kinds shown (by slug), else every comparable one."""
    if not slugs:
        return preview_error(context, f"A compare block names {COMPARE_MIN} to {COMPARE_MAX} entries by slug.")
    entries = [context.frameworks.get(slug) for slug in slugs]
    shown = [entry for entry in entries if entry is not None and (entry.is_published or context.include_drafts)]
    missing = [slug for slug, entry in zip(slugs, entries, strict=True) if entry is None]
    if missing:
        return preview_error(context, f"No framework entry with the slug “{', '.join(missing)}”.")
    if len(shown) < COMPARE_MIN:
        return ""  # readers never see a comparison of drafts (the preview shows them)
    names = [entry.name for entry in shown]
    groups = compared_facts(names, [entry.facts_json for entry in shown], kinds=compare_kinds(body))
    context.tables += 1
    return render_to_string(
        "includes/facts_block.html",
        {"groups": groups, "entries": shown, "names": names, "number": context.tables},
    ).strip()


def preview_error(context: RenderContext, message: str) -> str:
    if not context.include_drafts:
        return ""
    return f'<aside class="callout callout-error"><p>{escape(message)}</p></aside>'


def render_framework(slug: str, context: RenderContext) -> str:
    framework = context.frameworks.get(slug)
    visible = framework is not None and (framework.is_published or context.include_drafts)
    if not visible:
        # Readers never see a draft or a dangling reference; the editor's preview says why.
        return preview_error(context, f"No framework entry with the slug “{slug}”.")
    html = render_to_string(
        "includes/framework_section.html", {"framework": framework, "is_preview": context.include_drafts}
    )
    return html.strip()  # must start with its block tag, or Markdown wraps it in a paragraph


def parse_block_fields(body: str) -> dict:
    try:
        data = yaml.safe_load(body) or {}
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def render_figure(body: str, context: RenderContext) -> str:
    """A figure whose image opens larger on click: a CSS :target overlay, no JavaScript."""
    fields = parse_block_fields(body)
    alt = str(fields.get("alt") or "")
    caption = str(fields.get("caption") or "")
    picture = context.media(str(fields.get("src") or ""))
    context.figures += 1
    number = context.figures
    parts = [f'<figure class="figure" id="figure-{number}">']
    if picture:
        inline = picture.img(alt=alt, sizes=ARTICLE_SIZES)
        # Enlarged, the image fills the screen: the browser picks from the same copies.
        enlarged = picture.img(alt=alt, sizes="100vw")
        parts.append(f'<a class="figure-link" href="#zoom-{number}">{inline}</a>')
        parts.append(
            f'<a class="lightbox" id="zoom-{number}" href="#figure-{number}" aria-label="Close the enlarged image">'
            f"{enlarged}</a>"
        )
    else:
        # The image is missing: keep what the figure says so the reader loses as little as possible.
        parts.append(f'<div class="figure-missing"><span>{escape(alt or "Image unavailable")}</span></div>')
    if caption:
        parts.append(f"<figcaption>{escape(caption)}</figcaption>")
    parts.append("</figure>")
    return "".join(parts)


CALLOUT_TITLE = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<title>.*?)(?:[ \t]+#+)?[ \t]*$")


def render_callout(words: list[str], body: str, context: RenderContext) -> str:
    """```md alert [info|warning|…]: the Reflex dialect's callout; a leading heading line (any
    level, Markdown allowed) is its title, the rest its body in Markdown."""
    kind = words[2] if len(words) > 2 and words[2] in CALLOUT_KINDS else "info"
    lines = body.strip("\n").splitlines()
    title_html = ""
    match = CALLOUT_TITLE.match(lines[0]) if lines else None
    if match:
        lines = lines[1:]
        title = context.render(match["title"], context).strip().removeprefix("<p>").removesuffix("</p>")
        title_html = f'<p class="callout-title">{title}</p>'
    body_html = context.render("\n".join(lines), context)
    return f'<aside class="callout callout-{kind}">{title_html}{body_html}</aside>'


def render_demo(words: list[str], body: str) -> str:
    """```python demo: the dialect runs it live on its site; here it is its code, labelled."""
    caption = "The code of a live demo (it runs on the original post)"
    return f'<figure class="demo">{code_html(body, words[0])}<figcaption>{caption}</figcaption></figure>'


def render_video(words: list[str], body: str) -> str:
    """```md video URL: a link (embedding third-party players needs a CSP decision we have not made)."""
    url = words[2] if len(words) > 2 else ""
    if not url.startswith(("https://", "http://")):
        return ""
    title = ""
    for line in body.splitlines():
        if line.startswith("# "):
            title = line[2:].strip()
    label = title or "Watch the video"
    return (
        f'<figure class="video"><a class="video-link" href="{escape(url)}">▶ {escape(label)}</a>'
        f"<figcaption>Video: {escape(url)}</figcaption></figure>"
    )


def render_block(info: str, body: str, context: RenderContext) -> str | None:
    """HTML for one of our blocks, or None to leave the fence to ordinary code rendering."""
    words = info.split()
    if not words:
        return None
    slug = embed_slug(info)
    if slug:
        return render_framework(slug, context)
    if words[0] == "compare":
        return render_compare(compare_slugs(info) or [], body, context)
    if words == ["figure"]:
        return render_figure(body, context)
    if words[:2] == ["md", "alert"]:
        return render_callout(words, body, context)
    if words[0] == "python" and "demo" in words:
        return render_demo(words, body)
    if words[:2] == ["md", "video"]:
        return render_video(words, body)
    return None
