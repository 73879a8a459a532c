"""Prepared queries (config/prepared.py) answer what the querysets they were built from answer,
for every value, at one query per call and one compilation per shape."""

import pytest
from django.db.models import Q
from django.utils import timezone

from blog.models import Post
from config.prepared import NotPreparable, PreparedQuery

pytestmark = pytest.mark.django_db


def test_each_call_gets_the_rows_of_its_own_values(make_post):
    first, second = make_post("First"), make_post("Second")
    by_slug = PreparedQuery(lambda slug, now: Post.objects.published(now).filter(slug=slug).values_list("title"))
    now = timezone.now()
    assert by_slug(slug=first.slug, now=now) == [("First",)]
    assert by_slug(slug=second.slug, now=now) == [("Second",)]
    assert by_slug(slug="nothing-here", now=now) == []


def test_the_clock_is_a_value_a_scheduled_post_appears_when_its_time_comes(make_post):
    later = timezone.now() + timezone.timedelta(hours=1)
    post = make_post("Later", published_at=later)
    live = PreparedQuery(lambda slug, now: Post.objects.published(now).filter(slug=slug).values_list("id"))
    assert live(slug=post.slug, now=timezone.now()) == []
    assert live(slug=post.slug, now=later + timezone.timedelta(seconds=1)) == [(post.pk,)]


def test_rows_are_named_and_converted_as_the_orm_gives_them(make_post):
    post = make_post("Named")
    rows = PreparedQuery(lambda pk: Post.objects.filter(pk=pk).values_list("title", "published_at", "toc"))(pk=post.pk)
    assert rows[0].title == "Named" and rows[0].published_at == post.published_at and rows[0].toc == post.toc


def test_one_compilation_then_one_query_per_call(make_post, django_assert_num_queries):
    post = make_post()
    builds = []

    def build(slug):
        builds.append(slug)
        return Post.objects.filter(slug=slug).values_list("id")

    prepared = PreparedQuery(build)
    for _ in range(3):
        with django_assert_num_queries(1):
            assert prepared(slug=post.slug) == [(post.pk,)]
    assert len(builds) == 1


def test_a_list_of_another_length_is_compiled_for_its_own_length(make_post):
    posts = [make_post() for _ in range(3)]
    some = PreparedQuery(lambda slugs: Post.objects.filter(slug__in=slugs).values_list("id").order_by("id"))
    assert some(slugs=[posts[0].slug]) == [(posts[0].pk,)]
    assert some(slugs=[post.slug for post in posts]) == [(post.pk,) for post in posts]
    assert some(slugs=[]) == []


def test_a_value_the_sql_does_not_take_as_it_is_is_refused(make_post):
    make_post("Findable")
    containing = PreparedQuery(lambda word: Post.objects.filter(Q(title__icontains=word)).values_list("id"))
    with pytest.raises(NotPreparable):
        containing(word="Find")


def test_sql_the_orm_cannot_write_is_prepared_from_its_parameters(make_post):
    post = make_post("Raw")
    by_id = PreparedQuery(lambda pk: ("SELECT title FROM blog_post WHERE id = %s", [pk]))
    assert by_id(pk=post.pk) == [("Raw",)] and by_id(pk=post.pk + 1000) == []
