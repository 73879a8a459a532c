from django.urls import path

from . import views

app_name = "frameworks"
urlpatterns = [
    path("frameworks/", views.FrameworkListView.as_view(), name="list"),
    path("frameworks/<slug:slug>/", views.FrameworkDetailView.as_view(), name="detail"),
    path("frameworks/<slug:slug>/alternatives/", views.AlternativesView.as_view(), name="alternatives"),
    path("compare/", views.ComparePickerView.as_view(), name="compare_picker"),
    path("compare/<str:slugs>/", views.CompareView.as_view(), name="compare"),
]
