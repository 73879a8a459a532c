"""The editorial workflow in a real browser: write with the live preview and an uploaded image,
review, schedule, publish on time, restore a revision; and two editors saving the same post."""

import datetime as dt

from django.utils import timezone

from blog.models import Post
from tests.browser.conftest import logged_in, png_base64, publish_at

DROP_IMAGE = """([selector, data]) => {
  const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
  const file = new File([bytes], "chart.png", {type: "image/png"});
  const transfer = new DataTransfer();
  transfer.items.add(file);
  const editor = document.querySelector(selector);
  editor.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
}"""


def test_author_to_editor_to_reader_and_back(people, browser, monkeypatch):
    site = people
    # The author writes a draft, watches the live preview, drops in an image and submits it.
    ann = logged_in(browser, site, "ann")
    ann.goto(site + "/admin/blog/post/add/")
    ann.fill("#id_title", "Comparing admin panels")
    ann.fill("#id_body", "Django's admin is **batteries included**.")
    ann.locator(".markdownx-preview strong").filter(has_text="batteries included").wait_for()
    ann.evaluate(DROP_IMAGE, ["#id_body", png_base64()])
    # Polled from Python: the page's CSP forbids the eval behind wait_for_function.
    for _ in range(100):
        if "![](/media/uploads/" in ann.input_value("#id_body"):
            break
        ann.wait_for_timeout(100)
    ann.locator(".markdownx-preview img").wait_for()
    body = ann.input_value("#id_body").replace("![](", "![A blue test chart](")
    ann.fill("#id_body", body)
    ann.select_option("#id_status", "review")
    ann.click("input[name=_save]")
    ann.wait_for_url(site + "/admin/blog/post/")
    post = Post.objects.get()
    assert post.status == "review" and post.author.user.username == "ann"
    assert 'alt="A blue test chart"' in post.body_html

    # The editor reviews it and schedules it a minute ahead.
    eve = logged_in(browser, site, "eve")
    eve.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    when = timezone.localtime() + dt.timedelta(minutes=1)
    publish_at(eve, site, when)
    assert Post.objects.get().is_scheduled

    # A reader sees nothing before the time, and the post after it: no process runs in between.
    reader = browser.new_context().new_page()
    assert reader.goto(site + post.get_absolute_url()).status == 404
    later = timezone.now() + dt.timedelta(minutes=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert reader.goto(site + post.get_absolute_url()).status == 200
    assert "batteries included" in reader.content()

    # The editor changes the text, then restores the previous revision; the reader follows.
    eve.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    eve.fill("#id_body", "Rewritten in haste.")
    eve.click("input[name=_save]")
    eve.wait_for_url(site + "/admin/blog/post/")
    reader.goto(site + post.get_absolute_url())
    assert "Rewritten in haste." in reader.content()
    eve.goto(f"{site}/admin/blog/post/{post.pk}/history/")
    eve.locator("#change-history a").nth(1).click()  # the revision before the last
    eve.click("input[name=_save]")
    eve.wait_for_url(site + "/admin/blog/post/")
    reader.goto(site + post.get_absolute_url())
    assert "batteries included" in reader.content() and "Rewritten in haste." not in reader.content()
    assert ann.csp_errors == [] and eve.csp_errors == []  # the admin works under the site's CSP


def test_two_editors_on_one_post_the_second_save_is_refused(people, browser, make_post):
    site = people
    post = make_post("Shared draft", status="draft", body="First text.")
    eve, ed = logged_in(browser, site, "eve"), logged_in(browser, site, "ed")
    for page in (eve, ed):
        page.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    eve.fill("#id_description", "Eve's summary")
    eve.click("input[name=_save]")
    eve.wait_for_url(site + "/admin/blog/post/")
    ed.fill("#id_description", "Ed's summary")
    ed.click("input[name=_save]")
    ed.locator(".errorlist.nonfield").wait_for()
    assert "eve saved this at" in ed.locator(".errorlist.nonfield").inner_text()
    assert Post.objects.get().description == "Eve's summary"
