// Autosave of the editorial forms (config/editorial/autosave.py keeps the copy, per user and
// object, on the server): every few seconds while the form differs from what was last kept, and
// once more when the tab closes. A copy is only ever put back into the form, at the editor's
// request, and only when nobody saved the object since (the server decides, and says so).
(function () {
  "use strict";

  var EVERY_MS = 4000;

  function formOf(holder) {
    return holder.closest("form");
  }

  // The form's fields as it would post them, files left out (an upload is never kept).
  function fieldsOf(form) {
    var data = new FormData(form);
    var kept = new URLSearchParams();
    data.forEach(function (value, name) {
      if (typeof value === "string") kept.append(name, value);
    });
    return kept;
  }

  function statusLine(form) {
    var line = form.querySelector(".writing-status");
    if (line) return line;
    line = document.createElement("p");
    line.className = "writing-status autosave-status";
    line.setAttribute("role", "status");
    var submitRow = form.querySelector(".submit-row");
    (submitRow || form).prepend(line);
    return line;
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }

  // Put a kept copy back: every visible field it names takes its value (hidden fields, such as
  // the edit number of the optimistic lock and the inline forms' counters, stay as loaded).
  function restore(form, pairs) {
    var values = new Map();
    pairs.forEach(function (pair) {
      if (!values.has(pair[0])) values.set(pair[0], []);
      values.get(pair[0]).push(pair[1]);
    });
    Array.prototype.forEach.call(form.elements, function (element) {
      var name = element.name;
      if (!name || element.type === "hidden" || element.type === "file" || element.type === "submit") return;
      var wanted = values.get(name) || [];
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = wanted.indexOf(element.value) !== -1;
      } else if (element.type === "select-multiple") {
        Array.prototype.forEach.call(element.options, function (option) {
          option.selected = wanted.indexOf(option.value) !== -1;
        });
      } else if (values.has(name)) {
        element.value = wanted[0];
      } else {
        return;
      }
      element.dispatchEvent(new Event("input", { bubbles: true }));
      element.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function start(holder) {
    var form = formOf(holder);
    if (!form) return;
    var url = holder.dataset.url;
    var discardUrl = holder.dataset.discardUrl;
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    var lastKept = fieldsOf(form).toString(); // what was loaded: nothing to keep yet
    var submitting = false;
    var status = statusLine(form);

    function keep() {
      if (submitting) return;
      var fields = fieldsOf(form);
      var text = fields.toString();
      if (text === lastKept) return;
      lastKept = text;
      post(url, fields)
        .then(function (answer) {
          status.textContent = "Unsaved changes kept at " + answer.saved_at + ".";
        })
        .catch(function () {
          lastKept = ""; // try again next time
          status.textContent = "Could not keep your unsaved changes: check your connection.";
        });
    }

    setInterval(keep, EVERY_MS);
    form.addEventListener("submit", function () {
      submitting = true;
    });
    // Closing the tab: one last copy, sent even as the page goes away.
    window.addEventListener("pagehide", function () {
      if (submitting) return;
      var fields = fieldsOf(form);
      if (fields.toString() !== lastKept && navigator.sendBeacon) navigator.sendBeacon(url, fields);
    });

    var offer = document.getElementById("autosave-offer");
    if (!offer) return;
    var outcome = offer.querySelector(".autosave-outcome");
    offer.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-autosave]");
      if (!button) return;
      if (button.dataset.autosave === "restore") {
        var data = document.getElementById("autosave-fields");
        restore(form, JSON.parse(data.textContent));
        offer.querySelectorAll("button").forEach(function (each) {
          each.hidden = true;
        });
        outcome.textContent = "Restored. Save to keep them.";
        lastKept = ""; // the restored state is kept again at the next tick
      } else {
        var body = new URLSearchParams();
        body.append("csrfmiddlewaretoken", token ? token.value : "");
        post(discardUrl, body).then(function () {
          offer.querySelectorAll("button").forEach(function (each) {
            each.hidden = true;
          });
          outcome.textContent = "Discarded.";
        });
      }
    });
  }

  function ready() {
    var holder = document.getElementById("autosave");
    if (holder) start(holder);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
