from django.urls import path

import config.slugs  # noqa: F401  (registers the uslug converter)

from . import feeds, views

app_name = "blog"
urlpatterns = [
    path("", views.PostListView.as_view(), name="list"),
    path("blog/<uslug:slug>/", views.PostDetailView.as_view(), name="detail"),
    path("blog/<uslug:slug>.md", views.PostMarkdownView.as_view(), name="markdown"),
    path("preview/<str:token>/", views.PostPreviewView.as_view(), name="preview"),
    path("tags/<uslug:slug>/", views.TagDetailView.as_view(), name="tag"),
    path("tags/<uslug:slug>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("tags/<uslug:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag_atom"),
    path("feed/", feeds.LatestPostsFeed(), name="feed"),
    path("feed/atom/", feeds.LatestPostsAtomFeed(), name="atom"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("robots.txt", views.RobotsView.as_view(), name="robots"),
]
