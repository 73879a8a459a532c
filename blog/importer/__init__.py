"""Import a post written in the Reflex blog's Markdown dialect. See post_import."""

from .errors import ImportFailed
from .service import ImportResult, post_import

__all__ = ["ImportFailed", "ImportResult", "post_import"]
