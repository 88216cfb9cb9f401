// "Select all" for a list of row checkboxes (the review queue's bulk actions): the box in
// the table's head, named by data-select-all, ticks or clears every row of its form and
// shows as mixed when only some are ticked. It is a native checkbox, so Space toggles it
// and screen readers announce "mixed". Without script it stays hidden and each row is
// ticked by hand, as before. Listeners sit on the document: they survive htmx swaps.
(() => {
  const rowsOf = (master) =>
    Array.from(master.form ? master.form.elements : []).filter(
      (element) => element.type === "checkbox" && element.name === master.dataset.selectAll,
    );

  const sync = (master) => {
    const rows = rowsOf(master);
    const ticked = rows.filter((row) => row.checked).length;
    master.checked = rows.length > 0 && ticked === rows.length;
    master.indeterminate = ticked > 0 && ticked < rows.length;
  };

  const setUp = (root) => {
    root.querySelectorAll("input[data-select-all]").forEach((master) => {
      master.hidden = false;
      sync(master);
    });
  };

  document.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== "checkbox") {
      return;
    }
    if (box.dataset.selectAll) {
      rowsOf(box).forEach((row) => {
        row.checked = box.checked;
      });
      box.indeterminate = false;
      return;
    }
    document.querySelectorAll("input[data-select-all]").forEach((master) => {
      if (master.dataset.selectAll === box.name && master.form === box.form) {
        sync(master);
      }
    });
  });

  document.addEventListener("DOMContentLoaded", () => setUp(document));
  document.addEventListener("htmx:afterSwap", (event) => setUp(event.detail.target));
})();
