// Drag pros and cons into order; the hidden-in-plain-sight "position" inputs are renumbered on drop.
// Without JavaScript the position numbers are still there to edit by hand.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const group of document.querySelectorAll(".inline-group .tabular")) {
    const body = group.querySelector("tbody");
    if (!body || !body.querySelector("input[name$='-position']")) continue;
    let dragged = null;
    const rows = () => [...body.querySelectorAll("tr.form-row:not(.empty-form)")];
    const renumber = () => rows().forEach((row, index) => {
      const input = row.querySelector("input[name$='-position']");
      const filled = [...row.querySelectorAll("input[type=text], textarea")].some((field) => field.value.trim());
      if (input && (filled || input.value)) input.value = index;
    });
    const prepare = (row) => {
      if (row.draggable) return;
      row.draggable = true;
      row.classList.add("sortable-row");
      row.addEventListener("dragstart", () => { dragged = row; row.classList.add("is-dragging"); });
      row.addEventListener("dragend", () => { row.classList.remove("is-dragging"); dragged = null; renumber(); });
      row.addEventListener("dragover", (event) => {
        event.preventDefault();
        if (!dragged || dragged === row) return;
        const box = row.getBoundingClientRect();
        body.insertBefore(dragged, event.clientY < box.top + box.height / 2 ? row : row.nextSibling);
      });
    };
    rows().forEach(prepare);
    document.addEventListener("formset:added", (event) => { if (body.contains(event.target)) { prepare(event.target); renumber(); } });
  }
});
