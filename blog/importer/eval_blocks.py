"""```python eval blocks: read (never run) with ast and turned into figures, captions and links.

The Reflex blog builds figures with calls like
    rx.vstack(image_zoom(rx.image(src=..., alt=...)), rx.text("caption"))
We walk that call tree and keep what a reader sees: images, texts, videos and links.
Layout-only calls (spacers, dividers) give nothing. Anything else makes the block
untranslatable, and the caller shows it as code and reports it.
"""

import ast
from dataclasses import dataclass

CONTAINERS = {
    "vstack",
    "hstack",
    "box",
    "center",
    "flex",
    "container",
    "section",
    "fragment",
    "grid",
    "card",
    "image_zoom",
    "div",
    "inset",
    "stack",
    "el.div",
    "el.section",
    "el.figure",
    "el.center",
}
LAYOUT_ONLY = {"spacer", "divider", "separator", "el.hr", "el.br"}
IMAGES = {"image", "el.img", "img"}
TEXTS = {"text", "heading", "el.p", "el.span", "el.figcaption", "markdown", "span", "caption", "em", "strong"}
VIDEOS = {"video", "el.video"}
LINKS = {"link", "el.a"}


class Untranslatable(ValueError):
    pass


@dataclass
class Image:
    src: str
    alt: str


@dataclass
class Text:
    text: str


@dataclass
class Video:
    url: str


@dataclass
class Link:
    text: str
    href: str


def exec_constants(code: str) -> dict[str, str]:
    """String constants an exec block assigns (NAME = "..."), for f-strings in later eval blocks."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return {}
    constants = {}
    for statement in tree.body:
        if (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        ):
            constants[statement.targets[0].id] = statement.value.value
    return constants


class Reader:
    """Walks one eval block's expression tree; `names` are constants known from exec blocks."""

    def __init__(self, names: dict[str, str]):
        self.names = names

    def text(self, node: ast.expr, what: str) -> str:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name) and node.id in self.names:
            return self.names[node.id]
        if isinstance(node, ast.JoinedStr):
            return "".join(self.text_part(part, what) for part in node.values)
        raise Untranslatable(f"line {node.lineno}: {what} is computed, not a plain string")

    def text_part(self, node: ast.expr, what: str) -> str:
        if isinstance(node, ast.FormattedValue):
            return self.text(node.value, what)
        return self.text(node, what)

    def image_src(self, node: ast.expr) -> str:
        """An f-string src with an unknown prefix (a CDN constant) keeps its literal file path."""
        try:
            return self.text(node, "image src")
        except Untranslatable:
            if isinstance(node, ast.JoinedStr) and isinstance(node.values[-1], ast.Constant):
                return "/" + str(node.values[-1].value).lstrip("/")
            raise

    def walk(self, node: ast.expr) -> list:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [Text(node.value)]
        if not isinstance(node, ast.Call):
            raise Untranslatable(f"line {node.lineno}: {ast.unparse(node)[:60]} is not a component call")
        name = call_name(node.func)
        if name in IMAGES:
            src = keyword(node, "src") or (node.args[0] if node.args else None)
            if src is None:
                raise Untranslatable(f"line {node.lineno}: an image without src")
            alt = keyword(node, "alt")
            return [Image(self.image_src(src), self.text(alt, "image alt") if alt else "")]
        if name in VIDEOS:
            url = keyword(node, "url") or keyword(node, "src") or (node.args[0] if node.args else None)
            if url is None:
                raise Untranslatable(f"line {node.lineno}: a video without url")
            return [Video(self.text(url, "video url"))]
        if name in LINKS:
            href = keyword(node, "href")
            if href is None or not node.args:
                raise Untranslatable(f"line {node.lineno}: a link without text or href")
            return [Link(self.text(node.args[0], "link text"), self.text(href, "link href"))]
        if name in TEXTS:
            return [Text(self.text(arg, f"{name} text")) for arg in node.args]
        if name in LAYOUT_ONLY:
            return []
        if name in CONTAINERS:
            return [item for arg in node.args for item in self.walk(arg)]
        raise Untranslatable(f"line {node.lineno}: unknown component {name or ast.unparse(node.func)}()")


def call_name(node: ast.expr) -> str:
    """'rx.el.img' -> 'el.img', 'image_zoom' -> 'image_zoom': the module alias does not matter."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    parts.reverse()
    if len(parts) > 1 and parts[0] in {"rx", "reflex"}:
        parts = parts[1:]
    return ".".join(parts)


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    for item in call.keywords:
        if item.arg == name:
            return item.value
    return None


def translate_eval(code: str, names: dict[str, str] | None = None) -> list:
    """The visible items of an eval block, in order (empty for spacers); raises Untranslatable."""
    try:
        tree = ast.parse(code, mode="exec")
    except SyntaxError as error:
        raise Untranslatable(f"Python syntax error on line {error.lineno}") from None
    reader = Reader(names or {})
    items = []
    for statement in tree.body:
        if not isinstance(statement, ast.Expr):
            raise Untranslatable(f"line {statement.lineno}: a statement, not a component expression")
        items.extend(reader.walk(statement.value))
    return items
