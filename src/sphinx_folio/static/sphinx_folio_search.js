/* sphinx-folio, search page only: a result's snippet is the text of the page it points to.
   Sphinx takes the page's textContent, where blocks run together ("...}2026ICLR") and the
   BibTeX behind each toggle is included. Here the BibTeX, buttons and hidden words are
   left out and every block ends with a space. The snippet starts and ends on whole words,
   around the first place a searched word starts, and a highlight that would begin inside
   a word ("run[time]" for "time") is undone. */
(function () {
  "use strict";
  if (typeof Search === "undefined" || !Search.htmlToText) return;
  var BLOCKS = "p,li,dt,dd,h1,h2,h3,h4,h5,h6,div,section,summary,pre,td,th,blockquote,figcaption";
  var SKIP = ".headerlink,script,style,pre.folio-bibtex,summary,button,.folio-copy-status,[hidden]";
  var BEFORE = 120, LENGTH = 240;
  var WORD = /[\p{L}\p{N}]/u;
  Search.htmlToText = function (htmlString, anchor) {
    var doc = new DOMParser().parseFromString(htmlString, "text/html");
    doc.querySelectorAll(SKIP).forEach(function (el) { el.remove(); });
    var root = (anchor && doc.querySelector('[role="main"] ' + anchor))
      || doc.querySelector('[role="main"]');
    if (!root) return "";
    root.querySelectorAll(BLOCKS).forEach(function (el) { el.append(" "); });
    return root.textContent.replace(/\s+/g, " ").trim();
  };
  /* Where a keyword first starts a word in text (lower case); -1 if it never does. */
  function wordStart(text, keyword) {
    for (var at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) {
      if (at === 0 || !WORD.test(text[at - 1])) return at;
    }
    return -1;
  }
  Search.makeSearchSummary = function (htmlText, keywords, anchor) {
    var text = Search.htmlToText(htmlText, anchor);
    if (text === "") return null;
    var lower = text.toLowerCase();
    var found = [];
    keywords.forEach(function (k) {
      var at = wordStart(lower, k.toLowerCase());
      if (at < 0) at = lower.indexOf(k.toLowerCase());
      if (at >= 0) found.push(at);
    });
    var at = found.length ? Math.min.apply(null, found) : 0;
    var start = Math.max(at - BEFORE, 0);
    if (start > 0) {
      // Forward to the next word, and to the start of a sentence if one begins soon.
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < at ? space + 1 : start;
      var sentence = text.slice(start, at).search(/[.!?] \S/);
      if (sentence >= 0 && sentence < 60) start += sentence + 2;
    }
    var end = Math.min(start + LENGTH, text.length);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      if (cut > at) end = cut;
    }
    var summary = document.createElement("p");
    summary.classList.add("context");
    summary.textContent = (start > 0 ? "\u2026" : "") + text.slice(start, end).trim()
      + (end < text.length ? "\u2026" : "");
    return summary;
  };
  /* Sphinx highlights a searched word wherever its letters occur: keep the highlights
     that start a word. */
  function undoInsideWords(root) {
    root.querySelectorAll("span.highlighted").forEach(function (span) {
      var before = span.previousSibling;
      var last = before && before.nodeType === Node.TEXT_NODE ? before.nodeValue.slice(-1) : "";
      if (last && WORD.test(last)) {
        var parent = span.parentNode;
        parent.replaceChild(document.createTextNode(span.textContent), span);
        parent.normalize();
      }
    });
  }
  function watch() {
    var results = document.getElementById("search-results");
    if (!results) return;
    new MutationObserver(function () { undoInsideWords(results); })
      .observe(results, {childList: true, subtree: true});
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
