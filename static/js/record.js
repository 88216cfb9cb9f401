// The exemplar's record and form (templates/registry/exemplar_detail.html, exemplar_form.html).
// Everything here also works without script: the sending is then confirmed on a page of its
// own, and the form shows the specific criterion of the field it was saved with.

// Sending asks first, in a dialog (the browser's own <dialog>: it keeps the focus inside,
// closes with Escape and gives the focus back to the button that opened it).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-open-dialog]").forEach((button) => {
    const dialog = document.getElementById(button.dataset.openDialog);
    if (!dialog || typeof dialog.showModal !== "function") {
      return; // the confirmation step of its own does the same
    }
    button.addEventListener("click", (event) => {
      event.preventDefault();
      dialog.showModal();
    });
  });
});

// The form shows the specific criterion of the field chosen, numbered as in the catalogue.
document.addEventListener("DOMContentLoaded", () => {
  const select = document.getElementById("id_field");
  const criteria = document.querySelectorAll(".specific-criterion[data-field]");
  if (!select || !criteria.length) {
    return;
  }
  const none = document.querySelector(".specific-criterion-none");
  const update = () => {
    let shown = false;
    criteria.forEach((criterion) => {
      const chosen = criterion.dataset.field === select.value;
      criterion.hidden = !chosen;
      shown = shown || chosen;
    });
    if (none) {
      none.hidden = shown;
    }
  };
  select.addEventListener("change", update);
  update();
});
