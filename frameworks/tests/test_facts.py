"""Comparison facts: typed values, the entry form's sheet, one source of truth for every page that
shows a fact, the directory's filters, the compare block, and the CSV matrix."""

import json
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.publishing import Status
from frameworks.fact_csv import Refused, export_csv, import_csv
from frameworks.facts import FactType, parse
from frameworks.models import Fact, FactKind, Framework
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def kinds(db):
    made = [
        FactKind(name="Licence", slug="licence", type=FactType.CHOICE, choices="MIT\nBSD-3-Clause\nApache-2.0"),
        FactKind(name="First release", slug="first-release", type=FactType.DATE, position=1),
        FactKind(name="Async views", slug="async-views", type=FactType.YES_NO, position=2, group="Features"),
        FactKind(name="Stars", slug="stars", type=FactType.NUMBER, unit="stars", position=3),
        FactKind(name="Docs", slug="docs", type=FactType.LINK, position=4),
        FactKind(name="Written in", slug="written-in", type=FactType.TEXT, position=5, comparable=False),
    ]
    for kind in made:
        kind.save()
    return {kind.slug: kind for kind in made}


def state(entry, kind, value, source=""):
    return Fact.objects.create(framework=entry, kind=kind, value=value, source_url=source)


# Types: each validates, is stored canonically and reads as readers expect.

VALID = [
    (FactType.YES_NO, "Yes", "yes", "Yes"),
    (FactType.YES_NO, "false", "no", "No"),
    (FactType.NUMBER, "12,500", "12500", "12500 stars"),
    (FactType.NUMBER, "0.50", "0.5", "0.5 stars"),
    (FactType.DATE, "2005", "2005", "2005"),
    (FactType.DATE, "2010-04-16", "2010-04-16", "16 April 2010"),
    (FactType.CHOICE, "mit", "MIT", "MIT"),
    (FactType.LINK, "https://example.com/docs", "https://example.com/docs", "https://example.com/docs"),
    (FactType.TEXT, "  Python  and   Rust ", "Python and Rust", "Python and Rust"),
]
INVALID = [
    (FactType.YES_NO, "maybe", "yes or no"),
    (FactType.NUMBER, "12,5", "not a number"),
    (FactType.NUMBER, "NaN", "out of range"),
    (FactType.NUMBER, "1e30", "out of range"),
    (FactType.DATE, "2026-02-30", "not a year"),
    (FactType.DATE, "0000", "not a year"),
    (FactType.CHOICE, "GPL", "not one of: MIT, BSD-3-Clause"),
    (FactType.LINK, "javascript:alert(1)", "valid URL"),
    (FactType.TEXT, "x" * 201, "under 200"),
    (FactType.TEXT, "   ", "Give a value"),
]


@pytest.mark.parametrize(("type_", "raw", "stored", "shown"), VALID)
def test_each_type_stores_its_canonical_value_and_reads_well(make_framework, type_, raw, stored, shown):
    kind = FactKind.objects.create(name="K", slug="k", type=type_, unit="stars", choices="MIT\nBSD-3-Clause")
    fact = state(make_framework("Bottle"), kind, raw)
    fact.refresh_from_db()
    assert (fact.value, fact.display) == (stored, shown)
    if type_ == FactType.NUMBER:
        assert fact.number == Decimal(stored)
    if type_ == FactType.DATE:
        assert fact.date.isoformat().startswith(stored[:4])


@pytest.mark.parametrize(("type_", "raw", "message"), INVALID)
def test_each_type_refuses_what_it_is_not_and_says_why(make_framework, type_, raw, message):
    kind = FactKind.objects.create(name="K", slug="k", type=type_, choices="MIT\nBSD-3-Clause")
    with pytest.raises(ValidationError, match=message):
        parse(kind, raw)
    with pytest.raises(ValidationError):
        state(make_framework("Bottle"), kind, raw)  # every write path, not just the form
    assert Fact.objects.count() == 0


def test_a_list_kind_needs_its_choices():
    with pytest.raises(ValidationError, match="List the choices"):
        FactKind(name="Licence", slug="licence", type=FactType.CHOICE).full_clean()


