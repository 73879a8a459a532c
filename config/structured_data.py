"""schema.org JSON-LD for pages, built from the same objects the page shows."""

from django.conf import settings

from config.text import plain_text

CONTEXT = "https://schema.org"


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def person(author) -> dict:
    data = {"@type": "Person", "name": author.name}
    if author.bio:
        data["description"] = author.bio
    return data


def item_list(request, items, *, name: str) -> dict:
    return {
        "@type": "ItemList",
        "name": name,
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "url": absolute(request, item.get_absolute_url()),
                "name": str(item),
            }
            for position, item in enumerate(items, start=1)
        ],
    }


def blog_posting(request, post, *, frameworks, faq) -> dict:
    url = absolute(request, post.get_absolute_url())
    image = post.share_image
    posting = {
        "@type": "BlogPosting",
        "@id": f"{url}#article",
        "headline": post.title,
        "description": post.description,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": post.published_at.isoformat(),
        "dateModified": (post.updated_at or post.published_at).isoformat(),
        "author": person(post.author),
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
        "wordCount": post.word_count,
        "keywords": post.keyword_list + [tag.name for tag in post.tags.all()],
    }
    if image:
        posting["image"] = [absolute(request, image.url)]
    graph = [posting]
    if frameworks:
        graph.append(item_list(request, frameworks, name=post.title))
    if faq:
        graph.append(faq_page(url, faq))
    return {"@context": CONTEXT, "@graph": graph}


def faq_page(url: str, faq) -> dict:
    return {
        "@type": "FAQPage",
        "@id": f"{url}#faq",
        "mainEntity": [
            {"@type": "Question", "name": item.question, "acceptedAnswer": {"@type": "Answer", "text": item.answer}}
            for item in faq
        ],
    }


def note(point) -> str:
    text = plain_text(point.text_html)  # the sanitised rendering as text: no Markdown, no markup
    return f"{point.label}: {text}" if point.label else text


def notes(points) -> dict:
    return {
        "@type": "ItemList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": note(point),
            }
            for position, point in enumerate(points, start=1)
        ],
    }


def software_application(request, framework, *, tags, facts=()) -> dict:
    """`facts`: the entry's stored facts (frameworks/facts.py), as additionalProperty."""
    url = absolute(request, framework.get_absolute_url())
    data = {
        "@context": CONTEXT,
        "@type": "SoftwareApplication",
        "name": framework.name,
        "description": framework.tagline,
        "url": url,
        "applicationCategory": "DeveloperApplication",
        "operatingSystem": "Cross-platform",
        "keywords": [tag.name for tag in tags],
        "review": {
            "@type": "Review",
            "author": {"@type": "Organization", "name": settings.SITE_NAME},
            "positiveNotes": notes(framework.pros.all()),
            "negativeNotes": notes(framework.cons.all()),
        },
    }
    if facts:
        data["additionalProperty"] = [property_value(fact) for fact in facts]
    if framework.website:
        data["sameAs"] = framework.website
    if framework.share_image:
        data["image"] = absolute(request, framework.share_image.url)
    return data


def property_value(fact: dict) -> dict:
    value = {"@type": "PropertyValue", "propertyID": fact["kind"], "name": fact["name"], "value": fact["display"]}
    if fact["source"]:
        value["url"] = fact["source"]
    return value


def blog(request, posts) -> dict:
    home = absolute(request, "/")
    return {
        "@context": CONTEXT,
        "@graph": [
            {"@type": "Blog", "@id": f"{home}#blog", "name": settings.SITE_NAME, "url": home},
            item_list(request, posts, name=settings.SITE_NAME),
        ],
    }
