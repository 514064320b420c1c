// MathJax 3, the reference the new path is measured against (never shipped in a site).
// Reads JSON lines {"tex", "display", "preamble": JSON list of definitions} on stdin; writes one JSON line each:
// {"mml"} or {"error"}. Needs `npm ci` in benchmarks/ (mathjax-full, pinned in package.json).
const readline = require("readline");
const { mathjax } = require("mathjax-full/js/mathjax.js");
const { TeX } = require("mathjax-full/js/input/tex.js");
const { liteAdaptor } = require("mathjax-full/js/adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
const { AllPackages } = require("mathjax-full/js/input/tex/AllPackages.js");
const { SerializedMmlVisitor } = require("mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js");
const { STATE } = require("mathjax-full/js/core/MathItem.js");
const { SVG } = require("mathjax-full/js/output/svg.js");
// `node mathjax_reference.cjs svg`: SVG pictures (for the side-by-side comparison).
const asSvg = process.argv[2] === "svg";

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
// As al-folio's page loads it: every package that autoload would bring, AMS numbering.
// One document per preamble (a source's macros): MathJax keeps a \newcommand for the later
// formulas of its document, as on a page. Each definition is read on its own, so one that
// MathJax refuses does not lose the others.
const documents = new Map();
function documentFor(preamble) {
  if (!documents.has(preamble)) {
    const tex = new TeX({ packages: AllPackages.filter((p) => p !== "bussproofs"), tags: "none" });
    const html = mathjax.document("", {
      InputJax: tex,
      ...(asSvg ? { OutputJax: new SVG({ fontCache: "none" }) } : {}),
    });
    for (const line of JSON.parse(preamble || "[]")) {
      try { html.convert(line, { display: false, end: STATE.CONVERT }); } catch (_) { /* skip */ }
    }
    documents.set(preamble, html);
  }
  return documents.get(preamble);
}
const visitor = new SerializedMmlVisitor();

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const { tex: source, display, preamble } = JSON.parse(line);
  try {
    const html = documentFor(preamble);
    const text = source;
    if (asSvg) {
      const node = html.convert(text, { display });
      process.stdout.write(JSON.stringify({ svg: adaptor.outerHTML(node) }) + "\n");
      return;
    }
    const node = html.convert(text, { display, end: STATE.CONVERT });
    process.stdout.write(JSON.stringify({ mml: visitor.visitTree(node, html) }) + "\n");
  } catch (error) {
    process.stdout.write(JSON.stringify({ error: String(error.message || error) }) + "\n");
  }
});
