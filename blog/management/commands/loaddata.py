"""Django's loaddata, with the copies blog keeps brought in step once the last row is in: the
articles embedding a loaded entry are rendered again and the search documents rewritten
(blog/derived.py). Raw rows arrive in any order, so nothing is done row by row."""

from django.core.management.commands import loaddata

from blog.derived import batched


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        with batched():
            return super().handle(*fixture_labels, **options)
