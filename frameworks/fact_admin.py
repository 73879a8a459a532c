"""Facts in the admin: the kinds editors define, and each entry's facts as a sheet on its form.

The sheet lists every kind of fact, one row each, with a widget for the kind's type (yes/no and
lists as menus, numbers, dates, links); a value left empty is no fact, and emptying one removes
it. Values are checked by the same parser as the CSV import (frameworks/facts.py).
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path

from .fact_csv import MAX_BYTES, Refused, decode, export_csv, import_csv
from .facts import FactType, choice_list, parse
from .models import Fact, FactKind


@admin.register(FactKind)
class FactKindAdmin(admin.ModelAdmin):
    change_list_template = "admin/frameworks/factkind/change_list.html"  # adds the CSV links
    list_display = ["name", "type", "unit", "group", "position", "comparable"]
    list_editable = ["position", "comparable"]
    list_filter = ["type", "group", "comparable"]
    search_fields = ["name", "help_text"]
    prepopulated_fields = {"slug": ("name",)}
    fields = ["name", "slug", "type", "unit", "choices", "help_text", "group", "position", "comparable"]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("csv/", view(self.export_view), name="frameworks_facts_export"),
            path("csv/import/", view(self.import_view), name="frameworks_facts_import"),
            *super().get_urls(),
        ]

    def export_view(self, request):
        if not request.user.has_perm("frameworks.view_fact"):
            raise PermissionDenied("You may not see the facts.")
        response = HttpResponse(export_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="facts.csv"'
        return response

    def import_view(self, request):
        # A whole matrix writes every entry's facts: the editors' (authors change their own entries).
        if not request.user.has_perm("frameworks.publish_framework"):
            raise PermissionDenied("Only editors import facts.")
        form = FactsImportForm(request.POST or None, request.FILES or None)
        report, refused = None, None
        if request.method == "POST" and form.is_valid():
            try:
                report = import_csv(decode(form.cleaned_data["file"].read()))
            except ValueError as error:
                form.add_error("file", str(error))
            except Refused as refusal:
                refused = refusal.report
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import facts",
            "form": form,
            "report": report,
            "refused": refused,
        }
        return TemplateResponse(request, "admin/frameworks/factkind/import.html", context)


class FactsImportForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text=f"UTF-8, up to {MAX_BYTES // 1024 // 1024} MB.")


def value_widget(kind) -> forms.Widget:
    named = {"aria-label": f"{kind.name}: value"}
    if kind.type == FactType.YES_NO:
        return forms.Select(choices=[("", "—"), ("yes", "Yes"), ("no", "No")], attrs=named)
    if kind.type == FactType.CHOICE:
        options = [(choice, choice) for choice in choice_list(kind.choices)]
        return forms.Select(choices=[("", "—"), *options], attrs=named)
    if kind.type == FactType.LINK:
        return forms.URLInput(attrs={**named, "placeholder": "https://"})
    if kind.type == FactType.NUMBER:
        return forms.TextInput(attrs={**named, "inputmode": "decimal", "placeholder": kind.unit or "a number"})
    if kind.type == FactType.DATE:
        return forms.TextInput(attrs={**named, "placeholder": "2005 or 2005-07-15"})
    return forms.TextInput(attrs={**named, "maxlength": "200"})


class FactForm(forms.ModelForm):
    source_url = forms.URLField(label="Source", required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = Fact
        fields = ["kind", "value", "source_url", "last_verified"]
        widgets = {"kind": forms.HiddenInput}

    def __init__(self, *args, kinds: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].required = False  # empty: no fact of this kind
        kind_id = self.instance.kind_id or self.initial.get("kind")
        self.fact_kind = kinds.get(int(kind_id)) if kind_id else None
        if self.fact_kind is not None:
            self.fields["value"].widget = value_widget(self.fact_kind)
            self.fields["value"].help_text = self.fact_kind.help_text
            self.fields["source_url"].widget.attrs["aria-label"] = f"{self.fact_kind.name}: source"
            self.fields["last_verified"].widget.attrs["aria-label"] = f"{self.fact_kind.name}: last verified"

    def clean(self):
        cleaned = super().clean()
        value = cleaned.get("value") or ""
        if value.strip() and self.fact_kind is not None:
            try:
                cleaned["value"] = parse(self.fact_kind, value).value
            except ValidationError as error:
                self.add_error("value", error)
        elif cleaned.get("source_url") and not self.instance.pk:
            self.add_error("value", "A source needs a value.")
        return cleaned

    def _post_clean(self):
        if (self.cleaned_data.get("value") or "").strip():
            super()._post_clean()  # an emptied row is deleted, not validated as a fact


class FactSheet(BaseInlineFormSet):
    """Every kind, in order: the entry's facts first filled in, then a blank row per other kind."""

    def __init__(self, *args, **kwargs):
        self.kinds = {kind.pk: kind for kind in FactKind.objects.all()}
        instance = kwargs.get("instance")
        have = set(instance.facts.values_list("kind_id", flat=True)) if instance is not None and instance.pk else set()
        kwargs["initial"] = [{"kind": pk} for pk in self.kinds if pk not in have]
        super().__init__(*args, **kwargs)
        self.extra = len(kwargs["initial"])

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "kinds": self.kinds}

    def _should_delete_form(self, form):
        emptied = form.instance.pk and not (form.cleaned_data.get("value") or "").strip()
        return super()._should_delete_form(form) or bool(emptied)


class FactInline(admin.TabularInline):
    model = Fact
    form = FactForm
    formset = FactSheet
    template = "admin/frameworks/facts_inline.html"
    fields = ["kind", "value", "source_url", "last_verified"]
    # Deleting is emptying the value (FactSheet): the sheet shows no "delete" box.
    verbose_name_plural = "facts"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("kind").order_by("kind__position", "kind__name")

    def get_extra(self, request, obj=None, **kwargs):
        return 0  # the sheet adds its own rows, one per kind without a fact

    def get_max_num(self, request, obj=None, **kwargs):
        return FactKind.objects.count()
