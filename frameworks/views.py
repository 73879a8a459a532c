import functools
import json

from django.db.models import Count, F, Q
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from config.facts_table import compared_facts
from config.page_cache import tokens
from config.page_cache.deps import depends_on
from config.stored_pages import current_part, current_parts, fill, shared_document

from . import directory, page_queries
from .comparisons import (
    MAX_FRAMEWORKS,
    MIN_FRAMEWORKS,
    NotAComparison,
    canonical_order,
    comparison_url,
    parse_comparison,
)
from .models import Framework
from .page_queries import COVERING, posts_model
from .templatetags.compare_choices import compare_options


class FrameworkListView(ListView):
    """The directory: every published entry, filtered and sorted by facts (frameworks/directory.py)."""

    paginate_by = 60

    def get_queryset(self):
        depends_on(tokens.FRAMEWORKS)
        self.directory = directory.read(self.request.GET)
        if self.directory.active:
            # Which entries match moves with any fact, not only those of the entries shown.
            depends_on(tokens.table("framework"))
        return directory.apply(self.directory, Framework.objects.published().for_list())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(directory=self.directory, **kwargs)
        context["framework_list"] = current_parts(context["framework_list"])
        # The picker offers every entry, not just this page's.
        context["compare_choices"] = Framework.objects.published().values_list("slug", "name")
        return context


class FrameworkDetailView(View):
    """The entry: its whole page stored at save (Framework.parts()), filled in for this request
    with its covering articles and the picker's choices. Three prepared queries
    (config/prepared.py); staff who may edit entries see drafts, never cached."""

    def get(self, request, slug):
        found = page_queries.published_document(slug=slug)
        if found:
            return entry_page(request, found[0], is_draft=False)
        framework = get_object_or_404(Framework.objects.visible_to(request.user).for_page(), slug=slug)
        response = entry_page(request, framework, is_draft=not framework.is_published)
        if not framework.is_published:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


def entry_page(request, framework, *, is_draft: bool) -> HttpResponse:
    """`framework`: a row of DOCUMENT_FIELDS (a model instance or a prepared query's row)."""
    document = current_part(
        Framework, "document_html", pk=framework.id, release=framework.parts_release, stored=framework.document_html
    )
    posts = page_queries.latest_covering(framework_id=framework.id, now=timezone.now())
    choices = page_queries.compare_choices(framework_id=framework.id)
    depends_on(
        tokens.framework(framework.id),
        tokens.framework_posts(framework.id),
        tokens.FRAMEWORKS,
        *(tokens.post(post.id) for post in posts),
    )
    links = "".join(covering_line(post.id, post.parts_release, post.link_html) for post in posts[:COVERING])
    covering = render_to_string(
        "frameworks/parts/covering_posts.html",
        {"links": links, "more_posts": len(posts) > COVERING, "name": framework.name},
    )
    shown = {name for name, show in (("draft", is_draft), ("compare", choices and not is_draft)) if show}
    html = fill(document, request, shown=shown, compare_options=options_html(tuple(choices)), covering_posts=covering)
    return HttpResponse(html)


@functools.lru_cache(maxsize=1024)
def options_html(choices: tuple) -> str:
    """The picker's <option>s, kept by what they show: every entry page lists (nearly) all the
    others, a hundred options that cost more to build than the rest of the page."""
    return compare_options(choices)


class CompareView(View):
    """Two to four entries side by side from their stored columns: the page rendered once per
    process for those columns (shared_document), each column's articles filled in. Two prepared
    queries. Any other order of the same set redirects to one URL."""

    def get(self, request, slugs):
        try:
            requested = parse_comparison(slugs)
        except NotAComparison:
            raise Http404("Not a comparison of two to four frameworks.") from None
        if requested != canonical_order(requested):
            return HttpResponsePermanentRedirect(comparison_url(requested))
        found = {entry.slug: entry for entry in page_queries.compared_entries(slugs=requested)}
        if len(found) != len(requested):
            raise Http404("One of these frameworks is not published.")
        entries = [found[slug] for slug in requested]
        ids = [entry.id for entry in entries]
        covering = {}
        for entry_id, post_id, link_html, release in page_queries.covering_each(framework_ids=ids, now=timezone.now()):
            covering.setdefault(entry_id, []).append((post_id, covering_line(post_id, release, link_html)))
        depends_on(
            *(tokens.framework(entry_id) for entry_id in ids),
            *(tokens.framework_posts(entry_id) for entry_id in ids),
            *(tokens.post(post_id) for links in covering.values() for post_id, _ in links),
        )
        columns = tuple(
            (entry.name, entry.slug, current_part(Framework, "column_html", pk=entry.id, release=entry.parts_release,
                                                  stored=entry.column_html))
            for entry in entries
        )  # fmt: skip
        only_differences = request.GET.get("only") == "differences"
        facts = facts_table(entries, only_differences=only_differences)
        document = shared_document(
            "frameworks/compare.html",
            request.path,
            frameworks=columns,
            facts_table=facts,
            only_differences="yes" if only_differences else "",
        )
        lists = {
            f"covering_{number}": render_to_string(
                "frameworks/parts/column_covering.html",
                {"links": "".join(link for _, link in covering.get(entry_id, []))},
            )
            for number, entry_id in enumerate(ids)
        }
        return HttpResponse(fill(document, request, **lists))


@functools.lru_cache(maxsize=256)
def facts_table_html(names: tuple, facts: str, only_differences: bool) -> str:
    """Kept by what it shows (the entries' stored facts), as the comparison's page is."""
    groups = compared_facts(list(names), json.loads(facts), only_differences=only_differences)
    return render_to_string(
        "frameworks/parts/facts_table.html",
        {
            "groups": groups,
            "names": names,
            "table_id": "facts",
            "caption": "Facts side by side" + (": only where they differ" if only_differences else ""),
            "empty": "They state the same for every fact." if only_differences else "",
        },
    )


def facts_table(entries, *, only_differences: bool) -> str:
    names = tuple(entry.name for entry in entries)
    return facts_table_html(names, json.dumps([entry.facts_json for entry in entries]), only_differences)


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


def covering_line(post_id: int, release: str, link_html: str) -> str:
    """A covering article's stored line (Post.link_html)."""
    return current_part(posts_model(), "link_html", pk=post_id, release=release, stored=link_html)
