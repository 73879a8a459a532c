"""What an editor should know before publishing a post: missing alt text, broken internal links,
and embeds of entries readers cannot see."""

import re

from django.urls import Resolver404, resolve

from config.markdown import embedded_slugs
from frameworks.models import Framework

from .models import Post
from .rendering import render_article

IMG = re.compile(r"<img\b[^>]*>")
ALT = re.compile(r'\balt="([^"]*)"')
INTERNAL_HREF = re.compile(r'href="(/[^"#?]*)')
MISSING_FIGURE = re.compile(r'class="(?:figure|image)-missing"')


def internal_link_is_broken(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        if path.endswith("/"):
            return True
        try:  # /blog/other-post, as the dialect writes it: APPEND_SLASH takes the reader on
            match = resolve(f"{path}/")
        except Resolver404:
            return True
    if match.view_name == "blog:detail":
        return not Post.objects.published().filter(slug=match.kwargs["slug"]).exists()
    if match.view_name in {"frameworks:detail", "frameworks:alternatives"}:
        return not Framework.objects.published().filter(slug=match.kwargs["slug"]).exists()
    return False


def publish_problems(*, body: str, hero_image=None, hero_alt: str = "") -> list[str]:
    html = render_article(body, include_drafts=True)
    problems = []
    for image in IMG.findall(html):
        alt = ALT.search(image)
        if not alt or not alt.group(1).strip():
            problems.append("An image has no alt text: describe it for readers who cannot see it.")
    if MISSING_FIGURE.search(html):
        problems.append("An image file is missing: readers will see its alt text instead.")
    if hero_image and not hero_alt.strip():
        problems.append("The hero image has no alt text.")
    embedded = embedded_slugs(body)
    published = set(Framework.objects.published().filter(slug__in=embedded).values_list("slug", flat=True))
    for slug in embedded:
        if slug not in published:
            problems.append(f"The framework entry “{slug}” is not published: its section will be missing.")
    problems += [f"The link to {path} leads nowhere a reader can go." for path in broken_internal_links(html)]
    return problems


def broken_internal_links(html: str) -> list[str]:
    """The site-relative links of some HTML that lead to no published page, each once."""
    paths = sorted(set(INTERNAL_HREF.findall(html)))
    return [path for path in paths if not path.startswith(("/media/", "/static/")) and internal_link_is_broken(path)]
