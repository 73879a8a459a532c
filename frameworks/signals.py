"""What frameworks says happened to its entries, for the apps that refer to them."""

from django.dispatch import Signal

# An entry's slug changed, whichever way it was saved. Sent with framework, old_slug, new_slug.
framework_renamed = Signal()
