"""Social cards: a 1200×630 PNG drawn from a title, for og:image when there is no hero image."""

import hashlib
import io
import textwrap

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
BACKGROUND = (17, 24, 39)
ACCENT = (99, 102, 241)
TEXT = (248, 250, 252)
MUTED = (165, 180, 252)


def card_name(*, slug: str, title: str) -> str:
    """Named after the title, so a new title means a new card and an unchanged one is reused."""
    digest = hashlib.sha256(title.encode()).hexdigest()[:12]
    return f"cards/{slug}-{digest}.png"


def _font(size: int):
    return ImageFont.load_default(size=size)


def draw_card(*, title: str, kicker: str = "") -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, HEIGHT), fill=ACCENT)
    draw.text((96, 80), (kicker or settings.SITE_NAME).upper(), font=_font(32), fill=MUTED)
    size = 76 if len(title) < 50 else 60
    lines = textwrap.wrap(title, width=26 if size == 76 else 34)[:5]
    y = 170
    for line in lines:
        draw.text((96, y), line, font=_font(size), fill=TEXT)
        y += int(size * 1.25)
    draw.text((96, HEIGHT - 90), settings.SITE_NAME, font=_font(30), fill=MUTED)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def ensure_card(field_file, *, slug: str, title: str, kicker: str = "") -> bool:
    """Point field_file at the card for this title, drawing it only if it is not stored yet."""
    name = card_name(slug=slug, title=title)
    if field_file.name == name and field_file.storage.exists(name):
        return False
    if not field_file.storage.exists(name):
        field_file.storage.save(name, ContentFile(draw_card(title=title, kicker=kicker)))
    field_file.name = name
    return True
