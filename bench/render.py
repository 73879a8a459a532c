"""CPU cost of rendering at save: the seed article's body, and every entry it embeds.

    .venv/bin/python bench/render.py [--rounds N]      (also the last part of `make bench`)

The renderer's own time (Markdown to sanitised HTML) against a baseline measured in the same run:
the sanitiser alone over the same output, the floor any renderer pays here. Not a test: compare
the ratio between runs, not the milliseconds.
"""

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.scratch import seeded_site  # noqa: E402  (sets Django up first)


def cpu_ms(action, rounds: int) -> float:
    action()  # warm: templates compiled, entries' rows in the connection's cache
    start = time.process_time()
    for _ in range(rounds):
        action()
    return (time.process_time() - start) / rounds * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=100)
    args = parser.parse_args()
    seeded_site()
    from blog.models import Post
    from blog.rendering import render_article
    from config.markdown import render_markdown
    from config.markdown.sanitize import sanitize
    from config.renditions import stored_picture
    from frameworks.models import Framework

    post = Post.objects.get()
    # The Markdown alone: the article's text and figure without its embedded entries' templates.
    text_only = re.sub(r"```framework [^\n]*\n```\n?", "", post.body)
    frameworks = list(Framework.objects.prefetch_related("pros", "cons"))
    html = render_article(post.body)

    def entries():
        for framework in frameworks:
            framework.render()
            for point in [*framework.pros.all(), *framework.cons.all()]:
                point.render()

    rows = [
        ("sanitiser alone (floor)", cpu_ms(lambda: sanitize(html), args.rounds)),
        ("article text, no embeds", cpu_ms(lambda: render_markdown(text_only, media=stored_picture), args.rounds)),
        ("article body to HTML", cpu_ms(lambda: render_article(post.body), args.rounds)),
        ("Post.render (+contents)", cpu_ms(post.render, args.rounds)),
        (f"{len(frameworks)} entries + points", cpu_ms(entries, args.rounds)),
    ]
    floor = rows[0][1]
    print(f"seed article: {len(post.body) / 1024:.0f} KB Markdown, {args.rounds} rounds, CPU ms per render")
    print(f"{'render':28} {'ms':>8} {'× floor':>8}")
    for name, ms in rows:
        print(f"{name:28} {ms:8.3f} {ms / floor:8.2f}")


if __name__ == "__main__":
    main()
