from django.db.models import Count, F, Prefetch, Q
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.views.generic import DetailView, ListView, TemplateView

from config.mixins import StaffPreviewMixin
from config.page_cache import tokens
from config.page_cache.deps import depends_on
from config.stored_pages import current_parts, served_from

from .comparisons import (
    MAX_FRAMEWORKS,
    MIN_FRAMEWORKS,
    NotAComparison,
    canonical_order,
    comparison_url,
    parse_comparison,
)
from .models import Framework


class FrameworkListView(ListView):
    def get_queryset(self):
        depends_on(tokens.FRAMEWORKS)
        return Framework.objects.published().for_list()

    paginate_by = 60

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["framework_list"] = current_parts(context["framework_list"])
        # The picker offers every entry, not just this page's.
        context["compare_choices"] = Framework.objects.published().values_list("slug", "name")
        return context


class FrameworkDetailView(StaffPreviewMixin, DetailView):
    """The entry from its stored parts (Framework.parts()), its covering articles and the picker."""

    queryset = Framework.objects.for_page()

    def get_object(self, queryset=None):
        return current_parts([super().get_object(queryset)])[0]

    def get_context_data(self, **kwargs):
        # Its covering articles, and the picker offering every other entry.
        depends_on(tokens.framework_posts(self.object.pk), tokens.FRAMEWORKS)
        # The latest few: an entry covered by thousands of articles must not list them all.
        posts = list(latest_posts(self.object.posts.all())[: COVERING + 1])
        others = Framework.objects.published().exclude(pk=self.object.pk).values_list("slug", "name")
        return super().get_context_data(
            posts=posts[:COVERING],
            more_posts=len(posts) > COVERING,
            compare_choices=others,
            head=served_from(self.object.head_html, self.request),
            **kwargs,
        )


# What a link to an article needs; how many each entry's page and comparison column list.
POST_LINK_FIELDS = ("title", "slug", "published_at", "status")
COVERING = 10


def latest_posts(posts):
    return posts.published().only(*POST_LINK_FIELDS).order_by("-published_at")


def covering_posts():
    # The posts app's model, reached through the relation it declares: frameworks imports no app.
    posts = Framework._meta.get_field("posts").related_model.objects.all()
    return Prefetch("posts", queryset=latest_posts(posts)[:COVERING], to_attr="latest_posts")


class CompareView(TemplateView):
    """Two to four entries side by side; any other order of the same set redirects to one URL."""

    template_name = "frameworks/compare.html"

    def get(self, request, *args, slugs, **kwargs):
        try:
            requested = parse_comparison(slugs)
        except NotAComparison:
            raise Http404("Not a comparison of two to four frameworks.") from None
        if requested != canonical_order(requested):
            return HttpResponsePermanentRedirect(comparison_url(requested))
        frameworks = list(
            Framework.objects.published().filter(slug__in=requested).for_comparison().prefetch_related(covering_posts())
        )
        frameworks = current_parts(frameworks)
        if len(frameworks) != len(requested):
            raise Http404("One of these frameworks is not published.")
        frameworks.sort(key=lambda framework: requested.index(framework.slug))
        depends_on(*(tokens.framework_posts(framework.pk) for framework in frameworks))
        return self.render_to_response(self.get_context_data(frameworks=frameworks, **kwargs))


class ComparePickerView(TemplateView):
    """The picker's plain GET form lands here: ?f=a&f=b goes on to the comparison."""

    template_name = "frameworks/compare_picker.html"

    def get(self, request, *args, **kwargs):
        choices = list(Framework.objects.published().values_list("slug", "name"))
        # Only entries that exist: anything else in the query string (a "/", a NUL) is dropped.
        known = {slug for slug, _ in choices}
        chosen = canonical_order(slug for slug in request.GET.getlist("f") if slug in known)
        depends_on(tokens.FRAMEWORKS)
        if MIN_FRAMEWORKS <= len(chosen) <= MAX_FRAMEWORKS:
            return HttpResponseRedirect(comparison_url(chosen))
        context = self.get_context_data(
            chosen=chosen,
            choices=choices,
            min_frameworks=MIN_FRAMEWORKS,
            max_frameworks=MAX_FRAMEWORKS,
        )
        return self.render_to_response(context)


class AlternativesView(DetailView):
    """Other entries ranked by what they share with this one: tags and the articles covering both."""

    template_name = "frameworks/alternatives.html"

    def get_queryset(self):
        return Framework.objects.published()

    def get_context_data(self, **kwargs):
        framework = self.object
        # Ranked against every entry by tags and covering articles.
        depends_on(tokens.FRAMEWORKS, tokens.POSTS)
        tag_ids = list(framework.tags.values_list("id", flat=True))
        post_ids = list(framework.posts.published().values_list("id", flat=True))
        alternatives = (
            Framework.objects.published()
            .exclude(pk=framework.pk)
            .annotate(
                shared_tags=Count("tags", filter=Q(tags__in=tag_ids), distinct=True),
                shared_posts=Count("posts", filter=Q(posts__in=post_ids), distinct=True),
            )
            .filter(Q(shared_tags__gt=0) | Q(shared_posts__gt=0))
            # A shared tag says more about kinship than appearing in the same roundup.
            .annotate(score=F("shared_tags") * 2 + F("shared_posts"))
            .order_by("-score", "name")
            .prefetch_related("tags")
        )
        alternatives = list(alternatives)
        for alternative in alternatives:
            alternative.compare_url = comparison_url([framework.slug, alternative.slug])
        return super().get_context_data(alternatives=alternatives, **kwargs)
