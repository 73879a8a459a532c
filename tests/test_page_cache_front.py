"""The page cache's WSGI front (config/page_cache/front.py): the application gunicorn serves
answers a plain hit before Django's handler, exactly as the middleware would, and hands
everything else to Django."""

from urllib.parse import unquote_to_bytes, urlsplit

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from conftest import SEED_SLUG

pytestmark = pytest.mark.django_db
ARTICLE = f"/blog/{SEED_SLUG}/"
# Made afresh for each answer (the second they were made in, the server's clock).
PER_ANSWER = {"X-Accel-Expires", "Date"}


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True


def served(path, method="GET", **headers):
    """What gunicorn would send for this request: status line, headers, body."""
    from config.wsgi import application

    environ = RequestFactory().generic(method, path, headers=headers).environ
    # As a server gives it (the request above wrote its decoded path there): bytes as latin-1.
    environ["PATH_INFO"] = unquote_to_bytes(urlsplit(path).path).decode("iso-8859-1")
    answer = {}
    # As Django's test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(application(environ, lambda status, headers: answer.update(status=status, headers=headers)))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], dict(answer["headers"]), body


def test_a_hit_is_answered_before_django_with_what_the_middleware_answers(client, seeded):
    started = []
    request_started.connect(listener := lambda **kwargs: started.append(1))
    try:
        miss_status, miss, miss_body = served(ARTICLE)
        assert len(started) == 1 and miss["X-Page-Cache"] == "miss"
        status, front, body = served(ARTICLE)
        assert len(started) == 1, "the hit went through Django's handler"
    finally:
        request_started.disconnect(listener)
    by_middleware = client.get(ARTICLE)  # the test client runs no front: the middleware's hit
    assert (status, front["X-Page-Cache"], by_middleware["X-Page-Cache"]) == ("200 OK", "hit", "hit")
    assert body == by_middleware.content == miss_body
    expected = {name: value for name, value in by_middleware.items() if name not in PER_ANSWER}
    assert {name: value for name, value in front.items() if name not in PER_ANSWER} == expected
    assert front["X-Accel-Expires"].startswith("@")


def test_a_hit_from_the_front_costs_no_queries(seeded, django_assert_num_queries):
    served(ARTICLE)
    served(ARTICLE)  # the page-cache epoch is read once a second, not per hit
    with django_assert_num_queries(0):
        assert served(ARTICLE)[1]["X-Page-Cache"] == "hit"


def test_a_miss_asks_the_cache_once_and_is_stored(seeded, monkeypatch):
    from config.page_cache import middleware

    asked = []
    real = middleware.current_entry
    monkeypatch.setattr(middleware, "current_entry", lambda key: asked.append(key) or real(key))
    monkeypatch.setattr("config.page_cache.front.current_entry", middleware.current_entry)
    assert served("/frameworks/flask/")[1]["X-Page-Cache"] == "miss"
    assert len(asked) == 1
    assert served("/frameworks/flask/")[1]["X-Page-Cache"] == "hit"


def test_a_conditional_request_gets_djangos_304(seeded):
    etag = served(ARTICLE)[1]["ETag"]
    status, headers, body = served(ARTICLE, If_None_Match=etag)
    assert status == "304 Not Modified" and body == b"" and headers["ETag"] == etag and "X-Accel-Expires" in headers


def test_editors_and_other_methods_go_to_django(seeded, staff_client):
    served(ARTICLE)
    assert served(ARTICLE, Cookie=f"sessionid={staff_client.cookies['sessionid'].value}")[1].get("X-Page-Cache") is None
    assert served(ARTICLE, method="POST")[0].startswith("403")  # Django's CSRF check answered it


def test_an_unknown_host_gets_djangos_400_not_an_error(seeded):
    served(ARTICLE)
    assert served(ARTICLE, Host="evil.example")[0].startswith("400")


def test_an_edit_shows_at_once_through_the_front(seeded):
    served(ARTICLE)
    assert served(ARTICLE)[1]["X-Page-Cache"] == "hit"
    seeded.post.description = "Changed behind the front."
    seeded.post.save()
    status, headers, body = served(ARTICLE)
    assert headers["X-Page-Cache"] == "miss" and "Changed behind the front." in body.decode()


def test_a_failing_cache_costs_the_front_nothing_but_speed(seeded, monkeypatch):
    from django.core.cache import cache

    served(ARTICLE)

    def down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "get_many", down)
    monkeypatch.setattr(cache, "get", down)
    status, headers, body = served(ARTICLE)
    assert status == "200 OK" and headers["X-Page-Cache"] == "unavailable" and SEED_SLUG in body.decode()


@pytest.mark.parametrize(
    "path, headers",
    [
        ("/blog/%FF%FE/", {}),
        ("/?page=%00%01&q=\u202e\x7f", {}),
        ("/tags/%E2%80%AE/?page=99999999999999999999", {}),
        ("/tags/日本語/", {}),  # a miss in the front, then Django builds its own request
        (ARTICLE, {"Accept-Encoding": "\x00br;q=nan, gzip;q=-1"}),
        (ARTICLE, {"Cookie": "sessionid=\x00; =; ;;"}),
        (ARTICLE, {"Host": "127.0.0.1:99999"}),
        (ARTICLE, {"Host": "[::1"}),
    ],
)
def test_hostile_requests_get_an_answer_not_an_error(seeded, path, headers):
    served(ARTICLE)
    status = served(path, **headers)[0]
    assert int(status[:3]) < 500, status
