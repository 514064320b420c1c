/* sphinx-folio publications: a copy button beside each BibTeX block, and a filter for the
   full list. Both are progressive extras: without JavaScript the BibTeX is still shown (in
   <details>) and every paper is listed, and no dead control is left on the page. The
   filter reads the data-* attributes the entry template writes (year, kind, tags,
   authors), keeps its state in the URL query (?tag=...&year=...) so a view can be shared
   and the back button works, and says in a live region how many papers are shown. */
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
  var KINDS = {journal: "Journal", conference: "Conference", workshop: "Workshop",
    preprint: "Preprint", thesis: "Thesis", other: "Other"};
  var FIELDS = ["year", "type", "tag", "author"];
  function key(text) { return text.trim().toLowerCase().replace(/\s+/g, "-"); }
  function split(value) { return value ? value.split("|") : []; }
  function el(tag, props) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) { node[k] = props[k]; });
    return node;
  }
  function addFilter(list, number) {
    var items = Array.prototype.slice.call(list.querySelectorAll("li.folio-pub"));
    var facts = items.map(function (li) {
      var text = [".folio-pub-title", ".folio-pub-authors", ".folio-pub-venue"]
        .map(function (s) { var n = li.querySelector(s); return n ? n.textContent : ""; })
        .join(" ") + " " + split(li.dataset.tags).join(" ");
      return {li: li, year: li.dataset.year || "", type: li.dataset.kind || "",
        tag: split(li.dataset.tags).map(key), author: split(li.dataset.authors).map(key),
        text: text.toLowerCase()};
    });
    var choices = {year: {}, type: {}, tag: {}, author: {}};
    items.forEach(function (li) {
      if (li.dataset.year) choices.year[li.dataset.year] = li.dataset.year;
      if (li.dataset.kind) choices.type[li.dataset.kind] = KINDS[li.dataset.kind] || li.dataset.kind;
      split(li.dataset.tags).forEach(function (t) { choices.tag[key(t)] = choices.tag[key(t)] || t; });
      split(li.dataset.authors).forEach(function (a) { choices.author[key(a)] = choices.author[key(a)] || a; });
    });
    var labels = {year: "Year", type: "Type", tag: "Tag", author: "Co-author"};
    var form = el("form", {className: "folio-pub-filter", role: "search"});
    form.setAttribute("aria-label", "Filter publications");
    var controls = {};
    FIELDS.forEach(function (field) {
      var values = Object.keys(choices[field]);
      if (values.length < 2) return;
      values.sort(function (a, b) {
        var x = choices[field][a], y = choices[field][b];
        return field === "year" ? y.localeCompare(x) : x.localeCompare(y);
      });
      var id = "folio-filter-" + number + "-" + field;
      var select = el("select", {id: id, name: field});
      select.appendChild(el("option", {value: "", textContent: "All"}));
      values.forEach(function (v) { select.appendChild(el("option", {value: v, textContent: choices[field][v]})); });
      var wrap = el("span", {className: "folio-pub-filter-field"});
      wrap.appendChild(el("label", {htmlFor: id, textContent: labels[field]}));
      wrap.appendChild(select);
      form.appendChild(wrap);
      controls[field] = select;
    });
    var qid = "folio-filter-" + number + "-q";
    var search = el("input", {type: "search", id: qid, name: "q", autocomplete: "off"});
    var wrap = el("span", {className: "folio-pub-filter-field"});
    wrap.appendChild(el("label", {htmlFor: qid, textContent: "Search papers"}));
    wrap.appendChild(search);
    form.appendChild(wrap);
    controls.q = search;
    var reset = el("button", {type: "button", className: "folio-btn", textContent: "Show all"});
    form.appendChild(reset);
    var count = el("p", {className: "folio-pub-count"});
    count.setAttribute("role", "status");
    count.setAttribute("aria-live", "polite");
    // After the "Download all" line; a list of one bib file has none: then first.
    var exported = list.querySelector(":scope > .folio-pub-export");
    list.insertBefore(form, exported ? exported.nextSibling : list.firstChild);
    form.insertAdjacentElement("afterend", count);

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
      count.textContent = shown === facts.length
        ? "Showing all " + shown + " papers"
        : "Showing " + shown + " of " + facts.length + " papers";
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
    search.addEventListener("input", function () { apply(); toUrl(false); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    reset.addEventListener("click", function () {
      Object.keys(controls).forEach(function (f) { controls[f].value = ""; });
      apply(); toUrl(true);
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
