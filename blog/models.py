import secrets

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from markdownx.models import MarkdownxField
from taggit.managers import TaggableManager

from config import structured_data
from config.cards import ensure_card
from config.images import ReencodedImageField, validate_image_file
from config.markdown import embedded_slugs, render_markdown
from config.markdown.outline import reading_minutes, table_of_contents, with_heading_anchors, word_count
from config.page_cache import tokens
from config.page_cache.deps import changed
from config.publishing import PublishableQuerySet, Status
from config.release import release
from config.renditions import hero_html
from config.slugs import address
from config.stored_pages import PlaceholderRequest, render_document, render_part, store
from config.text import clean_text_fields
from frameworks.models import Framework

from .rendering import render_article

# A contents box helps from this many sections up.
TOC_MIN_SECTIONS = 4


class Author(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True, blank=True)
    bio = models.TextField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="author"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


def new_preview_nonce() -> str:
    return secrets.token_urlsafe(16)


# What the article page needs: its stored document, and what the clock and the page cache decide on.
DOCUMENT_FIELDS = ("id", "slug", "status", "published_at", "document_html", "page_tokens", "related_from",
                   "parts_release")  # fmt: skip


def post_path(slug: str) -> str:
    return address("blog:detail", slug)


class PostQuerySet(PublishableQuerySet):
    def published(self, now=None):
        """The one publication rule: every page, list, feed, sitemap and search goes through it.
        `now` for prepared queries (config/prepared.py), which take the clock as a value."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=now or timezone.now())

    def listed(self, now=None):
        """Published and shown in lists: the home page, tag pages, feeds and related posts.
        An unlisted post is still published: its page, the sitemap and search have it."""
        return self.published(now).filter(listed=True)

    def for_page(self):
        return self.only(*DOCUMENT_FIELDS)

    def covering(self, framework_id: int, now=None):
        """The published posts embedding this entry, newest first, walked in Coverage's
        (entry, published_at, post) index: the walk stops at the page's last row, where the
        posts' own index meant probing posts until enough embedded the entry (at 10,000 posts,
        an entry in 2 % of them: 0.13 ms, growing with the site; 0.03 ms this way)."""
        now = now or timezone.now()
        return (
            self.published(now)
            .filter(coverage__framework_id=framework_id, coverage__published_at__lte=now)
            .order_by("-coverage__published_at", "-coverage__post_id")
        )

    def related_cards_sql(self, *, post_id: int, tags, entries, content_type=None, limit: int = 3) -> tuple[str, list]:
        """SQL and parameters for (id, card_html, parts_release) of the other posts of this queryset
        sharing the most of these tags and framework entries (the post's `related_from`), newest
        first on ties (run prepared, blog/page_queries.py). `content_type`: the post model's, for
        taggit's table (with tags only).

        Scored among the latest posts of each tag and entry (walked backwards in the link tables'
        indexes), about RELATED_CANDIDATES in all, so the cost is bounded whatever the size of the
        site and however many tags and entries the post has: at 10,000 posts the seed's 1,400
        sharers cost 7 ms to score, 140 of them 0.16 ms, 56 of them 0.07 ms. Raw SQL because the
        ORM cannot limit each branch of a UNION; the publication rule still comes from the queryset.
        """
        # This queryset's own conditions (the publication rule), on the joined post row: only
        # conditions on the post's own columns fit there, so a queryset with joins is refused.
        if len(self.query.alias_map) > 1:
            raise ValueError("related_cards_sql() takes a queryset filtered on the post's own fields only")
        visible, visible_params = self.query.get_compiler(using=self.db).compile(self.query.where)
        # `+content_type_id`: SQLite would otherwise walk the content type's index (every tagging
        # of every post) rather than the tag's.
        by_tag = (
            "SELECT object_id AS post_id FROM (SELECT object_id FROM taggit_taggeditem "
            "WHERE tag_id = %s AND +content_type_id = %s ORDER BY id DESC LIMIT %s) AS tagged"
        )
        # The entry's newest by publication, from the coverage_newest_first index alone.
        by_entry = (
            "SELECT post_id FROM (SELECT post_id FROM blog_coverage "
            "WHERE framework_id = %s ORDER BY published_at DESC, post_id DESC LIMIT %s) AS covering"
        )
        branches = [by_tag] * len(tags) + [by_entry] * len(entries)
        if not branches:
            raise ValueError("a post with no tag and no entry has no related posts")
        pool = max(RELATED_MIN_POOL, RELATED_CANDIDATES // len(branches))
        params = [value for tag in tags for value in (tag, content_type, pool)]
        params += [value for entry in entries for value in (entry, pool)]
        sql = (
            f"SELECT blog_post.id, blog_post.card_html, blog_post.parts_release FROM ({' UNION ALL '.join(branches)}) "
            "AS shared JOIN blog_post ON blog_post.id = shared.post_id "
            f"WHERE shared.post_id <> %s AND {visible or 'TRUE'} "
            "GROUP BY blog_post.id ORDER BY COUNT(*) DESC, MAX(blog_post.published_at) DESC LIMIT %s"
        )
        return sql, [*params, post_id, *visible_params, limit]


# Related posts are scored among about this many of the latest posts sharing a tag or an entry
# with the post, shared out between its tags and entries, at least RELATED_MIN_POOL each (the
# seed article embeds seven entries: 8 of each).
RELATED_CANDIDATES, RELATED_MIN_POOL = 60, 5


class Post(models.Model):
    title = models.CharField(max_length=200)
    title_tag = models.CharField(
        max_length=200, blank=True, help_text="The browser and search title, when it differs from the heading."
    )
    slug = models.SlugField(
        max_length=200, unique=True, allow_unicode=True, blank=True, help_text="Leave blank to make one from the title."
    )
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="posts")
    published_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(
        null=True, blank=True, help_text="Shown to readers as the date of the last real revision."
    )
    description = models.TextField(blank=True)
    keywords = models.CharField(max_length=2000, blank=True, help_text="Comma-separated, for the keywords meta tag.")
    hero_image = ReencodedImageField(upload_to="heroes/", blank=True, validators=[validate_image_file])
    hero_alt = models.CharField("hero image alt text", max_length=250, blank=True)
    # The hero as the page shows it, with its smaller copies (config/renditions.py): made at save.
    hero_html = models.TextField(editable=False, blank=True)
    # Generated from the title when there is no hero image; used for og:image.
    social_card = models.ImageField(upload_to="cards/", blank=True, editable=False)
    body = MarkdownxField(
        help_text=(
            'Markdown. An entry: a "```framework <slug>" block; its facts beside others\': "```compare <slug> <slug>"'
            " (the Entry… and Compare… buttons write them; see README)."
        )
    )
    # Rendered and sanitised at save (and again when an embedded framework changes), with what
    # readers see derived from it: the contents and the length.
    body_html = models.TextField(editable=False, blank=True)
    toc = models.JSONField(default=list, editable=False, blank=True)
    word_count = models.PositiveIntegerField(default=0, editable=False)
    # Its parts as pages show them, stored at save (parts()): a request reads this row, not five.
    card_html = models.TextField(editable=False, blank=True)
    # Its line in the lists of articles covering an entry (the entry's page, comparison columns).
    link_html = models.TextField(editable=False, blank=True)
    # The whole article page (blog/post_detail.html), holes left for what a request decides.
    document_html = models.TextField(editable=False, blank=True)
    page_tokens = models.JSONField(default=list, editable=False, blank=True)
    # Its tags' and entries' ids, {"tags": […], "entries": […]}: where related posts are drawn from.
    related_from = models.JSONField(default=dict, editable=False, blank=True)
    parts_release = models.CharField(max_length=12, editable=False, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    listed = models.BooleanField(
        "listed on the blog",
        default=True,
        help_text="Shown on the home page, tag pages and feeds. Unticked, the post is still published "
        "at its address, in the sitemap and in search (the Reflex dialect's show_in_cards: false).",
    )
    tags = TaggableManager(blank=True)
    frameworks = models.ManyToManyField(Framework, through="Coverage", related_name="posts", blank=True, editable=False)
    extra_front_matter = models.JSONField(
        default=dict, blank=True, help_text="Front-matter keys the importer kept but has no field for."
    )
    # Part of every share link; changing it revokes them all (blog/previews.py).
    preview_nonce = models.CharField(max_length=32, default=new_preview_nonce, editable=False)
    import_ref = models.CharField(
        max_length=255, blank=True, db_index=True, help_text="The file this post was imported from, if any."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        permissions = [("publish_post", "Can publish, schedule and unpublish posts")]
        # The publication rule and the newest-first order in one index: lists, counts and the
        # posts covering an entry read it instead of sorting the whole table. `listed` last, so
        # the home page's count reads the index alone (with 3,000 posts on SQLite: 3.8 ms to
        # 0.3 ms), never the wide rows.
        indexes = [models.Index(fields=["status", "published_at", "id", "listed"], name="post_listed_order")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return post_path(self.slug)

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at > timezone.now()

    def is_owned_by(self, user) -> bool:
        return self.author.user_id is not None and self.author.user_id == user.pk

    @property
    def page_title(self) -> str:
        return self.title_tag or self.title

    @property
    def share_image(self):
        return self.hero_image or self.social_card or None

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.split(",") if word.strip()]

    def clean(self):
        slugs = embedded_slugs(self.body)
        known = set(Framework.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        missing = [slug for slug in slugs if slug not in known]
        if missing:
            raise ValidationError({"body": f"No framework entry with the slug: {', '.join(missing)}."})

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.word_count)

    @property
    def has_toc(self) -> bool:
        return sum(1 for heading in self.toc if heading["level"] == 2) >= TOC_MIN_SECTIONS

    def render(self) -> None:
        html = render_article(self.body)
        self.toc = table_of_contents(html)
        self.word_count = word_count(html)
        self.body_html = with_heading_anchors(html)
        self.hero_html = hero_html(self.hero_image.name, self.hero_alt)

    def draw_missing_card(self) -> bool:
        """Without a hero image, the share image is a card drawn from the title; True if it changed."""
        return not self.hero_image and ensure_card(self.social_card, slug=self.slug, title=self.title)

    def parts(self) -> dict:
        """Its stored parts (config/stored_pages.py): the card lists show, its line in covering
        lists and the article's whole page, from this post and the rows they show (author, tags, FAQ, covered
        entries), read now. Stored at every save, and again by derived.py when one of those
        rows changes."""
        tags = list(self.tags.all())
        faq = list(self.faq_items.all())
        coverage = list(self.coverage.select_related("framework").order_by("position"))
        entries = [item.framework for item in coverage if item.framework.is_published]
        context = {"post": self, "tags": tags}
        head_data = structured_data.blog_posting(PlaceholderRequest(), self, frameworks=entries, faq=faq)
        page = render_part("blog/parts/post_page.html", {**context, "faq": faq})
        head = render_part("blog/parts/post_head.html", {**context, "structured_data": head_data})
        return {
            "card_html": render_part("blog/parts/post_card.html", {**context, "frameworks": entries}),
            "link_html": render_part("blog/parts/post_link.html", {"post": self}).strip(),
            "document_html": render_document(
                "blog/post_detail.html", {"post": self, "page": page, "head": head}, path=self.get_absolute_url()
            ),
            # The lists its related articles are drawn from: a post joining one changes them.
            "page_tokens": [
                *(tokens.tag_posts(tag.pk) for tag in tags),
                *(tokens.framework_posts(item.framework_id) for item in coverage),
            ],
            "related_from": {"tags": [tag.pk for tag in tags], "entries": [item.framework_id for item in coverage]},
            "parts_release": release(),
        }

    def store_parts(self) -> dict:
        return store(self)

    @transaction.atomic
    def save(self, *args, **kwargs):
        clean_text_fields(Post, self)  # before deriving the card, HTML and index from it
        if self.hero_image and not self.hero_image._committed:
            # A new upload is stored (re-encoded) first: its copies are made from the stored file.
            Post._meta.get_field("hero_image").pre_save(self, self._state.adding)
        self.render()
        self.draw_missing_card()
        super().save(*args, **kwargs)
        self.sync_coverage()
        self.store_parts()

    def sync_coverage(self) -> None:
        """The frameworks a post covers are the ones its body embeds, in order."""
        slugs = embedded_slugs(self.body)
        ids = dict(Framework.objects.filter(slug__in=slugs).values_list("slug", "id"))
        wanted = [ids[slug] for slug in slugs if slug in ids]
        current = list(self.coverage.order_by("position").values_list("framework_id", flat=True))
        if current != wanted:
            # bulk_create sends no signal: the entries' lists of covering posts change here.
            changed(*(tokens.framework_posts(framework_id) for framework_id in {*current, *wanted}))
            self.coverage.all().delete()
            Coverage.objects.bulk_create(
                Coverage(post=self, framework_id=framework_id, position=position, published_at=self.published_at)
                for position, framework_id in enumerate(wanted)
            )
        else:  # its date may have moved, and its place in the entries' lists with it
            self.coverage.all().follow_posts()


class FaqItem(models.Model):
    """One question of a post's FAQ: shown on the page and emitted as FAQPage JSON-LD."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="faq_items")
    question = models.CharField(max_length=300)
    answer = models.TextField(help_text="Markdown: **bold**, links, lists; blank lines start new paragraphs.")
    answer_html = models.TextField(editable=False, blank=True)  # rendered and sanitised at save
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "FAQ item"

    def __str__(self):
        return self.question

    def render(self) -> None:
        self.answer_html = render_markdown(self.answer)

    def save(self, *args, **kwargs):
        clean_text_fields(FaqItem, self)
        self.render()
        super().save(*args, **kwargs)


