// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // Copy buttons: <button data-copy-target="ID" data-copied-text="…" hidden> copies the text of element ID.
  // They stay hidden without JavaScript or without the clipboard API, where the text is simply selectable.
  if (navigator.clipboard && window.isSecureContext) {
    document.querySelectorAll("button[data-copy-target]").forEach(function (button) {
      var target = document.getElementById(button.getAttribute("data-copy-target"));
      if (!target) return;
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(target.textContent.trim()).then(function () {
          button.textContent = button.getAttribute("data-copied-text") || label;
          window.setTimeout(function () { button.textContent = label; }, 2000);
        });
      });
    });
  }
})();
