"""The directory's filters and sorting by facts, read from a plain GET form.

Each comparable kind of fact offers a filter by its type: one of a list (any of the ticked
choices), yes or no, a date or year range (before / from), a number range (at least / at
most). Text and links are not filtered. Anything else in the query string is ignored, never an
error. Each filter is one EXISTS on the facts' (kind, value) index; sorting reads the kind's
value beside each entry; the cards are stored: the page's queries do not grow with the entries.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models import Exists, F, OuterRef, Subquery

from .facts import YEAR, FactType, choice_list
from .models import Fact, FactKind

FILTERED_TYPES = (FactType.CHOICE, FactType.YES_NO, FactType.DATE, FactType.NUMBER)
SORTED_BY = {FactType.NUMBER: "number", FactType.DATE: "date", FactType.CHOICE: "value", FactType.YES_NO: "value"}


@dataclass
class KindFilter:
    kind: FactKind
    options: list[tuple[str, str, bool]] = field(default_factory=list)  # (value, label, ticked)
    low: str = ""  # as typed, shown back in the form
    high: str = ""

    @property
    def active(self) -> bool:
        return any(ticked for _, _, ticked in self.options) or bool(self.low or self.high)


@dataclass
class Directory:
    filters: list[KindFilter]
    sort: str  # "name", or a kind's slug, "-" first for descending
    sorts: list[tuple[str, str]]  # (value, label) for the sort menu

    @property
    def active(self) -> bool:
        return self.sort != "name" or any(kind_filter.active for kind_filter in self.filters)


def bound(text: str, kind: FactKind):
    """A range end as typed: a year for dates, a number for numbers; None when it is neither."""
    text = text.strip()[:20]
    if kind.type == FactType.DATE:
        return dt.date(int(text), 1, 1) if YEAR.match(text) and int(text) >= 1 else None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def read(query) -> Directory:
    """The filters and sort a query string asks for, against the comparable kinds (one query)."""
    kinds = [kind for kind in FactKind.objects.filter(comparable=True) if kind.type in FILTERED_TYPES]
    filters = []
    for kind in kinds:
        kind_filter = KindFilter(kind)
        if kind.type in (FactType.CHOICE, FactType.YES_NO):
            wanted = set(query.getlist(kind.slug))
            values = choice_list(kind.choices) if kind.type == FactType.CHOICE else ["yes", "no"]
            labels = {"yes": "Yes", "no": "No"}
            kind_filter.options = [(value, labels.get(value, value), value in wanted) for value in values]
        else:
            low, high = query.get(f"{kind.slug}_from", ""), query.get(f"{kind.slug}_to", "")
            kind_filter.low = low[:20] if bound(low, kind) is not None else ""
            kind_filter.high = high[:20] if bound(high, kind) is not None else ""
        filters.append(kind_filter)
    sorts = [("name", "Name")]
    for kind in kinds:
        sorts += [(kind.slug, f"{kind.name}, ascending"), (f"-{kind.slug}", f"{kind.name}, descending")]
    sort = query.get("sort", "name")
    return Directory(filters, sort if sort in dict(sorts) else "name", sorts)


def apply(directory: Directory, entries):
    """`entries` (a queryset of frameworks) filtered and sorted as the directory says."""
    for kind_filter in directory.filters:
        kind = kind_filter.kind
        facts = Fact.objects.filter(framework=OuterRef("pk"), kind=kind)
        ticked = [value for value, _, on in kind_filter.options if on]
        if ticked:
            entries = entries.filter(Exists(facts.filter(value__in=ticked)))
        column = "date" if kind.type == FactType.DATE else "number"
        if kind_filter.low:
            entries = entries.filter(Exists(facts.filter(**{f"{column}__gte": bound(kind_filter.low, kind)})))
        if kind_filter.high:
            high = bound(kind_filter.high, kind)
            if kind.type == FactType.DATE:  # "to 2015": up to the end of that year
                entries = entries.filter(Exists(facts.filter(date__lt=high.replace(year=high.year + 1))))
            else:
                entries = entries.filter(Exists(facts.filter(number__lte=high)))
    if directory.sort == "name":
        return entries.order_by("name", "pk")
    slug = directory.sort.lstrip("-")
    kind = next(kind_filter.kind for kind_filter in directory.filters if kind_filter.kind.slug == slug)
    value = Fact.objects.filter(framework=OuterRef("pk"), kind=kind).values(SORTED_BY[kind.type])[:1]
    entries = entries.annotate(sort_value=Subquery(value))
    order = (
        F("sort_value").desc(nulls_last=True)
        if directory.sort.startswith("-")
        else F("sort_value").asc(nulls_last=True)
    )
    return entries.order_by(order, "name", "pk")
