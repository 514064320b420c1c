/* sphinx-folio publications: a copy button beside each BibTeX block.
   A progressive extra: without JavaScript the BibTeX is still shown (in <details>) and
   can be selected by hand, and no dead button is left on the page. */
(function () {
  "use strict";
  function addButton(pre) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "folio-btn folio-copy";
    button.textContent = "Copy BibTeX";
    var status = document.createElement("span");
    status.className = "folio-copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      var text = pre.textContent;
      var done = function () { status.textContent = "Copied"; };
      var failed = function () { status.textContent = "Press Ctrl+C to copy"; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, failed);
      } else {
        var range = document.createRange();
        range.selectNodeContents(pre);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        try { document.execCommand("copy") ? done() : failed(); } catch (e) { failed(); }
      }
    });
    pre.insertAdjacentElement("afterend", button);
    button.insertAdjacentElement("afterend", status);
  }
  function init() {
    document.querySelectorAll("pre[data-folio-copy]").forEach(addButton);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
