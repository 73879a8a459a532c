"""The shared cache failing costs speed, never a page or an editor's save, and never a stale page.

The risks: with Redis stopped every page answered 500 and an admin save was lost; and Redis
coming back from a snapshot taken before the outage would serve pages older than edits made
while it was down (their token moves failed, so the old pages still look current).
"""

import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.urls import reverse

from config.page_cache import guard
from conftest import SEED_SLUG
from frameworks.models import Framework
from tests.admin_forms import admin_edit_pro

pytestmark = pytest.mark.django_db
ARTICLE = f"/blog/{SEED_SLUG}/"
EDITED = "Edited while the cache was down."
SHOWING_REFLEX = [ARTICLE, "/frameworks/reflex/", "/compare/flask-vs-reflex/"]


def public_pages():
    return [
        "/",
        ARTICLE,
        f"/blog/{SEED_SLUG}.md",
        "/frameworks/",
        "/frameworks/reflex/",
        "/frameworks/reflex/alternatives/",
        "/compare/flask-vs-reflex/",
        "/compare/?f=flask",
        "/tags/python/",
        "/search/?q=reflex",
        "/feed/",
        "/feed/atom/",
        "/tags/python/feed/",
        "/sitemap.xml",
        "/sitemap-posts.xml",
        "/robots.txt",
        "/llms.txt",
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def use_redis(settings, port: int) -> None:
    settings.PAGE_CACHE = True
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }


@pytest.fixture
def silent_redis():
    """A port that accepts connections and never answers: Redis hung, or a black-holed network."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    yield server.getsockname()[1]
    server.close()


@pytest.mark.parametrize("redis_is", ["stopped", "hanging"])
def test_every_public_page_renders_and_an_admin_save_works_without_the_cache(
    client, staff_client, seeded, settings, silent_redis, redis_is
):
    seeded.post.tags.add("python")
    use_redis(settings, free_port() if redis_is == "stopped" else silent_redis)
    for url in public_pages():
        started = time.monotonic()
        response = client.get(url)
        assert response.status_code in (200, 302), url
        # One timeout (0.25 s) at most, then the breaker: the cache is not waited on again.
        assert time.monotonic() - started < 1, url
    assert client.get(ARTICLE)["X-Page-Cache"] == "unavailable"
    admin_edit_pro(staff_client, framework=Framework.objects.get(slug="reflex"), label="Pure Python", text=EDITED)
    for url in SHOWING_REFLEX:
        assert EDITED in client.get(url).text, url


def test_a_failed_token_move_changes_the_epoch_with_the_write(seeded, settings):
    settings.PAGE_CACHE = True
    before = guard.epoch()
    use_redis(settings, free_port())
    reflex = Framework.objects.get(slug="reflex")
    reflex.tagline = "Saved while the cache was down"
    reflex.save()
    assert guard.read_epoch() != before


def test_another_process_learns_of_a_new_epoch_within_the_recheck_interval(client, seeded, settings, monkeypatch):
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_EPOCH_SECONDS = 1
    client.get(ARTICLE)
    assert client.get(ARTICLE)["X-Page-Cache"] == "hit"
    guard.new_epoch()  # as another process does when its move fails
    guard._state["suspect"] = False  # this process saw no failure of its own
    assert client.get(ARTICLE)["X-Page-Cache"] == "hit"  # within the interval: the epoch as read
    later = time.monotonic() + 1.5
    monkeypatch.setattr(guard.time, "monotonic", lambda: later)
    assert client.get(ARTICLE)["X-Page-Cache"] == "miss"


@pytest.fixture
def real_redis(tmp_path):
    """A redis-server of our own that snapshots to tmp_path, with a way to stop and restart it."""
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not shutil.which(binary):
        pytest.fail("redis-server is needed (make test installs it: apt-get install redis-server)")
    port = free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(tmp_path), "--save", ""]
    command += ["--dbfilename", "snapshot.rdb", "--appendonly", "no"]

    class Server:
        def start(self):
            self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
            self.client = redis.Redis(port=port)
            for _ in range(100):
                try:
                    self.client.ping()
                    return
                except redis.ConnectionError:
                    time.sleep(0.05)
            raise RuntimeError("redis-server did not start")

        def stop(self):
            self.process.terminate()
            self.process.wait(10)

    server = Server()
    server.port = port
    server.start()
    yield server
    server.stop()


def test_redis_back_from_a_snapshot_older_than_an_edit_serves_no_stale_page(
    client, staff_client, seeded, settings, real_redis
):
    use_redis(settings, real_redis.port)
    settings.CACHE_RETRY_SECONDS = 0  # try the cache again at once once it is back
    for url in SHOWING_REFLEX:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url
    real_redis.client.save()  # the snapshot Debian's redis-server would also have taken
    pages_before = set(real_redis.client.keys("*page-cache*:page:*"))
    real_redis.stop()

    admin_edit_pro(staff_client, framework=Framework.objects.get(slug="reflex"), label="Pure Python", text=EDITED)

    real_redis.start()  # loads the snapshot: the old pages and the old token values
    assert set(real_redis.client.keys("*page-cache*:page:*")) == pages_before  # they are back
    for url in SHOWING_REFLEX:
        response = client.get(url)
        assert EDITED in response.text, url
        assert response["X-Page-Cache"] == "miss", url  # the cache works again, from a new epoch
    assert client.get(reverse("frameworks:detail", kwargs={"slug": "reflex"}))["X-Page-Cache"] == "hit"


def test_cached_pages_are_served_while_the_database_is_down_even_when_the_epoch_is_due(
    client, seeded, settings, monkeypatch
):
    from django.db import OperationalError
    from django.db.backends.utils import CursorWrapper

    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_EPOCH_SECONDS = 0  # every request wants to read the epoch again
    client.get(ARTICLE)

    def down(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(CursorWrapper, "execute", down)
    response = client.get(ARTICLE)
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"  # the epoch as last read