# The entry form: a sheet of every kind, typed widgets, checked values.


def test_the_entry_form_lists_every_kind_with_a_widget_for_its_type(staff_client, make_framework, kinds):
    entry = make_framework("Bottle")
    state(entry, kinds["stars"], "8300")  # stated first, listed after the licence: the kinds' order
    state(entry, kinds["licence"], "MIT")
    html = staff_client.get(reverse("admin:frameworks_framework_change", args=[entry.pk])).text
    rows = [html.index(f'<th scope="row" class="fact-kind">\n          {kind.name}') for kind in kinds.values()]
    licence, first_release, async_views, stars, docs, written_in = rows
    assert licence < stars < first_release < async_views < docs < written_in  # stated facts, then blanks
    assert '<option value="MIT" selected>MIT</option>' in html  # a list: a menu, the value chosen
    assert '<option value="yes">Yes</option>' in html  # yes/no: a menu
    assert 'type="url" name="facts-' in html  # a link: a URL field
    assert 'placeholder="2005 or 2005-07-15"' in html


def sheet(client, entry) -> tuple[str, dict]:
    url = reverse("admin:frameworks_framework_change", args=[entry.pk])
    return url, admin_form_data(client.get(url).text)


def row_of(data: dict, kind: FactKind) -> str:
    return next(
        name[: -len("-kind")] for name, value in data.items() if name.endswith("-kind") and value == str(kind.pk)
    )


def test_facts_are_written_checked_and_removed_from_the_entry_form(staff_client, make_framework, kinds):
    entry = make_framework("Bottle")
    url, data = sheet(staff_client, entry)
    data[f"{row_of(data, kinds['licence'])}-value"] = "MIT"
    data[f"{row_of(data, kinds['licence'])}-source_url"] = "https://pypi.org/project/bottle/"
    data[f"{row_of(data, kinds['stars'])}-value"] = "8,300"
    assert staff_client.post(url, data).status_code == 302
    assert sorted(entry.facts.values_list("kind__slug", "value")) == [("licence", "MIT"), ("stars", "8300")]

    url, data = sheet(staff_client, entry)
    data[f"{row_of(data, kinds['first-release'])}-value"] = "last spring"
    response = staff_client.post(url, data)
    assert response.status_code == 200 and "is not a year (2005) or a date" in response.text
    assert entry.facts.count() == 2  # nothing of a refused form is stored

    url, data = sheet(staff_client, entry)
    data[f"{row_of(data, kinds['stars'])}-value"] = ""  # emptied: the fact goes
    assert staff_client.post(url, data).status_code == 302
    assert list(entry.facts.values_list("kind__slug", flat=True)) == ["licence"]


def test_an_author_writes_facts_on_their_own_entry_and_only_editors_define_kinds(author, kinds, make_framework):
    user, client = author
    entry = make_framework("Anns entry", status=Status.DRAFT, created_by=user)
    url, data = sheet(client, entry)
    data[f"{row_of(data, kinds['async-views'])}-value"] = "yes"
    assert client.post(url, data).status_code == 302
    assert entry.facts.get().value == "yes"
    assert client.get(reverse("admin:frameworks_factkind_add")).status_code == 403
    assert client.get(reverse("admin:frameworks_facts_import")).status_code == 403


# One source of truth: a changed fact shows at the next request everywhere it is shown.


def test_a_changed_fact_shows_everywhere_at_the_next_request(client, page_cache_on, make_framework, make_post, kinds):
    django, flask = make_framework("Django"), make_framework("Flask")
    licence = state(django, kinds["licence"], "BSD-3-Clause", "https://example.com/licence")
    state(flask, kinds["licence"], "BSD-3-Clause")
    post = make_post("Licences", body="```compare django flask\nfacts: licence\n```")
    pages = [
        django.get_absolute_url(),
        "/compare/django-vs-flask/",
        post.get_absolute_url(),
        "/frameworks/?licence=MIT",
    ]
    before = [client.get(page).text for page in pages]  # now cached
    assert "No entry matches these filters." in before[3]

    licence.value = "MIT"  # a shell's edit: no admin involved
    licence.save()
    entry, comparison, article, directory = (client.get(page).text for page in pages)
    assert ">MIT <a" in entry
    assert '"additionalProperty": [{"@type": "PropertyValue", "propertyID": "licence"' in entry
    assert '"value": "MIT"' in entry
    assert "<td>MIT <a" in comparison and 'class="differs"' in comparison
    assert "<td>MIT <a" in article
    assert 'href="/frameworks/django/"' in directory and "1 entry matches." in directory


