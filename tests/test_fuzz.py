"""Property tests: garbage in any query parameter of any public URL, and any front-matter value,
never gets a 5xx or a traceback; a refused import stores nothing.

The risk: one unexpected value (a NUL, a "/", invalid UTF-8, a number too large) reaching code
that assumed better, answering 500 to readers or printing a traceback to an editor.
"""

from urllib.parse import quote_from_bytes

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blog.importer import ImportFailed, post_import
from blog.models import Post
from conftest import SEED_SLUG
from frameworks.models import Framework

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/",
    f"/blog/{SEED_SLUG}/",
    f"/blog/{SEED_SLUG}.md",
    "/frameworks/",
    "/frameworks/reflex/",
    "/frameworks/reflex/alternatives/",
    "/compare/",
    "/compare/flask-vs-reflex/",
    "/tags/python/",
    "/tags/python/feed/",
    "/tags/python/feed/atom/",
    "/feed/",
    "/feed/atom/",
    "/search/",
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/sitemap-posts.xml",
    "/sitemap-frameworks.xml",
    "/sitemap-tags.xml",
    "/sitemap-comparisons.xml",
    "/robots.txt",
    "/llms.txt",
    "/preview/not-a-token/",
    "/favicon.ico",
    "/no-such-page/",
]
# The parameters our pages and the libraries under them read, and any other name.
NAMES = st.sampled_from(["page", "p", "q", "f", "format", "slug", "o", "_", "page[]"]) | st.text(max_size=8)
NAMES = st.one_of(NAMES, st.just("f"), st.just("page"), st.just("q"))  # the ones read most, more often
VALUES = (
    st.text(max_size=40)
    | st.integers().map(str)
    | st.sampled_from(["", "0", "-1", "1e9", "NaN", "99999999999999999999", "last", '"', "*", "NEAR(", "a OR"])
    | st.sampled_from(["a/b", "..", "\x00", "%", "reflex", "django", "<script>", "\ud800"])
)
RAW = st.binary(max_size=24)  # bytes that are not UTF-8 at all
ALLOWED = {200, 301, 302, 304, 400, 404, 410}


def encoded(text_or_bytes) -> str:
    data = text_or_bytes if isinstance(text_or_bytes, bytes) else text_or_bytes.encode("utf-8", "surrogatepass")
    return quote_from_bytes(data, safe="")


QUERIES = st.lists(st.tuples(NAMES | RAW, VALUES | RAW), max_size=4).map(
    lambda pairs: "&".join(f"{encoded(name)}={encoded(value)}" for name, value in pairs)
)


@pytest.fixture
def site(seeded, make_post):
    seeded.post.tags.add("python")
    for number in range(12):  # more than a page of posts, so page numbers mean something
        make_post(f"Filler {number}", tags=["python"])


# One site per cache mode and the URL drawn with the query: a site per URL cost 40 seed imports.
@pytest.mark.parametrize("page_cache", [False, True], ids=["uncached", "page-cache"])
@settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(url=st.sampled_from(PUBLIC_URLS), query=QUERIES)
def test_no_query_string_gets_a_5xx(client, site, settings_override, url, page_cache, query):
    settings_override.PAGE_CACHE = page_cache
    response = client.get(f"{url}?{query}")
    assert response.status_code in ALLOWED, (url, query, response.status_code)


@pytest.fixture
def settings_override(settings):
    return settings


@settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=st.lists(VALUES | RAW, min_size=2, max_size=5))
def test_the_compare_picker_takes_any_list_of_choices(client, seeded, chosen):
    """The one parameter read as a list: several values, each anything."""
    query = "&".join(f"f={encoded(value)}" for value in chosen)
    response = client.get(f"/compare/?{query}", follow=True)
    assert response.status_code in ALLOWED, (query, response.status_code)


# Front matter: any YAML value under any key we read.
KEYS = ["title", "date", "updated_at", "author", "author_bio", "description", "image", "meta", "tag", "tags"]
KEYS += ["faq", "slug", "title_tag", "draft", "published", "other"]
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True)
    | st.text(max_size=30)
    | st.dates().map(str)
    | st.sampled_from(["2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31T23:59:59", "\x00", "yes", "maybe"])
)
VALUE = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(matter=st.dictionaries(st.sampled_from(KEYS), VALUE, max_size=6))
def test_any_front_matter_imports_or_is_refused_in_one_line_storing_nothing(tmp_path, db, matter):
    matter.setdefault("title", "Fuzzed")
    matter.setdefault("date", "2025-01-01")
    path = tmp_path / "fuzzed.md"
    path.write_text("---\n" + yaml.safe_dump(matter, allow_unicode=True) + "---\nBody.\n")
    before = (Post.objects.count(), Framework.objects.count(), list(Post.objects.values_list("title", flat=True)))
    try:
        post_import(path=path, assets=tmp_path)
    except ImportFailed as refusal:
        assert str(refusal) and "\n" not in str(refusal)
        after = (Post.objects.count(), Framework.objects.count(), list(Post.objects.values_list("title", flat=True)))
        assert after == before


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=st.text(max_size=200))
def test_any_text_as_front_matter_imports_or_is_refused(tmp_path, db, head):
    path = tmp_path / "raw.md"
    path.write_text(
        f"---\ntitle: Raw\ndate: 2025-01-01\n{head}\n---\nBody.\n", encoding="utf-8", errors="surrogatepass"
    )
    try:
        post_import(path=path, assets=tmp_path)
    except ImportFailed as refusal:
        assert str(refusal) and "\n" not in str(refusal)
