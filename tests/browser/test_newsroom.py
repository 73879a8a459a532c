"""The newsroom in a real browser: writing beside the preview, autosave and its recovery, the
entry and figure pickers, the dashboard's review and schedule, and axe on all of it."""

import base64
import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from blog.models import Post
from config.editorial.models import Autosave
from frameworks.models import Fact, FactKind
from tests.browser.conftest import Tab, logged_in, png_base64, publish_at

LONG_BODY = "\n\n".join(f"Paragraph {number} about **frameworks**." for number in range(1, 201))


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def kept(page):
    """Wait for the autosave status line to say the unsaved changes were kept."""
    page.locator(".writing-status", has_text="kept at").wait_for(timeout=15_000)


def test_an_author_writes_beside_the_preview_loses_the_tab_and_restores_then_an_editor_schedules(
    people, browser, make_framework
):
    site = people
    make_framework("Litestar")
    ann = logged_in(browser, site, "ann")
    ann.goto(site + "/admin/blog/post/add/")
    ann.fill("#id_title", "Litestar in practice")
    ann.fill("#id_body", "Litestar is **quick** to start with.\n\n" + LONG_BODY)
    ann.locator(".markdownx-preview strong", has_text="quick").wait_for()

    # Side by side, level with each other, both on screen at once.
    ann.evaluate("() => document.querySelector('.markdownx').scrollIntoView()")
    editor, preview = box(ann, "#id_body"), box(ann, ".markdownx-preview")
    assert preview["x"] >= editor["x"] + editor["width"] - 1 and abs(preview["y"] - editor["y"]) < 2
    assert editor["y"] >= 0 and editor["y"] + editor["height"] <= 1000
    # The preview follows the text's scroll.
    ann.locator(".markdownx-preview p", has_text="Paragraph 200").wait_for()
    ann.evaluate("() => { const e = document.querySelector('#id_body'); e.scrollTop = e.scrollHeight; }")
    ann.wait_for_timeout(200)
    top, room = ann.evaluate(
        "() => { const p = document.querySelector('.markdownx-preview');"
        " return [p.scrollTop, p.scrollHeight - p.clientHeight]; }"
    )
    assert room > 0 and top >= room - 2

    # The entry picker puts the block at the cursor, and the preview shows the entry.
    ann.evaluate("() => { const e = document.querySelector('#id_body'); e.setSelectionRange(0, 0); }")
    ann.get_by_role("button", name="Entry…").click()
    ann.fill("#entry-picker-search", "lite")
    ann.locator(".picker-choice", has_text="Litestar").click()
    assert ann.input_value("#id_body").startswith("```framework litestar\n```\n\nLitestar is **quick**")
    ann.locator(".markdownx-preview h2", has_text="Litestar").wait_for()

    # Kept on the server while she types; the tab closes unsaved.
    kept(ann)
    ann.context.close()
    assert Post.objects.count() == 0 and Autosave.objects.count() == 1

    # Another browser: the add form offers the text back, and puts it back when asked.
    ann = logged_in(browser, site, "ann")
    ann.goto(site + "/admin/blog/post/add/")
    offer = ann.locator("#autosave-offer")
    assert "Restore the unsaved changes from" in offer.inner_text()
    assert ann.input_value("#id_body") == ""
    offer.get_by_role("button", name="Restore them").click()
    assert ann.input_value("#id_title") == "Litestar in practice"
    assert ann.input_value("#id_body").startswith("```framework litestar")
    ann.locator(".markdownx-preview h2", has_text="Litestar").wait_for()
    ann.select_option("#id_status", "review")
    ann.fill("#id_published_at_0", "2026-01-01")
    ann.fill("#id_published_at_1", "10:00:00")
    ann.click("input[name=_save]")
    ann.wait_for_url(site + "/admin/blog/post/")
    post = Post.objects.get()
    assert post.status == "review" and post.title == "Litestar in practice"
    assert Autosave.objects.count() == 0  # the save made the copy useless

    # The editor finds it waiting for review on the newsroom, and schedules it.
    eve = logged_in(browser, site, "eve")
    review = eve.locator("#panel-review")
    assert "Litestar in practice" in review.inner_text() and "sent by ann" in review.inner_text()
    review.get_by_role("link", name="Litestar in practice").click()
    eve.wait_for_url(f"{site}/admin/blog/post/{post.pk}/change/")
    when = timezone.localtime() + dt.timedelta(days=1)
    publish_at(eve, site, when)
    eve.goto(site + "/admin/")
    scheduled = eve.locator("#panel-scheduled").inner_text()
    assert "Litestar in practice" in scheduled and f"goes live {when:%-d %b %Y, %H:%M}" in scheduled
    assert ann.csp_errors == [] and eve.csp_errors == []