class CoverageQuerySet(models.QuerySet):
    def follow_posts(self) -> None:
        """Copy each row's post's published_at into it: at the post's save, and after writes that
        skip it (a raw load, a restore, QuerySet.update()). The page cache hears of the move from
        the post's own write (blog/page_tokens.py: a post's date moves its entries' lists)."""
        post_date = Post.objects.filter(pk=models.OuterRef("post_id")).values("published_at")[:1]
        self.update(published_at=models.Subquery(post_date))


class Coverage(models.Model):
    """A framework entry embedded in a post, at its place in the post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="coverage")
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="coverage")
    position = models.PositiveIntegerField(default=0)
    # The post's, copied at its save (and by follow_posts() after writes that skip it): the
    # order an entry's covering articles are listed in, read from one index (covering()), which
    # also stops the walk at the present. Whether a post may be shown is still published()'s,
    # on the post itself: a stale copy can misorder or leave out a post, never show a hidden one.
    published_at = models.DateTimeField(null=True, editable=False)

    objects = CoverageQuerySet.as_manager()

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["post", "framework"], name="unique_coverage")]
        indexes = [models.Index(fields=["framework", "published_at", "post"], name="coverage_newest_first")]

    def __str__(self):
        return f"{self.post} covers {self.framework}"


class SearchDocument(models.Model):
    """The searchable text of one post or entry, kept current on save (see blog/search/).

    Visibility is not stored here: searches join back to published(), the one publication rule.
    """

    class Kind(models.TextChoices):
        POST = "post", "Article"
        FRAMEWORK = "framework", "Framework"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=200)
    text = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_document")]

    def __str__(self):
        return f"{self.kind}: {self.title}"


# Revisions (django-reversion). Whole rows, derived fields included, so a restored row is
# consistent; saving the restored form re-renders what depends on other objects.
reversion.register(Post, follow=["faq_items"])
reversion.register(FaqItem)


class LinkCheck(models.Model):
    """One run of `manage.py check_links`: the newsroom shows the last one's dead links."""

    finished_at = models.DateTimeField(default=timezone.now)
    checked = models.PositiveIntegerField(default=0)
    unchecked = models.PositiveIntegerField(default=0)  # left when the run's time budget ran out

    class Meta:
        get_latest_by = "finished_at"


class DeadLink(models.Model):
    """A link that failed in a run, on one post or entry (a link on three pages is three rows)."""

    check_run = models.ForeignKey(LinkCheck, on_delete=models.CASCADE, related_name="dead_links")
    url = models.URLField(max_length=2000)
    detail = models.CharField(max_length=200)  # "HTTP 404", "timed out"
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    framework = models.ForeignKey(Framework, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
