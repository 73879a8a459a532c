"""The newsroom's panel about entries (config/editorial/dashboard.py draws it)."""

from django.db.models import F
from django.urls import reverse

from config.editorial.dashboard import ROWS, Panel, Row, panel

from .models import VERIFY_EVERY_DAYS, Framework


@panel(50)
def not_verified(request):
    stale = Framework.objects.needing_verification().order_by(F("last_verified").asc(nulls_first=True), "name")
    rows = [
        Row(
            entry.name,
            reverse("admin:frameworks_framework_change", args=[entry.pk]),
            "; ".join(
                part
                for part in (
                    "never verified" if entry.last_verified is None else "",
                    f"facts to check: {', '.join(entry.stale_facts)}" if entry.stale_facts else "",
                )
                if part
            ),
            entry.last_verified,
            "last verified" if entry.last_verified else "",
        )
        for entry in stale.only("name", "last_verified", "facts_json")[: ROWS + 1]
    ]
    return Panel.of(
        f"Entries not verified in {VERIFY_EVERY_DAYS} days",
        rows,
        key="verify",
        empty="Every entry was verified in the last 180 days.",
        more_url=reverse("admin:frameworks_framework_changelist") + "?verification=stale",
    )
