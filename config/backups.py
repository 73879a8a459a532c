"""Whole-site backups: the database content as Django's portable JSON plus the media files,
in one zip, so a site can be restored or moved between SQLite and PostgreSQL, and its media
between local files and a bucket: media are read and written through the site's storage."""

import io
import json
import posixpath
import tempfile
import zipfile
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.commands.loaddata import Command as LoadData
from django.db import transaction

DATA = "data.json"
MEDIA = "media/"
# Where the media were served from when the backup was written (/media/, or a bucket's address):
# rendered pages name it, so a restore onto another storage has them rendered again.
MEDIA_ADDRESS = "media-address.txt"
# Rebuilt by migrate, or not worth keeping: content types and permissions are matched by natural keys;
# the page-cache epoch must never go back to an old value (config/page_cache/guard.py).
EXCLUDE = ["contenttypes", "auth.permission", "sessions", "axes", "page_cache"]


# Models that moved to another app since a backup may have been written: restored under their new
# label (the table is the same).
MOVED_MODELS = {"blog.editversion": "editorial.editversion"}


class BackupError(Exception):
    pass


def backup_write(path: Path) -> int:
    """Write the zip; return how many media files it holds."""
    data = io.StringIO()
    call_command("dumpdata", natural_foreign=True, natural_primary=True, exclude=EXCLUDE, indent=None, stdout=data)
    files = stored_files()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DATA, data.getvalue())
        archive.writestr(MEDIA_ADDRESS, default_storage.url(""))
        for name in files:
            with default_storage.open(name) as handle:
                archive.writestr(MEDIA + name, handle.read())
    return len(files)


def stored_files(folder: str = "") -> list[str]:
    """Every file in the media storage, by its storage name (uploads/x.webp)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # local media never written
        return []
    names = [posixpath.join(folder, name) for name in files]
    for sub in folders:
        names += stored_files(posixpath.join(folder, sub))
    return names


def backup_restore(path: Path) -> bool:
    """Replace the database content and the media with the backup's; nothing changes if it fails.
    True when the media now live at another address than the backup's pages name (render them
    again)."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(f"{path} is not a backup zip ({error})") from None
    with archive, tempfile.TemporaryDirectory(prefix="restore-") as folder:
        folder = Path(folder)
        names = archive.namelist()
        if DATA not in names:
            raise BackupError(f"{path} holds no {DATA}")
        for name in names:
            target = (folder / name).resolve()
            if not target.is_relative_to(folder.resolve()):
                raise BackupError(f"{path} names a file outside the backup: {name}")
        archive.extractall(folder)
        relabel_moved_models(folder / DATA)
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            # Django's own loaddata: the rows carry their rendered HTML and search documents, so
            # nothing is redone (blog's loaddata would render every article again).
            call_command(LoadData(), str(folder / DATA), verbosity=0)
        for name in stored_files():
            default_storage.delete(name)
        media = folder / "media"
        for file in sorted(media.rglob("*")) if media.exists() else []:
            if file.is_file():
                with file.open("rb") as handle:
                    default_storage.save(file.relative_to(media).as_posix(), File(handle))
        written_for = folder / MEDIA_ADDRESS
        return written_for.exists() and written_for.read_text() != default_storage.url("")


def relabel_moved_models(data_file: Path) -> None:
    try:
        rows = json.loads(data_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{DATA} is not readable JSON ({error})") from None
    if isinstance(rows, list) and any(isinstance(row, dict) and row.get("model") in MOVED_MODELS for row in rows):
        for row in rows:
            if isinstance(row, dict) and row.get("model") in MOVED_MODELS:
                row["model"] = MOVED_MODELS[row["model"]]
        data_file.write_text(json.dumps(rows), encoding="utf-8")
