"""Share links: a reviewer without an account sees a draft as readers will, until the link
expires (PREVIEW_LINK_DAYS) or an editor revokes the post's links."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "blog.previews"


def preview_token(post) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"post": post.pk, "nonce": post.preview_nonce})


def preview_url(post) -> str:
    return reverse("blog:preview", kwargs={"token": preview_token(post)})


class BadPreviewLink(Exception):
    pass


def post_for_token(token: str, queryset):
    max_age = settings.PREVIEW_LINK_DAYS * 24 * 3600
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired:
        raise BadPreviewLink("This preview link has expired. Ask the editor for a new one.") from None
    except signing.BadSignature:
        raise BadPreviewLink("This preview link is not valid.") from None
    post = queryset.filter(pk=data.get("post"), preview_nonce=data.get("nonce")).first()
    if post is None:
        raise BadPreviewLink("This preview link was revoked. Ask the editor for a new one.")
    return post
