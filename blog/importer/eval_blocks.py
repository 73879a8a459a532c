"""```python eval blocks: read (never run) with ast and turned into figures, captions and links.

The Reflex blog builds figures with calls like
    rx.vstack(image_zoom(rx.image(src=..., alt=...)), rx.text("caption"))
We walk that call tree and keep what a reader sees: images, texts, videos and links.
Anything else makes the block untranslatable, and the caller shows it as code and reports it.
"""
import ast
from dataclasses import dataclass

CONTAINERS = {
    "vstack", "hstack", "box", "center", "flex", "container", "section", "fragment", "grid",
    "card", "image_zoom", "div", "inset", "stack", "el.div", "el.section", "el.figure",
}
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


def constant_text(node: ast.expr, what: str) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    raise Untranslatable(f"line {node.lineno}: {what} is computed, not a plain string")


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    for item in call.keywords:
        if item.arg == name:
            return item.value
    return None


def walk(node: ast.expr) -> list:
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
        return [Image(constant_text(src, "image src"), constant_text(alt, "image alt") if alt else "")]
    if name in VIDEOS:
        url = keyword(node, "url") or keyword(node, "src") or (node.args[0] if node.args else None)
        if url is None:
            raise Untranslatable(f"line {node.lineno}: a video without url")
        return [Video(constant_text(url, "video url"))]
    if name in LINKS:
        href = keyword(node, "href")
        if href is None or not node.args:
            raise Untranslatable(f"line {node.lineno}: a link without text or href")
        return [Link(constant_text(node.args[0], "link text"), constant_text(href, "link href"))]
    if name in TEXTS:
        return [Text(constant_text(arg, f"{name} text")) for arg in node.args]
    if name in CONTAINERS:
        items = []
        for arg in node.args:
            items.extend(walk(arg))
        return items
    raise Untranslatable(f"line {node.lineno}: unknown component {name or ast.unparse(node.func)}()")


def translate_eval(code: str) -> list:
    """The visible items of an eval block, in order; raises Untranslatable with the reason."""
    try:
        tree = ast.parse(code, mode="exec")
    except SyntaxError as error:
        raise Untranslatable(f"Python syntax error on line {error.lineno}") from None
    items = []
    for statement in tree.body:
        if not isinstance(statement, ast.Expr):
            raise Untranslatable(f"line {statement.lineno}: a statement, not a component expression")
        items.extend(walk(statement.value))
    if not items:
        raise Untranslatable("nothing visible in it")
    return items
