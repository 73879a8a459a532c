"""The names of what a cached page depends on (`deps.py`), made here and nowhere else: a typo in
a bare string would raise nothing and leave a page never invalidated.

Two kinds. A *row* token per row a page showed (`post:7`), recorded by itself as rows load; a
*list* token per set a page listed, declared by its view, since a new member is not a row it
loaded. Past MAX_ROW_TOKENS rows of one kind, a page depends on the kind's *table* token.
"""


def row(kind: str, pk) -> str:
    """One row of a kind ("post", "framework", "author", "tag": the model's name)."""
    return f"{kind}:{pk}"


def kind_of(token: str) -> str:
    return token.split(":", 1)[0]


def table(kind: str) -> str:
    """Every row of a kind: moved by any write to it."""
    return f"table:{kind}"


def listing(kind: str) -> str:
    """Which rows of a kind are listed, and in what order: home, feeds, sitemaps, search."""
    return f"list:{kind}"


def post(pk) -> str:
    return row("post", pk)


def framework(pk) -> str:
    return row("framework", pk)


def author(pk) -> str:
    return row("author", pk)


def tag(pk) -> str:
    return row("tag", pk)


def tagged(kind: str, tag_id) -> str:
    """The rows of a kind carrying a tag: `tagged("post", 3)` lists the tag page's articles."""
    return f"tag-{kind}s:{tag_id}"


def tag_posts(tag_id) -> str:
    return tagged("post", tag_id)


def tag_frameworks(tag_id) -> str:
    return tagged("framework", tag_id)


def framework_posts(framework_id) -> str:
    """The posts covering an entry: its page's and its comparison columns' articles."""
    return f"framework-posts:{framework_id}"


POSTS = listing("post")
FRAMEWORKS = listing("framework")
TAGS = listing("tag")
