"""The site's URLs plus the benchmark's floor: the same bytes from a view that does nothing else."""

import functools
import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


@functools.cache
def floor_bytes() -> bytes:
    # Read at the first request: the benchmark writes the file after the server is up.
    return Path(os.environ["BENCH_FLOOR_FILE"]).read_bytes()


def floor(request):
    return HttpResponse(floor_bytes())


urlpatterns = [path("floor/", floor), *site_urlpatterns]
