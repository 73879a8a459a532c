"""Read an admin change form the way a browser would, so tests can submit it with one field changed."""

from html.parser import HTMLParser


class FormFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.data: dict[str, object] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._multi = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file", "image"}:
            if attrs.get("type") in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            else:
                self.data[name] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select, self._multi = name, "multiple" in attrs
            if self._multi:
                self.data[name] = []
        elif tag == "option" and self._select and "selected" in attrs:
            if self._multi:
                self.data[self._select].append(attrs.get("value", ""))
            else:
                self.data[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data.removeprefix("\n") if not self.data[self._textarea] else data


def admin_form_data(html: str) -> dict:
    parser = FormFields()
    parser.feed(html)
    return {k: v for k, v in parser.data.items() if not k.startswith("csrfmiddlewaretoken")}


def admin_edit_pro(staff_client, *, framework, label: str, text: str) -> None:
    """Change one pro's text through the entry's admin form, as an editor would."""
    from django.urls import reverse

    url = reverse("admin:frameworks_framework_change", args=[framework.pk])
    data = admin_form_data(staff_client.get(url).text)
    index = next(k.split("-")[1] for k, v in data.items() if k.startswith("pros-") and v == label)
    data[f"pros-{index}-text"] = text
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.text[:2000]
