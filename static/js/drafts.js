/* Nothing typed is lost to a session timeout (see registry/drafts.py).

   1. Drafts. A form marked data-keep-draft keeps its fields in this browser's localStorage
      while the user types, under "portal-draft:<user id>:<path>" (ids only, and two people
      on one computer never see each other's drafts). Opening the form again, after signing
      in again too, offers to restore a draft that differs from what the page shows. A draft
      ends when the server says the form is saved (data-saved-drafts on <body>), when the
      user signs out (a form marked data-clear-drafts), or after a week. Files, passwords,
      the CSRF token and hidden fields are never kept, except hidden fields marked
      data-keep-in-draft (an edit form's version: a restored draft then cannot overwrite a
      later save by someone else unnoticed).
   2. Idle warning. <body data-session-timeout> is the idle timeout in seconds. A minute
      before it ends the page offers to keep the session alive; once it has ended the page
      says so, and that the draft is kept. A page opened in another tab counts as activity. */
(function () {
  "use strict";

  const DRAFT = "portal-draft:";
  const ACTIVITY = "portal-activity:";
  const MAX_AGE = 7 * 24 * 60 * 60 * 1000;
  const SAVE_DELAY = 400; // milliseconds after the last keystroke
  const WARN_BEFORE = 60 * 1000;
  const NOT_KEPT = ["file", "password", "hidden", "submit", "button", "reset", "image"];

  const body = document.body;
  const user = body.dataset.user;
  const store = (() => {
    try {
      window.localStorage.getItem(DRAFT);
      return window.localStorage;
    } catch (error) {
      return null; // storage is off: the forms work as before, without drafts
    }
  })();
  // Saves to run at once: before a submit, when the page is left, when the session ends.
  const pendingSaves = [];
  let signingOut = false;

  function storedKeys(prefix) {
    const keys = [];
    for (let i = 0; i < store.length; i += 1) {
      const key = store.key(i);
      if (key && key.startsWith(prefix)) {
        keys.push(key);
      }
    }
    return keys;
  }

  function readStored(key) {
    try {
      return JSON.parse(store.getItem(key));
    } catch (error) {
      return null;
    }
  }

  function writeStored(key, value) {
    try {
      store.setItem(key, JSON.stringify(value));
    } catch (error) {
      // Storage full or refused: the page still holds what was typed.
    }
  }

  function decodedPath(path) {
    try {
      return decodeURIComponent(path);
    } catch (error) {
      return path;
    }
  }

  function draftKey(path) {
    return DRAFT + user + ":" + path;
  }

  function pad(number) {
    return String(number).padStart(2, "0");
  }

  // --- 1. Drafts -------------------------------------------------------------------------

  function isKept(field, withHidden) {
    if (!field.name || field.disabled || field.name === "csrfmiddlewaretoken" ||
        field.hasAttribute("data-no-draft")) {
      return false;
    }
    if (field.tagName === "TEXTAREA" || field.tagName === "SELECT") {
      return true;
    }
    if (field.tagName !== "INPUT") {
      return false;
    }
    if (field.type === "hidden") {
      return withHidden && field.hasAttribute("data-keep-in-draft");
    }
    return !NOT_KEPT.includes(field.type);
  }

  // Field name → list of values, in page order (checkboxes and multiple selects give several).
  function readFields(form, withHidden) {
    const values = {};
    Array.from(form.elements).forEach((field) => {
      if (!isKept(field, withHidden)) {
        return;
      }
      const list = values[field.name] || (values[field.name] = []);
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) {
          list.push(field.value);
        }
      } else if (field.tagName === "SELECT") {
        Array.from(field.selectedOptions).forEach((option) => list.push(option.value));
      } else {
        list.push(field.value);
      }
    });
    return values;
  }

  function fillFields(form, values) {
    const used = {};
    Array.from(form.elements).forEach((field) => {
      const list = values[field.name];
      if (!isKept(field, true) || !Array.isArray(list)) {
        return;
      }
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = list.includes(field.value);
      } else if (field.tagName === "SELECT") {
        Array.from(field.options).forEach((option) => {
          option.selected = list.includes(option.value);
        });
      } else {
        const index = used[field.name] || 0;
        used[field.name] = index + 1;
        if (index < list.length) {
          field.value = list[index];
        }
      }
      // Whatever depends on the field (the exemplar form's subject groups) follows it.
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  // Does the draft hold something the page does not show? Hidden fields do not count.
  function differs(kept, shown) {
    return Object.keys(kept).some((name) =>
      Object.prototype.hasOwnProperty.call(shown, name) &&
      JSON.stringify(kept[name]) !== JSON.stringify(shown[name]));
  }

  function offerDraft(form, key, draft) {
    const template = document.getElementById("draft-offer-template");
    if (!template) {
      return;
    }
    const banner = template.content.firstElementChild.cloneNode(true);
    const message = banner.querySelector("[data-draft-message]");
    const savedAt = new Date(draft.savedAt);
    message.textContent = message.dataset.text
      .replace("{time}", pad(savedAt.getHours()) + ":" + pad(savedAt.getMinutes()))
      .replace("{date}", pad(savedAt.getDate()) + "/" + pad(savedAt.getMonth() + 1));
    const close = (text) => {
      banner.querySelector("[data-draft-actions]").remove();
      if (text) {
        message.textContent = text;
        message.focus();
      } else {
        banner.remove();
        const first = Array.from(form.elements).find((field) => isKept(field, false));
        if (first) {
          first.focus();
        }
      }
    };
    banner.querySelector("[data-draft-restore]").addEventListener("click", () => {
      fillFields(form, draft.fields);
      close(message.dataset.restoredText);
    });
    banner.querySelector("[data-draft-dismiss]").addEventListener("click", () => {
      // Only the draft offered: what was typed since the banner showed stays kept.
      const stored = readStored(key);
      if (stored && stored.savedAt === draft.savedAt) {
        store.removeItem(key);
      }
      close("");
    });
    form.parentNode.insertBefore(banner, form);
  }

  function keepDraft(form) {
    const key = draftKey(decodedPath(window.location.pathname));
    const draft = readStored(key);
    let timer = null;
    let typed = false;
    const save = () => {
      clearTimeout(timer);
      timer = null;
      if (typed && !signingOut) {
        writeStored(key, { savedAt: Date.now(), fields: readFields(form, true) });
      }
    };
    const later = () => {
      typed = true;
      clearTimeout(timer);
      timer = setTimeout(save, SAVE_DELAY);
    };
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    // Saved before the post, and kept after it: a post that bounces to the login page or
    // fails validation must find the draft again. Only the server's word ends it.
    form.addEventListener("submit", save);
    pendingSaves.push(save);
    if (draft && draft.fields && differs(draft.fields, readFields(form, false))) {
      offerDraft(form, key, draft);
    }
  }

  function setUpDrafts() {
    const now = Date.now();
    storedKeys(DRAFT).forEach((key) => {
      const draft = readStored(key);
      if (!draft || typeof draft.savedAt !== "number" || now - draft.savedAt > MAX_AGE) {
        store.removeItem(key);
      }
    });
    if (!user) {
      return;
    }
    let saved = [];
    try {
      saved = JSON.parse(body.dataset.savedDrafts || "[]");
    } catch (error) {
      saved = [];
    }
    saved.forEach((path) => store.removeItem(draftKey(path)));
    document.querySelectorAll("form[data-clear-drafts]").forEach((form) => {
      form.addEventListener("submit", () => {
        signingOut = true;
        storedKeys(DRAFT + user + ":").forEach((key) => store.removeItem(key));
        store.removeItem(ACTIVITY + user);
      });
    });
    document.querySelectorAll("form[data-keep-draft]").forEach(keepDraft);
    window.addEventListener("pagehide", () => pendingSaves.forEach((save) => save()));
  }

  // --- 2. Idle warning ---------------------------------------------------------------------

  function csrfToken() {
    try {
      return JSON.parse(body.getAttribute("hx-headers"))["X-CSRFToken"];
    } catch (error) {
      const input = document.querySelector('input[name="csrfmiddlewaretoken"]');
      return input ? input.value : "";
    }
  }

  function watchSession() {
    const timeout = Number(body.dataset.sessionTimeout) * 1000;
    const dialog = document.getElementById("session-warning");
    if (!user || !timeout || !dialog) {
      return;
    }
    const text = dialog.querySelector("[data-session-text]");
    const keepAlive = dialog.querySelector("[data-session-continue]");
    const login = dialog.querySelector("[data-session-login]");
    const activityKey = ACTIVITY + user;
    const hasDrafts = store && document.querySelector("form[data-keep-draft]");
    let lastContact = Date.now(); // this page's own request renewed the session
    let state = "active";
    let timer = null;
    let returnFocus = null;
    let asking = false;

    const show = (next) => {
      if (state === next) {
        return;
      }
      if (state === "active") {
        returnFocus = document.activeElement;
      }
      state = next;
      dialog.dataset.state = next;
      if (next === "warning") {
        text.textContent = dialog.dataset.warningText;
      } else {
        pendingSaves.forEach((save) => save());
        text.textContent = hasDrafts ? dialog.dataset.endedDraftText : dialog.dataset.endedText;
        const here = window.location.pathname + window.location.search;
        login.href = body.dataset.loginUrl + "?next=" + encodeURIComponent(here);
      }
      keepAlive.hidden = next !== "warning";
      login.hidden = next !== "ended";
      dialog.hidden = false;
      (next === "warning" ? keepAlive : login).focus();
    };

    const hide = () => {
      if (state === "active") {
        return;
      }
      state = "active";
      delete dialog.dataset.state;
      dialog.hidden = true;
      if (returnFocus && document.contains(returnFocus)) {
        returnFocus.focus();
      }
      returnFocus = null;
    };

    const update = () => {
      clearTimeout(timer);
      const left = lastContact + timeout - Date.now();
      if (left <= 0) {
        show("ended");
      } else if (left <= WARN_BEFORE) {
        show("warning");
        timer = setTimeout(update, left);
      } else {
        hide();
        timer = setTimeout(update, Math.min(left - WARN_BEFORE, 60 * 60 * 1000));
      }
    };

    const contact = (at) => {
      lastContact = Math.max(lastContact, at);
      if (store) {
        try {
          store.setItem(activityKey, String(lastContact));
        } catch (error) {
          // Other tabs just will not know.
        }
      }
      update();
    };

    const ended = () => {
      lastContact = 0;
      update();
    };

    keepAlive.addEventListener("click", () => {
      if (asking) {
        return;
      }
      asking = true;
      fetch(body.dataset.keepAliveUrl, {
        method: "POST",
        headers: { "X-CSRFToken": csrfToken() },
        credentials: "same-origin",
        redirect: "manual", // an ended session answers with a redirect to the login page
      })
        .then((response) => (response.status === 204 ? contact(Date.now()) : ended()))
        .catch(() => {
          text.textContent = dialog.dataset.offlineText;
        })
        .finally(() => {
          asking = false;
        });
    });

    // Requests of this page (htmx) and pages of other tabs renew the session too.
    body.addEventListener("htmx:afterRequest", (event) => {
      const xhr = event.detail.xhr;
      if (!xhr || !xhr.status) {
        return;
      }
      const landed = xhr.responseURL ? new URL(xhr.responseURL).pathname : "";
      if (landed === body.dataset.loginUrl) {
        ended();
      } else {
        contact(Date.now());
      }
    });
    window.addEventListener("storage", (event) => {
      const at = Number(event.newValue);
      if (event.key === activityKey && at > lastContact) {
        lastContact = at;
        update();
      }
    });
    document.addEventListener("visibilitychange", update);
    contact(lastContact);
  }

  if (store) {
    setUpDrafts();
  }
  watchSession();
})();
