import json
from dataclasses import dataclass, field
from pathlib import Path

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction

from blog.derived import batched
from blog.models import Author, FaqItem, Post
from config.cards import card_name
from config.markdown.fences import tidy_blank_lines
from config.publishing import Status
from config.slugs import slug_for
from config.text import strip_controls
from frameworks.models import Con, Framework, Pro

from .assets import AssetStore
from .body import convert_body
from .errors import ImportFailed
from .frontmatter import parse_front_matter, split_front_matter
from .sections import FrameworkDraft, lift_framework_sections

MAX_SOURCE_BYTES = 2 * 1024 * 1024


@dataclass
class ImportResult:
    post: Post
    created: bool
    frameworks: list[tuple[Framework, bool]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_source(path: Path) -> str:
    if not path.is_file():
        raise ImportFailed("no such file")
    if path.stat().st_size > MAX_SOURCE_BYTES:
        raise ImportFailed(f"the file is over {MAX_SOURCE_BYTES // 1024 // 1024} MB")
    try:
        return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        raise ImportFailed(f"not UTF-8 text (byte {error.start})") from None


def checked(instance, *, what: str, exclude: list[str] | None = None):
    """Model validation as the admin does it, reported as one import error (lengths, URLs, images)."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise ImportFailed(f"{what}: {field}: {messages[0]}") from None
    return instance


def framework_save(draft: FrameworkDraft, *, status: str, written_on) -> tuple[Framework, bool]:
    """Create or update the entry for a section; its pros and cons become exactly the section's."""
    framework, created = Framework.objects.get_or_create(
        slug=draft.slug, defaults={"name": draft.name, "status": status}
    )
    framework.name = draft.name
    framework.tagline = draft.tagline
    framework.website = draft.website
    framework.description = draft.description
    framework.closing_notes = draft.closing_notes
    # The article vouches for the entry as of the day it was written.
    if framework.last_verified is None or framework.last_verified < written_on:
        framework.last_verified = written_on
    checked(framework, what=f"section “{draft.name}”").save()
    for model, points in ((Pro, draft.pros), (Con, draft.cons)):
        model.objects.filter(framework=framework).delete()
        for position, point in enumerate(points):
            item = model(framework=framework, label=point.label, text=point.text, position=position)
            checked(item, what=f"section “{draft.name}”, {model.__name__.lower()} {position + 1}").save()
    return framework, created


def author_for(name: str, bio: str) -> Author:
    name = name or "Editorial team"
    slug = slug_for(name, max_length=120)
    author, _ = Author.objects.get_or_create(slug=slug, defaults={"name": name[:120]})
    if bio and author.bio != bio:
        author.bio = bio
        author.save(update_fields=["bio"])
    return author


def json_safe(data: dict) -> dict:
    """YAML can hold dates, .nan and .inf, which JSON cannot; keep them as text."""
    return json.loads(json.dumps(data, default=str), parse_constant=str)


def post_import(
    *, path: Path, assets: Path | None = None, status: str = Status.PUBLISHED, slug_from_filename: bool = False
) -> ImportResult:
    """Import one post: everything in one transaction, and the files it wrote removed if it fails.

    slug_from_filename: the post's address is its file's name (blog/top-frameworks.md →
    /blog/top-frameworks/), as on the dialect's own site, so links between its posts resolve.
    """
    store = AssetStore(assets)
    try:
        # Articles embedding the entries and search documents follow once, at the end.
        with transaction.atomic(), batched():
            return _import(path=path, store=store, status=status, slug_from_filename=slug_from_filename)
    except BaseException:
        store.discard_created()
        raise


def _import(*, path: Path, store: AssetStore, status: str, slug_from_filename: bool) -> ImportResult:
    source, removed = strip_controls(read_source(path))
    yaml_text, body, body_line = split_front_matter(source)
    matter = parse_front_matter(yaml_text)
    if matter.is_draft:
        status = Status.DRAFT
    warnings = list(matter.warnings)
    if removed:
        warnings.insert(0, f"removed {removed} control character{'s' if removed > 1 else ''} (NUL and the like)")

    def resolve_image(src: str) -> str:
        found = store.find(src)
        if found:
            return store.store(found, folder="figures")
        if src.startswith(("https://", "http://")):
            return src
        warnings.append(f"image {src} not found in the assets folder: the figure keeps its alt text and caption")
        return src

    markdown_text, body_warnings = convert_body(
        body, resolve_image=resolve_image, title=matter.title, first_line=body_line
    )
    warnings.extend(body_warnings)
    markdown_text, drafts = lift_framework_sections(markdown_text)
    markdown_text = tidy_blank_lines(markdown_text)

    frameworks = []
    for draft in drafts:
        warnings.extend(draft.warnings)
        # A revision per object: restoring one entry to its imported state leaves the rest alone.
        with reversion.create_revision():
            reversion.set_comment(f"Imported from {path.name}")
            frameworks.append(framework_save(draft, status=status, written_on=matter.published_at.date()))

    slug = slug_for(path.stem if slug_from_filename else (matter.slug or matter.title), max_length=200)
    post, created = post_save_from(
        matter, markdown_text, slug=slug, path=path, store=store, status=status, warnings=warnings
    )
    return ImportResult(post=post, created=created, frameworks=frameworks, warnings=warnings)


def post_save_from(
    matter, markdown_text: str, *, slug: str, path: Path, store: AssetStore, status: str, warnings: list[str]
) -> tuple[Post, bool]:
    """Create or update the post imported from this file, in a revision of its own. A post the
    file did not make is never overwritten: a slug held by another post refuses the file."""
    with reversion.create_revision():
        reversion.set_comment(f"Imported from {path.name}")
        post = Post.objects.filter(import_ref=path.name).first()
        holder = Post.objects.filter(slug=slug).exclude(pk=post.pk if post else None).first()
        if holder:
            origin = f"imported from another file ({holder.import_ref})" if holder.import_ref else "written here"
            raise ImportFailed(f"the address /blog/{slug}/ is taken by “{holder.title}”, {origin}")
        created = post is None
        if created:
            post = Post(status=status, import_ref=path.name)
        if matter.is_draft:
            post.status = Status.DRAFT  # the file says so, whatever the post was
        post.title = matter.title
        post.listed = matter.is_listed
        post.title_tag = matter.title_tag
        post.slug = slug
        post.author = author_for(matter.author, matter.author_bio)
        post.published_at = matter.published_at
        post.updated_at = matter.updated_at
        post.description = matter.description
        post.keywords = matter.keywords
        post.body = markdown_text
        post.extra_front_matter = json_safe(matter.extra)
        if matter.image:
            hero = store.find(matter.image)
            if hero:
                post.hero_image = store.store(hero, folder="heroes")
                post.hero_alt = post.hero_alt or matter.title
            else:
                # Kept, so an export names it again and a later import with the file can use it.
                post.extra_front_matter["image"] = matter.image
                warnings.append(f"hero image {matter.image} not found: a social card is generated from the title")
        checked(post, what="the post", exclude=["hero_image", "social_card"])
        card = card_name(slug=post.slug, title=post.title)
        card_is_new = not post.hero_image and not post.social_card.storage.exists(card)
        post.save()
        if card_is_new:
            store.track(card)
        post.tags.set(matter.tags, clear=True)
        post.faq_items.all().delete()
        for position, pair in enumerate(matter.faq):
            checked(FaqItem(post=post, position=position, **pair), what=f"faq {position + 1}").save()
    return post, created
