"""A fingerprint of this release: what was rendered by another one is not used."""

import functools
import hashlib
from pathlib import Path

from django.conf import settings

RELEASE_FOLDERS = ("blog", "frameworks", "config", "templates", "static")


@functools.cache
def release() -> str:
    """A fingerprint of the code, templates and static files: pages rendered by another release
    (a deploy changed a template, a view, the stylesheet's hashed name) are never served, and
    the page parts stored at save (config/stored_pages.py) are rendered again. The site's name
    is part of it: every stored page shows it."""
    digest = hashlib.sha256(settings.SITE_NAME.encode())  # stored pages show it in every header
    root = Path(settings.BASE_DIR)
    for folder in RELEASE_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and "tests" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
