"""Finds the H2 sections that describe one framework (a Pros list, a Cons list) and lifts them out.

## Name
### Tagline
description…
**Pros**
- **Label**: text
**Cons**
- **Label**: text
closing notes…
"""

import re
from dataclasses import dataclass, field

from django.utils.text import slugify

from config.markdown.fences import Fence, split_fences
from config.slugs import slug_for

H2 = re.compile(r"^##(?!#)\s+(?P<title>.+?)\s*#*\s*$")
H1 = re.compile(r"^#(?!#)\s+")
H3 = re.compile(r"^###(?!#)\s+(?P<title>.+?)\s*#*\s*$")
# Later posts of the dialect put the tagline in a bold line instead of an H3.
BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(?P<title>[^*_].*?)(?:\*\*|__)\s*$")
MARKER = re.compile(r"^\s*(?:#{3,6}\s+)?(?:\*\*|__)?\s*(?P<kind>pros|cons)\s*:?\s*(?:\*\*|__)?\s*:?\s*$", re.IGNORECASE)
ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+(?P<text>.*)$")
LABELLED = re.compile(r"^(?:\*\*|__)(?P<label>.+?)(?:\*\*|__)\s*(?:[:\-–—]\s*)?(?P<text>.*)$", re.S)
FIRST_LINK = re.compile(r"\[[^\]]*\]\((?P<url>https?://[^)\s]+)")
INLINE_MARKUP = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")


@dataclass
class PointDraft:
    label: str
    text: str


@dataclass
class FrameworkDraft:
    name: str
    slug: str
    tagline: str = ""
    website: str = ""
    description: str = ""
    closing_notes: str = ""
    pros: list[PointDraft] = field(default_factory=list)
    cons: list[PointDraft] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def plain(markdown_text: str) -> str:
    return INLINE_MARKUP.sub(lambda m: m.group(1) or "", markdown_text).strip()


def code_lines(lines: list[str]) -> set[int]:
    """Indexes of lines inside fenced blocks, where headings and lists are not what they seem."""
    inside: set[int] = set()
    for part in split_fences("\n".join(lines), strict=False):
        if isinstance(part, Fence):
            count = part.body.count("\n") + 2
            inside.update(range(part.start - 1, part.start - 1 + count))
    return inside


def parse_point(item_lines: list[str]) -> PointDraft:
    text = " ".join(line.strip() for line in item_lines).strip()
    match = LABELLED.match(text)
    if not match:
        return PointDraft(label="", text=text)
    label = match["label"].strip().rstrip(":").strip()
    return PointDraft(label=label, text=match["text"].strip())


def take_list(lines: list[str], start: int, fenced: set[int]) -> tuple[list[PointDraft], int]:
    """Read a Markdown list from lines[start:], skipping leading blank lines; return (items, next index)."""
    index = start
    while index < len(lines) and not lines[index].strip():
        index += 1
    items: list[list[str]] = []
    while index < len(lines) and index not in fenced:
        line = lines[index]
        item = ITEM.match(line)
        if item:
            items.append([item["text"]])
        elif not line.strip():
            following = next((lines[j] for j in range(index + 1, len(lines)) if lines[j].strip()), "")
            if not (ITEM.match(following) or following.startswith(("  ", "\t"))):
                break
        elif (
            items
            and not (MARKER.match(line) or H2.match(line) or H3.match(line))
            and (line.startswith((" ", "\t")) or lines[index - 1].strip())
        ):
            # An indented line, or a lazy continuation right after the item's own line.
            items[-1].append(line)
        else:
            break
        index += 1
    return [parse_point(item) for item in items], index


def trim(lines: list[str]) -> str:
    return "\n".join(lines).strip("\n")


def parse_section(lines: list[str], fenced: set[int]) -> FrameworkDraft | None:
    """A FrameworkDraft if this H2 section holds a Pros or Cons list, else None."""
    name = plain(H2.match(lines[0])["title"])
    markers = [i for i in range(1, len(lines)) if i not in fenced and MARKER.match(lines[i])]
    if not markers:
        return None
    draft = FrameworkDraft(name=name, slug=slug_for(name))
    body_start = 1
    first = next((i for i in range(1, len(lines)) if lines[i].strip()), None)
    tagline = first is not None and first not in fenced and (H3.match(lines[first]) or BOLD_LINE.match(lines[first]))
    if tagline and not MARKER.match(lines[first]):
        draft.tagline = plain(tagline["title"])
        body_start = first + 1
    draft.description = trim(lines[body_start : markers[0]])
    index, leftovers = markers[0], []
    for marker in markers:
        if marker < index:
            continue
        leftovers.extend(lines[index:marker])
        kind = MARKER.match(lines[marker])["kind"].lower()
        points, index = take_list(lines, marker + 1, fenced)
        if not points:
            return None
        getattr(draft, kind).extend(points)
    if trim(leftovers):
        draft.warnings.append(f"section '{name}': text between its pros and cons moved to the closing notes")
    draft.closing_notes = trim([*leftovers, *lines[index:]]).strip()
    link = FIRST_LINK.search(draft.description)
    draft.website = link["url"] if link else ""
    return draft


def anchor_variants(name: str) -> set[str]:
    """Ids other renderers give a heading: the TOC links of a post may use any of them."""
    lowered = name.strip().lower()
    return {slugify(name), re.sub(r"\s+", "-", lowered), re.sub(r"[^\w.\- ]", "", lowered).replace(" ", "-")}


def retarget_anchors(markdown_text: str, drafts: list[FrameworkDraft]) -> str:
    """Point in-page links at the ids the embeds carry (the entry's slug)."""
    targets = {variant: draft.slug for draft in drafts for variant in anchor_variants(draft.name)}
    return re.sub(
        r"\]\(#(?P<anchor>[^)\s]+)\)",
        lambda m: f"](#{targets.get(m['anchor'].lower(), m['anchor'])})",
        markdown_text,
    )


def lift_framework_sections(markdown_text: str) -> tuple[str, list[FrameworkDraft]]:
    """Replace each framework section with an embed block; return the new Markdown and the entries."""
    lines = markdown_text.splitlines()
    fenced = code_lines(lines)
    starts = [i for i, line in enumerate(lines) if i not in fenced and (H2.match(line) or H1.match(line))]
    bounds = list(zip(starts, [*starts[1:], len(lines)], strict=False))
    out: list[str] = lines[: starts[0]] if starts else lines
    drafts: list[FrameworkDraft] = []
    for start, end in bounds:
        section = lines[start:end]
        local_fenced = {i - start for i in fenced if start <= i < end}
        draft = parse_section(section, local_fenced) if H2.match(lines[start]) else None
        if draft is None or any(d.slug == draft.slug for d in drafts):
            out.extend(section)
            continue
        drafts.append(draft)
        out.extend([f"```framework {draft.slug}", "```", "", ""])
    return retarget_anchors("\n".join(out).rstrip("\n") + "\n", drafts), drafts
