"""The whole facts matrix as CSV: one row per entry, three columns per kind of fact.

`entry` (the entry's slug), then for each kind in order: `<kind>` (the value as stored),
`<kind> source` and `<kind> verified` (YYYY-MM-DD). An empty value cell is no fact, so an
export imported again changes nothing. An import is one transaction: any bad cell and nothing
is stored; each bad cell is reported by row and column.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from config.text import strip_controls

from .facts import parse
from .models import Fact, FactKind, Framework

MAX_ERRORS = 50
MAX_BYTES = 5 * 1024 * 1024


def header(kinds) -> list[str]:
    columns = ["entry"]
    for kind in kinds:
        columns += [kind.slug, f"{kind.slug} source", f"{kind.slug} verified"]
    return columns


def export_csv() -> str:
    kinds = list(FactKind.objects.all())
    facts = {(fact.framework_id, fact.kind_id): fact for fact in Fact.objects.all()}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header(kinds))
    for entry in Framework.objects.order_by("name", "pk").only("slug"):
        row = [entry.slug]
        for kind in kinds:
            fact = facts.get((entry.pk, kind.pk))
            verified = fact.last_verified.isoformat() if fact and fact.last_verified else ""
            row += [fact.value, fact.source_url, verified] if fact else ["", "", ""]
        writer.writerow(row)
    return out.getvalue()


@dataclass
class ImportReport:
    errors: list[str] = field(default_factory=list)
    written: int = 0
    removed: int = 0

    def error(self, text: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(text)
        elif len(self.errors) == MAX_ERRORS:
            self.errors.append("… and more: fix these first.")


class Refused(Exception):
    def __init__(self, report: ImportReport):
        super().__init__("; ".join(report.errors))
        self.report = report


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ValueError(f"The file is over {MAX_BYTES // 1024 // 1024} MB.")
    try:
        return strip_controls(data.decode("utf-8-sig"))[0]
    except UnicodeDecodeError:
        raise ValueError("The file is not UTF-8 text: save it as CSV UTF-8.") from None


def import_csv(text: str) -> ImportReport:
    """Store the matrix in `text`, or raise Refused with every bad cell (nothing stored)."""
    report = ImportReport()
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or not rows[0] or rows[0][0].strip() != "entry":
        report.error("The first row must be the header, starting with the column “entry”.")
        raise Refused(report)
    kinds = {kind.slug: kind for kind in FactKind.objects.all()}
    entries = {entry.slug: entry for entry in Framework.objects.only("slug")}
    columns = []  # (index, kind, part) with part "value", "source" or "verified"
    for index, name in enumerate(rows[0][1:], start=1):
        slug, _, part = name.strip().partition(" ")
        if slug not in kinds or part not in ("", "source", "verified"):
            report.error(f"Column {index + 1} (“{name}”): no kind of fact by that name.")
        columns.append((index, kinds.get(slug), part or "value"))
    wanted: dict[tuple[int, int], dict] = {}  # (entry, kind) → fields; a row's cells for one kind
    seen_entries = set()
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        slug = row[0].strip()
        entry = entries.get(slug)
        if entry is None:
            report.error(f"Row {number}: no entry with the slug “{slug}”.")
            continue
        if slug in seen_entries:
            report.error(f"Row {number}: “{slug}” has a row already.")
            continue
        seen_entries.add(slug)
        for index, kind, part in columns:
            if kind is None:
                continue
            cell = row[index].strip() if index < len(row) else ""
            where = f"Row {number} ({slug})"
            blank = {"where": where, "kind": kind, "value": "", "source": "", "verified": None, "refused": False}
            fields = wanted.setdefault((entry.pk, kind.pk), blank)
            try:
                fields.update(read_cell(kind, part, cell))
            except ValidationError as error:
                report.error(f"{fields['where']}, column “{rows[0][index].strip()}”: {' '.join(error.messages)}")
                fields["refused"] = True  # reported once: no follow-on "source without a value"
    for fields in wanted.values():
        if not fields["value"] and (fields["source"] or fields["verified"]) and not fields["refused"]:
            report.error(f"{fields['where']}, column “{fields['kind'].slug}”: a source or a date without a value.")
    if report.errors:
        raise Refused(report)
    store(wanted, report)
    return report


def read_cell(kind, part: str, cell: str) -> dict:
    if part == "value":
        return {"value": parse(kind, cell).value if cell else ""}
    if part == "source":
        if cell:
            URLValidator(schemes=["https", "http"])(cell)
        return {"source": cell}
    if not cell:
        return {"verified": None}
    try:
        return {"verified": dt.date.fromisoformat(cell)}
    except ValueError:
        raise ValidationError(f"“{cell}” is not a date (YYYY-MM-DD).") from None


@transaction.atomic
def store(wanted: dict, report: ImportReport) -> None:
    existing = {(fact.framework_id, fact.kind_id): fact for fact in Fact.objects.select_related("kind")}
    for (entry_id, kind_id), fields in wanted.items():
        fact = existing.get((entry_id, kind_id))
        if not fields["value"]:
            if fact is not None:
                fact.delete()  # one by one: every page showing it hears of it
                report.removed += 1
            continue
        new = (fields["value"], fields["source"], fields["verified"])
        if fact is not None and (fact.value, fact.source_url, fact.last_verified) == new:
            continue
        fact = fact or Fact(framework_id=entry_id, kind=fields["kind"])
        fact.value, fact.source_url, fact.last_verified = new
        fact.save()
        report.written += 1