def test_a_renamed_kind_renames_its_row_on_every_page(client, page_cache_on, make_framework, make_post, kinds):
    django, flask = make_framework("Django"), make_framework("Flask")
    state(django, kinds["licence"], "MIT")
    state(flask, kinds["licence"], "BSD-3-Clause")
    post = make_post("Licences", body="```compare django flask\n```")
    pages = [django.get_absolute_url(), "/compare/django-vs-flask/", post.get_absolute_url()]
    for page in pages:
        assert ">Licence<" in client.get(page).text
    kinds["licence"].name = "Licence (SPDX)"
    kinds["licence"].save()
    for page in pages:
        assert "Licence (SPDX)" in client.get(page).text, page


# Comparisons: aligned, differences marked, "only differences" without JavaScript.


def test_a_comparison_lines_up_comparable_facts_and_can_show_only_the_differences(client, make_framework, kinds):
    django, flask = make_framework("Django"), make_framework("Flask")
    for entry, values in ((django, ["BSD-3-Clause", "2005", "yes", "Python"]), (flask, ["BSD-3-Clause", "2010"])):
        for slug, value in zip(["licence", "first-release", "async-views", "written-in"], values, strict=False):
            state(entry, kinds[slug], value, source=f"https://example.com/{entry.slug}/{slug}")
    html = client.get("/compare/django-vs-flask/").text
    table = html[html.index('class="facts-table"') : html.index("</table>")]
    rows = re.findall(r"<tr( class=\"differs\")?>\s*<th scope=\"row\"[^>]*>([^<]+)", table)
    assert rows == [("", "Licence"), (' class="differs"', "First release"), (' class="differs"', "Async views")]
    assert "Written in" not in table  # not comparable
    assert 'href="https://example.com/flask/first-release"' in table  # each value's source, one click away
    assert '<meta name="robots" content="noindex">' not in html

    only = client.get("/compare/django-vs-flask/?only=differences").text
    only_table = only[only.index('class="facts-table"') : only.index("</table>")]
    assert "First release" in only_table and "Licence" not in only_table
    assert '<meta name="robots" content="noindex">' in only
    assert '<link rel="canonical" href="http://testserver/compare/django-vs-flask/">' in only


# The directory: filters compose, cost the same queries whatever the entries.


def directory_names(html: str) -> list[str]:
    return re.findall(r'class="card-title"><a href="/frameworks/[^/]+/">([^<]+)', html)


def test_the_directory_filters_compose_and_sort_by_facts(client, make_framework, kinds):
    for name, licence, year, is_async in [
        ("Django", "BSD-3-Clause", "2005", "yes"),
        ("Flask", "BSD-3-Clause", "2010", "yes"),
        ("Bottle", "MIT", "2009", "no"),
        ("Dash", "MIT", "2017", None),
    ]:
        entry = make_framework(name)
        state(entry, kinds["licence"], licence)
        state(entry, kinds["first-release"], year)
        if is_async:
            state(entry, kinds["async-views"], is_async)
    make_framework("Hidden draft", status=Status.DRAFT)
    assert directory_names(client.get("/frameworks/?licence=MIT&licence=BSD-3-Clause").text) == [
        "Bottle",
        "Dash",
        "Django",
        "Flask",
    ]
    assert directory_names(client.get("/frameworks/?licence=BSD-3-Clause&async-views=yes").text) == ["Django", "Flask"]
    assert directory_names(client.get("/frameworks/?first-release_to=2009").text) == ["Bottle", "Django"]
    assert directory_names(client.get("/frameworks/?first-release_from=2010&sort=-first-release").text) == [
        "Dash",
        "Flask",
    ]
    html = client.get("/frameworks/?licence=MIT&first-release_from=2010").text
    assert directory_names(html) == ["Dash"] and "1 entry matches." in html
    assert 'value="MIT" checked' in html and 'name="first-release_from" value="2010"' in html
    # Garbage is ignored, never an error.
    for query in ["?first-release_from=soon", "?sort=%00", "?licence=%FF%FE", "?stars_to=1e999", "?page=x"]:
        assert client.get("/frameworks/" + query).status_code in (200, 404)


