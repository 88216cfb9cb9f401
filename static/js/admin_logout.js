/* The administration's own "Log out" ends the signed-in person's form drafts in this browser,
   as the portal's does (static/js/drafts.js): this script's data-user names the person. */
(function () {
  "use strict";

  const user = document.currentScript && document.currentScript.dataset.user;
  if (!user) {
    return;
  }
  function clearDrafts() {
    try {
      const store = window.localStorage;
      const prefix = "portal-draft:" + user + ":";
      Object.keys(store)
        .filter((key) => key.startsWith(prefix))
        .forEach((key) => store.removeItem(key));
      store.removeItem("portal-activity:" + user);
    } catch (error) {
      // storage is off: there are no drafts to clear
    }
  }
  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("logout-form");
    if (form) {
      form.addEventListener("submit", clearDrafts);
    }
  });
})();