def test_a_stale_autosave_is_shown_as_a_difference_never_applied(people, browser, make_post):
    site = people
    post = make_post("Shared review", status="review", body="The first text.")
    eve = logged_in(browser, site, "eve")
    eve.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    eve.fill("#id_body", "The first text.\n\nEve's new paragraph.")
    kept(eve)
    eve.context.close()

    ed = logged_in(browser, site, "ed")
    ed.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    ed.fill("#id_body", "Ed rewrote it.")
    ed.click("input[name=_save]")
    ed.wait_for_url(site + "/admin/blog/post/")

    eve = logged_in(browser, site, "eve")
    eve.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    offer = eve.locator("#autosave-offer")
    assert "made before ed saved this" in offer.inner_text()
    assert offer.get_by_role("button", name="Restore them").count() == 0
    assert "Eve's new paragraph." in offer.locator(".diff-added").all_inner_texts()[-1]
    assert eve.input_value("#id_body") == "Ed rewrote it."  # the form is ed's version
    offer.get_by_role("button", name="Discard my unsaved changes").click()
    eve.locator(".autosave-outcome", has_text="Discarded").wait_for()
    assert Autosave.objects.count() == 0
    assert Post.objects.get().body == "Ed rewrote it."


def test_an_author_cannot_keep_a_copy_of_a_post_they_may_not_edit(people, browser, make_post):
    site = people
    post = make_post("Eve's live post")  # published, not ann's
    ann = logged_in(browser, site, "ann")
    ann.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    assert ann.locator("#autosave").count() == 0  # a read-only view keeps nothing
    answer = ann.request.post(f"{site}/admin/blog/post/{post.pk}/autosave/", form={"body": "mine now"})
    assert answer.status in (403, 404)  # refused (a missing CSRF token alone is 403 too)
    assert Autosave.objects.count() == 0


def test_a_figure_needs_its_alt_text_before_it_is_inserted(people, browser):
    site = people
    ann = logged_in(browser, site, "ann")
    ann.goto(site + "/admin/blog/post/add/")
    ann.get_by_role("button", name="Figure…").click()
    image = {"name": "chart.png", "mimeType": "image/png", "buffer": base64.b64decode(png_base64())}
    ann.set_input_files("#figure-file", image)
    ann.fill("#figure-alt", "   ")
    ann.get_by_role("button", name="Upload and insert").click()
    assert "without alternative text is not inserted" in ann.locator("#figure-picker .picker-message").inner_text()
    assert ann.input_value("#id_body") == ""
    ann.fill("#figure-alt", "Bar chart of downloads")
    ann.fill("#figure-caption", "Downloads per month")
    ann.get_by_role("button", name="Upload and insert").click()
    ann.locator(".markdownx-preview .figure-link img[alt='Bar chart of downloads']").wait_for()
    body = ann.input_value("#id_body")
    assert body.startswith("```figure\nsrc: /media/uploads/") and 'alt: "Bar chart of downloads"' in body
    assert "Downloads per month" in ann.locator(".markdownx-preview figcaption").inner_text()
    assert ann.csp_errors == []


