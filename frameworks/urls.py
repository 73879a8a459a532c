from django.urls import path

import config.slugs  # noqa: F401  (registers the uslug converter)

from . import views

app_name = "frameworks"
urlpatterns = [
    path("frameworks/", views.FrameworkListView.as_view(), name="list"),
    path("frameworks/<uslug:slug>/", views.FrameworkDetailView.as_view(), name="detail"),
    path("frameworks/<uslug:slug>/alternatives/", views.AlternativesView.as_view(), name="alternatives"),
    path("compare/", views.ComparePickerView.as_view(), name="compare_picker"),
    path("compare/<str:slugs>/", views.CompareView.as_view(), name="compare"),
]
