"""Which frameworks a comparison URL names, and the one canonical URL for each set."""

import re

from django.urls import reverse

SEPARATOR = "-vs-"
MIN_FRAMEWORKS, MAX_FRAMEWORKS = 2, 4
# The rule of config/slugs.py: letters and digits of any script, "-" and "_".
SLUG = re.compile(r"^[-\w]+$")


class NotAComparison(ValueError):
    pass


def parse_comparison(path_part: str) -> list[str]:
    """'flask-vs-django' -> ['flask', 'django']; raises NotAComparison for anything else."""
    slugs = path_part.split(SEPARATOR)
    if not MIN_FRAMEWORKS <= len(slugs) <= MAX_FRAMEWORKS:
        raise NotAComparison(f"compare {MIN_FRAMEWORKS} to {MAX_FRAMEWORKS} frameworks")
    if len(set(slugs)) != len(slugs) or not all(SLUG.match(slug) for slug in slugs):
        raise NotAComparison("each framework once, by its slug")
    return slugs


def canonical_order(slugs) -> list[str]:
    """The same set in any order is one page: the slugs sorted."""
    return sorted(set(slugs))


def comparison_url(slugs) -> str:
    return reverse("frameworks:compare", kwargs={"slugs": SEPARATOR.join(canonical_order(slugs))})