def test_the_comparison_picker_inserts_a_compare_block_the_preview_shows(people, browser, make_framework):
    site = people
    call_command("loaddata", "fact_kinds.json", verbosity=0)
    licence, release = FactKind.objects.get(slug="licence"), FactKind.objects.get(slug="first-release")
    stated = (("Django", "BSD-3-Clause", "2005"), ("Flask", "BSD-3-Clause", "2010"), ("Bottle", "MIT", ""))
    for name, value, year in stated:
        entry = make_framework(name)
        Fact.objects.create(framework=entry, kind=licence, value=value)
        if year:
            Fact.objects.create(framework=entry, kind=release, value=year)
    ann = logged_in(browser, site, "ann")
    ann.goto(site + "/admin/blog/post/add/")
    ann.fill("#id_body", "Intro.")
    ann.evaluate("() => { const e = document.querySelector('#id_body'); e.setSelectionRange(6, 6); }")
    ann.get_by_role("button", name="Compare…").click()
    picker = ann.locator("#compare-picker")
    insert = picker.get_by_role("button", name="Insert comparison")
    ann.fill("#compare-picker-search", "fl")
    picker.locator(".picker-choice", has_text="Flask").click()
    assert insert.is_disabled()  # one entry is no comparison
    ann.fill("#compare-picker-search", "")
    picker.locator(".picker-choice", has_text="Django").click()
    picker.locator(".picker-choice", has_text="Bottle").click()
    picker.get_by_role("button", name="Remove Bottle").click()
    picker.get_by_label("First public release").check()
    picker.get_by_label("Licence").check()
    insert.click()
    assert ann.input_value("#id_body") == "Intro.\n\n```compare flask django\nfacts: licence, first-release\n```\n\n"
    table = ann.locator(".markdownx-preview .facts-table")
    table.wait_for()
    assert [th.text_content().strip() for th in table.locator("thead th").all()][1:] == ["Flask", "Django"]
    assert [th.text_content().strip() for th in table.locator("tbody th").all()] == ["Licence", "First public release"]
    assert ann.csp_errors == []


def test_shortcuts_format_and_esc_then_tab_leaves_the_text(people, browser):
    site = people
    ann = logged_in(browser, site, "ann")
    ann.goto(site + "/admin/blog/post/add/")
    ann.fill("#id_body", "make this bold")
    ann.evaluate("() => { const e = document.querySelector('#id_body'); e.focus(); e.setSelectionRange(10, 14); }")
    ann.keyboard.press("Control+b")
    assert ann.input_value("#id_body") == "make this **bold**"
    ann.keyboard.press("End")
    ann.keyboard.press("Tab")  # indents, as markdownx does
    assert ann.input_value("#id_body").endswith("\t") or ann.input_value("#id_body").endswith("    ")
    ann.keyboard.press("Escape")
    ann.keyboard.press("Tab")
    assert ann.evaluate("() => document.activeElement.id") != "id_body"
    # Ctrl+S saves and stays on the form.
    ann.fill("#id_title", "Saved by keyboard")
    ann.locator("#id_body").focus()
    ann.keyboard.press("Control+s")
    ann.wait_for_url("**/change/")
    assert Post.objects.get().title == "Saved by keyboard"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_newsroom_and_forms_are_axe_clean(people, browser, make_post, make_framework, scheme, width):
    site = people
    entry = make_framework("Litestar")
    call_command("loaddata", "fact_kinds.json", verbosity=0)  # the entry form's facts sheet, every type
    post = make_post("Reviewed", status="review", body="```framework litestar\n```\n\nText.")
    eve = logged_in(browser, site, "eve", width=width, height=900, scheme=scheme, bypass_csp=True)
    eve.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    eve.fill("#id_body", "Changed, not saved.")
    kept(eve)
    found = {}
    for path in ("/admin/", f"/admin/blog/post/{post.pk}/change/", f"/admin/frameworks/framework/{entry.pk}/change/"):
        eve.goto(site + path)
        eve.wait_for_timeout(300)
        found[path] = Tab(eve).axe_violations()
    eve.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    eve.get_by_role("button", name="Compare…").click()
    eve.locator("#compare-picker .picker-choice", has_text="Litestar").click()
    eve.locator("#compare-picker .picker-facts input").first.wait_for()
    found["the comparison picker"] = Tab(eve).axe_violations()
    assert found == {path: [] for path in found}


def test_on_a_phone_text_and_preview_take_turns_and_full_screen_leaves_on_esc(people, browser):
    site = people
    ann = logged_in(browser, site, "ann", width=390, height=844)
    ann.goto(site + "/admin/blog/post/add/")
    ann.fill("#id_body", "A **phone** draft.")
    assert ann.locator("#id_body").is_visible() and not ann.locator(".markdownx-preview").is_visible()
    ann.get_by_role("button", name="Preview", exact=True).click()
    ann.locator(".markdownx-preview strong", has_text="phone").wait_for()
    assert not ann.locator("#id_body").is_visible()
    ann.get_by_role("button", name="Write", exact=True).click()
    assert ann.locator("#id_body").is_visible()

    ann.get_by_role("button", name="Full screen").click()
    editor = box(ann, "#id_body")
    assert editor["width"] > 340 and editor["height"] > 600  # the window, less the toolbar
    ann.keyboard.press("Escape")
    assert ann.locator(".markdownx.writing-full").count() == 0
    assert ann.csp_errors == []
