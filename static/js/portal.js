// The portal's own behaviour; kept in a file so the Content-Security-Policy can forbid
// inline script.
document.addEventListener("DOMContentLoaded", () => {
  // After an htmx swap of search results, move focus to them for screen-reader users
  // only when the swap followed an explicit submit.
  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.requestConfig && event.detail.requestConfig.triggeringEvent &&
        event.detail.requestConfig.triggeringEvent.type === "submit") {
      event.detail.target.setAttribute("tabindex", "-1");
      event.detail.target.focus();
    }
  });
});

// The exemplar form shows only the fields of the chosen subject kind.
document.addEventListener("DOMContentLoaded", () => {
  const radios = document.querySelectorAll('input[name="subject_kind"]');
  if (!radios.length) {
    return;
  }
  const update = () => {
    const chosen = document.querySelector('input[name="subject_kind"]:checked');
    document.querySelectorAll(".subject-group").forEach((group) => {
      group.classList.toggle("is-hidden", !chosen || group.dataset.subject !== chosen.value);
    });
  };
  radios.forEach((radio) => radio.addEventListener("change", update));
  update();
});