@pytest.mark.parametrize("count", [10, 100])
def test_filters_cost_the_same_queries_for_10_or_100_entries(client, settings, make_framework, kinds, count):
    settings.PAGE_CACHE = False  # what building the page costs
    for number in range(count):
        entry = make_framework()
        state(entry, kinds["licence"], "MIT" if number % 2 else "Apache-2.0")
        state(entry, kinds["first-release"], str(2000 + number % 20))
    url = "/frameworks/?licence=MIT&first-release_from=2005&sort=-first-release"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) == 4, [q["sql"][:150] for q in queries]  # kinds, count, the cards, the picker


# The compare block in articles.


def test_a_compare_block_never_shows_a_draft_entry_and_its_preview_says_why(client, make_framework, make_post, kinds):
    make_framework("Django")
    make_framework("Secret", status=Status.DRAFT)
    post = make_post(
        "Two", body="```compare django secret\n```\n\n```compare django nowhere\n```\n\n```compare django\n```"
    )
    html = client.get(post.get_absolute_url()).text
    assert "Secret" not in html and "facts-block" not in html
    from blog.rendering import preview

    shown = preview(post.body)
    assert 'aria-label="Facts of Django, Secret"' in shown  # staff see drafts in the preview
    assert "No framework entry with the slug “nowhere”" in shown
    assert "A compare block names 2 to 6 entries" in shown


def test_the_md_copy_and_llms_txt_carry_the_facts(client, make_framework, make_post, kinds):
    django, flask = make_framework("Django"), make_framework("Flask")
    state(django, kinds["licence"], "BSD-3-Clause", "https://example.com/l")
    state(flask, kinds["licence"], "BSD-3-Clause")
    post = make_post("Two", slug="two", body="```framework django\n```\n\n```compare django flask\n```")
    copy = client.get("/blog/two.md").text
    assert "- Licence: BSD-3-Clause ([source](https://example.com/l))" in copy
    assert (
        "| Fact | Django | Flask |" in copy and "| Licence | BSD-3-Clause ([source](https://example.com/l)) |" in copy
    )
    assert "(Licence: BSD-3-Clause)" in client.get("/llms.txt").text
    assert post.frameworks.count() == 2


# The CSV matrix.


def test_the_csv_round_trip_is_lossless(make_framework, kinds):
    django, flask = make_framework("Django"), make_framework("Flask")
    state(django, kinds["licence"], "BSD-3-Clause", "https://example.com/l")
    state(django, kinds["stars"], "81000")
    fact = state(flask, kinds["first-release"], "2010-04-16", "https://example.com/changes")
    fact.last_verified = fact.date
    fact.save()
    exported = export_csv()
    Fact.objects.all().delete()
    report = import_csv(exported)
    assert (report.written, report.removed) == (3, 0)
    assert export_csv() == exported
    assert import_csv(exported).written == 0  # the same matrix again changes nothing


