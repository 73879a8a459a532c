"""Facts lined up, entry by entry: a comparison page's table and an article's ```compare block.

Works on entries' stored facts (frameworks/facts.py's stored_facts(): plain dicts), so the
renderer, which runs no query, can draw the block from the entries its lookup gave it.
"""

from dataclasses import dataclass


@dataclass
class ComparedFact:
    name: str
    help: str
    cells: list[tuple[str, dict | None]]  # (entry name, its stored fact or None), in the page's order
    differs: bool


def compared_facts(names: list[str], columns: list[list[dict]], *, only_differences: bool = False, kinds=None):
    """The comparable facts of these entries lined up, under their groups: a row per kind any of
    them states (or per kind in `kinds`, in that order, for an article's compare block). A row
    differs when the entries' values do (one stating it and another not counts)."""
    by_kind = [{fact["kind"]: fact for fact in facts} for facts in columns]
    known: dict[str, dict] = {}
    for facts in columns:
        for fact in facts:
            if fact["comparable"] or kinds:
                known.setdefault(fact["kind"], fact)
    if kinds:
        order = [slug for slug in kinds if slug in known]
    else:
        order = sorted(known, key=lambda slug: (known[slug]["position"], known[slug]["name"]))
    groups: dict[str, list[ComparedFact]] = {}
    for slug in order:
        cells = [facts.get(slug) for facts in by_kind]
        differs = len({cell["value"] if cell else None for cell in cells}) > 1
        if only_differences and not differs:
            continue
        row = ComparedFact(known[slug]["name"], known[slug]["help"], list(zip(names, cells, strict=True)), differs)
        groups.setdefault(known[slug]["group"], []).append(row)
    return list(groups.items())
