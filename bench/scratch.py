"""A scratch site for the in-process benchmarks: its own SQLite file and media folder, the
seed article imported into it. Import this first: it sets Django up on the scratch settings."""

import io
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCRATCH = Path(tempfile.mkdtemp(prefix="bench-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings.dev",
    SQLITE_PATH=str(SCRATCH / "db.sqlite3"),
    MEDIA_ROOT=str(SCRATCH / "media"),
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

SEED_DIR = Path(os.environ.get("SEED_DIR", ROOT.parent / "shared" / "seed"))


def seeded_site() -> None:
    """Migrate the scratch database and import the seed with its figure."""
    call_command("migrate", verbosity=0)
    call_command(
        "import_post",
        str(SEED_DIR / "000_57345e16e62c26d9.txt"),
        "--assets",
        str(SEED_DIR / "assets"),
        verbosity=0,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
