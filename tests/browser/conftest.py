"""Playwright driving Debian's Chromium (installed by `make browser`, which `make test` runs)."""

import base64
import io
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop in the test thread; Django's guard against ORM calls
# from async code would then refuse the test's own (synchronous) database setup.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Chromium here has no network but loopback: keep it from trying.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `make browser` (apt-get install chromium) as root")
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make browser` (npm install)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Tab:
    """A page plus the errors it logged, so a test can say none happened."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def axe_violations(self) -> list[str]:
        self.page.add_script_tag(path=str(AXE))
        violations = self.page.evaluate("async () => (await axe.run(document)).violations")
        return [
            f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:3]}"
            for v in violations
        ]


@pytest.fixture(params=["light", "dark"])
def tab(browser, request):
    # bypass_csp lets axe-core be injected; our own pages still run under the site's policy
    # everywhere else (the editor workflow tests), where a violation is a console error.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=request.param, bypass_csp=True)
    yield Tab(context.new_page())
    context.close()


PASSWORD = "a long test password"


@pytest.fixture
def people(transactional_db, live_server, browser, django_user_model):
    """Ann (author), Eve and Ed (editors) on the live server, whose address it returns."""
    from django.contrib.auth.models import Group, Permission

    from config.editorial.roles import ensure_role_groups

    # A transactional test starts from an emptied database: put the migration's groups back.
    ensure_role_groups(group_model=Group, permission_model=Permission)
    users = {}
    for name, group in (("ann", "Author"), ("eve", "Editor"), ("ed", "Editor")):
        user = django_user_model.objects.create_user(name, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        users[name] = user
    yield live_server.url
    leave_quietly(browser)


def leave_quietly(browser) -> None:
    """Close every window, then wait for the live server to answer what they sent.

    The live server shares the test's in-memory SQLite connection, so a request still running
    there (an open post form autosaves every few seconds, and once more as it closes) locks
    tables the database flush after a transactional test needs, or writes rows for users the
    flush has just removed.
    """
    for context in browser.contexts:
        for page in context.pages:
            page.evaluate("() => { navigator.sendBeacon = () => true; }")  # the last save on close
        context.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(
        "process_request_thread" in thread.name for thread in threading.enumerate()
    ):
        time.sleep(0.05)


def logged_in(browser, site, username, *, width=1280, height=1000, scheme="light", bypass_csp=False):
    """A new browser context (no shared storage: a new browser, as far as the site knows), signed in."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, color_scheme=scheme, bypass_csp=bypass_csp
    )
    page = context.new_page()
    page.goto(site + "/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(site + "/admin/")
    page.csp_errors = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_errors.append(m.text))
    return page


def png_base64() -> str:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 40), (30, 120, 200)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def publish_at(page, site, when) -> None:
    """On an open post form: published, dated `when` (a future date schedules it), saved."""
    page.select_option("#id_status", "published")
    page.fill("#id_published_at_0", when.strftime("%Y-%m-%d"))
    page.fill("#id_published_at_1", when.strftime("%H:%M:%S"))
    page.click("input[name=_save]")
    page.wait_for_url(site + "/admin/blog/post/")
