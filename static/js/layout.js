// The shared look of every page: tables that say they scroll, and file inputs in the portal's
// language. Texts come from <template> elements of templates/base.html (translated there);
// kept in a file so the Content-Security-Policy can forbid inline script.
(() => {
  "use strict";

  // Tables wider than the screen: a shadow on each side that has more to show, and a hint
  // under the table. Screen-reader and keyboard users have the region's own name and focus.
  const updateScrollCue = (box) => {
    const cue = box.parentElement;
    const extra = box.scrollWidth - box.clientWidth;
    const scrollable = extra > 1;
    cue.classList.toggle("is-scrollable", scrollable);
    cue.classList.toggle("has-more-left", scrollable && box.scrollLeft > 1);
    cue.classList.toggle("has-more-right", scrollable && box.scrollLeft < extra - 1);
  };

  const addScrollCue = (box) => {
    if (box.parentElement && box.parentElement.classList.contains("scroll-cue")) {
      updateScrollCue(box);
      return;
    }
    const cue = document.createElement("div");
    cue.className = "scroll-cue";
    box.before(cue);
    cue.append(box);
    const hint = document.getElementById("scroll-hint-template");
    if (hint) {
      cue.after(hint.content.cloneNode(true));
    }
    box.addEventListener("scroll", () => updateScrollCue(box), { passive: true });
    updateScrollCue(box);
  };

  // The elements matching ``selector`` in ``root``, ``root`` itself included.
  const within = (root, selector) => [
    ...(root.matches && root.matches(selector) ? [root] : []),
    ...root.querySelectorAll(selector),
  ];

  const observed = new WeakSet();
  const resizeObserver =
    "ResizeObserver" in window
      ? new ResizeObserver((entries) => entries.forEach((entry) => updateScrollCue(entry.target)))
      : null;

  const setUpTables = (root) => {
    within(root, ".table-responsive").forEach((box) => {
      addScrollCue(box);
      if (resizeObserver && !observed.has(box)) {
        observed.add(box);
        resizeObserver.observe(box);
      }
    });
  };

  // A file input shows a button and the names of the chosen files in the portal's language,
  // instead of the browser's own "Choose File / No file chosen". The input itself stays
  // (transparent, over the button), so clicking, dropping, the keyboard and the field's label
  // work as before.
  const describeFiles = (input, names) => {
    const files = Array.from(input.files || []);
    const template = document.getElementById("file-picker-template");
    names.textContent = files.length
      ? files.map((file) => file.name).join(", ")
      : template.dataset.none;
  };

  const setUpFilePickers = (root) => {
    const template = document.getElementById("file-picker-template");
    if (!template) {
      return;
    }
    within(root, 'input[type="file"]:not([data-file-picker])').forEach((input) => {
      input.dataset.filePicker = "";
      const picker = template.content.firstElementChild.cloneNode(true);
      const names = picker.querySelector(".file-picker-names");
      names.id = `${input.id || input.name}-chosen`;
      input.before(picker);
      picker.querySelector(".file-picker-button").append(input);
      const described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      input.setAttribute("aria-describedby", [names.id, ...described].join(" "));
      input.classList.add("file-picker-input");
      input.classList.remove("form-control");
      if (input.classList.contains("is-invalid")) {
        picker.classList.add("is-invalid");
      }
      input.addEventListener("change", () => describeFiles(input, names));
      describeFiles(input, names);
      // A form reset empties the input: the names follow.
      if (input.form) {
        input.form.addEventListener("reset", () => setTimeout(() => describeFiles(input, names)));
      }
    });
  };

  const setUp = (root) => {
    setUpTables(root);
    setUpFilePickers(root);
  };

  document.addEventListener("DOMContentLoaded", () => {
    setUp(document);
    // Content swapped in by htmx (lists, results) gets the same treatment.
    document.body.addEventListener("htmx:load", (event) => setUp(event.detail.elt));
    // Web fonts change the tables' widths once loaded.
    window.addEventListener("load", () =>
      document.querySelectorAll(".table-responsive").forEach(updateScrollCue),
    );
  });
})();
