"""YAML front matter of the Reflex blog dialect, checked and mapped onto our fields."""

import datetime as dt
from dataclasses import dataclass, field

import yaml
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from config.text import clean

from .errors import ImportFailed

# The draft flags of Hugo, Jekyll, Astro and Eleventy: `draft: true` or `published: false`;
# the Reflex dialect's `show_in_cards: false`: published, but not listed on the blog.
BOOLEAN_KEYS = ("draft", "published", "show_in_cards")
KNOWN_KEYS = {
    *BOOLEAN_KEYS,
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
    is_draft: bool = False
    is_listed: bool = True
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
    elif isinstance(value, str) and (parsed := parsed_date(value.strip(), key)):
        moment = parsed if isinstance(parsed, dt.datetime) else dt.datetime.combine(parsed, dt.time())
    else:
        raise ImportFailed(f"front matter '{key}' is not a date: {value!r}")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    return moment


def parsed_date(text: str, key: str) -> dt.date | dt.datetime | None:
    try:
        return parse_datetime(text) or parse_date(text)
    except ValueError:  # well formed, but no such day or time: 2026-02-30
        raise ImportFailed(f"front matter '{key}' is not a real date: {text!r}") from None


def as_boolean(data: dict, key: str) -> bool | None:
    """A YAML boolean (true/false, yes/no, on/off), or absent; anything else is refused."""
    if key not in data:
        return None
    value = data[key]
    if not isinstance(value, bool):
        raise ImportFailed(f"front matter '{key}' must be true or false, not {value!r}")
    return value


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


# taggit's limit on a tag's name.
TAG_MAX_LENGTH = 100


def parse_tags(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, dict):
        raise ImportFailed("front matter tags must be a list or a comma-separated line, not a mapping")
    items = value if isinstance(value, list) else str(value).split(",")
    names = [str(item).strip() for item in items if str(item).strip()]
    for name in names:
        if len(name) > TAG_MAX_LENGTH:
            raise ImportFailed(f"front matter tag {name[:40]!r}… is over {TAG_MAX_LENGTH} characters")
    return names


# Deeper than any real front matter; bounded so no file can make the parser recurse without end.
MAX_DEPTH = 20


class StrictLoader(yaml.SafeLoader):
    """YAML as front matter needs it: no aliases (nested ones expand into gigabytes), each key once
    per mapping (YAML says keys are unique; PyYAML would keep the last silently), dates that
    exist, and nesting within MAX_DEPTH."""

    depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.events.AliasEvent):
            raise ImportFailed("the front matter uses YAML aliases (*name), which are not accepted")
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ImportFailed(
                f"the front matter nests deeper than {MAX_DEPTH} levels (line {self.peek_event().start_mark.line + 1})"
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                continue  # SafeLoader refuses unhashable keys itself
            if key in seen:
                raise ImportFailed(f"front matter key '{key}' appears twice (line {key_node.start_mark.line + 1})")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            raise ImportFailed(
                f"front matter line {node.start_mark.line + 1}: {node.value} is not a real date"
            ) from None


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)


def load_yaml(yaml_text: str):
    try:
        return yaml.load(yaml_text, Loader=StrictLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (front matter line {mark.line + 1})" if mark else ""
        problem = getattr(error, "problem", None) or "unreadable"
        raise ImportFailed(f"invalid YAML in the front matter{where}: {problem}") from None
    except (ValueError, TypeError, OverflowError) as error:  # a constructor's own complaint
        raise ImportFailed(f"invalid value in the front matter: {error}") from None


def parse_front_matter(yaml_text: str) -> FrontMatter:
    data = load_yaml(yaml_text)
    if not isinstance(data, dict):
        raise ImportFailed("the front matter is not a set of 'key: value' lines")
    cleaned = clean(data)  # "\0" and other escapes can spell characters no database should hold
    removed_escapes = cleaned != data
    data = cleaned
    draft, published = as_boolean(data, "draft"), as_boolean(data, "published")
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
        is_draft=draft is True or published is False,
        is_listed=as_boolean(data, "show_in_cards") is not False,
    )
    if removed_escapes:
        matter.warnings.append("removed control characters written as escapes in the front matter")
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
