"""YAML front matter of the Reflex blog dialect, checked and mapped onto our fields."""

import datetime as dt
from dataclasses import dataclass, field

import yaml
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from .errors import ImportFailed

KNOWN_KEYS = {
    "title",
    "title_tag",
    "author",
    "author_bio",
    "date",
    "updated_at",
    "description",
    "image",
    "meta",
    "tag",
    "tags",
    "faq",
    "slug",
}


@dataclass
class FrontMatter:
    title: str
    published_at: dt.datetime
    author: str = ""
    author_bio: str = ""
    title_tag: str = ""
    updated_at: dt.datetime | None = None
    description: str = ""
    image: str = ""
    keywords: str = ""
    tags: list[str] = field(default_factory=list)
    faq: list[dict] = field(default_factory=list)
    slug: str = ""
    extra: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Return (yaml_text, body, body_start_line); the file must open with a closed --- block."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ImportFailed("no front matter: the file must start with a '---' line")
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise ImportFailed("the front matter opened on line 1 has no closing '---' line")


def to_datetime(value, key: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time())
    elif isinstance(value, str) and (parse_datetime(value.strip()) or parse_date(value.strip())):
        parsed = parse_datetime(value.strip()) or parse_date(value.strip())
        moment = parsed if isinstance(parsed, dt.datetime) else dt.datetime.combine(parsed, dt.time())
    else:
        raise ImportFailed(f"front matter '{key}' is not a date: {value!r}")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    return moment


def as_text(value, key: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise ImportFailed(f"front matter '{key}' must be text, not a {type(value).__name__}")
    return str(value).strip()


def parse_meta(entries, matter: FrontMatter) -> None:
    """`meta` is a list of {name|property, content}; keywords get a field, the rest is kept."""
    if not isinstance(entries, list):
        raise ImportFailed("front matter 'meta' must be a list of {name, content} entries")
    kept = []
    for entry in entries:
        if isinstance(entry, dict) and entry.get("name") == "keywords":
            words = as_text(entry.get("content"), "meta keywords").split(",")
            matter.keywords = ", ".join(word.strip() for word in words if word.strip())
        else:
            kept.append(entry)
    if kept:
        matter.extra["meta"] = kept
        matter.warnings.append(f"kept {len(kept)} meta entr{'y' if len(kept) == 1 else 'ies'} other than keywords")


def parse_faq(value, matter: FrontMatter) -> None:
    pairs = value if isinstance(value, list) else None
    if pairs is None or not all(isinstance(pair, dict) and {"question", "answer"} <= pair.keys() for pair in pairs):
        matter.extra["faq"] = value
        matter.warnings.append("front matter 'faq' is not a list of {question, answer}: kept as it was")
        return
    matter.faq = [{"question": as_text(p["question"], "faq"), "answer": as_text(p["answer"], "faq")} for p in pairs]


def parse_tags(value) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split(",")
    return [str(item).strip() for item in items if str(item).strip()]


class NoAliasLoader(yaml.SafeLoader):
    """Front matter never needs YAML aliases, and nested aliases can expand into gigabytes."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.events.AliasEvent):
            raise ImportFailed("the front matter uses YAML aliases (*name), which are not accepted")
        return super().compose_node(parent, index)


def parse_front_matter(yaml_text: str) -> FrontMatter:
    try:
        data = yaml.load(yaml_text, Loader=NoAliasLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (front matter line {mark.line + 1})" if mark else ""
        problem = getattr(error, "problem", None) or "unreadable"
        raise ImportFailed(f"invalid YAML in the front matter{where}: {problem}") from None
    if not isinstance(data, dict):
        raise ImportFailed("the front matter is not a set of 'key: value' lines")
    title = as_text(data.get("title"), "title")
    if not title:
        raise ImportFailed("the front matter has no title")
    if data.get("date") in (None, ""):
        raise ImportFailed("the front matter has no date")
    matter = FrontMatter(
        title=title,
        published_at=to_datetime(data["date"], "date"),
        author=as_text(data.get("author"), "author"),
        author_bio=as_text(data.get("author_bio"), "author_bio"),
        title_tag=as_text(data.get("title_tag"), "title_tag"),
        description=as_text(data.get("description"), "description"),
        image=as_text(data.get("image"), "image"),
        slug=as_text(data.get("slug"), "slug"),
        tags=parse_tags(data.get("tag")) + parse_tags(data.get("tags")),
    )
    if data.get("updated_at") not in (None, ""):
        matter.updated_at = to_datetime(data["updated_at"], "updated_at")
    if data.get("meta") is not None:
        parse_meta(data["meta"], matter)
    if data.get("faq") is not None:
        parse_faq(data["faq"], matter)
    for key in data.keys() - KNOWN_KEYS:
        matter.extra[str(key)] = data[key]
        matter.warnings.append(f"kept front-matter key '{key}' as extra data (no field for it)")
    return matter
