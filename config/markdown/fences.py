"""Splits Markdown into plain text and fenced blocks, the unit both the importer and the renderer work on."""

import re
from dataclasses import dataclass

FENCE_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`]*?)[ \t]*$")


class UnclosedFence(ValueError):
    def __init__(self, line: int, info: str):
        self.line = line
        self.info = info
        label = f"```{info}" if info else "```"
        super().__init__(f"the {label} fence opened on line {line} is never closed")


@dataclass
class Text:
    lines: list[str]
    start: int  # 1-based line number of the first line


@dataclass
class Fence:
    info: str
    body: str
    start: int
    fence: str
    indent: str = ""

    @property
    def words(self) -> list[str]:
        return self.info.split()

    def source(self) -> str:
        """The block as it would be written back."""
        return f"{self.indent}{self.fence}{self.info}\n{self.body}{self.indent}{self.fence}\n"


def split_fences(markdown: str, *, strict: bool = True) -> list[Text | Fence]:
    """Cut the source at fenced code blocks (``` or ~~~, CommonMark rules for closing).

    With strict=False an unclosed fence runs to the end of the document, as CommonMark says;
    the importer is strict because an unclosed fence there means a broken file.
    """
    lines = markdown.splitlines()
    parts: list[Text | Fence] = []
    text: list[str] = []
    text_start = 1
    index = 0
    while index < len(lines):
        match = FENCE_OPEN.match(lines[index])
        if not match or (match["fence"][0] == "`" and "`" in match["info"]):
            if not text:
                text_start = index + 1
            text.append(lines[index])
            index += 1
            continue
        fence, info, opened_on = match["fence"], match["info"], index + 1
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        body: list[str] = []
        index += 1
        while index < len(lines) and not closing.match(lines[index]):
            body.append(lines[index])
            index += 1
        if index == len(lines) and strict:
            raise UnclosedFence(opened_on, info)
        index += 1
        if text:
            parts.append(Text(text, text_start))
            text = []
        body_text = "".join(f"{line}\n" for line in body)
        parts.append(Fence(info=info, body=body_text, start=opened_on, fence=fence, indent=match["indent"]))
    if text:
        parts.append(Text(text, text_start))
    return parts


def tidy_blank_lines(markdown: str) -> str:
    """At most one blank line between blocks outside code; code blocks stay byte for byte."""
    out: list[str] = []
    for part in split_fences(markdown, strict=False):
        if isinstance(part, Fence):
            out.append(part.source().rstrip("\n"))
            continue
        out.append(re.sub(r"\n\s*\n(\s*\n)+", "\n\n", "\n".join(part.lines)).strip("\n"))
    return "\n\n".join(chunk for chunk in out if chunk) + "\n"
