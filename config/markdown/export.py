"""A published post as plain Markdown for machine readers: front matter, entries written out in full."""

import yaml

from config.facts_table import compared_facts

from .blocks import COMPARE_MIN, compare_kinds, compare_slugs, embed_slug, parse_block_fields, remote_only
from .fences import Fence, split_fences


def framework_markdown(framework, *, heading: str, facts: bool = False) -> str:
    """An entry written out as the H2 section the importer lifts (so export → import round-trips).
    facts: its facts too, as a list (machine readers' copies; the dialect has no place for them)."""
    lines = [f"## {heading}", ""]
    if framework.tagline:
        lines += [f"### {framework.tagline}", ""]
    if facts and framework.facts_json:
        lines += ["**Facts**", ""]
        lines += [f"- {fact['name']}: {fact['display']}{source_note(fact)}" for fact in framework.facts_json]
        lines.append("")
    if framework.description:
        lines += [framework.description.strip(), ""]
    for title, points in (("Pros", framework.pros.all()), ("Cons", framework.cons.all())):
        if points:
            lines += [f"**{title}**", ""]
            lines += [f"- **{p.label}**: {p.text}" if p.label else f"- {p.text}" for p in points]
            lines.append("")
    if framework.closing_notes:
        lines += [framework.closing_notes.strip(), ""]
    return "\n".join(lines)


def source_note(fact: dict) -> str:
    return f" ([source]({fact['source']}))" if fact["source"] else ""


def table_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def compare_markdown(slugs: list[str], body: str, *, frameworks: dict) -> str:
    """A ```compare block as a GFM table of the published entries' facts, as the page shows it."""
    shown = [frameworks[slug] for slug in slugs if slug in frameworks]
    if len(shown) < COMPARE_MIN:
        return ""
    names = [entry.name for entry in shown]
    groups = compared_facts(names, [entry.facts_json for entry in shown], kinds=compare_kinds(body))
    rows = [row for _, group_rows in groups for row in group_rows]
    if not rows:
        return ""
    lines = ["| Fact | " + " | ".join(table_cell(name) for name in names) + " |"]
    lines.append("|" + " --- |" * (len(names) + 1))
    for row in rows:
        cells = [f"{cell['display']}{source_note(cell)}" if cell else "—" for _, cell in row.cells]
        lines.append("| " + " | ".join(table_cell(text) for text in [row.name, *cells]) + " |")
    return "\n".join(lines) + "\n\n"


def figure_markdown(body: str, *, absolute, media=remote_only) -> str:
    fields = parse_block_fields(body)
    picture = media(str(fields.get("src") or ""))
    alt, caption = fields.get("alt") or "", fields.get("caption") or ""
    lines = [f"![{alt}]({absolute(picture.url)})" if picture else f"[Image: {alt}]"]
    if caption:
        lines.append(f"*{caption}*")
    return "\n\n".join(lines) + "\n"


def post_markdown(post, *, frameworks: dict, absolute, media=remote_only) -> str:
    """frameworks: the published entries by slug; embeds of anything else are left out, as on the page."""
    front = {
        "title": post.title,
        "author": post.author.name,
        "date": post.published_at.date().isoformat(),
        "description": post.description,
        "url": absolute(post.get_absolute_url()),
        "tags": [tag.name for tag in post.tags.all()],
        "keywords": post.keyword_list,
    }
    if not post.listed:
        front["show_in_cards"] = False
    if post.updated_at:
        front["updated_at"] = post.updated_at.date().isoformat()
    parts = ["---\n", yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000), "---\n\n"]
    for part in split_fences(post.body, strict=False):
        if not isinstance(part, Fence):
            parts.append("".join(f"{line}\n" for line in part.lines))
        elif embed_slug(part.info):
            framework = frameworks.get(embed_slug(part.info))
            if framework:
                link = f"[{framework.name}]({absolute(framework.get_absolute_url())})"
                parts.append(framework_markdown(framework, heading=link, facts=True))
        elif compare_slugs(part.info) is not None:
            parts.append(compare_markdown(compare_slugs(part.info) or [], part.body, frameworks=frameworks))
        elif part.words == ["figure"]:
            parts.append(figure_markdown(part.body, absolute=absolute, media=media))
        else:
            parts.append(part.source())
    return "".join(parts)
