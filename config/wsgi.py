import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
django_application = get_wsgi_application()

# After setup: the front reads settings and the cache (config/page_cache/front.py).
from config.page_cache.front import PageCacheFront  # noqa: E402

application = PageCacheFront(django_application)
