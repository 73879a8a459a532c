"""Social cards: a 1200×630 PNG drawn from a title, for og:image when there is no hero image."""

import functools
import hashlib
import io

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
BACKGROUND = (17, 24, 39)
ACCENT = (99, 102, 241)
TEXT = (248, 250, 252)
MUTED = (165, 180, 252)


# Part of every card's name: bump it when the drawing changes, so stored cards are redrawn.
CARD_DESIGN = "2"


def card_name(*, slug: str, title: str) -> str:
    """Named after the title, so a new title means a new card and an unchanged one is reused."""
    digest = hashlib.sha256(f"{CARD_DESIGN}:{title}".encode()).hexdigest()[:12]
    return f"cards/{slug}-{digest}.png"


def _font(size: int):
    return ImageFont.load_default(size=size)


MARGIN = 96
TEXT_WIDTH = WIDTH - 2 * MARGIN
TEXT_HEIGHT = HEIGHT - 160 - 110


def wrap_to_width(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


@functools.lru_cache(maxsize=64)  # the same title draws the same card: re-imports reuse it
def draw_card(*, title: str, kicker: str = "Article") -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, HEIGHT), fill=ACCENT)
    draw.text((MARGIN, 80), kicker.upper(), font=_font(30), fill=MUTED)
    # The largest size at which the whole title fits between the kicker and the footer.
    for size in (80, 68, 58, 50, 44, 38):
        font = _font(size)
        lines = wrap_to_width(draw, title, font, TEXT_WIDTH)
        if len(lines) * size * 1.22 <= TEXT_HEIGHT:
            break
    y = 160
    for line in lines[: int(TEXT_HEIGHT // (size * 1.22))]:
        draw.text((MARGIN, y), line, font=font, fill=TEXT)
        y += int(size * 1.22)
    draw.text((MARGIN, HEIGHT - 90), settings.SITE_NAME, font=_font(30), fill=MUTED)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def ensure_card(field_file, *, slug: str, title: str, kicker: str = "Article") -> bool:
    """Point field_file at the card for this title, drawing it only if it is not stored yet."""
    name = card_name(slug=slug, title=title)
    if field_file.name == name and field_file.storage.exists(name):
        return False
    if not field_file.storage.exists(name):
        field_file.storage.save(name, ContentFile(draw_card(title=title, kicker=kicker)))
    field_file.name = name
    return True
