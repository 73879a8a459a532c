// The Markdown editor of the admin forms, around django-markdownx's textarea and live preview:
// a toolbar (bold, italic, link; an entry, a comparison or a figure from a picker; full screen),
// the preview beside the text on wide screens and following its scroll, a Write/Preview switch
// on narrow ones, and shortcuts (Ctrl/Cmd + B, I, K; Ctrl/Cmd + S saves and stays). A plain
// textarea stays underneath: the browser's undo, spell check and screen readers keep working.
(function () {
  "use strict";

  function make(tag, attributes, text) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      element.setAttribute(key, attributes[key]);
    });
    if (text) element.textContent = text;
    return element;
  }

  // Replace the editor's selection, keeping the browser's undo where it can (execCommand), and
  // telling markdownx (its preview) and autosave that the text changed.
  function replaceSelection(editor, text, selectFrom, selectTo) {
    var start = editor.selectionStart;
    editor.focus();
    var done = false;
    try {
      done = document.execCommand("insertText", false, text);
    } catch (error) {
      done = false;
    }
    if (!done) {
      editor.setRangeText(text, start, editor.selectionEnd, "end");
      editor.dispatchEvent(new Event("input", { bubbles: true }));
    }
    if (selectFrom !== undefined) editor.setSelectionRange(start + selectFrom, start + selectTo);
  }

  function wrap(editor, before, after, placeholder) {
    var chosen = editor.value.slice(editor.selectionStart, editor.selectionEnd) || placeholder;
    replaceSelection(editor, before + chosen + after, before.length, before.length + chosen.length);
  }

  function link(editor) {
    var chosen = editor.value.slice(editor.selectionStart, editor.selectionEnd) || "link text";
    var text = "[" + chosen + "](https://)";
    replaceSelection(editor, text, chosen.length + 3, text.length - 1);
  }

  // A fenced block goes on lines of its own, wherever the cursor was.
  function insertBlock(editor, block) {
    var before = editor.value.slice(0, editor.selectionStart);
    var lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    replaceSelection(editor, lead + block + "\n\n");
  }

  // Dialogs ------------------------------------------------------------------------------------

  function dialog(id, title) {
    var box = make("dialog", { class: "writing-dialog", id: id, "aria-labelledby": id + "-title" });
    box.appendChild(make("h2", { id: id + "-title" }, title));
    document.body.appendChild(box);
    return box;
  }

  function closeButton(box) {
    var close = make("button", { type: "button", class: "button" }, "Cancel");
    close.addEventListener("click", function () {
      box.close();
    });
    return close;
  }

  // A search over the entries (the picker endpoint) inside a dialog: a list of buttons, one per
  // entry found; `choose(entry)` hears which was clicked, `answered(answer)` every whole answer,
  // and `extra()` may add to the query string (the comparison picker asks for the kinds once).
  function entrySearch(box, url, choose, answered, extra) {
    var id = box.id + "-search";
    var label = make("label", { for: id }, "Search entries by name");
    var search = make("input", { type: "search", id: id, autocomplete: "off" });
    var list = make("ul", { class: "picker-list", "aria-label": "Entries" });
    var message = make("p", { class: "picker-message", role: "status" });
    box.append(label, search, message, list);
    var asked = 0;
    var shown = {};

    function show(entries) {
      list.replaceChildren();
      shown = {};
      message.textContent = entries.length ? entries.length + " shown." : "No entry has that name.";
      entries.forEach(function (entry) {
        shown[entry.slug] = entry;
        var item = make("li");
        var button = make("button", { type: "button", class: "picker-choice", "data-slug": entry.slug });
        button.append(make("span", { class: "picker-name" }, entry.name));
        button.append(make("span", { class: "picker-detail" }, entry.slug + (entry.status !== "published" ? " · " + entry.status_label : "")));
        item.appendChild(button);
        list.appendChild(item);
      });
    }

    function load() {
      var number = ++asked;
      var query = "?q=" + encodeURIComponent(search.value) + (extra ? extra() : "");
      fetch(url + query, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (answer) {
          if (number !== asked) return;
          show(answer.entries);
          if (answered) answered(answer);
        })
        .catch(function () {
          message.textContent = "Could not list the entries: try again.";
        });
    }

    search.addEventListener("input", load);
    list.addEventListener("click", function (event) {
      var button = event.target.closest(".picker-choice");
      if (button) choose(shown[button.dataset.slug], message);
    });
    return function reset() {
      search.value = "";
      load();
      search.focus();
    };
  }

  function entryPicker(editor, url) {
    var box = dialog("entry-picker", "Embed an entry");
    var reset = entrySearch(box, url, function (entry) {
      box.close();
      insertBlock(editor, "```framework " + entry.slug + "\n```");
    });
    box.appendChild(closeButton(box));
    return function open() {
      box.showModal();
      reset();
    };
  }

  // A ```compare block: two to six entries in the order chosen, and optionally which facts
  // (none ticked: every comparable one, as on the comparison pages).
  function comparePicker(editor, url) {
    var box = dialog("compare-picker", "Compare entries");
    var chosen = [];
    var limits = { min: 2, max: 6 };
    var reset = entrySearch(box, url, function (entry, message) {
      if (chosen.some(function (each) { return each.slug === entry.slug; })) return;
      if (chosen.length >= limits.max) {
        message.textContent = "A comparison holds " + limits.max + " entries at most.";
        return;
      }
      chosen.push(entry);
      showChosen();
    }, function (answer) {
      if (!answer.kinds) return;
      limits = answer.compare;
      showKinds(answer.kinds);
      showChosen();
    }, function () {
      return facts.childElementCount ? "" : "&kinds=1";
    });
    var heading = make("h3", { id: "compare-picker-chosen" }, "Compared, in this order");
    var picked = make("ol", { class: "picker-chosen", "aria-labelledby": "compare-picker-chosen" });
    var facts = make("fieldset", { class: "picker-facts" });
    var insert = make("button", { type: "button", class: "button default" }, "Insert comparison");
    box.append(heading, picked, facts, insert, closeButton(box));

    function showChosen() {
      picked.replaceChildren();
      chosen.forEach(function (entry, index) {
        var item = make("li", {}, entry.name + " ");
        var remove = make("button", { type: "button", class: "picker-remove", "aria-label": "Remove " + entry.name }, "Remove");
        remove.addEventListener("click", function () {
          chosen.splice(index, 1);
          showChosen();
        });
        item.appendChild(remove);
        picked.appendChild(item);
      });
      if (!chosen.length) picked.appendChild(make("li", { class: "picker-empty" }, "Choose " + limits.min + " to " + limits.max + " entries above."));
      insert.disabled = chosen.length < limits.min;
    }

    function showKinds(kinds) {
      facts.appendChild(make("legend", {}, "Facts shown (none ticked: every comparable fact)"));
      kinds.forEach(function (kind) {
        var id = "compare-fact-" + kind.slug;
        var row = make("p");
        row.append(make("input", { type: "checkbox", id: id, value: kind.slug }), make("label", { for: id }, kind.name));
        facts.appendChild(row);
      });
    }

    insert.addEventListener("click", function () {
      var ticked = Array.prototype.map.call(facts.querySelectorAll("input:checked"), function (input) {
        return input.value;
      });
      var lines = ["```compare " + chosen.map(function (entry) { return entry.slug; }).join(" ")];
      if (ticked.length) lines.push("facts: " + ticked.join(", "));
      box.close();
      insertBlock(editor, lines.concat("```").join("\n"));
    });

    return function open() {
      chosen = [];
      showChosen();
      facts.querySelectorAll("input").forEach(function (input) {
        input.checked = false;
      });
      box.showModal();
      reset();
    };
  }

  function figurePicker(editor, uploadUrl) {
    var box = dialog("figure-picker", "Add a figure");
    var form = make("form", { method: "dialog", class: "figure-form" });
    var fields = [
      ["figure-file", "Image", { type: "file", accept: "image/jpeg,image/png,image/gif,image/webp", required: "" }],
      ["figure-alt", "Alternative text (what the image shows, for readers who cannot see it)", { type: "text", required: "", maxlength: "300" }],
      ["figure-caption", "Caption (optional)", { type: "text", maxlength: "300" }],
    ];
    fields.forEach(function (field) {
      var row = make("p");
      row.append(make("label", { for: field[0] }, field[1]), make("input", Object.assign({ id: field[0] }, field[2])));
      form.appendChild(row);
    });
    var message = make("p", { class: "picker-message", role: "alert" });
    var insert = make("button", { type: "submit", class: "button default" }, "Upload and insert");
    form.append(message, insert, closeButton(box));
    box.appendChild(form);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var file = form.querySelector("#figure-file").files[0];
      var alt = form.querySelector("#figure-alt").value.trim();
      var caption = form.querySelector("#figure-caption").value.trim();
      if (!alt) {
        message.textContent = "Describe the image first: a figure without alternative text is not inserted.";
        form.querySelector("#figure-alt").focus();
        return;
      }
      var data = new FormData();
      data.append("image", file);
      var token = document.querySelector("input[name=csrfmiddlewaretoken]");
      data.append("csrfmiddlewaretoken", token ? token.value : "");
      insert.disabled = true;
      message.textContent = "Uploading…";
      fetch(uploadUrl, { method: "POST", body: data, credentials: "same-origin", headers: { "X-Requested-With": "XMLHttpRequest" } })
        .then(function (response) {
          return response.json().then(function (answer) {
            return { ok: response.ok, answer: answer };
          });
        })
        .then(function (result) {
          var found = result.ok && /\]\((.+)\)\s*$/.exec(result.answer.image_code || "");
          if (!found) {
            var errors = result.answer.image || result.answer.__all__ || ["The image was refused."];
            throw new Error(errors.join(" "));
          }
          box.close();
          var lines = ["```figure", "src: " + found[1], "alt: " + JSON.stringify(alt)];
          if (caption) lines.push("caption: " + JSON.stringify(caption));
          insertBlock(editor, lines.concat("```").join("\n"));
        })
        .catch(function (error) {
          message.textContent = error.message || "The upload failed: try again.";
        })
        .finally(function () {
          insert.disabled = false;
        });
    });
    return function open() {
      form.reset();
      message.textContent = "";
      box.showModal();
      form.querySelector("#figure-file").focus();
    };
  }

  // One editor ---------------------------------------------------------------------------------

  function setUp(container, index) {
    var editor = container.querySelector(".markdownx-editor");
    var preview = container.querySelector(".markdownx-preview");
    if (!editor || !preview || container.classList.contains("writing")) return;
    container.classList.add("writing");
    var id = editor.id || "markdown-" + index;
    preview.id = id + "-preview";
    preview.setAttribute("role", "region");
    var label = document.querySelector('label[for="' + id + '"]');
    var named = label ? label.textContent.replace(/:\s*$/, "").trim() : "";
    preview.setAttribute("aria-label", named ? "Preview of " + named : "Preview");
    preview.setAttribute("tabindex", "0"); // scrollable: reachable by keyboard

    var toolbar = make("div", { class: "writing-toolbar", role: "toolbar", "aria-label": "Formatting", "aria-controls": id });
    function button(label, title, action, extra) {
      var made = make("button", Object.assign({ type: "button", class: "writing-button", title: title }, extra || {}), label);
      made.addEventListener("click", action);
      toolbar.appendChild(made);
      return made;
    }
    button("B", "Bold (Ctrl+B)", function () {
      wrap(editor, "**", "**", "bold text");
    }, { "aria-label": "Bold" });
    button("I", "Italic (Ctrl+I)", function () {
      wrap(editor, "_", "_", "italic text");
    }, { "aria-label": "Italic" });
    button("Link", "Link (Ctrl+K)", function () {
      link(editor);
    });
    if (editor.dataset.entryPicker) {
      button("Entry…", "Embed a framework entry", entryPicker(editor, editor.dataset.entryPicker));
      button("Compare…", "Embed a comparison of entries' facts", comparePicker(editor, editor.dataset.entryPicker));
    }
    var uploadUrl = editor.getAttribute("data-markdownx-upload-urls-path");
    if (uploadUrl) button("Figure…", "Upload an image as a figure", figurePicker(editor, uploadUrl));

    // Narrow screens: one pane at a time.
    var tabs = make("div", { class: "writing-tabs", role: "group", "aria-label": "Show" });
    var writeTab = make("button", { type: "button", "aria-pressed": "true" }, "Write");
    var previewTab = make("button", { type: "button", "aria-pressed": "false" }, "Preview");
    function showPane(which) {
      container.classList.toggle("writing-show-preview", which === "preview");
      writeTab.setAttribute("aria-pressed", String(which !== "preview"));
      previewTab.setAttribute("aria-pressed", String(which === "preview"));
    }
    writeTab.addEventListener("click", function () {
      showPane("write");
      editor.focus();
    });
    previewTab.addEventListener("click", function () {
      showPane("preview");
    });
    tabs.append(writeTab, previewTab);
    toolbar.appendChild(tabs);

    var full = button("Full screen", "Write full screen (Esc leaves)", function () {
      setFull(!container.classList.contains("writing-full"));
    }, { "aria-pressed": "false" });
    function setFull(on) {
      container.classList.toggle("writing-full", on);
      document.documentElement.classList.toggle("writing-full-page", on);
      full.setAttribute("aria-pressed", String(on));
      full.textContent = on ? "Leave full screen" : "Full screen";
      editor.focus();
    }

    if (index === 0) toolbar.appendChild(make("span", { class: "writing-status", role: "status" }));
    container.insertBefore(toolbar, container.firstChild);

    var hint = make("p", { class: "help writing-hint", id: id + "-hint" }, "Tab indents; press Esc, then Tab, to leave the text.");
    container.appendChild(hint);
    editor.setAttribute("aria-describedby", ((editor.getAttribute("aria-describedby") || "") + " " + hint.id).trim());

    // The preview follows the text: the same share of each scrolled.
    function follow() {
      var range = editor.scrollHeight - editor.clientHeight;
      var share = range > 0 ? editor.scrollTop / range : 0;
      preview.scrollTop = share * (preview.scrollHeight - preview.clientHeight);
    }
    editor.addEventListener("scroll", follow, { passive: true });
    container.addEventListener("markdownx.update", follow);

    // Keys: shortcuts, Esc out of full screen, and Esc then Tab out of the text (markdownx
    // indents on Tab; this listener runs first, on the way down).
    var leaving = false;
    container.addEventListener("keydown", function (event) {
      if (event.target !== editor) return;
      if (event.key === "Escape") {
        leaving = true;
        if (container.classList.contains("writing-full")) setFull(false);
        return;
      }
      if (event.key === "Tab" && leaving) {
        leaving = false;
        event.stopPropagation(); // the browser moves the focus on
        return;
      }
      leaving = false;
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      var key = event.key.toLowerCase();
      var actions = {
        b: function () { wrap(editor, "**", "**", "bold text"); },
        i: function () { wrap(editor, "_", "_", "italic text"); },
        k: function () { link(editor); },
      };
      if (actions[key] && !event.shiftKey) {
        event.preventDefault();
        event.stopPropagation();
        actions[key]();
      }
    }, true);
  }

  // Ctrl/Cmd + S anywhere on the form: save and keep editing.
  function saveShortcut() {
    document.addEventListener("keydown", function (event) {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
        var stay = document.querySelector("input[name=_continue]") || document.querySelector("input[name=_save]");
        if (!stay) return;
        event.preventDefault();
        stay.click();
      }
    });
  }

  function ready() {
    var containers = document.querySelectorAll(".markdownx");
    Array.prototype.forEach.call(containers, setUp);
    if (containers.length) saveShortcut();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
