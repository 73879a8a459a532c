"""The CommonMark spec's and GFM's examples (../shared/commonmark/), and HTML compared as a tree.

Two renderings agree when they have the same elements in the same nesting, the same text and
the same meaning-bearing attributes (href, src, alt, title, start, checked). Ids, classes, rel,
the highlighter's wrappers (<div class="highlight">, <span>s inside code) and whitespace between
blocks are ours to choose and left aside, as the spec's own normaliser does for whitespace.
"""

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from conftest import SHARED

COMMONMARK = SHARED / "commonmark"
FENCE = "`" * 32
COMPARED_ATTRIBUTES = {"href", "src", "alt", "title", "start", "checked"}
BLOCK_TAGS = {
    *("article", "aside", "blockquote", "body", "dd", "div", "dl", "dt", "figcaption", "figure"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "section", "table"),
    *("tbody", "td", "tfoot", "th", "thead", "tr", "ul", "input"),
}


@dataclass(frozen=True)
class Example:
    number: int
    section: str
    markdown: str
    html: str
    line: int

    def __str__(self):
        return f"example {self.number} ({self.section}, line {self.line})"


def examples(name: str) -> list[Example]:
    """The examples of one file of ../shared/commonmark, numbered as the spec numbers them."""
    lines = (COMMONMARK / name).read_text(encoding="utf-8").splitlines(keepends=True)
    found: list[Example] = []
    section = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("#"):
            section = line.lstrip("#").strip()
        if line.strip() != f"{FENCE} example":
            index += 1
            continue
        start = index + 1
        index += 1
        parts: list[list[str]] = [[]]
        while lines[index].strip() != FENCE:
            if lines[index] == ".\n" and len(parts) == 1:
                parts.append([])
            else:
                parts[-1].append(lines[index])
            index += 1
        markdown, html = ("".join(part).replace("→", "\t") for part in parts)
        found.append(Example(len(found) + 1, section, markdown, html, start))
        index += 1
    return found


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []
        self.in_pre = 0
        self.unwrapped: list[bool] = []

    def handle_starttag(self, tag, attrs):
        wrapper = tag == "span" or (tag == "div" and "highlight" in (dict(attrs).get("class") or "").split())
        if tag in {"br", "hr", "img", "input"}:
            self.emit_start(tag, attrs)
            self.events.append(("end", tag))
            return
        self.unwrapped.append(wrapper)
        if not wrapper:
            self.emit_start(tag, attrs)
        self.in_pre += tag == "pre"

    def emit_start(self, tag, attrs):
        kept = tuple(sorted((name, value or "") for name, value in attrs if name in COMPARED_ATTRIBUTES))
        self.events.append(("start", tag, kept))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in {"br", "hr", "img", "input"}:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in {"br", "hr", "img", "input"}:
            return
        wrapper = self.unwrapped.pop() if self.unwrapped else False
        self.in_pre -= tag == "pre"
        if not wrapper:
            self.events.append(("end", tag))

    def handle_data(self, data):
        if self.in_pre:
            self.add_text(data)
        else:
            self.add_text(" ".join(data.split()) if data.strip() else (" " if data else ""))

    def add_text(self, text):
        if self.events and self.events[-1][0] == "text":
            self.events[-1] = ("text", self.events[-1][1] + text)
        elif text:
            self.events.append(("text", text))


def tree(html: str) -> list[tuple]:
    """The events of an HTML fragment, with whitespace at the edges of blocks dropped."""
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    events = builder.events
    out: list[tuple] = []
    pre_depth = 0
    for index, event in enumerate(events):
        if event[0] != "text":
            pre_depth += {("start", "pre"): 1, ("end", "pre"): -1}.get(event[:2], 0)
            out.append(event)
            continue
        text = event[1]
        if not pre_depth:
            before = events[index - 1] if index else None
            after = events[index + 1] if index + 1 < len(events) else None
            if before is None or (before[0] in ("start", "end") and before[1] in BLOCK_TAGS):
                text = text.lstrip()
            if after is None or (after[0] in ("start", "end") and after[1] in BLOCK_TAGS):
                text = text.rstrip()
            if after is not None and after[:2] == ("start", "br"):
                text = text.rstrip()
            if before is not None and before[:2] == ("end", "br"):
                text = text.lstrip()
        if text:
            out.append(("text", text))
    return out


def spec_files() -> list[Path]:
    return [COMMONMARK / "spec.txt", COMMONMARK / "gfm-extensions.txt"]
