import datetime as dt

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField
from taggit.managers import TaggableManager

from config import structured_data
from config.cards import ensure_card
from config.images import ReencodedImageField, validate_image_file
from config.markdown import render_inline, render_markdown
from config.publishing import PublishableQuerySet, Status
from config.release import release
from config.renditions import stored_picture
from config.stored_pages import PlaceholderRequest, render_document, render_part, store
from config.text import clean_text_fields

from .facts import FactType, choice_list, display, fact_groups, parse, stored_facts

# An entry unchecked for longer than this is listed for re-verification in the admin.
VERIFY_EVERY_DAYS = 180


def verification_cutoff():
    return timezone.localdate() - timezone.timedelta(days=VERIFY_EVERY_DAYS)


# The freshness rule, said once for Python (a row or a stored fact in hand) and once for SQL (lists).
def unverified(day) -> bool:
    return day is None or day < verification_cutoff()


def unverified_q(field: str = "last_verified") -> models.Q:
    return models.Q(**{f"{field}__isnull": True}) | models.Q(**{f"{field}__lt": verification_cutoff()})


# What an entry's page needs: its stored document, and what a request fills in or decides on.
DOCUMENT_FIELDS = ("id", "name", "slug", "status", "document_html", "parts_release")


class FrameworkQuerySet(PublishableQuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def needing_verification(self):
        """Entries unchecked for VERIFY_EVERY_DAYS, or stating a fact unchecked for as long."""
        stale_facts = Fact.objects.filter(unverified_q(), framework=models.OuterRef("pk"))
        return self.filter(unverified_q() | models.Exists(stale_facts))

    def for_list(self):
        return self.only("name", "slug", "card_html", "parts_release")

    def for_page(self):
        return self.only(*DOCUMENT_FIELDS)

    def for_embeds(self, slugs) -> dict:
        """The entries these slugs name, with what an embed shows: the renderer's lookup."""
        found = self.filter(slug__in=slugs).prefetch_related("pros", "cons", "facts__kind")
        for framework in found:
            # Read now, not the stored copy: an article may be re-rendered before the entry's parts.
            framework.facts_json = stored_facts(framework.facts.all())
        return {framework.slug: framework for framework in found}


class Framework(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(
        max_length=100, unique=True, allow_unicode=True, blank=True, help_text="Leave blank to make one from the name."
    )
    tagline = models.CharField(max_length=200, blank=True)
    website = models.URLField(blank=True)
    description = MarkdownxField(blank=True)
    closing_notes = MarkdownxField(
        blank=True, help_text="Markdown shown after the pros and cons, wherever the entry appears."
    )
    # Rendered and sanitised at save so no page ever runs Markdown.
    description_html = models.TextField(editable=False, blank=True)
    closing_notes_html = models.TextField(editable=False, blank=True)
    # Its parts as pages show them, stored at save (parts()): a request reads this row, not four.
    card_html = models.TextField(editable=False, blank=True)
    # The whole entry page (frameworks/framework_detail.html), holes left for what a request decides.
    document_html = models.TextField(editable=False, blank=True)
    column_html = models.TextField(editable=False, blank=True)
    # Its facts as pages show them (stored_facts()): comparisons line them up from this column alone.
    facts_json = models.JSONField(editable=False, default=list, blank=True)
    parts_release = models.CharField(max_length=12, editable=False, blank=True)
    tags = TaggableManager(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    image = ReencodedImageField(
        "sharing image",
        upload_to="frameworks/",
        blank=True,
        validators=[validate_image_file],
        help_text="Shown when the entry is shared; without one, a card is drawn from the name and tagline.",
    )
    social_card = models.ImageField(upload_to="cards/", blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    objects = FrameworkQuerySet.as_manager()

    last_verified = models.DateField(
        null=True, blank=True, help_text="When someone last checked this entry against the framework itself."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        permissions = [("publish_framework", "Can publish and unpublish framework entries")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("frameworks:detail", kwargs={"slug": self.slug})

    def is_owned_by(self, user) -> bool:
        return self.created_by_id is not None and self.created_by_id == user.pk

    @property
    def needs_verification(self) -> bool:
        return unverified(self.last_verified) or bool(self.stale_facts)

    @property
    def stale_facts(self) -> list[str]:
        """The names of its facts unchecked for VERIFY_EVERY_DAYS (read from its stored facts)."""

        def day(fact):
            return dt.date.fromisoformat(fact["verified"]) if fact["verified"] else None

        return [fact["name"] for fact in self.facts_json if unverified(day(fact))]

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def share_image(self):
        return self.image or self.social_card or None

    def render(self) -> None:
        lookups = {"entries": Framework.objects.for_embeds, "media": stored_picture}
        self.description_html = render_markdown(self.description, footnote_prefix=self.slug, **lookups)
        self.closing_notes_html = render_markdown(self.closing_notes, footnote_prefix=f"{self.slug}-notes", **lookups)

    def save(self, *args, **kwargs):
        clean_text_fields(Framework, self)  # before deriving the card and HTML from it
        self.render()
        self.draw_missing_card()
        super().save(*args, **kwargs)

    def parts(self) -> dict:
        """Its stored parts (config/stored_pages.py): its card, its whole page and its column in
        comparisons, from this entry, its tags, pros and cons, read now. Stored by
        blog's derived.py after every write of the entry or of one of those (at once, or once at
        the end of a request or an import: an entry saved with its pros is rendered once)."""
        tags = list(self.tags.all())
        facts = stored_facts(self.facts.select_related("kind"))
        context = {"framework": self, "tags": tags, "fact_groups": fact_groups(facts)}
        head_data = structured_data.software_application(PlaceholderRequest(), self, tags=tags, facts=facts)
        page = render_part("frameworks/parts/framework_page.html", context)
        head = render_part("frameworks/parts/framework_head.html", {**context, "structured_data": head_data})
        return {
            "card_html": render_part("frameworks/parts/framework_card.html", context),
            "document_html": render_document(
                "frameworks/framework_detail.html",
                {"framework": self, "page": page, "head": head},
                path=self.get_absolute_url(),
            ),
            "column_html": render_part("frameworks/parts/compare_column.html", context),
            "facts_json": facts,
            "parts_release": release(),
        }

    def store_parts(self) -> dict:
        return store(self)

    def draw_missing_card(self) -> bool:
        """Without an image, the share image is a card drawn from the name; True if it changed."""
        if self.image:
            return False
        title = f"{self.name}: {self.tagline}" if self.tagline else self.name
        return ensure_card(self.social_card, slug=f"framework-{self.slug}", title=title, kicker="Framework")


class Point(models.Model):
    """One pro or con: a short label and a sentence of inline Markdown."""

    label = models.CharField(max_length=120, blank=True)
    text = models.TextField(help_text="Inline Markdown: **bold**, `code` and links.")
    text_html = models.TextField(editable=False, blank=True)
    position = models.PositiveIntegerField(default=0, db_index=True)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self):
        # Whole, because revision diffs compare pros and cons by this text.
        return f"{self.label}: {self.text}" if self.label else self.text

    def render(self) -> None:
        self.text_html = render_inline(self.text)

    def save(self, *args, **kwargs):
        clean_text_fields(type(self), self)
        self.render()
        super().save(*args, **kwargs)


class Pro(Point):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="pros")

    class Meta(Point.Meta):
        pass


class Con(Point):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="cons")

    class Meta(Point.Meta):
        pass


class FactKind(models.Model):
    """A kind of fact entries can state (licence, first release, async views), defined by editors."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in URLs, the CSV and ```compare blocks.")
    type = models.CharField(max_length=10, choices=FactType.CHOICES, default=FactType.TEXT)
    unit = models.CharField(max_length=30, blank=True, help_text="Numbers: shown after the value (ms, MB, stars).")
    choices = models.TextField(blank=True, help_text="“One of a list”: the choices, one per line.")
    help_text = models.CharField(max_length=200, blank=True, help_text="What the fact means, for editors and readers.")
    group = models.CharField(max_length=60, default="Basics", help_text="Facts are shown under their group’s heading.")
    position = models.PositiveIntegerField(default=0, help_text="Order on pages and in tables, smallest first.")
    comparable = models.BooleanField(default=True, help_text="Shown in comparisons and offered as a directory filter.")

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.type == FactType.CHOICE and not choice_list(self.choices):
            raise ValidationError({"choices": "List the choices, one per line."})


class Fact(models.Model):
    """One entry's value of one kind of fact, with where it was read and when it was last checked."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="facts")
    kind = models.ForeignKey(FactKind, on_delete=models.CASCADE, related_name="facts")
    value = models.CharField(max_length=300)  # canonical text (frameworks/facts.py)
    number = models.DecimalField(max_digits=24, decimal_places=8, null=True, blank=True, editable=False)
    date = models.DateField(null=True, blank=True, editable=False)  # a year alone: its 1 January
    source_url = models.URLField("source", max_length=500, blank=True, help_text="Where the value can be checked.")
    last_verified = models.DateField(null=True, blank=True)

    class Meta:
        # No default ordering: it would join the kinds into every query, the directory's per-entry
        # subqueries included. Readers get facts in order from stored_facts(), the sheet from its inline.
        constraints = [models.UniqueConstraint(fields=["framework", "kind"], name="one_fact_per_kind")]
        indexes = [models.Index(fields=["kind", "value"], name="fact_kind_value")]

    def __str__(self):
        # Whole, because revision diffs compare facts by this text.
        return f"{self.kind}: {self.value}" + (f" ({self.source_url})" if self.source_url else "")

    def clean(self):
        if self.kind_id is not None:
            try:
                parsed = parse(self.kind, self.value)
            except ValidationError as error:
                raise ValidationError({"value": error.messages}) from None
            self.value, self.number, self.date = parsed.value, parsed.number, parsed.date

    def save(self, *args, **kwargs):
        clean_text_fields(Fact, self)
        self.clean()  # every write path stores the canonical value and its number or date
        super().save(*args, **kwargs)

    @property
    def display(self) -> str:
        return display(self.kind, self.value)

    @property
    def needs_verification(self) -> bool:
        return unverified(self.last_verified)


# Revisions (django-reversion). Whole rows, derived fields included, so a restored row is
# consistent: a restore that leaves a point's form unchanged does not save that point again.
reversion.register(Framework, follow=["pros", "cons", "facts"])
reversion.register(Pro)
reversion.register(Con)
reversion.register(Fact)
