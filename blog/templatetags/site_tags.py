import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from config import stored_pages

register = template.Library()

# As django.utils.html.json_script does: nothing in the data can close the script element.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data) -> str:
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


# Stored documents (config/stored_pages.py): what each request fills in or shows.


@register.simple_tag
def hole(name: str, number=None) -> str:
    """Where a stored document takes HTML each request gives it (related articles, a list);
    `number` tells apart the holes a loop makes ("covering_0", "covering_1"…)."""
    return mark_safe(stored_pages.HOLE.format(name if number is None else f"{name}_{number}"))


@register.tag
def per_request(parser, token):
    """{% per_request "draft" %}…{% end_per_request %}: kept or dropped by each request."""
    try:
        _, name = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("per_request takes one name") from None
    nodelist = parser.parse(("end_per_request",))
    parser.delete_first_token()
    return PerRequestNode(name.strip("\"'"), nodelist)


class PerRequestNode(template.Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        return mark_safe(stored_pages.section(self.name, self.nodelist.render(context)))
