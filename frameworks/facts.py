"""Typed fact values: what each kind of fact accepts, how it is stored and how it reads.

A value is stored as canonical text (`Fact.value`: what the CSV holds and the form shows), with a
number or a date beside it for the kinds that sort and filter by one. One parser per type, used
by the admin form, the CSV import and the model's own clean(), so the three accept the same.
"""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.formats import date_format


class FactType:
    YES_NO = "yes_no"
    NUMBER = "number"
    DATE = "date"
    TEXT = "text"
    CHOICE = "choice"
    LINK = "link"

    CHOICES = [
        (YES_NO, "Yes or no"),
        (NUMBER, "Number (with a unit)"),
        (DATE, "Date or year"),
        (TEXT, "Short text"),
        (CHOICE, "One of a list"),
        (LINK, "Link"),
    ]


YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}
YEAR = re.compile(r"^\d{4}$")
THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")  # 12,500 (a comma anywhere else is refused)
MAX_TEXT = 200


@dataclass(frozen=True)
class Parsed:
    value: str  # canonical text
    number: Decimal | None = None
    date: dt.date | None = None


def choice_list(choices_text: str) -> list[str]:
    """A kind's choices: one per line, blank lines and repeats dropped, in the editor's order."""
    seen: list[str] = []
    for line in (choices_text or "").splitlines():
        line = line.strip()
        if line and line not in seen:
            seen.append(line)
    return seen


def parse(kind, raw: str) -> Parsed:
    """The value `raw` (as typed or as in the CSV) for `kind`, or ValidationError saying why not."""
    text = " ".join(str(raw).split())  # one line, single spaces
    if not text:
        raise ValidationError("Give a value, or leave the fact out.")
    if kind.type == FactType.YES_NO:
        if text.lower() in YES:
            return Parsed("yes")
        if text.lower() in NO:
            return Parsed("no")
        raise ValidationError("Answer yes or no.")
    if kind.type == FactType.NUMBER:
        digits = text.replace(",", "") if THOUSANDS.match(text) else text
        try:
            number = Decimal(digits)
        except InvalidOperation:
            raise ValidationError(f"“{text}” is not a number.") from None
        if not number.is_finite() or abs(number) >= Decimal(10) ** 14:
            raise ValidationError("That number is out of range.")
        return Parsed(format(number.normalize(), "f"), number)
    if kind.type == FactType.DATE:
        if YEAR.match(text):
            return Parsed(text, date=dt.date(int(text), 1, 1)) if int(text) >= 1 else invalid_date(text)
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return invalid_date(text)
        return Parsed(day.isoformat(), date=day)
    if kind.type == FactType.CHOICE:
        choices = choice_list(kind.choices)
        for choice in choices:
            if choice.lower() == text.lower():
                return Parsed(choice)
        raise ValidationError(f"“{text}” is not one of: {', '.join(choices) or 'no choices yet'}.")
    if kind.type == FactType.LINK:
        URLValidator(schemes=["https", "http"])(text)
        return Parsed(text)
    if len(text) > MAX_TEXT:
        raise ValidationError(f"Keep it under {MAX_TEXT} characters.")
    return Parsed(text)


def invalid_date(text: str):
    raise ValidationError(f"“{text}” is not a year (2005) or a date (2005-07-15).")


def display(kind, value: str) -> str:
    """How readers see a stored value."""
    if kind.type == FactType.YES_NO:
        return "Yes" if value == "yes" else "No"
    if kind.type == FactType.NUMBER and kind.unit:
        return f"{value} {kind.unit}"
    if kind.type == FactType.DATE and not YEAR.match(value):
        try:
            return date_format(dt.date.fromisoformat(value), "j F Y")
        except ValueError:
            return value
    return value


def stored_facts(facts) -> list[dict]:
    """An entry's facts (Fact rows with their kinds) as its row stores them (Framework.facts_json),
    in the kinds' order: all a page needs, so comparisons and the JSON-LD read no other table."""
    ordered = sorted(facts, key=lambda fact: (fact.kind.position, fact.kind.name))
    return [
        {
            "kind": fact.kind.slug,
            "name": fact.kind.name,
            "group": fact.kind.group,
            "position": fact.kind.position,
            "comparable": fact.kind.comparable,
            "help": fact.kind.help_text,
            "value": fact.value,
            "display": display(fact.kind, fact.value),
            "link": fact.value if fact.kind.type == FactType.LINK else "",
            "source": fact.source_url,
            "verified": fact.last_verified.isoformat() if fact.last_verified else "",
        }
        for fact in ordered
    ]


def fact_groups(facts: list[dict]) -> list[tuple[str, list[dict]]]:
    """Stored facts under their groups' headings, each group where its first fact falls."""
    groups: dict[str, list[dict]] = {}
    for fact in facts:
        groups.setdefault(fact["group"], []).append(fact)
    return list(groups.items())
