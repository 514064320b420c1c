/* sphinx-folio publications: a copy button beside each BibTeX block, and a filter for the
   full list. Both are progressive extras: without JavaScript the BibTeX is still shown (in
   <details>) and every paper is listed, and no dead control is left on the page. The
   filter reads the data-* attributes the entry template writes (year, kind, tags,
   authors), keeps its state in the URL query (?tag=...&year=...) so a view can be shared
   and the back button works, and says in a live region how many papers are shown. */
(function () {
  "use strict";
  function addButton(pre) {
    // A paper page draws its button row (Copy and Download) at build time.
    var row = pre.nextElementSibling;
    var drawn = row && row.classList.contains("folio-bib-actions");
    var button = drawn ? row.querySelector("button.folio-copy") : document.createElement("button");
    var status = drawn ? row.querySelector(".folio-copy-status") : document.createElement("span");
    if (!button || !status) return;
    if (!drawn) {
      button.type = "button";
      button.className = "folio-btn folio-copy";
      button.textContent = "Copy BibTeX";
      status.className = "folio-copy-status";
      status.setAttribute("role", "status");
    }
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
    if (drawn) return;
    pre.insertAdjacentElement("afterend", button);
    button.insertAdjacentElement("afterend", status);
  }
  function key(text) { return text.trim().toLowerCase().replace(/\s+/g, "-"); }
  function split(value) { return value ? value.split("|") : []; }
  /* The filter is drawn by the build (publication-list.html), so that the list does not
     move when this runs; here it is given its behaviour. */
  function addFilter(list) {
    var form = list.querySelector("form.folio-pub-filter");
    var count = list.querySelector(".folio-pub-count");
    if (!form || !count) return;
    var items = Array.prototype.slice.call(list.querySelectorAll("li.folio-pub"));
    var facts = items.map(function (li) {
      var text = [".folio-pub-title", ".folio-pub-authors", ".folio-pub-venue"]
        .map(function (s) { var n = li.querySelector(s); return n ? n.textContent : ""; })
        .join(" ") + " " + split(li.dataset.tags).join(" ");
      return {li: li, year: li.dataset.year || "", type: li.dataset.kind || "",
        tag: split(li.dataset.tags).map(key), author: split(li.dataset.authors).map(key),
        text: text.toLowerCase()};
    });
    var controls = {};
    form.querySelectorAll("select, input").forEach(function (c) { controls[c.name] = c; });
    ["tag", "author"].forEach(function (field) {
      // Keyed here as the papers are, whatever the build's idea of lower case.
      if (controls[field]) controls[field].querySelectorAll("option").forEach(function (o) {
        if (o.value) o.value = key(o.value);
      });
    });
    var search = controls.q;
    var reset = form.querySelector(".folio-pub-filter-reset");

    function state() {
      var out = {};
      Object.keys(controls).forEach(function (f) { if (controls[f].value) out[f] = controls[f].value; });
      return out;
    }
    function apply() {
      var want = state(), shown = 0;
      var words = (want.q || "").toLowerCase().split(/\s+/).filter(Boolean);
      facts.forEach(function (f) {
        var ok = (!want.year || f.year === want.year) && (!want.type || f.type === want.type) &&
          (!want.tag || f.tag.indexOf(want.tag) >= 0) &&
          (!want.author || f.author.indexOf(want.author) >= 0) &&
          words.every(function (w) { return f.text.indexOf(w) >= 0; });
        f.li.hidden = !ok;
        if (ok) shown++;
      });
      list.querySelectorAll("section.folio-pub-group").forEach(function (section) {
        section.hidden = !section.querySelector("li.folio-pub:not([hidden])");
      });
      var text = shown === facts.length
        ? "Showing all " + shown + " papers"
        : "Showing " + shown + " of " + facts.length + " papers";
      if (count.textContent !== text) count.textContent = text;
      // "Show all" only when something is hidden.
      if (reset) reset.hidden = shown === facts.length;
    }
    function fromUrl() {
      var params = new URLSearchParams(window.location.search);
      Object.keys(controls).forEach(function (f) {
        var v = params.get(f) || "";
        var c = controls[f];
        c.value = c.tagName === "SELECT" && !c.querySelector('option[value="' + CSS.escape(v) + '"]') ? "" : v;
      });
      apply();
    }
    function toUrl(push) {
      var params = new URLSearchParams(window.location.search);
      Object.keys(controls).forEach(function (f) { params.delete(f); });
      var want = state();
      Object.keys(want).forEach(function (f) { params.set(f, want[f]); });
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history[push ? "pushState" : "replaceState"](null, "", url);
    }
    form.addEventListener("change", function () { apply(); toUrl(true); });
    if (search) search.addEventListener("input", function () { apply(); toUrl(false); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    if (reset) reset.addEventListener("click", function () {
      Object.keys(controls).forEach(function (f) { controls[f].value = ""; });
      apply(); toUrl(true);
      (search || form).focus();
    });
    window.addEventListener("popstate", fromUrl);
    fromUrl();
  }
  function init() {
    document.querySelectorAll("pre[data-folio-copy]").forEach(addButton);
    document.querySelectorAll(".folio-publications[data-folio-filter]").forEach(addFilter);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
