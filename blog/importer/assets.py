"""Images named by a post: found in the assets folder, checked with Pillow, stored as media."""

import hashlib
from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from blog.images import inspect_image

from .errors import ImportFailed


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
        """Validate and store an image; the name carries a content hash, so re-imports reuse it."""
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ImportFailed(f"image {path} cannot be read ({error.strerror or type(error).__name__})") from None
        handle = ContentFile(data)
        try:
            inspect_image(handle, name=path.name)
        except ValidationError as error:
            raise ImportFailed(f"image {path}: {error.messages[0]}") from None
        digest = hashlib.sha256(data).hexdigest()[:10]
        # An exported file already carries its hash: importing it again must give the same name.
        stem = path.stem.removesuffix(f"-{digest}")
        name = f"{folder}/{stem}-{digest}{path.suffix.lower()}"
        if not default_storage.exists(name):
            saved = default_storage.save(name, handle)
            self.created.append(saved)
            name = saved
        return name

    def track(self, name: str) -> None:
        self.created.append(name)

    def discard_created(self) -> None:
        for name in self.created:
            default_storage.delete(name)
        self.created.clear()
