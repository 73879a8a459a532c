"""The post body: fenced blocks of the dialect translated, everything a reader sees kept."""

import re
from collections.abc import Callable

import yaml

from config.markdown.blocks import MD_BLOCKS
from config.markdown.fences import Fence, split_fences

from .errors import ImportFailed
from .eval_blocks import Image, Link, Text, Untranslatable, Video, exec_constants, translate_eval


def figure_block(*, src: str, alt: str, caption: str) -> str:
    fields = {"src": src, "alt": alt, "caption": caption}
    text = yaml.safe_dump({k: v for k, v in fields.items() if v}, sort_keys=False, allow_unicode=True, width=1000)
    return f"```figure\n{text}```"


def eval_to_markdown(items: list, resolve_image: Callable[[str], str]) -> str:
    """Images take the texts that follow them as their caption; other texts become paragraphs."""
    blocks: list[str] = []
    index = 0
    while index < len(items):
        item = items[index]
        index += 1
        if isinstance(item, Image):
            captions = []
            while index < len(items) and isinstance(items[index], Text):
                captions.append(items[index].text.strip())
                index += 1
            blocks.append(figure_block(src=resolve_image(item.src), alt=item.alt.strip(), caption=" ".join(captions)))
        elif isinstance(item, Video):
            captions = []
            while index < len(items) and isinstance(items[index], Text):
                captions.append(items[index].text.strip())
                index += 1
            title = "\n".join(f"# {caption}" for caption in captions[:1])
            blocks.append(f"```md video {item.url}\n{title + chr(10) if title else ''}```")
        elif isinstance(item, Link):
            blocks.append(f"[{item.text}]({item.href})")
        elif isinstance(item, Text) and item.text.strip():
            blocks.append(item.text.strip())
    return "\n\n".join(blocks)


# The dialect lets link targets be Python expressions resolved by its site: [docs]({styling.path}).
EXPRESSION_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<target>\{[^)]*\}|[A-Za-z_]\w*(?:\.\w+)+\.path)\)")


def unlink_expressions(text: str, line: int, warnings: list[str]) -> str:
    def replace(match: re.Match) -> str:
        warnings.append(
            f"line {line}: link “{match['text']}” points at {match['target']}, "
            "which only the Reflex site can resolve: kept as text"
        )
        return match["text"]

    return EXPRESSION_LINK.sub(replace, text)


MARKDOWN_IMAGE = re.compile(r"(?P<open>!\[[^\]]*\]\()(?P<src>[^\s)]+)")


def stored_markdown_images(text: str, resolve_image: Callable[[str], str]) -> str:
    """![alt](/blog/chart.png) names a file of the dialect's site: stored here like a figure's
    image, the Markdown names its media path; a file not found becomes a media path with no
    file, which the renderer shows as the alt text (never a broken image)."""

    def replace(match: re.Match) -> str:
        src = match["src"]
        if src.startswith(("https://", "http://")):
            return match[0]
        stored = resolve_image(src)
        return match["open"] + (stored if stored != src else src.lstrip("/"))

    return MARKDOWN_IMAGE.sub(replace, text)


def without_title_heading(lines: list[str], title: str) -> list[str]:
    """A leading '# Title' repeats the post title the page already shows as its heading."""
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if line.startswith("# ") and line[2:].strip().strip("#").strip() == title.strip():
            return lines[:index] + lines[index + 1 :]
        return lines
    return lines


def as_code(fence: Fence, language: str = "python") -> str:
    return f"{fence.fence}{language}\n{fence.body}{fence.fence}"


def convert_body(
    body: str, *, resolve_image: Callable[[str], str], title: str = "", first_line: int = 1
) -> tuple[str, list[str]]:
    """Return (markdown, warnings). exec blocks go; eval blocks become figures or are shown as code."""
    try:
        parts = split_fences(body, strict=True)
    except ValueError as error:
        line = getattr(error, "line", 0) + first_line - 1
        raise ImportFailed(f"malformed Markdown: the ``` fence opened on line {line} is never closed") from None
    out: list[str] = []
    warnings: list[str] = []
    names: dict[str, str] = {}
    seen_text = False
    for part in parts:
        if not isinstance(part, Fence):
            lines = part.lines if seen_text else without_title_heading(part.lines, title)
            seen_text = seen_text or any(line.strip() for line in part.lines)
            text = unlink_expressions("\n".join(lines), part.start + first_line - 1, warnings)
            out.append(stored_markdown_images(text, resolve_image))
            continue
        words, line = part.words, part.start + first_line - 1
        if words[:1] == ["python"] and "demo" in words:
            # Kept as written: the renderer shows a demo as its code, labelled (demos are not run).
            warnings.append(f"line {line}: ```{part.info} demo shown as its code (demos are not run)")
            out.append(part.source().rstrip("\n"))
        elif words[:1] == ["python"] and "exec" in words:
            # Imports and constants for the eval blocks: nothing a reader sees, but its string
            # constants can name an image folder that an eval block's f-string uses.
            names.update(exec_constants(part.body))
        elif words[:1] == ["python"] and "eval" in words:
            try:
                items = translate_eval(part.body, names)
                for image in (item for item in items if isinstance(item, Image) and not item.alt.strip()):
                    warnings.append(f"line {line}: the image {image.src} has no alt text")
                out.append(f"\n{eval_to_markdown(items, resolve_image)}\n")
            except Untranslatable as reason:
                warnings.append(f"line {line}: ```{part.info} block shown as code: {reason}")
                out.append(as_code(part))
        elif words[:1] == ["md"] and (len(words) < 2 or words[1] not in MD_BLOCKS):
            warnings.append(f"line {line}: unknown ```{part.info} block shown as code")
            out.append(as_code(part, "markdown"))
        else:
            out.append(part.source().rstrip("\n"))
    return "\n".join(out), warnings
