"""A post written back in the Reflex blog's dialect: import → export → import keeps everything.

Entries are written out as the H2 sections the importer lifts; figures as `python eval` blocks
whose images are copied next to the file; callouts and code as they are.
"""

import shutil
from pathlib import Path

import yaml
from django.core.files.storage import default_storage

from config.markdown.blocks import embed_slug, parse_block_fields
from config.markdown.export import framework_markdown
from config.markdown.fences import Fence, split_fences
from frameworks.models import Framework

EXEC_BLOCK = "```python exec\nimport reflex as rx\nfrom reflex_image_zoom import image_zoom\n```\n"


def python_string(text: str) -> str:
    return repr(str(text))


def figure_eval(body: str, *, assets: Path | None) -> str:
    fields = parse_block_fields(body)
    src, alt, caption = str(fields.get("src") or ""), str(fields.get("alt") or ""), str(fields.get("caption") or "")
    if src and not src.startswith(("/", "http://", "https://")) and default_storage.exists(src):
        if assets:
            with default_storage.open(src) as stored, open(assets / Path(src).name, "wb") as copy:
                shutil.copyfileobj(stored, copy)
        src = "/" + src
    image = f"image_zoom(rx.image(src={python_string(src)}, alt={python_string(alt)}))"
    if not caption:
        return f"```python eval\n{image}\n```\n"
    return f"```python eval\nrx.vstack(\n    {image},\n    rx.text({python_string(caption)}),\n)\n```\n"


def front_matter(post) -> dict:
    data = {
        "author": post.author.name,
        "date": post.published_at.date(),
        "title": post.title,
        "description": post.description,
    }
    extra = dict(post.extra_front_matter)
    if post.hero_image:
        data["image"] = "/" + post.hero_image.name
    elif "image" in extra:
        data["image"] = extra.pop("image")
    meta = ([{"name": "keywords", "content": post.keywords}] if post.keywords else []) + list(extra.pop("meta", []))
    if meta:
        data["meta"] = meta
    if post.title_tag:
        data["title_tag"] = post.title_tag
    if post.updated_at:
        data["updated_at"] = post.updated_at
    if post.author.bio:
        data["author_bio"] = post.author.bio
    tags = list(post.tags.names())
    if tags:
        data["tag"] = tags[0] if len(tags) == 1 else tags
    faq = [{"question": item.question, "answer": item.answer} for item in post.faq_items.all()]
    if faq:
        data["faq"] = faq
    data.update(extra)
    return data


def export_post(post, *, assets: Path | None = None) -> str:
    """The post as the dialect; image files are copied into `assets` when given."""
    frameworks = {f.slug: f for f in Framework.objects.filter(posts=post).prefetch_related("pros", "cons")}
    parts = ["---\n", yaml.safe_dump(front_matter(post), sort_keys=False, allow_unicode=True, width=1000)]
    parts += ["---\n\n", EXEC_BLOCK, "\n"]
    for part in split_fences(post.body, strict=False):
        if not isinstance(part, Fence):
            parts.append("".join(f"{line}\n" for line in part.lines))
        elif embed_slug(part.info) in frameworks:
            framework = frameworks[embed_slug(part.info)]
            parts.append(framework_markdown(framework, heading=framework.name))
        elif part.words == ["figure"]:
            parts.append(figure_eval(part.body, assets=assets))
        else:
            parts.append(part.source())
    return "".join(parts)
