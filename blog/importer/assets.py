"""Images named by a post: found in the assets folder, checked with Pillow, stored as media."""

import hashlib
from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from config.images import reencode

from .errors import ImportFailed


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def stored_bytes(name: str) -> bytes | None:
    if not default_storage.exists(name):
        return None
    with default_storage.open(name) as handle:
        return handle.read()


class AssetStore:
    """Looks images up under one folder and remembers what it wrote, so a failed import can undo it."""

    def __init__(self, folder: Path | None):
        self.folder = folder.resolve() if folder else None
        self.created: list[str] = []

    def find(self, src: str) -> Path | None:
        """The file for a site path such as /blog/figure.webp: folder/blog/figure.webp or folder/figure.webp."""
        if not self.folder or not src or "://" in src or src.startswith(("data:", "javascript:")):
            return None
        relative = PurePosixPath(src.lstrip("/"))
        for candidate in (self.folder / relative, self.folder / relative.name):
            resolved = candidate.resolve()
            # Never read outside the assets folder, whatever the path says.
            if resolved.is_relative_to(self.folder) and resolved.is_file():
                return resolved
        return None

    def store(self, path: Path, *, folder: str) -> str:
        """Validate, re-encode and store an image (config/images.py: only its pixels are kept); the
        name carries the stored bytes' hash, so re-imports reuse the file."""
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ImportFailed(f"image {path} cannot be read ({error.strerror or type(error).__name__})") from None
        digest = content_hash(data)
        # An exported file carries its hash: if it is the very file stored here, it is that file.
        stem = path.stem.removesuffix(f"-{digest}")
        exported = f"{folder}/{stem}-{digest}{path.suffix.lower()}"
        if stem != path.stem and stored_bytes(exported) == data:
            return exported
        try:
            clean = reencode(ContentFile(data), name=path.name)
        except ValidationError as error:
            raise ImportFailed(f"image {path}: {error.messages[0]}") from None
        clean_bytes = clean.read()
        name = f"{folder}/{stem}-{content_hash(clean_bytes)}{PurePosixPath(clean.name).suffix}"
        if not default_storage.exists(name):
            saved = default_storage.save(name, ContentFile(clean_bytes))
            self.created.append(saved)
            name = saved
        return name

    def track(self, name: str) -> None:
        self.created.append(name)

    def discard_created(self) -> None:
        for name in self.created:
            default_storage.delete(name)
        self.created.clear()
