/* sphinx-folio, search page only: a result's snippet is the text of the page it points to.
   Sphinx takes the page's textContent, where blocks run together ("...}2026ICLR") and the
   BibTeX behind each toggle is included. Here the BibTeX, buttons and hidden words are
   left out and every block ends with a space. */
(function () {
  "use strict";
  if (typeof Search === "undefined" || !Search.htmlToText) return;
  var BLOCKS = "p,li,dt,dd,h1,h2,h3,h4,h5,h6,div,section,summary,pre,td,th,blockquote,figcaption";
  var SKIP = ".headerlink,script,style,pre.folio-bibtex,summary,button,.folio-copy-status,[hidden]";
  Search.htmlToText = function (htmlString, anchor) {
    var doc = new DOMParser().parseFromString(htmlString, "text/html");
    doc.querySelectorAll(SKIP).forEach(function (el) { el.remove(); });
    var root = (anchor && doc.querySelector('[role="main"] ' + anchor))
      || doc.querySelector('[role="main"]');
    if (!root) return "";
    root.querySelectorAll(BLOCKS).forEach(function (el) { el.append(" "); });
    return root.textContent.replace(/\s+/g, " ").trim();
  };
})();
