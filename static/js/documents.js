/* Documents prepared while the reader waits (templates/reports/partials/document_actions.html).

   A link marked data-document-download (a draft's PDF or DOCX) is fetched in the background
   instead of followed: the button shows a spinner and is marked busy, the group's status
   (role="status", data-document-status) says the document is being prepared, and the rest of
   the page stays usable. When the file arrives it is saved under its own name and the status
   says so. A document too large for a request comes back as the page that follows the
   document worker's progress (a redirect): the browser goes there. A document past its page
   limit comes back as a page with the reason: the status shows it. Without JavaScript the
   links work as plain links. The texts are the status element's data-*-text attributes. */
(function () {
  "use strict";

  if (window.portalDocumentDownloads) {
    return; // the partial is on the page more than once
  }
  window.portalDocumentDownloads = true;

  function statusOf(link) {
    const group = link.closest("[data-document-actions]");
    return group ? group.querySelector("[data-document-status]") : null;
  }

  function say(status, text, kind) {
    if (!status) {
      return;
    }
    status.replaceChildren();
    status.classList.remove("text-danger", "text-success");
    if (kind === "error" || kind === "done") {
      status.classList.add(kind === "error" ? "text-danger" : "text-success");
    }
    status.append(document.createTextNode(text));
  }

  function busy(link, on) {
    if (on) {
      link.setAttribute("aria-busy", "true");
      link.setAttribute("aria-disabled", "true");
      link.classList.add("disabled");
      const spinner = document.createElement("span");
      spinner.className = "spinner-border spinner-border-sm me-1";
      spinner.setAttribute("aria-hidden", "true");
      spinner.dataset.documentSpinner = "";
      link.querySelectorAll(".bi").forEach((icon) => icon.classList.add("d-none"));
      link.prepend(spinner);
    } else {
      link.removeAttribute("aria-busy");
      link.removeAttribute("aria-disabled");
      link.classList.remove("disabled");
      link.querySelectorAll("[data-document-spinner]").forEach((spinner) => spinner.remove());
      link.querySelectorAll(".bi").forEach((icon) => icon.classList.remove("d-none"));
    }
  }

  function filename(response, fallback) {
    const header = response.headers.get("Content-Disposition") || "";
    const match = /filename="?([^";]+)"?/.exec(header);
    return match ? match[1] : fallback;
  }

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = name;
    anchor.hidden = true;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 60 * 1000);
  }

  async function prepare(link) {
    const status = statusOf(link);
    const texts = status ? status.dataset : {};
    busy(link, true);
    say(status, texts.busyText || "…", "busy");
    try {
      const response = await fetch(link.href, {
        credentials: "same-origin",
        headers: { Accept: "application/pdf, application/octet-stream, text/html" },
      });
      const type = response.headers.get("Content-Type") || "";
      if (response.ok && !type.startsWith("text/html")) {
        save(await response.blob(), filename(response, "van-ban"));
        say(status, texts.doneText || "", "done");
        return;
      }
      if (response.ok && response.redirected) {
        // The document worker's progress page, or the sign-in page after a timeout.
        window.location.assign(response.url);
        return;
      }
      let reason = "";
      if (type.startsWith("text/html")) {
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const message = page.querySelector("[data-testid='document-too-long']");
        reason = message ? message.textContent.trim() : "";
      }
      say(status, reason || texts.failedText || "", "error");
    } catch (error) {
      say(status, texts.failedText || "", "error");
    } finally {
      busy(link, false);
    }
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-document-download]");
    if (!link || event.defaultPrevented || event.button !== 0) {
      return;
    }
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return; // a new tab or window asked for: the browser's own way
    }
    if (!window.fetch) {
      return;
    }
    event.preventDefault();
    if (link.getAttribute("aria-busy") !== "true") {
      prepare(link);
    }
  });
})();