def test_a_bad_csv_stores_nothing_and_names_every_bad_cell_once(make_framework, kinds):
    django, _ = make_framework("Django"), make_framework("Flask")
    state(django, kinds["licence"], "MIT")
    text = (
        "entry,licence,licence source,stars,stars source,colour\n"
        "django,GPL,notaurl,,https://example.com/s\n"
        "flask,GPL,https://example.com/l,12,\n"
        "ghost,MIT,,,\n"
        "django,MIT,,,\n"
    )
    with pytest.raises(Refused) as refused:
        import_csv(text)
    errors = refused.value.report.errors
    assert "Column 6 (“colour”): no kind of fact by that name." in errors
    assert errors[1].startswith("Row 2 (django), column “licence”: “GPL” is not one of")
    assert errors[2].startswith("Row 2 (django), column “licence source”")
    assert errors[3].startswith("Row 3 (flask), column “licence”: “GPL” is not one of")
    assert "Row 4: no entry with the slug “ghost”." in errors
    assert "Row 5: “django” has a row already." in errors
    assert "Row 2 (django), column “stars”: a source or a date without a value." in errors
    # Flask's refused licence is reported once, not again as "a source without a value".
    assert len(errors) == 7
    assert list(Fact.objects.values_list("value", flat=True)) == ["MIT"]


def test_the_admin_exports_and_an_editor_imports_the_matrix(staff_client, make_framework, kinds):
    django = make_framework("Django")
    state(django, kinds["licence"], "MIT")
    response = staff_client.get(reverse("admin:frameworks_facts_export"))
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    text = response.content.decode().replace(",MIT,", ",Apache-2.0,")
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("facts.csv", text.encode(), content_type="text/csv")
    answer = staff_client.post(reverse("admin:frameworks_facts_import"), {"file": upload})
    assert "Imported: 1 fact written, 0 removed." in answer.text
    assert Fact.objects.get().value == "Apache-2.0"
    bad = SimpleUploadedFile("facts.csv", b"\xff\xfe not utf-8", content_type="text/csv")
    answer = staff_client.post(reverse("admin:frameworks_facts_import"), {"file": bad})
    assert "not UTF-8 text" in answer.text and Fact.objects.get().value == "Apache-2.0"


def test_stored_facts_travel_with_the_entry_row(make_framework, kinds):
    entry = make_framework("Django")
    state(entry, kinds["licence"], "MIT", "https://example.com/l")
    stored = Framework.objects.get(pk=entry.pk).facts_json
    assert json.loads(json.dumps(stored)) == [
        {
            "kind": "licence",
            "name": "Licence",
            "group": "Basics",
            "position": 0,
            "comparable": True,
            "help": "",
            "value": "MIT",
            "display": "MIT",
            "link": "",
            "source": "https://example.com/l",
            "verified": "",
        }
    ]


def test_an_entry_with_a_stale_fact_is_in_the_freshness_report(staff_client, make_framework, kinds):
    from django.utils import timezone

    today = timezone.localdate()
    fresh = make_framework("Fresh", last_verified=today)
    checked = state(fresh, kinds["licence"], "MIT")
    checked.last_verified = today
    checked.save()
    stale = make_framework("Stale facts", last_verified=today)
    old = state(stale, kinds["licence"], "MIT")
    old.last_verified = today - timezone.timedelta(days=200)
    old.save()
    assert list(Framework.objects.needing_verification().values_list("name", flat=True)) == ["Stale facts"]
    listed = staff_client.get(reverse("admin:frameworks_framework_changelist"), {"verification": "stale"}).text
    assert ">Stale facts</a>" in listed and ">Fresh</a>" not in listed
    newsroom = staff_client.get(reverse("admin:index")).text
    assert "facts to check: Licence" in newsroom


def test_facts_are_in_the_entry_revisions_and_a_revert_brings_them_back(make_framework, kinds):
    import reversion
    from reversion.models import Version

    entry = make_framework("Django")
    fact = state(entry, kinds["licence"], "BSD-3-Clause")
    with reversion.create_revision():
        entry.save()
    fact.value = "MIT"
    fact.save()
    from blog.derived import batched

    with batched():  # as the admin's "revert" runs it (a shell's revert is followed by `rerender`)
        Version.objects.get_for_object(entry).first().revision.revert()
    assert Fact.objects.get().value == "BSD-3-Clause"
    assert Framework.objects.get().facts_json[0]["value"] == "BSD-3-Clause"  # its pages follow the revert
